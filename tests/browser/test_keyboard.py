"""Keyboard use: a skip link first, visible focus on every stop, search without a mouse."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from harness.probes import (MOBILE, NO_ANIMATIONS, RESULT_LINKS, SEARCH_INPUT, VIEWPORTS,
                            every_page_of_one_language, focus_stops_without_visible_focus,
                            one_page_of_each_kind, wait_until_results_settle)
from helpsite.project import languages

pytestmark = pytest.mark.browser


FIRST_STOP = """() => {
  const el = document.activeElement, r = el.getBoundingClientRect(), href = el.getAttribute('href') || '';
  return {tag: el.tagName.toLowerCase(), href, text: el.textContent.trim(),
          visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight
                   && getComputedStyle(el).opacity === '1',
          target_in_main: href.startsWith('#')
            && !!document.getElementById(decodeURIComponent(href.slice(1)))?.closest('main')};
}"""


def test_first_tab_shows_a_skip_link_to_the_content(site, tab):
    """The skip link is the template's: every page of one language and a page of each kind in
    the others (probes.every_page_of_one_language)."""
    problems = []
    for page in every_page_of_one_language(site.pages):
        if page.is_not_found_page:
            continue  # Material adds the skip link only to pages with headings in the TOC
        tab.goto(site.url(page.path))
        tab.add_style_tag(content=NO_ANIMATIONS)
        tab.keyboard.press("Tab")
        stop = tab.evaluate(FIRST_STOP)
        if not (stop["tag"] == "a" and stop["target_in_main"] and stop["visible"] and stop["text"]):
            problems.append(f"{page.path}: first Tab stop is not a visible skip link into <main>: {stop}")
            continue
        tab.keyboard.press("Enter")
        try:  # Playwright learns of the jump to the anchor a moment after the key press
            tab.wait_for_url(lambda url: urlsplit(url).fragment == stop["href"][1:], timeout=2000)
        except PlaywrightTimeout:
            problems.append(f"{page.path}: Enter on the skip link went to {tab.url}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_focus_stop_shows_focus(site, tab, viewport):
    """On a desktop every page of one language (the other languages' pages have the same
    structure: probes.every_page_of_one_language); on a phone one page of each kind (the phone
    layout is the template's: header, drawer, the same content styles)."""
    tab.set_viewport_size(VIEWPORTS[viewport])
    problems, kinds_seen = [], set()
    pages = every_page_of_one_language(site.pages) if viewport == "desktop" else one_page_of_each_kind(site.pages)
    for page in pages:
        tab.goto(site.url(page.path), wait_until="load")
        problems += [f"{page.path} ({viewport}): {finding}"
                     for finding in focus_stops_without_visible_focus(tab, kinds_seen)]
    assert not problems, ("Focus must be visible on every Tab stop (WCAG 2.4.7); fix in "
                          "docs/assets/stylesheets/site.css:\n" + "\n".join(problems))


def search_by_keyboard_only(tab, word):
    """Type a word into the search with the keyboard, go to the first hit with the arrow keys."""
    tab.keyboard.type(word, delay=20)
    tab.locator(RESULT_LINKS).first.wait_for()
    wait_until_results_settle(tab)
    tab.keyboard.press("ArrowDown")
    focused = tab.evaluate("document.activeElement.getAttribute('href')")
    assert tab.evaluate(f"document.activeElement.matches('{RESULT_LINKS}')"), (
        f"ArrowDown after typing {word!r} did not move the focus to the first search result")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    return focused


@pytest.mark.parametrize("lang", languages().codes)
def test_search_is_reachable_with_tab_on_a_desktop(site, tab, lang):
    start = site.page(f"{languages().root(lang)}index.html")
    tab.goto(site.url(start.path))
    for _ in range(30):
        tab.keyboard.press("Tab")
        if tab.evaluate(f"document.activeElement.matches('{SEARCH_INPUT}')"):
            break
    else:
        pytest.fail(f"{start.path}: 30 Tab presses did not reach the search field")
    word = start.title.split()[-1]
    focused = search_by_keyboard_only(tab, word)
    assert focused and urlsplit(tab.url).path.endswith(urlsplit(focused).path), (focused, tab.url)


def test_search_opens_with_its_shortcut_on_a_phone(site, tab):
    """At 375 px the search button is a <label> (no Tab stop); Material's '/' key opens it."""
    tab.set_viewport_size(MOBILE)
    start = site.page("en/index.html")
    tab.goto(site.url(start.path), wait_until="load")
    tab.keyboard.press("/")
    expect(tab.locator(SEARCH_INPUT)).to_be_focused()
    expect(tab.locator(SEARCH_INPUT)).to_be_visible()
    search_by_keyboard_only(tab, start.title.split()[-1])
    assert urlsplit(tab.url).path.startswith("/en/"), tab.url
