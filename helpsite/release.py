"""The release gate: what keeps the site from being published as a release.

A release is ready when
- no fact in data/facts.yml is null,
- its `unconfirmed` list is empty,
- every page's front matter says `review: status: confirmed`,
- and the publisher states the site's address (the environment variable SITE_URL). The default
  `site_url` in mkdocs.yml is a guess the source does not back, and the address ends up in
  places that are hard to take back (help-ids.json for the program, sitemaps, hreflang links,
  the nginx server_name), so a release never falls back on it.

`blockers()` names each item that is missing; scripts/dist.py refuses a release while there is
one, scripts/review.py lists them first. A preview (make dist-preview) may have blockers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpsite import front_matter
from helpsite.facts import FACTS, load_yaml, null_facts
from helpsite.project import PROJECT, mkdocs_config

SITE_URL_VARIABLE = "SITE_URL"
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Blocker:
    """One thing that keeps a release back: where it is (a fact, a page, a setting) and why."""

    where: str  # "data/facts.yml company.legal_name", "docs/install.de.md", "SITE_URL"
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


def fact_blockers(facts: Mapping) -> list[Blocker]:
    """Facts without a value and facts listed under `unconfirmed`, in the file's order."""
    unconfirmed = facts.get("unconfirmed") or {}
    nulls = null_facts(facts)
    found = []
    for key in [*unconfirmed, *(key for key in nulls if key not in unconfirmed)]:
        reason = unconfirmed.get(key)
        if key in nulls:
            why = f"no value yet ({reason})" if reason else "no value yet"
        else:
            why = f"listed under 'unconfirmed' ({reason})" if reason else "listed under 'unconfirmed'"
        found.append(Blocker(f"{FACTS.as_posix()} {key}", why))
    return found


def page_blockers(pages: Mapping[str, Mapping]) -> list[Blocker]:
    """Pages (docs path -> front matter) whose review status is not `confirmed`."""
    found = []
    for where, meta in pages.items():
        review = meta.get("review") if isinstance(meta.get("review"), Mapping) else {}
        status = review.get("status")
        if status == CONFIRMED:
            continue
        notes = review.get("notes") or []
        found.append(Blocker(where, f"review status is {status or 'missing'}"
                                    + (f", {len(notes)} note(s) to confirm (make review)" if notes else "")))
    return found


def site_url_blocker(site_url: str | None, default: str | None) -> list[Blocker]:
    """The release's address must be stated; the default in mkdocs.yml is unconfirmed."""
    if site_url and site_url.strip():
        return []
    return [Blocker(SITE_URL_VARIABLE, (
        f"not set. A release states its address, and the default site_url in mkdocs.yml ({default}) "
        f"is not confirmed: {SITE_URL_VARIABLE}=<the confirmed address> make dist"))]


def release_blockers(facts: Mapping, pages: Mapping[str, Mapping], site_url: str | None,
                     default_site_url: str | None = None) -> list[Blocker]:
    """Everything that keeps a release back, facts first, then pages, then the address."""
    return fact_blockers(facts) + page_blockers(pages) + site_url_blocker(site_url, default_site_url)


def page_front_matter(project: Path = PROJECT) -> dict[str, dict]:
    """docs path -> front matter of every page source, sorted by path."""
    docs = project / "docs"
    return {f"docs/{page.relative_to(docs).as_posix()}": front_matter.read(page)
            for page in sorted(docs.rglob("*.md"))}


def default_site_url(project: Path = PROJECT) -> str | None:
    """site_url as mkdocs.yml states it when SITE_URL is not set."""
    return mkdocs_config(project, environ={}).get("site_url")


def blockers(project: Path = PROJECT, environ: Mapping[str, str] = os.environ) -> list[Blocker]:
    """What keeps the project from a release, read from its files and the environment."""
    return release_blockers(load_yaml(project / FACTS), page_front_matter(project),
                            environ.get(SITE_URL_VARIABLE), default_site_url(project))
