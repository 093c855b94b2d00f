"""Editor's marks: where a page or template shows a fact the company has not confirmed yet,
previews and `make serve` show a highlighted mark in its place, in the page's language, e.g.
`[zu bestätigen: Firmenname]` (a tentative value stands before it). The wording is in
data/ui-text.yml (`unconfirmed_mark`), each fact's label in data/facts.yml (`unconfirmed`); the
mark's look is `.sp-unconfirmed` in docs/assets/stylesheets/site.css. A release never shows a
mark: the page macros refuse an open fact there (hooks/page_macros.py), and the release gate
refuses open facts before anything is built (helpsite/release.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from helpsite.confirmation import UNCONFIRMED, covers, fact_states, open_fact_entries

MARK_CLASS = "sp-unconfirmed"
WORDING_KEY = "unconfirmed_mark"  # in data/ui-text.yml


def open_label(facts: Mapping, key: str, lang: str, langs: tuple[str, ...], states=None) -> str | None:
    """The label of the open fact at key (or of the first open one under it), in lang; None
    when key is confirmed or from the source. A fact named in no list is labelled by its key.
    states: fact_states(facts, langs), when the caller has them already."""
    entries = open_fact_entries(facts)
    for state in (states or fact_states(facts, langs)).values():
        if state.is_open and (covers(key, state.key) or covers(state.key, key)):
            if state.list == UNCONFIRMED and isinstance(entries.get(state.entry), Mapping):
                label = entries[state.entry].get("label")
                if isinstance(label, Mapping) and label.get(lang):
                    return str(label[lang])
            return state.key
    return None


def mark_html(key: str, label: str, wording: str, value=None) -> str:
    """The mark for the open fact key: its tentative value (if any) and '[wording: label]'."""
    shown = f"{escape(str(value))} " if value not in (None, "") else ""
    return (f'<mark class="{MARK_CLASS}" data-fact="{escape(key)}">'
            f"{shown}[{escape(wording)}: {escape(label)}]</mark>")


def template_marks(facts: Mapping, lang: str, langs: tuple[str, ...], wording: str) -> dict[str, str]:
    """Mark of every open fact and open list entry, by key, for the templates
    (`config.extra.marks`): empty when everything is confirmed."""
    marks, states = {}, fact_states(facts, langs)
    for state in states.values():
        if state.is_open:
            for key in {state.key, state.entry} - {None}:
                marks[key] = mark_html(key, open_label(facts, key, lang, langs, states), wording)
    return marks
