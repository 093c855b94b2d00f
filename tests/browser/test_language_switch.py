"""The header's language switch leads from every page to its counterpart and back."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from harness.probes import one_page_of_each_kind

pytestmark = pytest.mark.browser

SWITCH = ".md-header__option .md-select"


def switch_language(tab, lang):
    """Open the language menu as a reader does (hover) and choose `lang`; returns the new path."""
    tab.hover(SWITCH)
    with tab.expect_navigation():
        tab.click(f".md-select__link[hreflang={lang}]")
    return urlsplit(tab.url).path.lstrip("/")


def test_switch_leads_to_the_counterpart_and_back(site, tab, langs):
    problems = []
    # One page of each kind; every page's switch links are checked in the files
    # (tests/foundation/test_languages.py).
    for page in one_page_of_each_kind(site.pages):
        for other in langs.others(page.lang):
            tab.goto(site.url(page.path))
            there = switch_language(tab, other)
            lang_there = tab.evaluate("document.documentElement.lang")
            if there != page.counterpart(other) or lang_there != other:
                problems.append(f"{page.path}: switch to {other} led to {there} (lang={lang_there}), "
                                f"expected {page.counterpart(other)}")
                continue
            back = switch_language(tab, page.lang)
            if back != page.path:
                problems.append(f"{page.path}: switch back from {there} led to {back}")
    assert not problems, "\n".join(problems)
