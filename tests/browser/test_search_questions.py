"""Customers' questions (data/search-questions.yml), in their own words, and the same kind typed
in a hurry (data/search-questions-typos.yml: typos, umlauts written out, words run together): each
finds the page that answers it among the first three result pages, in the reader's language,
through Material's own search worker and the site's index (harness/search_questions.py)."""

from __future__ import annotations

import pytest

from helpsite.project import PROJECT
from harness.search_questions import TOP, TYPED_QUESTIONS, ask, load_questions

pytestmark = pytest.mark.browser

QUESTIONS = load_questions()
TYPED = load_questions(path=PROJECT / TYPED_QUESTIONS)


def test_there_are_at_least_40_questions_per_language(langs):
    for lang in langs.codes:
        assert len(QUESTIONS.get(lang, [])) >= 40, f"data/search-questions.yml: {lang} needs 40 questions"


def test_there_are_at_least_25_typed_questions_per_language(langs):
    for lang in langs.codes:
        assert len(TYPED.get(lang, [])) >= 25, f"{TYPED_QUESTIONS}: {lang} needs 25 questions"


def missed_questions(tab, site, langs, lang, questions) -> list[str]:
    root = langs.root(lang)
    answers = ask(tab, site.url(f"{root}index.html"), questions, root)
    foreign = [(a.query, page) for a in answers for page in a.pages if langs.of_path(page) != lang]
    assert not foreign, f"results in another language than {lang}: {foreign[:5]}"
    return [f"{a.query!r}: expected {a.expected}, got {a.pages[:TOP]}" for a in answers if not a.found]


@pytest.mark.parametrize("lang", QUESTIONS)
def test_each_question_finds_its_page_in_the_top_three(site, tab, langs, lang):
    missed = missed_questions(tab, site, langs, lang, QUESTIONS[lang])
    assert not missed, ("Questions whose page is not in the top three; add the customer's words to "
                        "the page's front matter keywords:\n" + "\n".join(missed))


@pytest.mark.parametrize("lang", TYPED)
def test_each_typed_question_finds_its_page_in_the_top_three(site, tab, langs, lang):
    missed = missed_questions(tab, site, langs, lang, TYPED[lang])
    assert not missed, (f"{TYPED_QUESTIONS}: questions whose page is not in the top three. Does the same "
                        "question spelled right find it (else add the customer's words to the page's "
                        "front matter keywords)? If so, the forgiving search "
                        "(docs/assets/javascripts/search-forgiving.js) misses the word:\n" + "\n".join(missed))
