"""No placeholder or unrendered template syntax in what a reader sees.

Looks at the visible text and the attribute values (alt, title, content, href, ...) of every
built page: TODO, TBD, FIXME, XXX, Lorem ipsum, and `{{`, `{%`, `{#` left over from macros,
Jinja or heading IDs that were not processed.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4.element import PreformattedString

from checks import PROJECT, Finding, soup
from helpsite.built_site import built_pages, rel_path, source_of
from helpsite.project import languages

PLACEHOLDER = re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b|(?i:lorem ipsum)")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#")
NOT_SHOWN = ("script", "style", "template")  # code and data, not text (the checks read them elsewhere)


def visible_strings(page: Path):
    """(where, text) for every visible text node and every attribute value of the page."""
    document = soup(page)
    for text in document.find_all(string=True):
        if isinstance(text, PreformattedString) or not text.strip():  # comments, doctype
            continue
        if not text.find_parent(NOT_SHOWN):
            yield "text", str(text)
    for tag in document.find_all(True):
        if tag.name in NOT_SHOWN or tag.find_parent(NOT_SHOWN):
            continue
        for name, value in tag.attrs.items():
            yield f"<{tag.name} {name}>", " ".join(value) if isinstance(value, list) else str(value)


def excerpt(text: str, match: re.Match) -> str:
    return " ".join(text[max(0, match.start() - 40): match.end() + 40].split())


def check(site: Path, project: Path = PROJECT) -> list[Finding]:
    findings, langs = [], languages(project)
    for page in built_pages(site):
        rel, source = rel_path(page, site), source_of(rel_path(page, site), langs)
        for where, text in visible_strings(page):
            for match in PLACEHOLDER.finditer(text):
                findings.append(Finding(source, (
                    f"placeholder '{match.group()}' in the {where} of built page {rel}: "
                    f"'{excerpt(text, match)}'. Fix: write the final text (or, if the company "
                    "must confirm something, add it to the page's review notes)."
                )))
            for match in TEMPLATE_SYNTAX.finditer(text):
                findings.append(Finding(source, (
                    f"unrendered template syntax '{match.group()}' in the {where} of built page "
                    f"{rel}: '{excerpt(text, match)}'. Fix: correct the macro "
                    "({{ fact(\"...\") }}, {% if ... %} ... {% endif %}) or the heading ID "
                    "(written ## Title {: #id }: a bare {#id} starts a Jinja comment)."
                )))
    return findings
