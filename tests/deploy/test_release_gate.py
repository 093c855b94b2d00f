"""The release gate: `make dist` publishes only what is confirmed, `make dist-preview` says it is a preview.

A release is ready when no fact in data/facts.yml is null, `unconfirmed` is empty, every fact not
from the source is confirmed with who and when, every page is confirmed with who and when, and
SITE_URL states the address (helpsite/release.py, helpsite/confirmation.py). A release has no
editor's mark and no review page; a preview has both.
"""

from __future__ import annotations

import base64
import datetime
import functools
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from checks.__main__ import CHECKS, run_checks
from harness.building import build, copy_project
from harness.ports import free_port
from helpsite import confirmation, marks, release, review_page
from helpsite.built_site import built_pages, is_help_id_redirect, rel_path
from helpsite.facts import load_yaml, null_facts
from helpsite.project import PROJECT, languages
from helpsite.review_items import FACT, PAGE_NOTE, QUESTION, SETTING, TEMPLATES, review_items
from scripts import nginx_config

RELEASE_URL = "https://support.scanprix.de/"
NOINDEX_HEADER = 'add_header X-Robots-Tag "noindex" always;'
UI_TEXT = load_yaml(PROJECT / "data" / "ui-text.yml")


# --- helpsite/release.py on small fixture data --------------------------------------------------

FACTS = {
    "support": {"email": "a@b.de", "hours": None, "tagline": {"de": "Hallo", "en": "Hello"}},
    "legal": {"url": "https://example.org/", "officer": None},
    "source": {"support.email": "the support page", "support.tagline": "its title"},
    "confirmed": {},
    "unconfirmed": {
        "support.hours": {"label": {"de": "Zeiten", "en": "hours"}, "note": "Opening hours."},
        "legal.url": {"label": {"de": "Adresse", "en": "address"}, "note": "Public address; confirm it."},
    },
}
WHO_AND_WHEN = {"by": "Erika Muster", "date": datetime.date(2026, 11, 30)}
CONFIRMED_PAGE = {"title": "T", "review": {"status": "confirmed", **WHO_AND_WHEN}}
OPEN_PAGE = {"title": "T", "review": {"status": "needs-review", "notes": ["one", "two"]}}


def test_null_and_unconfirmed_facts_are_named_with_the_reason():
    found = [str(b) for b in release.fact_blockers(FACTS)]
    assert found == [
        "data/facts.yml support.hours: no value yet (Opening hours.)",
        "data/facts.yml legal.url: listed under 'unconfirmed' (Public address; confirm it.)",
        # null, and in no list: named all the same
        "data/facts.yml legal.officer: 'legal.officer' has no value; list it under 'unconfirmed' so that "
        "the company confirms it, or give it a value from the source.",
    ]


def test_facts_from_the_source_or_confirmed_with_who_and_when_block_nothing():
    facts = {"support": {"email": "a@b.de", "tagline": {"de": "x", "en": "y"}},
             "source": {"support.email": "the support page"},
             "confirmed": {"support.tagline": WHO_AND_WHEN}, "unconfirmed": {}}
    assert release.fact_blockers(facts) == []
    whole_group = {"support": {"phone": {"display": "+49 1", "tel": "+491"}}, "source": {"support": "page"}}
    assert release.fact_blockers(whole_group) == []


def test_a_fact_taken_off_unconfirmed_without_who_and_when_is_blocked():
    facts = {"support": {"email": "a@b.de", "hours": "9-17"}, "source": {"support.email": "page"}}
    (blocker,) = release.fact_blockers(facts)
    assert blocker.where == "data/facts.yml support.hours"
    assert "named in none of 'source', 'confirmed', 'unconfirmed'" in blocker.why
    assert "'support.hours: {by: <name>, date: <YYYY-MM-DD>}' under 'confirmed'" in blocker.why


@pytest.mark.parametrize("record, lacks", [
    ({}, "no 'by:'"), ({"by": "Erika Muster"}, "no 'date:'"), ("yes", "no record of who and when"),
    ({"by": "Erika Muster", True: datetime.date(2026, 11, 30)}, "'on:' reads as true in YAML"),
])
def test_a_bare_confirmed_fact_is_blocked_naming_what_it_lacks(record, lacks):
    facts = {"support": {"email": "a@b.de", "hours": "9-17"}, "source": {"support.email": "page"},
             "confirmed": {"support.hours": record}}
    (blocker,) = release.fact_blockers(facts)
    assert blocker.where == "data/facts.yml support.hours"
    assert "'support.hours' is listed as confirmed, but " in blocker.why and lacks in blocker.why


def test_every_page_not_confirmed_with_who_and_when_is_named():
    pages = {"docs/a.de.md": CONFIRMED_PAGE, "docs/a.en.md": OPEN_PAGE, "docs/b.de.md": {"title": "T"},
             "docs/b.en.md": {"review": {"status": "draft"}},
             "docs/c.de.md": {"review": {"status": "confirmed"}},
             "docs/c.en.md": {"review": {"status": "confirmed", "by": "Erika Muster"}}}
    found = [str(b) for b in release.page_blockers(pages)]
    assert found[:3] == [
        "docs/a.en.md: review status is needs-review, 2 note(s) to confirm (make review)",
        "docs/b.de.md: review status is missing",
        "docs/b.en.md: review status is draft",
    ]
    assert found[3].startswith("docs/c.de.md: review status is confirmed without who and when: review status "
                               "is confirmed, but no 'by:'")
    assert found[4].startswith("docs/c.en.md: review status is confirmed without who and when: ")
    assert "no 'date:'" in found[4] and "write review: {status: confirmed, by: <name>, date: <YYYY-MM-DD>}" in found[4]


@pytest.mark.parametrize("site_url", [None, "", "  "])
def test_a_release_without_site_url_is_blocked_naming_the_unconfirmed_default(site_url):
    (blocker,) = release.site_url_blocker(site_url, RELEASE_URL)
    assert blocker.where == "SITE_URL" and RELEASE_URL in blocker.why


def test_a_stated_site_url_is_not_blocked():
    assert release.site_url_blocker("https://hilfe.example.de/", RELEASE_URL) == []


def test_ready_when_nothing_is_open():
    facts = {"support": {"email": "a@b.de"}, "source": {"support.email": "page"}, "unconfirmed": {}}
    assert release.release_blockers(facts, {"docs/a.de.md": CONFIRMED_PAGE}, RELEASE_URL, RELEASE_URL) == []


def test_blockers_list_facts_then_pages_then_the_address():
    found = release.release_blockers(FACTS, {"docs/a.en.md": OPEN_PAGE}, None, RELEASE_URL)
    assert [b.where for b in found] == ["data/facts.yml support.hours", "data/facts.yml legal.url",
                                        "data/facts.yml legal.officer", "docs/a.en.md", "SITE_URL"]


def test_blockers_are_read_from_a_projects_files(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "facts.yml").write_text(yaml.safe_dump(FACTS), encoding="utf-8")
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "a.de.md").write_text(
        "---\ntitle: A\nreview:\n  status: confirmed\n  by: Erika Muster\n  date: 2026-11-30\n---\n# A\n")
    (tmp_path / "docs" / "sub" / "b.en.md").write_text(
        "---\ntitle: B\nreview:\n  status: needs-review\n  notes: [x]\n---\n# B\n")
    (tmp_path / "mkdocs.yml").write_text(
        'site_url: !ENV [SITE_URL, "https://hilfe.example.de/"]\n'
        "plugins:\n  - i18n:\n      languages:\n        - {locale: de, default: true}\n        - {locale: en}\n"
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
    """(facts, pages) a release of project must not have, read here without helpsite/release.py
    (a page counts as confirmed only with who and when)."""
    facts = yaml.safe_load((project / "data" / "facts.yml").read_text(encoding="utf-8"))
    keys = list(dict.fromkeys(list(facts.get("unconfirmed") or {}) + null_facts(facts)))
    pages = [f"docs/{p.relative_to(project / 'docs').as_posix()}" for p in sorted((project / "docs").rglob("*.md"))
             if not re.search(r"^review:\n(  .*\n)*?  status: confirmed\n  by: .+\n  date: .+$",
                              p.read_text(encoding="utf-8"), re.M)]
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
    """Every null fact gets a value and every open fact a record of who confirmed it and when;
    every page is confirmed, with who and when. The values are lower case: a capitalised word
    of eight letters or more is a new compound candidate for the German search terms, and
    loading the compound splitter's model costs a build seconds (helpsite/search_terms.py)."""
    path = project / "data" / "facts.yml"
    facts = yaml.safe_load(path.read_text(encoding="utf-8"))

    def fill(value, where):
        if isinstance(value, dict):
            return {key: fill(item, f"{where}.{key}" if where else key) for key, item in value.items()}
        if value is None:
            return f"https://www.example.com/{where}" if where.endswith("url") else f"confirmed {where}"
        return value

    lists = ("source", "confirmed", "unconfirmed")
    filled = fill({key: value for key, value in facts.items() if key not in lists}, "")
    filled["source"] = facts["source"]
    filled["confirmed"] = {**(facts.get("confirmed") or {}),
                           **{key: {"by": "Erika Muster", "date": "2026-11-30"} for key in facts["unconfirmed"]}}
    filled["unconfirmed"] = {}
    path.write_text(yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"^(  status: )needs-review$", r"\1confirmed\n  by: Erika Muster\n  date: 2026-11-30",
                               text, count=1, flags=re.M), encoding="utf-8")


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


@pytest.fixture(scope="module")
def released_bundle(confirmed_release, tmp_path_factory):
    """The release's offline help, unpacked."""
    _result, out = confirmed_release
    target = tmp_path_factory.mktemp("released-offline")
    with zipfile.ZipFile(out / "scanprix-help-offline-0.0-test.zip") as archive:
        archive.extractall(target)
    return target / "scanprix-help"


def editor_traces(site) -> list[str]:
    """Editor's marks and the review page in a built site: what a release must not contain."""
    found = [rel_path(page, site) for page in built_pages(site) if page.name == review_page.PAGE]
    for page in built_pages(site):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        found += [f"{rel_path(page, site)}: {mark}" for mark in doc.select(f"mark.{marks.MARK_CLASS}, .sp-unconfirmed")]
        found += [f"{rel_path(page, site)}: link to {a['href']}" for a in doc.select("a[href]")
                  if a["href"].split("#")[0].endswith(review_page.PAGE)]
    return found


def test_a_release_contains_no_editors_mark_and_no_review_page(released_site, released_bundle):
    for site in (released_site / "site", released_bundle):
        assert len(built_pages(site)) > 10
        assert editor_traces(site) == [], site


def test_a_release_build_refuses_a_fact_still_open_naming_the_page_and_the_fact(tmp_path):
    """The second line of defence behind the gate: a release build (RELEASE=true, as make dist
    runs it) of the project as it is stops at the first page that shows an open fact."""
    result = build(PROJECT, tmp_path / "site", site_url=RELEASE_URL, check=False, env={"RELEASE": "true"})
    assert result.returncode != 0
    refused = re.search(r"(docs/[\w.-]+\.md): fact '([\w.]+)' \(([^)]*)\) is not confirmed yet, and a release "
                        r"shows confirmed facts only", result.stdout)
    assert refused, result.stdout[-2000:]
    page, key = refused[1], refused[2]
    assert f'"{key}"' in (PROJECT / page).read_text(encoding="utf-8"), f"{page} does not use {key}"
    assert key in [b.where.split(" ", 1)[1] for b in release.fact_blockers(load_yaml(PROJECT / "data" / "facts.yml"))]


def test_a_build_is_a_release_or_a_preview_not_both(tmp_path):
    result = build(PROJECT, tmp_path / "site", check=False, env={"RELEASE": "true", "PREVIEW": "true"})
    assert result.returncode != 0 and "a build is a release or a preview, not both" in result.stdout


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


@pytest.mark.parametrize("bundle", ["web", "offline"])
def test_a_preview_marks_every_open_fact_where_it_shows_in_its_language(preview, bundle):
    site = preview[0] / "site" if bundle == "web" else preview[1]
    facts, langs, ui_text = load_yaml(PROJECT / "data" / "facts.yml"), languages(), load_yaml(PROJECT / "data" / "ui-text.yml")
    editors_marks = functools.cache(lambda page: BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select(
        f"mark.{marks.MARK_CLASS}"))  # a page shows several facts: read it once
    for item in [item for item in review_items(PROJECT) if item.kind == FACT]:
        for place in item.places:
            for lang in langs.codes:
                pages = ([site / langs.root(lang) / "index.html"] if place.page == TEMPLATES
                         else [site / langs.root(lang) / f"{place.page}.html"])
                for page in pages:
                    found = [m for m in editors_marks(page)
                             if confirmation.covers(item.name, m["data-fact"]) or confirmation.covers(m["data-fact"], item.name)]
                    assert found, f"{rel_path(page, site)}: no editor's mark for {item.name}"
                    label = facts["unconfirmed"][item.name]["label"][lang]
                    wording = ui_text[lang][marks.WORDING_KEY]
                    assert any(f"[{wording}: {label}]" in m.get_text() for m in found), (rel_path(page, site), item.name)


@pytest.mark.parametrize("bundle", ["web", "offline"])
def test_a_preview_has_the_review_page_with_every_open_item_linked_to_where_it_shows(preview, bundle):
    site = preview[0] / "site" if bundle == "web" else preview[1]
    langs = languages()
    assert (site / review_page.PAGE).exists()
    assert not [lang for lang in langs.others(langs.default) if (site / langs.root(lang) / review_page.PAGE).exists()]
    doc = BeautifulSoup((site / review_page.PAGE).read_text(encoding="utf-8"), "lxml")
    assert doc.html["lang"] == langs.default
    article = doc.select_one("article")
    text = " ".join(article.get_text(" ").split())
    hrefs = {a["href"] for a in article.select("a[href]")}
    items = review_items(PROJECT)
    assert {item.kind for item in items} == {FACT, PAGE_NOTE, QUESTION, SETTING}
    for item in items:
        assert " ".join(item.text.split()) in text, f"review page lacks {item.kind} {item.name}: {item.text[:60]}"
        for path in item.edit:
            assert path in text, f"review page does not name {path} for {item.name}"
        for place in item.places:
            if place.page != TEMPLATES and place.anchor:
                assert f"{place.page}.html#{place.anchor}" in hrefs, f"no link to {place} for {item.name}"
    # one language: no language switch, no hreflang links; never in the navigation, search or a sitemap
    assert not doc.select(".md-select") and not doc.select("link[hreflang]")
    for page in built_pages(site):
        nav = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select(".md-nav--primary a[href]")
        assert not [a for a in nav if a["href"].split("#")[0].endswith(review_page.PAGE)], rel_path(page, site)
    for index in site.rglob("search_index.json"):
        assert review_page.PAGE not in index.read_text(encoding="utf-8"), index
    for sitemap in site.rglob("sitemap.xml"):
        assert review_page.PAGE not in sitemap.read_text(encoding="utf-8"), sitemap


def test_every_preview_page_links_to_the_review_page_from_its_notice(preview):
    site, langs = preview[0] / "site", languages()
    for page in built_pages(site):
        rel = rel_path(page, site)
        if is_help_id_redirect(rel, langs):
            continue
        link = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one(".md-banner .sp-preview a[href]")
        assert link, f"{rel}: no link to the review page in the preview notice"
        target = (page.parent / link["href"]) if not link["href"].startswith("/") else site / link["href"].lstrip("/")
        assert target.resolve() == (site / review_page.PAGE).resolve(), f"{rel}: {link['href']}"


# The checks that read the built site. Facts and spelling read docs/ and data/ only, the same
# files for a preview as for the clean build, whose findings tests/checks asserts.
CHECKS_OF_THE_BUILT_SITE = {name: check for name, check in CHECKS.items() if name not in ("facts", "spelling")}


def test_the_preview_passes_the_sites_checks(preview):
    """The review page, the marks and the notice pass links, parity, HTML validity, ... as every page must."""
    results = run_checks(preview[0] / "site", PROJECT, CHECKS_OF_THE_BUILT_SITE)
    findings = [f"{name}: {finding}" for name, (found, _seconds) in results.items() for finding in found]
    assert not findings, "\n".join(findings)


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
def test_preview_needs_a_staging_address(dist_script, tmp_path, site_url, message, staging_htpasswd):
    result = dist_script(PROJECT, tmp_path, "--preview", site_url=site_url, htpasswd=staging_htpasswd)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("htpasswd", [None, "  ", "preview.htpasswd"])
def test_preview_needs_the_credentials_file_of_its_reviewers(dist_script, tmp_path, staging_url, htpasswd):
    result = dist_script(PROJECT, tmp_path, "--preview", site_url=staging_url, htpasswd=htpasswd)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "a preview is for the company's reviewers only: name the credentials file" in result.stderr
    assert "PREVIEW_HTPASSWD=/etc/nginx/<name>.htpasswd make dist-preview" in result.stderr
    assert not list(tmp_path.iterdir())


def test_only_the_previews_nginx_configuration_asks_for_credentials(preview, released_site, staging_htpasswd):
    preview_site_conf = (preview[0] / "nginx" / "site.conf").read_text(encoding="utf-8")
    assert f"auth_basic_user_file {staging_htpasswd};" in preview_site_conf
    assert 'auth_basic "' in preview_site_conf
    for conf in (released_site / "nginx").glob("*.conf"):
        directives = [line for line in conf.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
        assert not [line for line in directives if "auth_basic" in line], conf


READER, PASSWORD = "pruefer", "Vorschau-2026"


@pytest.fixture(scope="module")
def preview_htpasswd(openssl_binary, tmp_path_factory) -> Path:
    """A credentials file as the publisher makes one (openssl passwd -apr1; htpasswd -c works too)."""
    hashed = subprocess.run([openssl_binary, "passwd", "-apr1", PASSWORD], capture_output=True, text=True,
                            check=True).stdout.strip()
    path = tmp_path_factory.mktemp("credentials") / "preview.htpasswd"
    path.write_text(f"{READER}:{hashed}\n", encoding="utf-8")
    path.chmod(0o644)  # nginx's worker reads it
    return path


def basic_auth(user: str = READER, password: str = PASSWORD) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def get(origin: str, path: str, headers: dict | None = None):
    """(status, headers) of GET path, without following redirects."""
    import http.client

    connection = http.client.HTTPConnection(urlsplit(origin).netloc, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response


@pytest.fixture(scope="module")
def served_preview(preview, preview_htpasswd, start_nginx, tmp_path_factory):
    """The preview's site behind nginx with a preview's configuration (noindex, credentials): the origin."""
    port = free_port()
    with start_nginx(preview[0] / "site", tmp_path_factory.mktemp("preview-nginx"), port, noindex=True,
                     auth_user_file=str(preview_htpasswd)):
        yield f"http://127.0.0.1:{port}"


def a_page_an_asset_and_a_help_id(site) -> list[str]:
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    return ["/", "/en/install.html", f"/{bundle}", "/assets/stylesheets/site.css", "/go/help/", "/en/go/install/"]


@pytest.mark.server
def test_the_preview_asks_for_credentials_on_every_kind_of_address(served_preview, preview):
    for path in a_page_an_asset_and_a_help_id(preview[0] / "site") + ["/review.html", "/no-such-page.html"]:
        status, response = get(served_preview, path)
        assert status == 401, f"{path}: {status} without credentials"
        assert response.getheader("WWW-Authenticate", "").startswith("Basic "), path
        assert get(served_preview, path, basic_auth(password="wrong"))[0] == 401, f"{path}: wrong password let in"
        assert get(served_preview, path, basic_auth())[0] in (200, 404), path
    for path in a_page_an_asset_and_a_help_id(preview[0] / "site") + ["/review.html"]:
        assert get(served_preview, path, basic_auth())[0] == 200, path


@pytest.mark.server
def test_the_production_release_answers_without_credentials(released_site, start_nginx, tmp_path_factory):
    port = free_port()
    site = released_site / "site"
    with start_nginx(site, tmp_path_factory.mktemp("release-nginx"), port):
        for path in a_page_an_asset_and_a_help_id(site):
            # A release's help IDs are nginx's own redirects, straight to the page.
            expected = 302 if "/go/" in path else 200
            assert get(f"http://127.0.0.1:{port}", path)[0] == expected, path
        assert get(f"http://127.0.0.1:{port}", "/review.html")[0] == 404


@pytest.mark.server
def test_nginx_sends_noindex_on_every_kind_of_response_of_a_preview(served_preview, preview):
    site = preview[0] / "site"
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    for path, status in (("/", 200), ("/en/install.html", 200), (f"/{bundle}", 200),
                         ("/assets/stylesheets/site.css", 200), ("/search/search_index.json", 200),
                         # Behind the password the help IDs take their redirect pages: nginx's own
                         # redirect would answer before it asks (scripts/nginx_config.py).
                         ("/go/help/", 200), ("/go/help", 301), ("/no-such-page.html", 404),
                         ("/en/no-such-page.html", 404)):
        got, response = get(served_preview, path, basic_auth())
        assert got == status, path
        assert response.getheader("X-Robots-Tag") == "noindex", path
    assert get(served_preview, "/")[1].getheader("X-Robots-Tag") == "noindex", "the 401 answer lacks noindex"


@pytest.mark.server
@pytest.mark.browser
def test_preview_notice_is_visible_and_accessible(served_preview, browser):
    """axe-core (WCAG 2.2 A/AA) finds nothing in the notice, on a phone and a desktop (the
    pages around it: tests/browser/test_accessibility.py)."""
    from harness.probes import VIEWPORTS, axe_violations

    langs = languages()
    tab = browser.new_page()
    tab.set_extra_http_headers(basic_auth())  # a reviewer who has signed in
    problems = []
    try:
        for viewport, size in VIEWPORTS.items():
            tab.set_viewport_size(size)
            for lang in langs.codes:
                for path in (f"{langs.root(lang)}index.html", f"{langs.root(lang)}no-such-page.html"):
                    tab.goto(f"{served_preview}/{path}", wait_until="load")
                    notice = tab.locator(".md-banner .sp-preview")
                    if not notice.is_visible() or UI_TEXT[lang]["preview_notice"] not in notice.inner_text():
                        problems.append(f"{path} ({viewport}): preview notice not visible")
                    problems += [f"{path} ({viewport}): {v}" for v in axe_violations(tab, within=".md-banner")]
    finally:
        tab.close()
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
