"""The search as a customer meets it, per language: it loads nothing until used, a keyword that
is not in the text finds its page, a part of a German compound finds the compound, and a search
that finds nothing shows how to reach support."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from harness.probes import RESULT_LINKS, SEARCH_INPUT, wait_until_results_settle

pytestmark = pytest.mark.browser

SEARCH_FILES = re.compile(r"/search/search_index\.json|/workers/search\.|/lunr/|sitemap\.xml|/search-forgiving\.js")


def index(site, root):
    return json.loads((site.root / root / "search" / "search_index.json").read_text(encoding="utf-8"))


def words(text):
    return {word.lower() for word in re.findall(r"[^\W\d_]+", BeautifulSoup(text, "html.parser").get_text(" "))}


def search(tab, site, root, query):
    tab.goto(site.url(f"{root}index.html"), wait_until="load")
    tab.locator(SEARCH_INPUT).click()
    tab.locator(SEARCH_INPUT).press_sequentially(query, delay=10)


def result_pages(tab):
    tab.locator(RESULT_LINKS).first.wait_for()
    wait_until_results_settle(tab)
    hrefs = tab.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.pathname)")
    return list(dict.fromkeys(href.lstrip("/") for href in hrefs))


def test_a_first_page_view_loads_no_search_and_the_search_works_after_focus(site, tab, langs):
    for lang, root in langs.roots().items():
        tab.log.clear()
        tab.goto(site.url(f"{root}install.html"), wait_until="load")
        tab.wait_for_timeout(300)  # anything started at load has been requested by now
        early = [url for url in tab.log.requests if SEARCH_FILES.search(url)]
        assert not early, f"{root}install.html loads search files on the first view: {early}"
        tab.locator(SEARCH_INPUT).focus()
        tab.keyboard.type("ScanPrix", delay=10)
        assert result_pages(tab), f"{lang}: no results after focusing the search"
        assert any("search_index.json" in url for url in tab.log.requests)
        assert any("search-forgiving.js" in url for url in tab.log.requests)


def test_a_page_keyword_missing_from_its_text_finds_the_page(site, tab, langs):
    for lang, root in langs.roots().items():
        docs = index(site, root)["docs"]
        text = {word for doc in docs for word in words(doc["title"] + " " + doc["text"])}
        keyword, page = next((word, doc["location"]) for doc in docs for word in
                             re.findall(r"[^\W\d_]{5,}", doc.get("keywords", "")) if word.lower() not in text)
        search(tab, site, root, keyword)
        assert result_pages(tab)[0] == f"{root}{page}", f"{lang}: keyword {keyword!r} of {page}"


def test_a_part_of_a_german_compound_finds_the_compound(site, tab):
    docs = index(site, "")["docs"]
    tokens = {word for doc in docs for word in words(doc["title"] + " " + doc["text"])}
    part, page = next((part, doc["location"].split("#")[0]) for doc in docs
                      for part in doc.get("parts", "").split()
                      if len(part) >= 6 and not any(token.startswith(part.lower()) for token in tokens))
    search(tab, site, "", part)
    assert page in result_pages(tab)[:3], f"{part!r} (part of a compound on {page}) does not find it"


def test_a_search_that_finds_nothing_shows_how_to_reach_support(site, tab, langs, facts):
    for lang, root in langs.roots().items():
        search(tab, site, root, "xqzvwyk")
        help = tab.locator("[data-sp-search-help]")
        expect(help).to_be_visible()
        expect(tab.locator(".md-search-result__meta")).not_to_be_empty()  # Material's own line stays
        hrefs = help.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert f"mailto:{facts['support']['email']}" in hrefs and f"tel:{facts['support']['phone']['tel']}" in hrefs
        assert any(href.endswith("index.html") for href in hrefs), hrefs
        tab.locator(SEARCH_INPUT).fill("")
        tab.locator(SEARCH_INPUT).press_sequentially("ScanPrix", delay=10)
        result_pages(tab)
        expect(help).to_be_hidden()
