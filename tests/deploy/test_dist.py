"""make dist: the web-server archive and the offline help ZIP, opened from file:// in Chromium.

The archives are a preview's (make dist-preview), the only kind the project as it is may build;
a release has the same layout (tests/deploy/test_release_gate.py)."""

from __future__ import annotations

import re
import tarfile
import zipfile
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from harness.building import content_pages
from harness.search_questions import with_a_typo
from helpsite.project import languages
from scripts import dist, nginx_config

OFFLINE_TOP = "scanprix-help"


@pytest.fixture(scope="module")
def web_release(dist_archives, tmp_path_factory):
    target = tmp_path_factory.mktemp("web")
    with tarfile.open(dist_archives[0]) as archive:
        archive.extractall(target, filter="data")
    (release,) = target.iterdir()
    return release


@pytest.fixture(scope="module")
def offline_dir(dist_archives, tmp_path_factory):
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(dist_archives[1]) as archive:
        archive.extractall(target)
    assert [p.name for p in target.iterdir()] == [OFFLINE_TOP]
    return target / OFFLINE_TOP


def go_pages(site):
    return sorted(site.glob("go/*/index.html")) + sorted(site.glob("en/go/*/index.html"))


def test_version_comes_from_git():
    assert re.fullmatch(r"(v?\d[\w.-]*|\d{8}-[0-9a-f]{7,})(-dirty)?", dist.version()), dist.version()


def test_web_archive_holds_the_site_and_its_nginx_configuration(web_release):
    assert web_release.name == "scanprix-support-site-0.0-test-preview"
    site, conf = web_release / "site", web_release / "nginx"
    for page in ("index.html", "404.html", "en/index.html", "en/404.html", "search/search_index.json",
                 "en/search/search_index.json", "go/help/index.html", "en/go/help/index.html"):
        assert (site / page).is_file(), page
    headers = (conf / "security-headers.conf").read_text(encoding="utf-8")
    assert f'"{nginx_config.content_security_policy(site)}"' in headers, "CSP is not the one of this build"
    main = (conf / nginx_config.MAIN_FILE).read_text(encoding="utf-8")
    assert "include /srv/scanprix-support/current/nginx/site.conf;" in main
    assert "root /srv/scanprix-support/current/site;" in (conf / "site.conf").read_text(encoding="utf-8")


def test_web_archive_holds_precompressed_copies_of_its_text_files(web_release):
    import gzip

    site = web_release / "site"
    for name in ("index.html", "en/price-lists.html", "assets/stylesheets/site.css"):
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == (site / name).read_bytes(), name
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js"))
    assert bundle.with_name(bundle.name + ".gz").is_file()
    assert not list(site.rglob("lunr/**/*.gz")), "files no first view loads are left to nginx"


def test_web_archive_has_nothing_of_the_offline_build(web_release):
    site = web_release / "site"
    assert not list(site.rglob("search_index.js"))
    assert not (site / "assets/javascripts/iframe-worker-shim.js").exists()
    assert 'rel="alternate"' in (site / "install.html").read_text(encoding="utf-8")


def test_offline_bundle_contacts_no_host(offline_dir):
    pages = content_pages(offline_dir) + go_pages(offline_dir)
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        # Language links stay inside the bundle (assets/javascripts/search.js keeps
        # Material from fetching sitemaps from file://).
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag, **{attr: True}):
                if tag == "link" and "canonical" in element.get("rel", []):
                    continue  # never fetched
                assert not re.match(r"(https?:)?//", element[attr]), f"{page}: {element}"
    assert not (offline_dir / "404.html").exists() and not (offline_dir / "sitemap.xml").exists()


def test_offline_search_index_is_split_per_language(offline_dir):
    for lang, root in languages().roots().items():
        script = (offline_dir / root / "search" / "search_index.js").read_text(encoding="utf-8")
        assert script.startswith("var __index = ")
        assert script[len("var __index = "):] == (offline_dir / root / "search" / "search_index.json").read_text(
            encoding="utf-8")
        assert f'"lang":["{lang}"]' in script



@pytest.mark.browser
def test_offline_pages_open_from_file_without_errors_or_network(offline_dir, reader_for):
    reader = reader_for("file://")
    problems = []
    for page in content_pages(offline_dir):
        problems += reader.open(page.as_uri())
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_offline_navigation_and_language_switch(offline_dir, reader_for):
    reader = reader_for("file://")
    # From a page with the side menu (the start page has none on a desktop).
    assert not reader.open((offline_dir / "contact.html").as_uri())
    reader.click("nav.md-nav--primary a.md-nav__link[href$='install.html']", (offline_dir / "install.html").as_uri())
    assert reader.switch_language("en") == ((offline_dir / "en" / "install.html").as_uri(), "en")
    assert reader.switch_language("de") == ((offline_dir / "install.html").as_uri(), "de")


@pytest.mark.browser
def test_offline_help_id_pages_lead_to_their_pages(offline_dir, reader_for, help_id_sample):
    reader = reader_for("file://")
    sample = help_id_sample(offline_dir)
    go = [offline_dir / root / "go" / help_id / "index.html"
          for help_id in sample for root in languages().roots().values()]
    assert len(go) >= 4, "too few help-ID pages in the bundle"
    for go_page in go:
        href = BeautifulSoup(go_page.read_text(encoding="utf-8"), "lxml").find("a")["href"]
        target = urljoin(go_page.as_uri(), href)
        lang = reader.follow(go_page.as_uri(), target)
        assert lang == languages().of_path(go_page.relative_to(offline_dir).as_posix()), go_page
    assert not reader.foreign_requests, reader.foreign_requests


@pytest.mark.browser
@pytest.mark.parametrize("lang, root", languages().roots().items())
def test_offline_search_finds_pages_of_the_readers_language(offline_dir, reader_for, title_word, lang, root):
    word, location = title_word(offline_dir / root / "search" / "search_index.json")
    reader = reader_for("file://")
    assert not reader.open((offline_dir / root / "install.html").as_uri())
    # The worker waits for the reader (the index is a local file Material reads at start-up).
    early = [url for url in reader.requests if "/workers/search" in url]
    assert not early, f"search worker started before the search was used: {early}"
    hits = [h.split("?")[0] for h in reader.search(word)]
    language_root = (offline_dir / root).as_uri().rstrip("/") + "/"
    assert urljoin(language_root, location) in hits, (word, hits)
    for hit in hits:
        assert hit.startswith(language_root) and languages().of_path(hit[len(offline_dir.as_uri()) + 1:]) == lang, hit
    typo = with_a_typo(word)  # the forgiving search works from file:// too
    assert urljoin(language_root, location) in [h.split("?")[0] for h in reader.search(typo)], (typo, location)
    assert not reader.problems()


@pytest.mark.browser
def test_the_check_reports_a_request_leaving_the_bundle(offline_dir, reader_for, tmp_path):
    """Planted: a page of a copy of the bundle loads an image from the production host."""
    import shutil

    copy = shutil.copytree(offline_dir, tmp_path / OFFLINE_TOP)
    page = copy / "en" / "contact.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", '<img src="https://support.scanprix.de/pixel.png" alt=""></article>'), encoding="utf-8")
    problems = reader_for("file://").open(page.as_uri())
    assert f"{page.as_uri()}: request to https://support.scanprix.de/pixel.png" in problems, problems
