"""The release gate: `make dist` publishes only what is confirmed, `make dist-preview` says it is a preview.

A release is ready when no fact in data/facts.yml is null, `unconfirmed` is empty, every page's
review status is confirmed and SITE_URL states the address (helpsite/release.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from helpsite import release
from harness.building import copy_project
from helpsite.built_site import built_pages, is_help_id_redirect, rel_path
from helpsite.facts import load_yaml, null_facts
from helpsite.project import PROJECT, languages
from harness.ports import free_port
from scripts import nginx_config

RELEASE_URL = "https://support.scanprix.de/"
NOINDEX_HEADER = 'add_header X-Robots-Tag "noindex" always;'
UI_TEXT = load_yaml(PROJECT / "data" / "ui-text.yml")


# --- helpsite/release.py on small fixture data --------------------------------------------------

FACTS = {
    "support": {"email": "a@b.de", "hours": None, "tagline": {"de": "Hallo", "en": "Hello"}},
    "legal": {"url": "https://example.org/", "officer": None},
    "unconfirmed": {"support.hours": "Opening hours.", "legal.url": "Public address; confirm it."},
}
CONFIRMED_PAGE = {"title": "T", "review": {"status": "confirmed"}}
OPEN_PAGE = {"title": "T", "review": {"status": "needs-review", "notes": ["one", "two"]}}


def test_null_and_unconfirmed_facts_are_named_with_the_reason():
    found = [str(b) for b in release.fact_blockers(FACTS)]
    assert found == [
        "data/facts.yml support.hours: no value yet (Opening hours.)",
        "data/facts.yml legal.url: listed under 'unconfirmed' (Public address; confirm it.)",
        "data/facts.yml legal.officer: no value yet",  # null but not listed: named all the same
    ]


def test_facts_with_values_and_nothing_unconfirmed_block_nothing():
    assert release.fact_blockers({"support": {"email": "a@b.de", "tagline": {"de": "x", "en": "y"}},
                                  "unconfirmed": {}}) == []
    assert release.fact_blockers({"support": {"email": "a@b.de"}}) == []  # no `unconfirmed` key at all


def test_every_page_not_confirmed_is_named():
    pages = {"docs/a.de.md": CONFIRMED_PAGE, "docs/a.en.md": OPEN_PAGE, "docs/b.de.md": {"title": "T"},
             "docs/b.en.md": {"review": {"status": "draft"}}}
    assert [str(b) for b in release.page_blockers(pages)] == [
        "docs/a.en.md: review status is needs-review, 2 note(s) to confirm (make review)",
        "docs/b.de.md: review status is missing",
        "docs/b.en.md: review status is draft",
    ]


@pytest.mark.parametrize("site_url", [None, "", "  "])
def test_a_release_without_site_url_is_blocked_naming_the_unconfirmed_default(site_url):
    (blocker,) = release.site_url_blocker(site_url, RELEASE_URL)
    assert blocker.where == "SITE_URL" and RELEASE_URL in blocker.why


def test_a_stated_site_url_is_not_blocked():
    assert release.site_url_blocker("https://hilfe.example.de/", RELEASE_URL) == []


def test_ready_when_nothing_is_open():
    facts = {"support": {"email": "a@b.de"}, "unconfirmed": {}}
    assert release.release_blockers(facts, {"docs/a.de.md": CONFIRMED_PAGE}, RELEASE_URL, RELEASE_URL) == []


def test_blockers_list_facts_then_pages_then_the_address():
    found = release.release_blockers(FACTS, {"docs/a.en.md": OPEN_PAGE}, None, RELEASE_URL)
    assert [b.where for b in found] == ["data/facts.yml support.hours", "data/facts.yml legal.url",
                                        "data/facts.yml legal.officer", "docs/a.en.md", "SITE_URL"]


def test_blockers_are_read_from_a_projects_files(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "facts.yml").write_text(yaml.safe_dump(FACTS), encoding="utf-8")
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "a.de.md").write_text("---\ntitle: A\nreview:\n  status: confirmed\n---\n# A\n")
    (tmp_path / "docs" / "sub" / "b.en.md").write_text(
        "---\ntitle: B\nreview:\n  status: needs-review\n  notes: [x]\n---\n# B\n")
    (tmp_path / "mkdocs.yml").write_text(
        'site_url: !ENV [SITE_URL, "https://hilfe.example.de/"]\n'
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    assert release.default_site_url(tmp_path) == "https://hilfe.example.de/"
    names = [b.where for b in release.blockers(tmp_path, environ={})]
    assert names[-2:] == ["docs/sub/b.en.md", "SITE_URL"]
    assert "docs/a.de.md" not in names
    assert "SITE_URL" not in [b.where for b in release.blockers(tmp_path, environ={"SITE_URL": "https://x.de/"})]


def test_default_site_url_of_a_plain_setting(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_url: https://hilfe.example.de/\n")
    assert release.default_site_url(tmp_path) == "https://hilfe.example.de/"


# --- make dist on the project as it is: refused ---------------------------------------------------

def open_items(project=PROJECT):
    """(facts, pages) a release of project must not have, read here without helpsite/release.py."""
    facts = yaml.safe_load((project / "data" / "facts.yml").read_text(encoding="utf-8"))
    keys = list(facts.get("unconfirmed") or {}) + null_facts(facts)
    pages = [f"docs/{p.relative_to(project / 'docs').as_posix()}" for p in sorted((project / "docs").rglob("*.md"))
             if not re.search(r"^review:\n(  .*\n)*?  status: confirmed$", p.read_text(encoding="utf-8"), re.M)]
    return keys, pages


def test_release_of_the_project_as_it_is_is_refused_naming_each_unconfirmed_fact_and_page(dist_script, tmp_path):
    keys, pages = open_items()
    assert keys, "data/facts.yml has no unconfirmed fact: this test expects the project as the issue left it"
    result = dist_script(PROJECT, tmp_path, site_url=RELEASE_URL)
    assert result.returncode == 1, result.stdout + result.stderr
    for key in keys:
        assert f"- data/facts.yml {key}: " in result.stderr, key
    for page in pages:
        assert f"- {page}: review status is " in result.stderr, page
    assert "SITE_URL" not in result.stderr.split("Resolve each one")[0], "SITE_URL was set"
    assert not list(tmp_path.iterdir()), "a refused release must not write archives"


def test_release_without_site_url_also_names_the_address(dist_script, tmp_path):
    result = dist_script(PROJECT, tmp_path)
    assert result.returncode == 1
    assert "- SITE_URL: not set" in result.stderr and RELEASE_URL in result.stderr


# --- make dist on a copy with everything confirmed: a release -------------------------------------

def confirm_everything(project):
    """Every null fact gets a value, `unconfirmed` is emptied, every page is confirmed."""
    path = project / "data" / "facts.yml"
    facts = yaml.safe_load(path.read_text(encoding="utf-8"))

    def fill(value, where):
        if isinstance(value, dict):
            return {key: fill(item, f"{where}.{key}" if where else key) for key, item in value.items()}
        if value is None:
            return f"https://www.example.com/{where}" if where.endswith("url") else f"Confirmed {where}"
        return value

    facts = fill({key: value for key, value in facts.items() if key != "unconfirmed"}, "")
    facts["unconfirmed"] = {}
    path.write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"^(  status: )needs-review$", r"\1confirmed", text, count=1, flags=re.M),
                        encoding="utf-8")


@pytest.fixture(scope="module")
def confirmed_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("confirmed") / "project")
    confirm_everything(project)
    assert open_items(project) == ([], [])
    return project


@pytest.fixture(scope="module")
def confirmed_release(confirmed_project, dist_script, tmp_path_factory):
    """`make dist` in the confirmed copy, for the confirmed address: (result, archives folder)."""
    out = tmp_path_factory.mktemp("release")
    return dist_script(confirmed_project, out, site_url=RELEASE_URL), out


@pytest.fixture(scope="module")
def released_site(confirmed_release, tmp_path_factory):
    result, out = confirmed_release
    assert result.returncode == 0, result.stdout + result.stderr
    target = tmp_path_factory.mktemp("released")
    with tarfile.open(out / "scanprix-support-site-0.0-test.tar.gz") as archive:
        archive.extractall(target, filter="data")
    return target / "scanprix-support-site-0.0-test"


def test_a_fully_confirmed_copy_publishes_a_release(confirmed_project, confirmed_release):
    result, out = confirmed_release
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "scanprix-help-offline-0.0-test.zip", "scanprix-support-site-0.0-test.tar.gz"]
    assert release.blockers(confirmed_project, environ={"SITE_URL": RELEASE_URL}) == []


def test_a_release_has_no_preview_notice_and_no_noindex_except_on_404_and_help_id_pages(released_site):
    site, langs = released_site / "site", languages()
    pages = built_pages(site)
    assert len(pages) > 10
    for page in pages:
        rel = rel_path(page, site)
        html = page.read_text(encoding="utf-8")
        doc = BeautifulSoup(html, "lxml")
        robots = doc.find_all("meta", attrs={"name": "robots"})
        never_indexed = page.name == "404.html" or is_help_id_redirect(rel, langs)
        assert len(robots) == (1 if never_indexed else 0), rel
        assert not doc.select(".md-banner"), f"{rel}: an announcement bar in a release"
        for lang in langs.codes:
            assert UI_TEXT[lang]["preview_notice"] not in html, rel
    headers = (released_site / "nginx" / "security-headers.conf").read_text(encoding="utf-8")
    assert "add_header X-Robots-Tag" not in headers
    assert f'href="{RELEASE_URL}en/install.html"' in (site / "install.html").read_text(encoding="utf-8")


def test_a_confirmed_copy_without_site_url_is_refused_for_the_address_alone(confirmed_project, dist_script, tmp_path):
    result = dist_script(confirmed_project, tmp_path)
    assert result.returncode == 1
    listed = [line for line in result.stderr.splitlines() if line.startswith("- ")]
    assert len(listed) == 1 and listed[0].startswith("- SITE_URL: not set"), result.stderr


# --- make dist-preview: the same archives, marked as a preview -----------------------------------

@pytest.fixture(scope="module")
def preview(dist_archives, tmp_path_factory):
    """The preview's web release folder (site/, nginx/) and offline bundle, unpacked."""
    web, offline = dist_archives
    target = tmp_path_factory.mktemp("preview")
    with tarfile.open(web) as archive:
        archive.extractall(target / "web", filter="data")
    with zipfile.ZipFile(offline) as archive:
        archive.extractall(target / "offline")
    (release_dir,) = (target / "web").iterdir()
    return release_dir, target / "offline" / "scanprix-help"


def test_preview_archives_are_named_as_previews(dist_archives, preview):
    web, offline = dist_archives
    assert web.name.endswith("-preview.tar.gz") and offline.name.endswith("-preview.zip")
    assert preview[0].name.endswith("-preview")


@pytest.mark.parametrize("bundle", ["web", "offline"])
def test_every_preview_page_says_noindex_and_shows_the_notice_in_its_language(preview, bundle):
    site = preview[0] / "site" if bundle == "web" else preview[1]
    langs = languages()
    pages = built_pages(site)
    kinds = {"404": 0, "go": 0, "content": 0}
    assert len(pages) > 10
    for page in pages:
        rel = rel_path(page, site)
        lang = langs.of_path(rel)
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        robots = doc.find_all("meta", attrs={"name": "robots"})
        assert [m.get("content") for m in robots] == ["noindex"], f"{rel}: {robots}"
        if is_help_id_redirect(rel, langs):
            kinds["go"] += 1
            notice = doc.body.find("p")
        else:
            kinds["404" if page.name == "404.html" else "content"] += 1
            notice = doc.select_one(".md-banner .sp-preview")
            assert notice, f"{rel}: no preview notice in the announcement bar"
        text = notice.get_text(" ", strip=True)
        ui = UI_TEXT[lang]
        assert text.startswith(ui["preview_label"]) and ui["preview_notice"] in text, f"{rel}: {text!r}"
    assert kinds["go"] and kinds["content"] and kinds["404" if bundle == "web" else "content"], kinds


def test_preview_nginx_configuration_sends_noindex(preview):
    headers = (preview[0] / "nginx" / "security-headers.conf").read_text(encoding="utf-8")
    assert NOINDEX_HEADER in headers


def test_preview_is_built_for_its_staging_address(preview, staging_url):
    site = preview[0] / "site"
    assert f'href="{staging_url}en/install.html"' in (site / "install.html").read_text(encoding="utf-8")
    main = (preview[0] / "nginx" / nginx_config.MAIN_FILE).read_text(encoding="utf-8")
    assert f"server_name {urlsplit(staging_url).hostname};" in main


@pytest.mark.parametrize("site_url, message", [
    (None, "a preview needs the address it will be served at"),
    (RELEASE_URL, "is the production host of mkdocs.yml"),
])
def test_preview_needs_a_staging_address(dist_script, tmp_path, site_url, message):
    result = dist_script(PROJECT, tmp_path, "--preview", site_url=site_url)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert not list(tmp_path.iterdir())


@pytest.fixture(scope="module")
def served_preview(preview, start_nginx, tmp_path_factory):
    """The preview's site behind nginx with a preview's configuration (noindex): the origin."""
    port = free_port()
    with start_nginx(preview[0] / "site", tmp_path_factory.mktemp("preview-nginx"), port, noindex=True):
        yield f"http://127.0.0.1:{port}"


@pytest.mark.server
def test_nginx_sends_noindex_on_every_kind_of_response_of_a_preview(served_preview, preview):
    import http.client

    site = preview[0] / "site"
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    for path, status in (("/", 200), ("/en/install.html", 200), (f"/{bundle}", 200),
                         ("/assets/stylesheets/site.css", 200), ("/search/search_index.json", 200),
                         ("/go/help/", 302), ("/go/help", 302), ("/no-such-page.html", 404),
                         ("/en/no-such-page.html", 404)):
        connection = http.client.HTTPConnection(urlsplit(served_preview).netloc, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == status, path
        assert response.getheader("X-Robots-Tag") == "noindex", path


@pytest.mark.server
@pytest.mark.browser
def test_preview_notice_is_visible_and_accessible(served_preview, browser):
    """axe-core (WCAG 2.2 A/AA) stays clean with the notice, on a phone and a desktop."""
    from harness.probes import VIEWPORTS, axe_violations

    thread, context = browser
    langs = languages()

    def check():
        tab = context.new_page()
        problems = []
        for viewport, size in VIEWPORTS.items():
            tab.set_viewport_size(size)
            for lang in langs.codes:
                for path in (f"{langs.root(lang)}index.html", f"{langs.root(lang)}no-such-page.html"):
                    tab.goto(f"{served_preview}/{path}", wait_until="load")
                    notice = tab.locator(".md-banner .sp-preview")
                    if not notice.is_visible() or UI_TEXT[lang]["preview_notice"] not in notice.inner_text():
                        problems.append(f"{path} ({viewport}): preview notice not visible")
                    problems += [f"{path} ({viewport}): {v}" for v in axe_violations(tab)]
        tab.close()
        return problems

    problems = thread.run(check)
    assert not problems, "\n".join(problems)


# --- make review: what blocks a release comes first -------------------------------------------

def test_review_lists_what_blocks_a_release_first():
    out = subprocess.run([sys.executable, "-m", "scripts.review"], cwd=PROJECT, capture_output=True,
                         text=True, check=True).stdout
    first, _, rest = out.partition("Content review list")
    assert first.startswith("Blocks a release: ")
    keys, pages = open_items()
    for name in [f"data/facts.yml {key}" for key in keys] + pages:
        assert f"- {name}: " in first, name
    assert rest, "the content review list follows the blockers"
