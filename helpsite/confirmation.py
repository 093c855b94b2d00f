"""Confirming is the company's act, recorded with who confirmed and when. The one place in code
for the word "confirmed" and its rules; the build (helpsite/front_matter.py, helpsite/facts.py),
the release gate (helpsite/release.py), `make review` and the review page read them here.

Pages: the front matter says
    review: {status: confirmed, by: <name>, date: <YYYY-MM-DD>}
once a person at the company has confirmed the page, and until then
    review: {status: needs-review, notes: [what the company has to confirm]}

Facts: data/facts.yml names every fact in one of three lists (a list entry may name a group,
such as `support.phone`, for all the facts under it):
    source:      stated on the company's support page; the entry says where
    confirmed:   confirmed by the company: {by: <name>, date: <YYYY-MM-DD>}
    unconfirmed: still open: {label: {de: ..., en: ...}, note: what to confirm}
A fact leaves `unconfirmed` only with such a record. The label names the fact in the editor's
marks that previews show in its place (helpsite/marks.py).

The key is `date`, not `on`: YAML reads a key `on:` as the value true.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

CONFIRMED = "confirmed"
NEEDS_REVIEW = "needs-review"
STATUSES = (CONFIRMED, NEEDS_REVIEW)
SOURCE = "source"
UNCONFIRMED = "unconfirmed"
FACT_LISTS = (SOURCE, CONFIRMED, UNCONFIRMED)  # the top-level lists of data/facts.yml
PAGE_RECORD = f"review: {{status: {CONFIRMED}, by: <name>, date: <YYYY-MM-DD>}}"
FACT_RECORD = "{by: <name>, date: <YYYY-MM-DD>}"


# --- Who and when ---------------------------------------------------------------------------

def record_problem(record: Mapping) -> str | None:
    """What a confirmation record lacks (None: it names who confirmed, and when)."""
    if True in record or "on" in record:
        return "'on:' reads as true in YAML; write 'date: YYYY-MM-DD'"
    by, date = record.get("by"), record.get("date")
    if not isinstance(by, str) or not by.strip():
        return "no 'by:' (the person at the company who confirmed it)"
    if isinstance(date, str):
        try:
            date = datetime.date.fromisoformat(date)
        except ValueError:
            return f"'date: {date}' is not a date (YYYY-MM-DD)"
    if isinstance(date, datetime.datetime) or not isinstance(date, datetime.date):
        return "no 'date:' (when it was confirmed, YYYY-MM-DD)"
    if date > datetime.date.today():
        return f"'date: {date}' lies in the future"
    return None


# --- Pages ----------------------------------------------------------------------------------

def page_review_problem(meta: Mapping) -> str | None:
    """What is wrong with a page's `review:` front matter (None: nothing)."""
    review = meta.get("review")
    if not isinstance(review, Mapping) or review.get("status") not in STATUSES:
        return (f"front matter needs 'review:' with 'status: {CONFIRMED}' (and who confirmed the page "
                f"and when: {PAGE_RECORD}) or 'status: {NEEDS_REVIEW}' and 'notes:' listing what the "
                "company has to confirm.")
    notes = review.get("notes") or []
    if not isinstance(notes, list) or not all(isinstance(note, str) for note in notes):
        return "review notes must be a list of sentences."
    if review["status"] == NEEDS_REVIEW and not notes:
        return f"review status is {NEEDS_REVIEW} but 'notes:' is empty."
    if review["status"] == CONFIRMED:
        problem = record_problem(review)
        if problem:
            return (f"review status is {CONFIRMED}, but {problem}. A confirmation is the company's act: "
                    f"write {PAGE_RECORD}, naming the person at the company who confirmed the page.")
    return None


def page_status(meta: Mapping) -> str:
    """'confirmed' only for a page confirmed with who and when; else its status as written."""
    review = meta.get("review") if isinstance(meta.get("review"), Mapping) else {}
    status = review.get("status")
    if status == CONFIRMED and page_review_problem(meta):
        return f"{CONFIRMED} without who and when"
    return status or "missing"


def is_confirmed(meta: Mapping) -> bool:
    return page_status(meta) == CONFIRMED


def page_notes(meta: Mapping) -> list[str]:
    review = meta.get("review") if isinstance(meta.get("review"), Mapping) else {}
    notes = review.get("notes") or []
    return [note for note in notes if isinstance(note, str)] if isinstance(notes, list) else []


# --- Facts ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FactState:
    """Where one fact stands: the list entry that names it, and whether it has a value."""

    key: str  # the fact, e.g. "support.phone.tel"
    entry: str | None  # the list entry naming it, e.g. "support.phone"; None: in no list
    list: str | None  # SOURCE, CONFIRMED, UNCONFIRMED or None
    has_value: bool

    @property
    def is_open(self) -> bool:
        """Not to be published: no value, still unconfirmed, or named in no list."""
        return not self.has_value or self.list not in (SOURCE, CONFIRMED)


def fact_keys(facts: Mapping, langs: tuple[str, ...]) -> list[str]:
    """Dotted keys of every fact (a per-language mapping is one fact), in the file's order."""
    found = []

    def walk(value, where):
        if isinstance(value, Mapping) and value and not set(value) <= set(langs):
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else key)
        else:
            found.append(where)

    walk({k: v for k, v in facts.items() if k not in FACT_LISTS}, "")
    return found


def fact_value(facts: Mapping, key: str):
    """Value at a dotted key such as 'support.phone.tel'; KeyError when a part is missing."""
    value = facts
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise KeyError(key)
        value = value[part]
    return value


def has_value(value) -> bool:
    if isinstance(value, Mapping):
        return all(has_value(item) for item in value.values())
    return value is not None


def fact_list(facts: Mapping, name: str) -> Mapping:
    entries = facts.get(name)
    return entries if isinstance(entries, Mapping) else {}


def covers(entry: str, key: str) -> bool:
    return key == entry or key.startswith(entry + ".")


def fact_states(facts: Mapping, langs: tuple[str, ...]) -> dict[str, FactState]:
    """Every fact's state, in the file's order."""
    states = {}
    for key in fact_keys(facts, langs):
        named = [(entry, name) for name in FACT_LISTS for entry in fact_list(facts, name) if covers(entry, key)]
        entry, name = max(named, key=lambda pair: len(pair[0])) if named else (None, None)
        states[key] = FactState(key, entry, name, has_value(fact_value(facts, key)))
    return states


def fact_list_problems(facts: Mapping, langs: tuple[str, ...]) -> list[tuple[str, str]]:
    """(fact or list entry, what is wrong, naming it) for the lists of data/facts.yml: each fact
    in exactly one list, confirmations with who and when, open facts with a label per language
    and a note, facts without a value still open."""
    problems = []
    keys = fact_keys(facts, langs)
    seen: dict[str, str] = {}
    for name in FACT_LISTS:
        if facts.get(name) is not None and not isinstance(facts.get(name), Mapping):
            problems.append((name, f"'{name}:' must map fact keys to entries."))
            continue
        for entry, value in fact_list(facts, name).items():
            if not any(covers(str(entry), key) for key in keys):
                problems.append((entry, f"'{name}' lists '{entry}', which is not a fact in the file."))
                continue
            for other, other_list in seen.items():
                if covers(other, entry) or covers(entry, other):
                    problems.append((entry, f"'{entry}' ({name}) and '{other}' ({other_list}) name the "
                                            "same fact; name each fact in one list only."))
            seen[entry] = name
            if name == CONFIRMED:
                problem = record_problem(value) if isinstance(value, Mapping) else "no record of who and when"
                if problem:
                    problems.append((entry, f"'{entry}' is listed as {CONFIRMED}, but {problem}. Write "
                                            f"'{entry}: {FACT_RECORD}', naming the person at the company "
                                            "who confirmed it."))
            elif name == UNCONFIRMED:
                label = value.get("label") if isinstance(value, Mapping) else None
                note = value.get("note") if isinstance(value, Mapping) else None
                if not (isinstance(label, Mapping) and set(label) == set(langs)
                        and all(isinstance(text, str) and text.strip() for text in label.values())):
                    problems.append((entry, f"'{entry}' is open: it needs 'label:' naming it in every "
                                            f"language ({', '.join(langs)}) for the editor's marks, and "
                                            "'note:' saying what the company has to confirm."))
                elif not isinstance(note, str) or not note.strip():
                    problems.append((entry, f"'{entry}' is open: it needs 'note:' saying what the company "
                                            "has to confirm."))
    for key, state in fact_states(facts, langs).items():
        if state.list is None and not state.has_value:
            problems.append((key, f"'{key}' has no value; list it under '{UNCONFIRMED}' so that the "
                                  "company confirms it, or give it a value from the source."))
        elif state.list is None:
            problems.append((key, f"'{key}' is named in none of '{SOURCE}', '{CONFIRMED}', '{UNCONFIRMED}'. "
                                  f"A fact leaves '{UNCONFIRMED}' only with a record of who confirmed it "
                                  f"and when: '{key}: {FACT_RECORD}' under '{CONFIRMED}'."))
        elif not state.has_value and state.list != UNCONFIRMED:
            problems.append((key, f"'{key}' has no value but is listed under '{state.list}'; list it "
                                  f"under '{UNCONFIRMED}' until the company gives its value."))
    return problems


def open_fact_entries(facts: Mapping) -> Mapping:
    """The `unconfirmed` list: entry -> {label, note}."""
    return fact_list(facts, UNCONFIRMED)
