"""Spelling: cspell with the German dictionary for *.de.md and data/review.yml (the review page's
wording) and British English for *.en.md."""

from __future__ import annotations


def test_clean_pages_are_spelt_correctly(clean_findings):
    assert clean_findings["spelling"] == []


def test_planted_misspellings_are_found_in_each_language(planted_findings):
    findings = {(f.file, f.message.split("'")[1]): f.message for f in planted_findings["spelling"]}
    german = findings[("docs/install.de.md", "Adrese")]
    assert german.startswith("line ") and "(German; suggestions: Adresse" in german
    assert "add it to data/spelling-words.txt" in german
    assert "(British English; suggestions: receive" in findings[("docs/install.en.md", "recieve")]


def test_macros_heading_ids_urls_and_code_are_not_spell_checked(planted_findings):
    # The planted install pages also hold a macro (with a misspelling inside), a heading ID,
    # a URL and inline code, each with a non-word: only the misspellings in the text count.
    words = {(f.file, f.message.split("'")[1]) for f in planted_findings["spelling"]
             if f.file.startswith("docs/install.")}
    assert words == {("docs/install.de.md", "Adrese"), ("docs/install.en.md", "recieve")}


def test_a_misspelling_in_the_review_pages_wording_is_found_not_its_ids_or_files(planted_findings):
    words = {(f.file, f.message.split("'")[1]): f.message for f in planted_findings["spelling"]
             if f.file == "data/review.yml"}
    assert list(words) == [("data/review.yml", "Adrese")], words
    assert "(German; suggestions: Adresse" in words[("data/review.yml", "Adrese")]
