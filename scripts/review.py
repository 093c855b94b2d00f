"""`make review`: the content review list for the company to confirm.

Gathers (1) facts in data/facts.yml the source does not state, (2) settings chosen without
the source, (3) every page whose front matter says `review: status: needs-review`, with its notes.
"""

from __future__ import annotations

import re
import sys

import yaml

from helpsite import front_matter
from helpsite.project import PROJECT

# Settings outside facts.yml that the source does not back.
SETTINGS = {
    "mkdocs.yml site_url": "Address of the published site (default {value}); the source does not state it.",
}


def review_items() -> list[str]:
    items = []
    facts = yaml.safe_load((PROJECT / "data" / "facts.yml").read_text(encoding="utf-8"))
    for key, why in (facts.get("unconfirmed") or {}).items():
        items.append(f"data/facts.yml {key}: {why}")
    site_url = re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]',
                         (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")).group(1)
    for where, why in SETTINGS.items():
        items.append(f"{where}: {why.format(value=site_url)}")
    for page in sorted((PROJECT / "docs").rglob("*.md")):
        review = front_matter.read(page).get("review") or {}
        if review.get("status") != "confirmed":
            for note in review.get("notes") or ["(no notes)"]:
                items.append(f"docs/{page.relative_to(PROJECT / 'docs').as_posix()}: {note}")
    return items


def main() -> int:
    items = review_items()
    print(f"Content review list: {len(items)} item(s) for the company to confirm.\n")
    for item in items:
        print(f"- {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
