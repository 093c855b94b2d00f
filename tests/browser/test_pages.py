"""Every page in both languages: nothing from other hosts, no console errors, no cookies,
no sideways scrolling on a phone."""

from __future__ import annotations

import pytest

from harness.probes import MOBILE, RESULT_LINKS, SEARCH_INPUT, foreign_requests, sideways_scrolling

pytestmark = pytest.mark.browser



def test_pages_contact_only_the_local_server_log_no_errors_and_set_no_cookies(site, tab):
    assert site.pages, f"no pages in {site.root}"
    problems = []
    for page in site.pages:
        tab.log.clear()
        tab.context.clear_cookies()
        tab.goto(site.url(page.path), wait_until="load")
        if page.path.endswith("index.html"):
            # Use the search as a reader would: it starts the worker, the index and the language
            # files, the same for every page of a language.
            tab.locator(SEARCH_INPUT).press_sequentially("ScanPrix")
            tab.locator(RESULT_LINKS).first.wait_for()
        problems += [f"{page.path}: request to {url}" for url in foreign_requests(tab.log, site.origin)]
        problems += [f"{page.path}: {error}" for error in tab.log.errors]
        problems += [f"{page.path}: sets cookie {cookie['name']} for {cookie['domain']}"
                     for cookie in tab.context.cookies()]
    assert not problems, "\n".join(problems)


def test_no_page_scrolls_sideways_on_a_375_px_screen(site, tab):
    tab.set_viewport_size(MOBILE)
    problems = []
    for page in site.pages:
        tab.goto(site.url(page.path), wait_until="load")
        problems += [f"{page.path}: {finding}" for finding in sideways_scrolling(tab)]
    assert not problems, "Fix the page or docs/assets/stylesheets/site.css:\n" + "\n".join(problems)
