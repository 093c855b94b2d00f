"""Words the search index adds (helpsite/search_terms.py): German compounds (elided compounds
resolved, compound nouns split into their parts, English and short words left alone) and
keyword phrases run together, as customers type them."""

from __future__ import annotations

import json

import pytest

from helpsite.search_terms import CompoundSplitter, enrich_index, german_terms, joined_keywords


@pytest.fixture(scope="module")
def splitter(tmp_path_factory):
    return CompoundSplitter(tmp_path_factory.mktemp("project"))  # empty cache: the real model


def test_an_elided_compound_is_resolved(splitter):
    terms = german_terms("Wer die Wartungs- und Supportgebühren bezahlt hat", splitter)
    assert "Wartungsgebühren" in terms and "Supportgebühren" not in terms  # that one is in the text


def test_a_list_of_elided_compounds_is_resolved(splitter):
    terms = german_terms("Fragen zu Installations-, Update- oder Supportfragen", splitter)
    assert {"Installationsfragen", "Updatefragen"} <= set(terms)


def test_compound_nouns_are_split_into_parts(splitter):
    terms = german_terms("Eine Datensicherung vor der Fernwartungssitzung", splitter)
    assert {"Daten", "Sicherung", "Sitzung", "Wartungs"} <= set(terms)


def test_short_words_hyphenated_words_and_particles_are_left_whole(splitter):
    assert german_terms("Der Support hilft per E-Mail und Telefon.", splitter) == []


def test_splits_are_cached_on_disk(splitter, tmp_path):
    splitter.split("Datensicherung")
    splitter.save()
    cached = json.loads(splitter.path.read_text(encoding="utf-8"))
    assert cached["Datensicherung"] == ["Daten", "Sicherung"]


def test_the_index_gets_keywords_and_german_parts_in_fields_of_their_own(splitter, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "backup.de.md").write_text("---\nkeywords: [Backup, Sicherheitskopie]\n---\n", encoding="utf-8")
    index = {"config": {"fields": {"title": {"boost": 1000}, "text": {"boost": 1}}},
             "docs": [{"location": "backup.html", "title": "Datensicherung", "text": "<p>Regelmäßig.</p>"},
                      {"location": "backup.html#when", "title": "Wann", "text": "<p>Vor Änderungen.</p>"}]}
    english = json.loads(json.dumps(index))
    enriched = enrich_index(index, "de", tmp_path, splitter)
    page, section = enriched["docs"]
    assert page["keywords"] == "Backup Sicherheitskopie" and "keywords" not in section
    assert "Sicherung" in page["parts"].split() and "parts" not in section
    assert {"keywords", "parts"} <= set(enriched["config"]["fields"])
    assert "parts" not in enrich_index(english, "en", tmp_path, splitter)["docs"][0]  # German only


def test_keyword_phrases_of_two_words_and_hyphenated_keywords_are_run_together():
    joined = joined_keywords(["price list", "help desk", "E-Mail", "E-Mail-Adresse", "Remote-Support"])
    assert joined == ["pricelist", "helpdesk", "email", "emailadresse", "remotesupport"]


def test_phrases_after_a_short_word_longer_phrases_numbers_and_existing_keywords_stay_apart():
    # "wie*" would otherwise match "wielange": every question starting with "wie" would list the page.
    assert joined_keywords(["wie lange", "my data", "talk to someone", "Windows 10", "email", "e-mail"]) == []


def test_the_index_gets_keyword_phrases_run_together_as_parts_not_as_keywords(splitter, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "prices.en.md").write_text("---\nkeywords: [price list, support fee]\n---\n", encoding="utf-8")
    index = {"config": {"fields": {}},
             "docs": [{"location": "prices.html", "title": "Prices", "text": "<p>Price lists.</p>"},
                      {"location": "prices.html#fee", "title": "Fee", "text": "<p>The support fee.</p>"}]}
    page, section = enrich_index(index, "en", tmp_path, splitter)["docs"]
    # Not with the keywords: there "supportfee" made every "support*" query count the keyword twice.
    assert page["keywords"] == "price list support fee"
    assert page["parts"].split() == ["pricelist", "supportfee"] and "parts" not in section
