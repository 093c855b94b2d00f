"""The open items the company has to confirm or answer before a release: one list for
`make review` (scripts/review.py prints it) and for the review page of previews and `make serve`
(helpsite/review_page.py renders it), read from the project's files, no build needed.

- facts: every entry under `unconfirmed` in data/facts.yml (with its label and note; `missing`
  when it has no value yet) and every fact whose record is missing or incomplete;
- pages: every page file not confirmed (helpsite/confirmation.py), with its review notes;
  notes that read the same in every language's file are one item naming all the files;
- settings the source does not back (the site's address; data/review.yml);
- questions: content the site does not have today, that only the company can answer
  (data/review.yml).

Each item says where it appears on the site (a page and, where known, its section: facts where
a page or template uses them, notes by the section IDs a note names at its end, "(download,
start)") and which file to edit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from helpsite import confirmation
from helpsite.facts import FACTS, load_yaml
from helpsite.front_matter import read as read_front_matter
from helpsite.project import PROJECT, SOURCE_NAME, languages, mkdocs_config

REVIEW_DATA = Path("data") / "review.yml"
FACT, PAGE_NOTE, SETTING, QUESTION = "fact", "note", "setting", "question"
TEMPLATES = "every page"  # Place.page of what the templates (overrides/) show on every page


HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.*?)(?:\s*\{:\s*#(?P<id>[\w-]+)\s*\})?\s*$")
FACT_USE = re.compile(r"""\b(?:has_fact|fact|fact_link|fact_host)\(\s*["'](?P<key>[\w.]+)["']""")
TEMPLATE_FACT_USE = re.compile(r"""facts\.(?P<dotted>[\w.]+)|marks\.get\(\s*["'](?P<key>[\w.]+)["']""")
NOTE_SECTIONS = re.compile(r"\s*\((?P<ids>[a-z0-9-]+(?:,\s*[a-z0-9-]+)*)\)\.?$")


@dataclass(frozen=True)
class Place:
    """Where an item shows on the site: a page (docs stem; TEMPLATES: every page) and a section."""

    page: str
    anchor: str = ""


@dataclass(frozen=True)
class Item:
    kind: str  # FACT, PAGE_NOTE, SETTING or QUESTION
    name: str  # the fact's list entry, the page stem, the setting, the question's ID
    text: str  # the note or question, as written
    edit: tuple[str, ...]  # the files to edit, e.g. ("docs/install.de.md", "docs/install.en.md")
    places: tuple[Place, ...] = ()
    label: str = ""  # a fact's name (default language), for the review page
    missing: bool = False  # a fact without a value yet

    def __str__(self) -> str:
        """One line of `make review`."""
        where = {PAGE_NOTE: ", ".join(self.edit), QUESTION: f"{self.name} ({', '.join(self.edit)})"}.get(
            self.kind, f"{self.edit[0]} {self.name}")
        shown = ", ".join(f"{p.page}{'#' + p.anchor if p.anchor else ''}" for p in self.places)
        return f"{where}: {self.text}" + (f" [on: {shown}]" if shown and self.kind != PAGE_NOTE else "")


@dataclass
class Source:
    """One page's Markdown file: its title, its headings (ID -> title) and where it uses facts."""

    path: str  # "docs/install.de.md"
    stem: str
    lang: str
    meta: dict
    headings: dict[str, str] = field(default_factory=dict)
    fact_uses: list[tuple[str, str]] = field(default_factory=list)  # (fact key, section ID)


def read_source(project: Path, path: Path, lang: str, stem: str) -> Source:
    source = Source(path.relative_to(project).as_posix(), stem, lang, read_front_matter(path))
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---", 1)[1] if text.startswith("---") and "\n---" in text else text
    section = ""
    for line in body.splitlines():
        heading = HEADING.match(line)
        if heading and heading["id"]:
            section = heading["id"]
            source.headings[section] = heading["title"]
        elif heading and heading["level"] == "#":
            section = ""
        source.fact_uses += [(use["key"], section) for use in FACT_USE.finditer(line)]
    return source


def page_sources(project: Path) -> dict[str, list[Source]]:
    """docs stem -> its files (default language first), the pages in the order of mkdocs.yml's nav."""
    langs = languages(project)
    pages: dict[str, list[Source]] = {}
    for path in sorted((project / "docs").rglob("*.md")):
        match = SOURCE_NAME.match(path.name)
        if match and match["lang"] in langs.codes:
            stem = path.relative_to(project / "docs").with_name(match["stem"]).as_posix()
            pages.setdefault(stem, []).append(read_source(project, path, match["lang"], stem))
    nav = [entry.removesuffix(".md") for entry in mkdocs_config(project).get("nav") or [] if isinstance(entry, str)]
    order = {stem: position for position, stem in enumerate(nav)}
    for files in pages.values():
        files.sort(key=lambda source: langs.codes.index(source.lang))
    return dict(sorted(pages.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


def template_fact_keys(project: Path) -> set[str]:
    """Facts the templates under overrides/ show on every page."""
    keys = set()
    for template in (project / "overrides").rglob("*.html"):
        for use in TEMPLATE_FACT_USE.finditer(template.read_text(encoding="utf-8")):
            keys.add(use["key"] or use["dotted"])
    return keys


def fact_places(entry: str, pages: dict[str, list[Source]], template_keys: set[str]) -> tuple[Place, ...]:
    """Where the facts of a list entry show: each page section (default language) that uses one."""
    places = []
    for stem, files in pages.items():
        for key, section in files[0].fact_uses:
            if confirmation.covers(entry, key) or confirmation.covers(key, entry):
                places.append(Place(stem, section))
    if any(confirmation.covers(entry, key) or confirmation.covers(key, entry) for key in template_keys):
        places.append(Place(TEMPLATES))
    return tuple(dict.fromkeys(places))


def fact_items(facts: Mapping, langs, pages: dict[str, list[Source]], template_keys: set[str]) -> list[Item]:
    states = confirmation.fact_states(facts, langs.codes)
    entries = confirmation.open_fact_entries(facts)
    items = []
    for entry, value in entries.items():
        value = value if isinstance(value, Mapping) else {"note": value}
        label = value.get("label") if isinstance(value.get("label"), Mapping) else {}
        missing = any(not state.has_value for key, state in states.items() if confirmation.covers(entry, key))
        items.append(Item(FACT, entry, str(value.get("note") or ""), (FACTS.as_posix(),),
                          fact_places(entry, pages, template_keys), str(label.get(langs.default) or entry),
                          missing))
    for where, problem in confirmation.fact_list_problems(facts, langs.codes):
        if where not in entries:
            missing = where in states and not states[where].has_value
            items.append(Item(FACT, where, problem, (FACTS.as_posix(),), fact_places(where, pages, template_keys),
                              where, missing))
    return items


def note_places(note: str, sources: list[Source]) -> tuple[str, tuple[Place, ...]]:
    """The note without its closing "(section, section)" and the places it names; a note whose
    parenthesis names no section of the page keeps it as text."""
    match = NOTE_SECTIONS.search(note)
    if not match:
        return note, ()
    ids = [part.strip() for part in match["ids"].split(",")]
    if not all(any(section in source.headings for source in sources) for section in ids):
        return note, ()
    return note[:match.start()].rstrip(" .") + ".", tuple(Place(sources[0].stem, section) for section in ids)


def page_items(pages: dict[str, list[Source]]) -> list[Item]:
    """Review notes of the page files not confirmed yet; a note in several files once."""
    items = []
    for stem, files in pages.items():
        notes: dict[str, list[str]] = {}
        for source in files:
            if confirmation.is_confirmed(source.meta):
                continue
            problem = confirmation.page_review_problem(source.meta)
            for note in [problem] if problem else confirmation.page_notes(source.meta):
                notes.setdefault(note, []).append(source.path)
        for note, paths in notes.items():
            text, places = note_places(note, files)
            items.append(Item(PAGE_NOTE, stem, text, tuple(paths), places or (Place(stem),)))
    return items


def setting_items(project: Path) -> list[Item]:
    """Settings outside data/facts.yml that the source does not back ({value}: the current one)."""
    from helpsite.release import default_site_url

    values = {"site_url": default_site_url(project)}
    return [Item(SETTING, setting["name"], setting["note"].format(value=values.get(setting["name"], "")),
                 (setting["file"],)) for setting in review_data(project).get("settings") or []]


def review_data(project: Path = PROJECT) -> dict:
    return load_yaml(project / REVIEW_DATA)


def question_items(project: Path, pages: dict[str, list[Source]]) -> list[Item]:
    items = []
    for question in review_data(project).get("questions") or []:
        stem, section = question.get("page", ""), question.get("section", "")
        files = tuple(source.path for source in pages.get(stem, []))
        items.append(Item(QUESTION, question["id"], question["question"],
                          tuple(question.get("edit") or files), (Place(stem, section),) if stem else ()))
    return items


def review_items(project: Path = PROJECT) -> list[Item]:
    """Every open item: facts, settings, page notes, questions (in this order)."""
    langs = languages(project)
    pages = page_sources(project)
    facts = load_yaml(project / FACTS)
    return (fact_items(facts, langs, pages, template_fact_keys(project)) + setting_items(project)
            + page_items(pages) + question_items(project, pages))
