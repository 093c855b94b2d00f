"""Customers' questions for the site's search (data/search-questions.yml, and the same typed in a
hurry: data/search-questions-typos.yml), run through Material's own search worker and index in a
browser, as the reader's search runs them (through docs/assets/javascripts/search.js's stand-in
worker, so the forgiving search is part of it).

Used by the browser test (tests/browser/test_search_questions.py) and `make bench`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from helpsite.project import PROJECT

QUESTIONS = Path("data") / "search-questions.yml"
# Questions as customers type them in a hurry: typos, umlauts written out, words run together.
TYPED_QUESTIONS = Path("data") / "search-questions-typos.yml"
# Each set by the name the benchmark gives it.
QUESTION_SETS = {"Customer questions": QUESTIONS, "Customer questions typed in a hurry": TYPED_QUESTIONS}
TOP = 3  # the answering page must be among the first three pages of the result list

# In the page: start Material's search worker with the page's own index, as the search field
# does (the focus releases assets/javascripts/search.js), send each query, and return
# for each the pages of the result list in Material's order (one entry per page group).
RUN_QUERIES = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  document.querySelector("input.md-search__input")
    .dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const reply = (type) => new Promise((resolve) => {
    const listen = (event) => {
      if (event.data.type !== type) return;
      worker.removeEventListener("message", listen);
      resolve(event.data);
    };
    worker.addEventListener("message", listen);
  });
  const ready = reply(1);
  worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  await ready;
  const results = [];
  for (const query of queries) {
    const answer = reply(3);
    worker.postMessage({ type: 2, data: query });
    const { data } = await answer;
    results.push(data.items.map((group) => new URL(group[0].location, base).pathname));
  }
  worker.terminate();
  return results;
}"""


@dataclass
class Answer:
    query: str
    expected: str  # page path below the site root, e.g. "en/install.html"
    pages: list[str]  # result pages in order, paths below the site root

    @property
    def rank(self) -> int | None:
        return self.pages.index(self.expected) + 1 if self.expected in self.pages else None

    @property
    def found(self) -> bool:
        return self.rank is not None and self.rank <= TOP


def load_questions(project: Path = PROJECT, path: Path | None = None) -> dict[str, list[dict]]:
    """{lang: [{query, page}, ...]} from data/search-questions.yml (or another file)."""
    return yaml.safe_load((path or project / QUESTIONS).read_text(encoding="utf-8"))


def ask(page, start_url: str, questions: list[dict], lang_root: str) -> list[Answer]:
    """Run the questions on the site page at start_url (a Playwright page); one Answer each."""
    page.goto(start_url, wait_until="load")
    results = page.evaluate(RUN_QUERIES, [question["query"] for question in questions])
    return [Answer(question["query"], f"{lang_root}{question['page']}.html",
                   [path.lstrip("/") for path in pages])
            for question, pages in zip(questions, results)]



def with_a_typo(word: str) -> str:
    """The word with its third letter wrong, as a reader types it in a hurry: the forgiving
    search (docs/assets/javascripts/search-forgiving.js) allows one edit from five letters."""
    return word[:2] + ("q" if word[2].lower() != "q" else "z") + word[3:]
