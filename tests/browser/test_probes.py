"""The browser probes find what they look for: a copy of the site with planted defects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from harness.probes import (MOBILE, ServedSite, axe_violations, focus_stops_without_visible_focus,
                            foreign_requests, forget_stored_data, sideways_scrolling, site_pages,
                            stored_data)
from helpsite.serving import serve

pytestmark = pytest.mark.browser

PLANTED_PAGE = "install.html"
ARTICLE = '<article class="md-content__inner md-typeset">'
DEFECTS = """
<img src="http://tracker.example/pixel.png" alt="">
<script>console.error("planted error"); document.cookie = "planted=1; path=/";
localStorage.setItem("planted-local", "1"); sessionStorage.setItem("planted-session", "1");
Promise.all([new Promise(done => { const db = indexedDB.open("planted-db"); db.onsuccess = () => { db.result.close(); done(); }; }),
             caches.open("planted-cache")]).then(() => { window.plantedStored = true; });</script>
<img src="assets/favicon.svg" class="planted-no-alt">
<div class="planted-wide" style="width: 700px">too wide</div>
<span tabindex="0" class="planted-no-focus" style="outline: none">no focus indicator</span>
<a href="#" class="planted-off-screen" style="position: absolute; left: -9999px">off screen</a>
"""


def plant(site):
    page = site / PLANTED_PAGE
    html = page.read_text(encoding="utf-8")
    assert ARTICLE in html, f"{page}: Material's article tag not found; update the planted defects"
    page.write_text(html.replace(ARTICLE, ARTICLE + DEFECTS, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def planted_site(site, tmp_path_factory):
    """A copy of the served site with the defects planted, served on its own port (no new build:
    the defects are in the built page)."""
    root = Path(shutil.copytree(site.root, tmp_path_factory.mktemp("planted") / "site"))
    plant(root)
    with serve(root) as origin:
        yield ServedSite(root, origin, site_pages(root))


@pytest.fixture
def planted_tab(tab, planted_site):
    tab.goto(planted_site.url(PLANTED_PAGE), wait_until="load")
    return tab


def test_finds_other_hosts_console_errors_and_cookies(planted_tab, planted_site):
    assert foreign_requests(planted_tab.log, planted_site.origin) == ["http://tracker.example/pixel.png"]
    assert any("planted error" in error for error in planted_tab.log.errors), planted_tab.log.errors
    assert [c["name"] for c in planted_tab.context.cookies()] == ["planted"]


def test_finds_everything_a_page_stores_in_the_browser(planted_tab):
    planted_tab.wait_for_function("window.plantedStored === true")
    assert sorted(stored_data(planted_tab)) == [
        "Cache Storage: planted-cache", "IndexedDB: planted-db", "cookie: planted",
        "localStorage: planted-local", "sessionStorage: planted-session"]
    forget_stored_data(planted_tab)
    assert stored_data(planted_tab) == []


def test_axe_names_rule_and_element(planted_tab):
    violations = axe_violations(planted_tab)
    assert any(v.startswith("image-alt (critical) at .planted-no-alt") for v in violations), violations


def test_finds_what_sticks_out_on_a_phone(planted_tab):
    planted_tab.set_viewport_size(MOBILE)
    findings = sideways_scrolling(planted_tab)
    assert findings and "div.planted-wide" in findings[0], findings


def test_finds_focus_stops_without_indicator_or_off_screen(planted_tab):
    findings = focus_stops_without_visible_focus(planted_tab)
    assert any(f.startswith("span.planted-no-focus: no visible change") for f in findings), findings
    assert any(f.startswith('a.planted-off-screen[href="#"]: focused but not on screen') for f in findings), findings
    assert len(findings) == 2, findings
