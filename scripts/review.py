"""`make review`: what blocks a release, then the content review list for the company.

First the release blockers (helpsite/release.py), the same list `make dist` refuses with: facts
in data/facts.yml without a value, listed as unconfirmed or without a record of who confirmed
them, pages not confirmed with who and when, SITE_URL not set. Then the review list
(helpsite/review_items.py, the list the review page of previews and `make serve` shows): open
facts with where they appear, settings the source does not back, the notes of every page not
confirmed yet, and the questions about content only the company can answer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from helpsite import release
from helpsite.review_items import QUESTION, review_items

# The project reviewed: the folder `make review` runs in.
PROJECT = Path.cwd()


def main() -> int:
    blockers = release.blockers(PROJECT, os.environ)
    if blockers:
        print(f"Blocks a release: {len(blockers)} item(s). `make dist` refuses until each is resolved; "
              "`make dist-preview` builds a preview for a staging address meanwhile.\n")
        for blocker in blockers:
            print(f"- {blocker}")
    else:
        print("Blocks a release: nothing. `make dist` builds a release.")
    items = review_items(PROJECT)
    confirm = [item for item in items if item.kind != QUESTION]
    questions = [item for item in items if item.kind == QUESTION]
    print(f"\nContent review list: {len(confirm)} item(s) for the company to confirm (the review "
          "page of a preview shows the same list, with links).\n")
    for item in confirm:
        print(f"- {item}")
    print(f"\nQuestions for the company: {len(questions)} (content the site does not have today).\n")
    for item in questions:
        print(f"- {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
