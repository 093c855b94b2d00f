"""The start page, as a new customer meets it (issue 15): a heading that asks how we can help,
a search entry that opens the site's search ready to type, and the ways to reach support, all
on the first screen of a phone (375 x 667) and of a desktop (1280 x 800), in every language.
Screenshots of that first screen go to test-output/screenshots/<lang>-start-<size>.png."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from harness.probes import (DESKTOP, NO_ANIMATIONS, RESULT_LINKS, SEARCH_INPUT, sideways_scrolling,
                            wait_until_results_settle)
from helpsite.project import PROJECT, languages

pytestmark = pytest.mark.browser

LANGS = languages().codes
SIZES = {"phone": {"width": 375, "height": 667}, "desktop": DESKTOP}

SEARCH_ENTRY = "article a.sp-search-entry__link"
SITE_SCRIPT = "**/assets/javascripts/search.js"  # the site's script, with the entry's handler
WORD = re.compile(r"[^\W\d_]{5,}")

IN_VIEWPORT = """el => { const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
         && r.bottom <= innerHeight && r.right <= innerWidth; }"""


def start_page(site, lang):
    return site.page(languages().root(lang) + "index.html")


def open_start_page(site, tab, lang, size="desktop"):
    """The start page of lang at a screen size, its search entry in place; the SitePage."""
    page = start_page(site, lang)
    tab.set_viewport_size(SIZES[size])
    tab.goto(site.url(page.path))
    tab.locator(SEARCH_ENTRY).wait_for()
    return page


def contact_selectors(lang):
    """The support phone, e-mail and remote-support links, from data/facts.yml."""
    facts = yaml.safe_load((PROJECT / "data" / "facts.yml").read_text(encoding="utf-8"))["support"]
    return {
        "phone": f'article a[href="tel:{facts["phone"]["tel"]}"]',
        "e-mail": f'article a[href^="mailto:{facts["email"]}"]:not([href*="subject="])',
        "remote support": 'article a[href$="remote-support.html"]',
    }


def search_word(site, lang):
    """A word of five letters or more from a title of another page in this language."""
    for page in site.pages:
        if page.lang == lang and not page.is_not_found_page and not page.path.endswith("index.html"):
            words = WORD.findall(page.title)
            if words:
                return max(words, key=len)
    raise AssertionError(f"no {lang} page title with a word of five letters or more")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_first_screen_asks_how_we_can_help_with_search_entry_and_contact(site, tab, screenshot_dir, lang, size):
    page = open_start_page(site, tab, lang, size)
    tab.add_style_tag(content=NO_ANIMATIONS)

    heading = page.title  # the h1, without its permalink
    site_name = tab.locator(".md-header__topic").first.inner_text().strip()
    assert heading.endswith("?") and site_name not in heading, (
        f"{page.path}: the heading should ask how we can help, not repeat '{site_name}': {heading!r}")

    elements = {"search entry": SEARCH_ENTRY, **contact_selectors(lang)}
    missing = [name for name, selector in elements.items()
               if not tab.locator(selector).first.evaluate(IN_VIEWPORT)]
    target = screenshot_dir / f"{lang}-start-{size}.png"
    tab.screenshot(path=target)
    assert not missing, f"{page.path} at {size} size: not on the first screen: {missing} (see {target})"
    assert not sideways_scrolling(tab), f"{page.path} at {size} size: {sideways_scrolling(tab)}"


def open_search_entry(tab, way):
    if way == "click":
        tab.click(SEARCH_ENTRY)
        return
    for _ in range(40):  # by keyboard: Tab to the entry, then Enter
        tab.keyboard.press("Tab")
        if tab.evaluate(f"document.activeElement.matches('{SEARCH_ENTRY}')"):
            break
    else:
        pytest.fail("40 Tab presses did not reach the search entry")
    tab.keyboard.press("Enter")


def expect_search_ready_and_finding(site, tab, lang):
    field = tab.locator(SEARCH_INPUT)
    expect(field).to_be_focused()
    expect(field).to_be_visible()
    word = search_word(site, lang)
    tab.keyboard.type(word, delay=20)
    links = tab.locator(RESULT_LINKS)
    links.first.wait_for()
    wait_until_results_settle(tab)
    paths = [urlsplit(href).path.lstrip("/") for href in links.evaluate_all("as => as.map(a => a.href)")]
    assert paths and all(languages().of_path(path) == lang for path in paths), (word, paths)


def pairs_of_size_and_way() -> list[tuple[str, str, str]]:
    """(lang, size, way): every screen size with every way of opening the entry, the languages
    taking turns, so that each language meets each size and each way. The entry's markup and
    script are the same in every language; what the language changes, the results, is asserted
    in each one."""
    pairs = [(size, way) for size in SIZES for way in ("click", "keyboard")]
    return [(LANGS[(i + i // len(LANGS)) % len(LANGS)], size, way) for i, (size, way) in enumerate(pairs)]


@pytest.mark.parametrize("lang, size, way", pairs_of_size_and_way())
def test_search_entry_opens_the_search_ready_to_type(site, tab, lang, size, way):
    page = open_start_page(site, tab, lang, size)
    open_search_entry(tab, way)
    expect_search_ready_and_finding(site, tab, lang)
    assert urlsplit(tab.url).path.lstrip("/") == page.path


@pytest.mark.parametrize("lang", LANGS)
def test_search_entry_works_with_materials_script_alone(site, tab, lang):
    """Without the site's script the link to ?q= still opens the search (Material reads q)."""
    tab.route(SITE_SCRIPT, lambda route: route.abort())
    open_start_page(site, tab, lang)
    with tab.expect_navigation():
        open_search_entry(tab, "keyboard")
    expect_search_ready_and_finding(site, tab, lang)


MENUS = ".md-sidebar--primary, .md-sidebar--secondary"


def test_side_menus_are_hidden_on_the_start_page_only(site, tab):
    hidden = {}
    for page in site.pages:  # Material marks a menu hidden by the page's front matter
        doc = BeautifulSoup((site.root / page.path).read_text(encoding="utf-8"), "lxml")
        hidden[page.path] = [menu.has_attr("hidden") for menu in doc.select(MENUS)]
    start_pages = {start_page(site, lang).path for lang in LANGS}
    wrong = {path: flags for path, flags in hidden.items()
             if flags != ([True, True] if path in start_pages else [False, False])
             and not path.endswith("404.html")}
    assert not wrong, f"side menus hidden (primary, secondary) where they should not be, or shown: {wrong}"
    for lang in LANGS:  # and what a reader sees, on the start page and on another page
        for path, shown in [(start_page(site, lang).path, False), (languages().root(lang) + "install.html", True)]:
            tab.goto(site.url(path))
            visible = [menu.is_visible() for menu in tab.locator(MENUS).all()]
            assert visible == [shown, shown], f"{path}: side menus visible: {visible}"


@pytest.mark.parametrize("lang", LANGS)
def test_top_task_cards_carry_inline_icons(site, tab, lang):
    tab.goto(site.url(start_page(site, lang).path))
    cards = tab.locator("article .grid.cards > ul > li")
    expect(cards).to_have_count(4)
    for card in cards.all():
        expect(card.locator("svg").first).to_be_visible()
