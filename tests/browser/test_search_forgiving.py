"""The forgiving search as a customer meets it, per language (docs/assets/javascripts/
search-forgiving.js, keyword phrases run together in helpsite/search_terms.py): a word with a
typo (two in a long word), a word with its umlaut or ß written the other way and a keyword
phrase run together find their page, and the result list says what it searched instead; an
exact word ranks exactly as without the forgiving search; a short word gets no edits; the hit
can be reached by keyboard. With the forgiving search switched off, the typo finds nothing.

The words come from the built site's search index, not from this file, so they follow the content.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from harness.probes import RESULT_LINKS, SEARCH_INPUT, WCAG_TAGS, wait_until_results_settle
from helpsite.facts import load_ui_text
from helpsite.project import PROJECT, languages
from helpsite.search_terms import page_keywords

pytestmark = pytest.mark.browser

LANGS = languages().codes
FORGIVING_SCRIPT = "**/assets/javascripts/search-forgiving.js"
NOTE = "[data-sp-search-instead]"
META = ".md-search-result__meta"
WRITTEN_OUT = {"ä": "ae", "ö": "oe", "ü": "ue"}  # DIN 5007-2
# From this many letters lunr's two edits find a word too, umlaut or not (ä -> ae is two edits):
# the umlaut cases take shorter words where there are any, so that they test the spellings.
TWO_EDITS = int(re.search(r"TWO_EDITS = (\d+)", (PROJECT / "docs/assets/javascripts/search-forgiving.js")
                          .read_text(encoding="utf-8")).group(1))


@dataclass
class Index:
    """A language's search index: which pages each word (token) occurs on, and where."""
    root: str
    separator: re.Pattern
    pages: dict[str, set[str]]  # token -> pages (title, text, keywords, parts)
    written: set[str]  # tokens of the titles, texts and keywords (not of the words the build adds)
    keywords: dict[str, list[str]]  # page -> its front matter keywords, as phrases

    def unknown(self, word: str) -> bool:
        """No token starts with word: Material's prefix search finds nothing for it."""
        return not any(token.startswith(word) for token in self.pages)

    def only_page(self, token: str) -> str | None:
        pages = self.pages.get(token, set())
        return next(iter(pages)) if len(pages) == 1 else None


@functools.cache
def index_of(site_root, lang) -> Index:
    root = languages().root(lang)
    data = json.loads((site_root / root / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(data["config"]["separator"])
    pages, written, keywords = {}, set(), {}
    for doc in data["docs"]:
        page = root + doc["location"].split("#")[0]
        text = BeautifulSoup(doc["text"], "html.parser").get_text(" ")
        fields = {"title": doc["title"], "text": text, "keywords": doc.get("keywords", ""),
                  "parts": doc.get("parts", "")}
        for name, value in fields.items():
            for token in filter(None, separator.split(value.lower())):
                pages.setdefault(token, set()).add(page)
                if name != "parts":
                    written.add(token)
        if "keywords" in doc:
            keywords[page] = doc["keywords"]
    # The index holds keywords as one string; the phrases are in the pages' front matter.
    phrases = {page: page_keywords(PROJECT, page[len(root):], lang) for page in keywords}
    return Index(root, separator, pages, written, phrases)


def open_search(tab, site, index: Index, forgiving: bool = True) -> None:
    if not forgiving:  # as if the script failed to load: search.js then passes queries on as they are
        tab.route(FORGIVING_SCRIPT, lambda route: route.abort())
    tab.goto(site.url(f"{index.root}index.html"), wait_until="load")
    tab.locator(SEARCH_INPUT).click()


def search(tab, query: str) -> list[str]:
    """Search for query in the open search; the result pages, in order."""
    field, meta = tab.locator(SEARCH_INPUT), tab.locator(META)
    placeholder = translation(tab, "search.result.placeholder")
    field.fill("")
    field.press("Backspace")  # a key: Material reads the field on keyup
    expect(meta).to_have_text(placeholder)
    field.fill(query[:-1])
    field.press(query[-1])  # one keyup, one search for the whole query
    expect(meta).not_to_have_text(placeholder)
    wait_until_results_settle(tab)
    hrefs = tab.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.pathname)")
    return list(dict.fromkeys(href.lstrip("/") for href in hrefs))


def translation(tab, key: str) -> str:
    return tab.evaluate(f"JSON.parse(document.getElementById('__config').textContent).translations['{key}']")


def note_violations(tab) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations of the note."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return [violation["id"] for violation in Axe().run(tab, context=NOTE, options=options).response["violations"]]


def instead(lang: str, query: str) -> str:
    return load_ui_text()[lang]["search_instead"].replace("{query}", query)


def swapped(word: str) -> str:
    """The two middle letters swapped: 'fernwartung' -> 'fernwratung' (one edit for lunr)."""
    middle = len(word) // 2
    return word[:middle - 1] + word[middle] + word[middle - 1] + word[middle + 1:]


def two_typos(word: str) -> str:
    """Second and third letter swapped too: 'fernwartung' -> 'frenwratung'."""
    return word[0] + word[2] + word[1] + swapped(word)[3:]


def written_out(word: str) -> str:
    return "".join(WRITTEN_OUT.get(letter, letter) for letter in word)


def keyword_words(index: Index):
    """(word, page) for each word of each page's keywords, in order."""
    return [(word.lower(), page) for page, phrases in index.keywords.items() for phrase in phrases
            for word in index.separator.split(phrase) if word.isalpha()]


def typo_of_a_keyword(index: Index) -> tuple[str, str, str]:
    """(keyword, its typo, its page): the first keyword of 7 to 12 letters on one page only whose
    typo starts no word of the index."""
    return next(((word, swapped(word), page) for word, page in keyword_words(index)
                 if 7 <= len(word) <= 12 and index.only_page(word) == page and index.unknown(swapped(word))),
                (None, None, None))


def cases(index: Index) -> list[tuple[str, str, str, str]]:
    """(case, what the reader types, the page, the word searched instead or ""), from the index."""
    found = []
    word, typo, page = typo_of_a_keyword(index)
    if word:
        found.append(("typo", typo, page, word))
    word, page = next(((w, p) for w, p in keyword_words(index) if len(w) >= 9 and index.only_page(w) == p
                       and index.unknown(two_typos(w))), (None, None))
    if word:
        found.append(("two typos in a long word", two_typos(word), page, word))
    umlauts = [token for token in index.pages if token.isalpha() and index.only_page(token)
               and any(umlaut in token for umlaut in WRITTEN_OUT)]
    if umlauts:  # in English only a place name
        word = max(umlauts, key=lambda w: (len(written_out(w)) < TWO_EDITS, len(w)))
        found.append(("umlaut written out", written_out(word), index.only_page(word), word))
    word, page = max(((w, p) for w, p in keyword_words(index) if "ss" in w and index.only_page(w) == p),
                     key=lambda case: (len(case[0]) - 1 < TWO_EDITS, len(case[0])), default=(None, None))
    if word:  # the other way round: the page writes "ss", the reader "ß" (as in the old "Paßwort")
        found.append(("ß for ss", word.replace("ss", "ß"), page, word))
    phrases = [(phrase, page) for page, phrases in index.keywords.items() for phrase in phrases
               if re.fullmatch(r"[^\W\d_]{4,} [^\W\d_]+", phrase)
               and index.only_page(phrase.replace(" ", "").lower()) == page
               and phrase.replace(" ", "").lower() not in index.written]
    if phrases:  # a word the build adds (helpsite/search_terms.py): nothing searched instead
        phrase, page = min(phrases, key=lambda case: len(case[0]))
        found.append(("keyword phrase run together", phrase.replace(" ", "").lower(), page, ""))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_what_the_reader_meant_finds_its_page_and_the_list_says_what_it_searched(site, tab, lang):
    index = index_of(site.root, lang)
    found = cases(index)
    missing = {"typo", "umlaut written out", "ß for ss", "keyword phrase run together"} - {c[0] for c in found}
    assert not missing, (f"{index.root}search/search_index.json has no word for: {missing} (keyword phrases "
                         "run together: helpsite/search_terms.py)")
    open_search(tab, site, index)
    problems = []
    for case, query, page, searched in found:
        pages = search(tab, query)
        note = tab.locator(NOTE).text_content()
        if page not in pages[:3]:
            problems.append(f"{case}: {query!r} does not find {page} in the top three: {pages[:3]}")
        if note != (instead(lang, searched) if searched else ""):
            problems.append(f"{case}: {query!r}: the list says {note!r}, expected it to name {searched!r}")
    assert not problems, "\n".join(problems)
    expect(tab.locator(NOTE)).to_have_attribute("role", "status")  # read out by screen readers


@pytest.mark.parametrize("lang", LANGS)
def test_with_the_forgiving_search_switched_off_the_typo_finds_nothing(site, tab, lang):
    """The control for the test above: what finds the page is the forgiving search."""
    index = index_of(site.root, lang)
    word, typo, _ = typo_of_a_keyword(index)
    assert word, f"{index.root}search/search_index.json: no keyword for a typo"
    open_search(tab, site, index, forgiving=False)
    assert search(tab, typo) == []
    expect(tab.locator(META)).to_have_text(translation(tab, "search.result.none"))
    expect(tab.locator("[data-sp-search-help]")).to_be_visible()  # and the way to support shows


def one_edit_apart(a: str, b: str) -> bool:
    """One letter wrong, missing, extra, or two neighbours swapped (lunr's edits)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        wrong = [i for i in range(len(a)) if a[i] != b[i]]
        return len(wrong) == 1 or (len(wrong) == 2 and wrong[1] == wrong[0] + 1
                                   and (a[wrong[0]], a[wrong[1]]) == (b[wrong[1]], b[wrong[0]]))
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def keyword_with_a_neighbour(index: Index) -> tuple[str, str, str, set[str]]:
    """(keyword, its page, a word one edit from it, pages only that word is on): the longest."""
    found = []
    for page, phrases in index.keywords.items():
        for word in {w.lower() for phrase in phrases for w in index.separator.split(phrase)}:
            if not word.isalpha() or len(word) < 5:
                continue
            prefixed = {p for token, pages in index.pages.items() if token.startswith(word) for p in pages}
            found += [(word, page, token, pages - prefixed) for token, pages in index.pages.items()
                      if not token.startswith(word) and one_edit_apart(word, token) and pages - prefixed]
    assert found, f"{index.root}: no keyword with a word one edit from it on another page"
    return max(found, key=lambda case: len(case[0]))


@pytest.mark.parametrize("lang", LANGS)
def test_an_exact_word_ranks_as_without_the_forgiving_search(site, tab, lang):
    """A keyword with a word one edit from it on other pages ("berechtigung", "berichtigung"):
    its page first, nothing searched instead, the same list as without the forgiving search, and
    none of the other word's pages."""
    index = index_of(site.root, lang)
    word, page, neighbour, neighbour_pages = keyword_with_a_neighbour(index)
    open_search(tab, site, index)
    forgiving = search(tab, word)
    assert forgiving[0] == page, f"{word!r} does not rank {page} first: {forgiving}"
    assert not neighbour_pages & set(forgiving), f"{word!r} lists pages of {neighbour!r}: {forgiving}"
    expect(tab.locator(NOTE)).to_be_empty()
    open_search(tab, site, index, forgiving=False)
    assert search(tab, word) == forgiving


def test_a_short_word_gets_no_edits(site, tab):
    """A keyword of four letters with its last letter wrong: the search does not guess (a short
    word is one edit from too many others)."""
    index = index_of(site.root, "en")
    word = next(word for word, _ in keyword_words(index) if len(word) == 4 and index.unknown(word[:3] + "x"))
    open_search(tab, site, index)
    assert search(tab, word), f"{word!r} finds nothing: no word for this test"
    assert search(tab, word[:3] + "x") == []
    expect(tab.locator("[data-sp-search-help]")).to_be_visible()
    expect(tab.locator(NOTE)).to_be_empty()


def test_a_corrected_search_works_by_keyboard_and_its_note_is_accessible(site, tab):
    index = index_of(site.root, "de")
    word, typo, page = typo_of_a_keyword(index)
    assert word, "search/search_index.json: no keyword for a typo"
    tab.goto(site.url("index.html"), wait_until="load")
    tab.keyboard.press("/")  # Material's search key
    tab.keyboard.type(typo, delay=10)
    expect(tab.locator(NOTE)).to_have_text(instead("de", word))
    wait_until_results_settle(tab)
    # The note only: Material's own result list fails axe's color-contrast with the search open
    # (the count line and the <mark> highlights), with or without the forgiving search.
    assert not note_violations(tab)
    tab.keyboard.press("ArrowDown")  # Material's arrow keys walk the hits: the note is no stop
    assert tab.evaluate(f"document.activeElement.matches('{RESULT_LINKS}')")
    hit = tab.evaluate("document.activeElement.pathname")
    assert hit.lstrip("/") == page
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert urlsplit(tab.url).path == hit
