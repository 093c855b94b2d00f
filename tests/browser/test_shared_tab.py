"""The browser tests share one tab per worker; each test gets it as a new tab would be."""

from __future__ import annotations

import pytest

from harness.probes import DESKTOP, MOBILE, PageLog, fresh_tab

pytestmark = pytest.mark.browser


@pytest.fixture
def shared(browser):
    shared = {}
    yield shared
    if shared.get("page") and not shared["page"].is_closed():
        shared["page"].close()


def test_a_used_tab_is_reset_like_a_new_one(site, browser, shared):
    page = fresh_tab(browser, shared)
    page.set_viewport_size(MOBILE)
    page.emulate_media(media="print")
    page.route(site.url("contact.html"), lambda route: route.fulfill(body="planted", content_type="text/html"))
    page.goto(site.url("install.html"), wait_until="load")
    page.evaluate("document.cookie = 'planted=1; path=/'")
    assert page.log.requests and browser.cookies()

    again = fresh_tab(browser, shared)
    assert again is page and again.url == "about:blank"
    assert again.viewport_size == DESKTOP and not again.log.requests and not browser.cookies()
    assert again.evaluate("matchMedia('print').matches") is False
    again.goto(site.url("contact.html"), wait_until="load")
    assert again.title() and "planted" not in again.content(), "the last test's route still answers"


def test_a_closed_tab_is_replaced(browser, shared):
    page = fresh_tab(browser, shared)
    page.close()
    again = fresh_tab(browser, shared)
    assert again is not page and not again.is_closed() and isinstance(again.log, PageLog)
