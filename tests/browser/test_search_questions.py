"""Customers' questions (data/search-questions.yml), in their own words: each finds the page
that answers it among the first three result pages, in the reader's language, through
Material's own search worker and the site's index (harness/search_questions.py)."""

from __future__ import annotations

import pytest

from harness.search_questions import TOP, ask, load_questions

pytestmark = pytest.mark.browser

QUESTIONS = load_questions()


def test_there_are_at_least_40_questions_per_language(langs):
    for lang in langs.codes:
        assert len(QUESTIONS.get(lang, [])) >= 40, f"data/search-questions.yml: {lang} needs 40 questions"


@pytest.mark.parametrize("lang", QUESTIONS)
def test_each_question_finds_its_page_in_the_top_three(site, tab, langs, lang):
    root = langs.root(lang)
    answers = ask(tab, site.url(f"{root}index.html"), QUESTIONS[lang], root)
    foreign = [(a.query, page) for a in answers for page in a.pages if langs.of_path(page) != lang]
    assert not foreign, f"results in another language than {lang}: {foreign[:5]}"
    missed = [f"{a.query!r}: expected {a.expected}, got {a.pages[:TOP]}" for a in answers if not a.found]
    assert not missed, ("Questions whose page is not in the top three; add the customer's words to "
                        "the page's front matter keywords:\n" + "\n".join(missed))
