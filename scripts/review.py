"""`make review`: what blocks a release, then the content review list for the company to confirm.

First the release blockers (helpsite/release.py), the same list `make dist` refuses with: facts
in data/facts.yml without a value or listed as unconfirmed, pages whose review status is not
confirmed, SITE_URL not set. Then the review list: (1) facts in data/facts.yml the source does
not state, (2) settings chosen without the source, (3) every page whose front matter says
`review: status: needs-review`, with its notes.
"""

from __future__ import annotations

import sys

import yaml

from helpsite import front_matter, release
from helpsite.project import PROJECT

# Settings outside facts.yml that the source does not back.
SETTINGS = {
    "mkdocs.yml site_url": "Address of the published site (default {value}); the source does not state it. "
                           "A release sets SITE_URL to the confirmed address.",
}


def review_items() -> list[str]:
    items = []
    facts = yaml.safe_load((PROJECT / "data" / "facts.yml").read_text(encoding="utf-8"))
    for key, why in (facts.get("unconfirmed") or {}).items():
        items.append(f"data/facts.yml {key}: {why}")
    site_url = release.default_site_url(PROJECT)
    for where, why in SETTINGS.items():
        items.append(f"{where}: {why.format(value=site_url)}")
    for page in sorted((PROJECT / "docs").rglob("*.md")):
        review = front_matter.read(page).get("review") or {}
        if review.get("status") != "confirmed":
            for note in review.get("notes") or ["(no notes)"]:
                items.append(f"docs/{page.relative_to(PROJECT / 'docs').as_posix()}: {note}")
    return items


def main() -> int:
    blockers = release.blockers(PROJECT)
    if blockers:
        print(f"Blocks a release: {len(blockers)} item(s). `make dist` refuses until each is resolved; "
              "`make dist-preview` builds a preview for a staging address meanwhile.\n")
        for blocker in blockers:
            print(f"- {blocker}")
    else:
        print("Blocks a release: nothing. `make dist` builds a release.")
    items = review_items()
    print(f"\nContent review list: {len(items)} item(s) for the company to confirm.\n")
    for item in items:
        print(f"- {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
