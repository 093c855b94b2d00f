"""The site stores nothing in the reader's browser, as the privacy policy says (#local-storage):
no cookie and nothing in localStorage, sessionStorage, IndexedDB or Cache Storage, after a reader
has opened every page, searched and switched the language."""

from __future__ import annotations

import pytest

from harness.probes import RESULT_LINKS, SEARCH_INPUT, forget_stored_data, stored_data

pytestmark = pytest.mark.browser

SWITCH = ".md-header__option .md-select"


def test_visiting_every_page_searching_and_switching_language_stores_nothing(site, tab, langs):
    tab.goto(site.url("index.html"), wait_until="load")
    forget_stored_data(tab)  # whatever an earlier test in this tab may have left
    first_seen: dict[str, str] = {}  # what is stored -> when it was first seen

    def look(action: str) -> None:
        for item in stored_data(tab):
            first_seen.setdefault(item, action)

    for page in site.pages:
        tab.goto(site.url(page.path), wait_until="load")
        look(f"opening {page.path}")
        if page.path.endswith("index.html"):
            # The search as a reader uses it: the worker, the index and the result list.
            tab.locator(SEARCH_INPUT).press_sequentially("Fernwartung" if page.lang == "de" else "remote")
            tab.locator(RESULT_LINKS).first.wait_for()
            look(f"searching on {page.path}")
            for other in langs.others(page.lang):
                tab.keyboard.press("Escape")
                tab.hover(SWITCH)
                with tab.expect_navigation():
                    tab.click(f".md-select__link[hreflang={other}]")
                look(f"switching from {page.path} to {other}")
    assert len(site.pages) > 10
    assert not first_seen, ("The privacy policy (docs/privacy.*.md#local-storage) says the site stores "
                            "nothing in the browser:\n" + "\n".join(f"{item} (first seen after {action})"
                                                                    for item, action in first_seen.items()))
