"""The open items: one list (helpsite/review_items.py) for `make review` and the review page of
previews (what the review page shows is checked on a preview in tests/deploy/test_release_gate.py)."""

from __future__ import annotations

import subprocess
import sys

from helpsite.review_items import FACT, PAGE_NOTE, QUESTION, SETTING, Place, Source, note_places, page_items, review_items
from helpsite.project import PROJECT


def test_make_review_prints_every_item_of_the_review_list():
    out = subprocess.run([sys.executable, "-m", "scripts.review"], cwd=PROJECT, capture_output=True,
                         text=True, check=True).stdout
    items = review_items(PROJECT)
    assert {item.kind for item in items} == {FACT, PAGE_NOTE, SETTING, QUESTION}
    for item in items:
        assert f"- {item}\n" in out, item


def test_every_open_fact_and_question_says_where_it_shows_and_what_to_edit():
    for item in review_items(PROJECT):
        assert item.edit, item
        if item.kind in (FACT, QUESTION):
            assert item.places, f"{item.name}: shown nowhere on the site"


def source(path, lang, notes, headings=("download", "start")):
    meta = {"review": {"status": "needs-review", "notes": notes}}
    return Source(path, "remote-support", lang, meta, headings={h: h.title() for h in headings})


def test_a_note_names_its_sections_at_its_end_and_unknown_ones_stay_text():
    files = [source("docs/remote-support.de.md", "de", [])]
    assert note_places("Geprüft (download, start).", files) == (
        "Geprüft.", (Place("remote-support", "download"), Place("remote-support", "start")))
    assert note_places("Geprüft (downlaod).", files) == ("Geprüft (downlaod).", ())
    assert note_places("Ein Satz (mit Klammer) mitten drin.", files) == ("Ein Satz (mit Klammer) mitten drin.", ())


def test_a_note_in_both_languages_is_one_item_naming_both_files():
    pages = {"remote-support": [source("docs/remote-support.de.md", "de", ["Gleich (start).", "Nur deutsch."]),
                                source("docs/remote-support.en.md", "en", ["Gleich (start).", "Nur englisch."])]}
    items = page_items(pages)
    assert [(item.text, item.edit) for item in items] == [
        ("Gleich.", ("docs/remote-support.de.md", "docs/remote-support.en.md")),
        ("Nur deutsch.", ("docs/remote-support.de.md",)),
        ("Nur englisch.", ("docs/remote-support.en.md",)),
    ]
    assert items[0].places == (Place("remote-support", "start"),)


def test_a_page_confirmed_with_who_and_when_has_no_items_and_a_bare_confirmed_says_what_it_lacks():
    confirmed = source("docs/remote-support.de.md", "de", ["alt"])
    confirmed.meta["review"] = {"status": "confirmed", "by": "Erika Muster", "date": "2026-11-30", "notes": ["alt"]}
    bare = source("docs/remote-support.en.md", "en", ["alt"])
    bare.meta["review"] = {"status": "confirmed", "notes": ["alt"]}
    (item,) = page_items({"remote-support": [confirmed, bare]})
    assert item.edit == ("docs/remote-support.en.md",)
    assert "review status is confirmed, but no 'by:'" in item.text
