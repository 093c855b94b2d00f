"""Search per language in the browser: a word typed on a page of one language lists pages of
that language only, and a hit leads to its page. Words come from the built pages' titles."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from harness.probes import RESULT_LINKS, SEARCH_INPUT, VIEWPORTS, wait_until_results_settle
from helpsite.project import languages

pytestmark = pytest.mark.browser

SEARCH_BUTTON = "label[for=__search]"  # narrow screens show a button instead of the field
WORD = re.compile(r"[^\W\d_]{5,}")


def search_word(site, lang):
    """A title word of a page in `lang` and that page. Words that also occur in the other
    language's titles come first: a shared index would list the other language's pages for them."""
    other_words = {word.lower() for page in site.pages if page.lang != lang for word in WORD.findall(page.title)}
    candidates = [(word, page) for page in site.pages
                  if page.lang == lang and not page.is_not_found_page
                  for word in WORD.findall(page.title)]
    assert candidates, f"no {lang} page title with a word of five letters or more in {site.root}"
    return max(candidates, key=lambda c: (c[0].lower() in other_words, len(c[0]), c[0]))


def language_of(path):
    return languages().of_path(path)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", languages().codes)
def test_search_lists_pages_of_its_own_language_and_leads_to_the_hit(site, tab, lang, viewport):
    word, expected = search_word(site, lang)
    start = site.page(f"{languages().root(lang)}index.html")
    tab.set_viewport_size(VIEWPORTS[viewport])
    tab.goto(site.url(start.path))
    if viewport == "mobile":
        tab.click(SEARCH_BUTTON)
    else:
        tab.click(SEARCH_INPUT)
    tab.locator(SEARCH_INPUT).press_sequentially(word, delay=20)  # Material reacts to key events
    links = tab.locator(RESULT_LINKS)
    links.first.wait_for()
    wait_until_results_settle(tab)
    paths = [urlsplit(href).path.lstrip("/")
             for href in links.evaluate_all("links => links.map(a => a.href)")]

    foreign = [path for path in paths if language_of(path) != lang]
    assert not foreign, f"'{word}' on {start.path} lists pages of the other language: {foreign}"
    assert expected.path in paths, f"'{word}' (from the title of {expected.path}) did not find it: {paths}"

    with tab.expect_navigation():
        links.nth(paths.index(expected.path)).click()
    assert urlsplit(tab.url).path.lstrip("/") == expected.path
    assert tab.evaluate("document.documentElement.lang") == lang
    assert expected.title in tab.locator("h1").first.inner_text()
