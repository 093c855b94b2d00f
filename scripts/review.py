"""`make review`: what blocks a release, then the content review list for the company to confirm.

First the release blockers (helpsite/release.py), the same list `make dist` refuses with: facts
in data/facts.yml without a value or listed as unconfirmed, pages whose review status is not
confirmed, SITE_URL not set. Then the review list: (1) facts in data/facts.yml the source does
not state, (2) settings chosen without the source, (3) every page whose front matter says
`review: status: needs-review`, with its notes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from helpsite import release
from helpsite.facts import FACTS, load_yaml

# The project reviewed: the folder `make review` runs in.
PROJECT = Path.cwd()

# Settings outside facts.yml that the source does not back.
SETTINGS = {
    "mkdocs.yml site_url": "Address of the published site (default {value}); the source does not state it. "
                           "A release sets SITE_URL to the confirmed address.",
}


def review_items(facts: dict | None = None, pages: dict[str, dict] | None = None,
                 site_url: str | None = None) -> list[str]:
    """The review list, from the facts and the pages' front matter (read here unless given)."""
    facts = load_yaml(PROJECT / FACTS) if facts is None else facts
    pages = release.page_front_matter(PROJECT) if pages is None else pages
    site_url = release.default_site_url(PROJECT) if site_url is None else site_url
    items = [f"data/facts.yml {key}: {why}" for key, why in (facts.get("unconfirmed") or {}).items()]
    items += [f"{where}: {why.format(value=site_url)}" for where, why in SETTINGS.items()]
    for where, meta in pages.items():
        review = meta.get("review") or {}
        if review.get("status") != "confirmed":
            items += [f"{where}: {note}" for note in review.get("notes") or ["(no notes)"]]
    return items


def main() -> int:
    # The facts and the pages are read once, for the blockers and for the review list.
    facts, pages = load_yaml(PROJECT / FACTS), release.page_front_matter(PROJECT)
    site_url = release.default_site_url(PROJECT)
    blockers = release.release_blockers(facts, pages, os.environ.get(release.SITE_URL_VARIABLE), site_url)
    if blockers:
        print(f"Blocks a release: {len(blockers)} item(s). `make dist` refuses until each is resolved; "
              "`make dist-preview` builds a preview for a staging address meanwhile.\n")
        for blocker in blockers:
            print(f"- {blocker}")
    else:
        print("Blocks a release: nothing. `make dist` builds a release.")
    items = review_items(facts, pages, site_url)
    print(f"\nContent review list: {len(items)} item(s) for the company to confirm.\n")
    for item in items:
        print(f"- {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
