"""Chromium through nginx: zero CSP violations on every page, search and language switch work."""

from __future__ import annotations

import shutil
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from helpsite.built_site import built_pages
from helpsite.project import languages
from harness.ports import free_port
from harness.search_questions import with_a_typo

pytestmark = [pytest.mark.server, pytest.mark.browser]


def go_pages(site_dir):
    """Help-ID redirect pages, German and English."""
    return sorted(site_dir.glob("go/*/index.html")) + sorted(site_dir.glob("en/go/*/index.html"))


def test_every_page_loads_with_zero_csp_violations(nginx_site, reader_for):
    """Every page of both languages and both 404 pages (help-ID pages: the test below)."""
    origin, site_dir, _ = nginx_site
    reader = reader_for(origin)
    problems = []
    paths = ["/" + p.relative_to(site_dir).as_posix() for p in built_pages(site_dir)
             if p.name != "404.html" and p not in go_pages(site_dir)]
    assert len(paths) > 10
    for path in paths:
        problems += reader.open(origin + path)
    for path in ("/no-such-page.html", "/en/no/such/page.html"):
        problems += reader.open(origin + path, missing=True)
    assert not problems, "\n".join(problems)


def test_the_check_reports_an_inline_script_the_policy_does_not_allow(nginx_site, start_nginx, reader_for,
                                                                      tmp_path):
    """Planted: a script added after the configuration was generated (a stale CSP)."""
    _, site_dir, _ = nginx_site
    site = shutil.copytree(site_dir, tmp_path / "site")
    port = free_port()
    with start_nginx(site, tmp_path, port):
        page = site / "en" / "install.html"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "</body>", "<script>document.title = 'planted'</script></body>"), encoding="utf-8")
        url = f"http://127.0.0.1:{port}/en/install.html"
        problems = reader_for(f"http://127.0.0.1:{port}").open(url)
    assert any(p.startswith(f"{url}: CSP: script-src") for p in problems), problems


@pytest.mark.parametrize("lang, root", languages().roots().items())
def test_search_finds_pages_of_the_readers_language(nginx_site, reader_for, title_word, lang, root):
    origin, site_dir, _ = nginx_site
    word, location = title_word(site_dir / root / "search" / "search_index.json")
    reader = reader_for(origin)
    assert not reader.open(f"{origin}/{root}install.html")
    early = [url for url in reader.requests if "search_index" in url or "/workers/search" in url]
    assert not early, f"search loaded before it was used: {early}"
    hits = reader.search(word)
    language_root = f"{origin}/{root}"
    assert urljoin(language_root, location) in [h.split("?")[0] for h in hits], (word, hits)
    for hit in hits:
        assert hit.startswith(language_root) and languages().of_path(hit[len(origin) + 1:]) == lang, hit
    typo = with_a_typo(word)  # the forgiving search works under the CSP too
    assert urljoin(language_root, location) in [h.split("?")[0] for h in reader.search(typo)], (typo, location)
    assert not reader.problems()  # the search worker and its index loads, nothing the CSP blocks


def test_language_switch_leads_to_the_same_page_in_the_other_language(nginx_site, reader_for):
    origin, _, _ = nginx_site
    reader = reader_for(origin)
    assert not reader.open(f"{origin}/install.html")
    assert reader.switch_language("en") == (f"{origin}/en/install.html", "en")
    assert reader.switch_language("de") == (f"{origin}/install.html", "de")


def test_help_id_addresses_lead_to_their_pages(nginx_site, reader_for, help_id_sample):
    """One ID of each kind in the browser (meta refresh, no script); every ID over HTTP:
    tests/deploy/test_nginx_http.py."""
    origin, site_dir, _ = nginx_site
    reader = reader_for(origin)
    sample = help_id_sample(site_dir)
    go = [site_dir / langs_root / "go" / help_id / "index.html"
          for help_id in sample for langs_root in languages().roots().values()]
    assert len(go) >= 4, "too few help-ID pages built"
    for go_page in go:
        address = f"{origin}/{go_page.parent.relative_to(site_dir).as_posix()}/"
        target = urljoin(address, visible_link(go_page))
        lang = reader.follow(address, target)
        assert lang == languages().of_path(address[len(origin) + 1:]), address


def visible_link(go_page):
    return BeautifulSoup(go_page.read_text(encoding="utf-8"), "lxml").find("a")["href"]
