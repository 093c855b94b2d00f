"""Every page in both languages: nothing from other hosts, no console errors, nothing stored in
the reader's browser (no cookie, nothing in localStorage, sessionStorage, IndexedDB or Cache
Storage, as the privacy policy says: docs/privacy.*.md#local-storage), no sideways scrolling on a
phone."""

from __future__ import annotations

import pytest

from harness.probes import (MOBILE, RESULT_LINKS, SEARCH_INPUT, foreign_requests, forget_stored_data,
                            sideways_scrolling, stored_data)

pytestmark = pytest.mark.browser

SWITCH = ".md-header__option .md-select"


def test_every_page_contacts_only_the_local_server_logs_no_errors_and_stores_nothing(site, tab, langs):
    """A reader's visit: every page, the search on each start page (it starts the worker, the
    index and the language files, the same for every page of a language), and the language
    switch from there."""
    assert len(site.pages) > 10, f"no pages in {site.root}"
    tab.goto(site.url("index.html"), wait_until="load")
    forget_stored_data(tab)  # whatever an earlier test in this tab may have left
    problems, stored = [], {}  # what is stored -> when it was first seen

    def look(action: str, where: str) -> None:
        problems.extend(f"{where}: request to {url}" for url in foreign_requests(tab.log, site.origin))
        problems.extend(f"{where}: {error}" for error in tab.log.errors)
        tab.log.clear()
        for item in stored_data(tab):
            stored.setdefault(item, action)

    for page in site.pages:
        tab.log.clear()
        tab.goto(site.url(page.path), wait_until="load")
        look(f"opening {page.path}", page.path)
        if page.path.endswith("index.html"):
            tab.locator(SEARCH_INPUT).press_sequentially("Fernwartung" if page.lang == "de" else "remote")
            tab.locator(RESULT_LINKS).first.wait_for()
            look(f"searching on {page.path}", page.path)
            for other in langs.others(page.lang):
                tab.keyboard.press("Escape")
                tab.hover(SWITCH)
                with tab.expect_navigation():
                    tab.click(f".md-select__link[hreflang={other}]")
                look(f"switching from {page.path} to {other}", tab.url)
    assert not problems, "\n".join(problems)
    assert not stored, ("The privacy policy (docs/privacy.*.md#local-storage) says the site stores "
                        "nothing in the browser:\n" + "\n".join(f"{item} (first seen after {action})"
                                                                for item, action in stored.items()))


def test_no_page_scrolls_sideways_on_a_375_px_screen(site, tab):
    tab.set_viewport_size(MOBILE)
    problems = []
    for page in site.pages:
        tab.goto(site.url(page.path), wait_until="load")
        problems += [f"{page.path}: {finding}" for finding in sideways_scrolling(tab)]
    assert not problems, "Fix the page or docs/assets/stylesheets/site.css:\n" + "\n".join(problems)
