"""The release gate: what keeps the site from being published as a release.

A release is ready when
- no fact in data/facts.yml is null,
- its `unconfirmed` list is empty, and every fact not from the source is listed under
  `confirmed` with who confirmed it and when,
- every page's front matter says `review: {status: confirmed, by: <name>, date: <YYYY-MM-DD>}`
  (helpsite/confirmation.py holds these rules),
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


from helpsite import confirmation, front_matter
from helpsite.facts import FACTS, load_yaml
from helpsite.project import PROJECT, languages, mkdocs_config

SITE_URL_VARIABLE = "SITE_URL"


@dataclass(frozen=True)
class Blocker:
    """One thing that keeps a release back: where it is (a fact, a page, a setting) and why."""

    where: str  # "data/facts.yml company.legal_name", "docs/install.de.md", "SITE_URL"
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


def fact_blockers(facts: Mapping, langs: tuple[str, ...] | None = None) -> list[Blocker]:
    """Open facts (without a value, or under `unconfirmed`), one per list entry in the file's
    order, then facts whose record is missing or incomplete."""
    langs = langs or languages().codes
    states = confirmation.fact_states(facts, langs)
    entries = confirmation.open_fact_entries(facts)
    found = []
    for entry, value in entries.items():
        note = value.get("note") if isinstance(value, Mapping) else value
        reason = f" ({note})" if isinstance(note, str) and note.strip() else ""
        missing = any(not state.has_value for key, state in states.items() if confirmation.covers(entry, key))
        why = "no value yet" if missing else f"listed under '{confirmation.UNCONFIRMED}'"
        found.append(Blocker(f"{FACTS.as_posix()} {entry}", why + reason))
    for where, problem in confirmation.fact_list_problems(facts, langs):
        if where not in entries:
            found.append(Blocker(f"{FACTS.as_posix()} {where}", problem))
    return found


def page_blockers(pages: Mapping[str, Mapping]) -> list[Blocker]:
    """Pages (docs path -> front matter) not confirmed by someone at the company, with the date."""
    found = []
    for where, meta in pages.items():
        status = confirmation.page_status(meta)
        if status == confirmation.CONFIRMED:
            continue
        notes = confirmation.page_notes(meta)
        why = f"review status is {status}"
        if status.startswith(confirmation.CONFIRMED):
            why += f": {confirmation.page_review_problem(meta)}"
        elif notes:
            why += f", {len(notes)} note(s) to confirm (make review)"
        found.append(Blocker(where, why))
    return found


def site_url_blocker(site_url: str | None, default: str | None) -> list[Blocker]:
    """The release's address must be stated; the default in mkdocs.yml is unconfirmed."""
    if site_url and site_url.strip():
        return []
    return [Blocker(SITE_URL_VARIABLE, (
        f"not set. A release states its address, and the default site_url in mkdocs.yml ({default}) "
        f"is not confirmed: {SITE_URL_VARIABLE}=<the confirmed address> make dist"))]


def release_blockers(facts: Mapping, pages: Mapping[str, Mapping], site_url: str | None,
                     default_site_url: str | None = None, langs: tuple[str, ...] | None = None) -> list[Blocker]:
    """Everything that keeps a release back, facts first, then pages, then the address."""
    return fact_blockers(facts, langs) + page_blockers(pages) + site_url_blocker(site_url, default_site_url)


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
                            environ.get(SITE_URL_VARIABLE), default_site_url(project), languages(project).codes)
