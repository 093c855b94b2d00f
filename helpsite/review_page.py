"""The review page: the company's list of open items in the preview (German).

Previews (PREVIEW=true, `make dist-preview`) and `make serve` show the editor's view: every fact
the company has not confirmed yet is marked in place (helpsite/marks.py), and review.html lists
every open item of `make review` (helpsite/review_items.py, the one source of both), grouped by
page, each with a link to where it appears and the file to edit, plus the questions about
content the site does not have yet. Its wording is in data/review.yml.

The page is written here as Markdown and added to the default language's build only
(hooks/review_page.py): MkDocs then checks its links and anchors like any page's. It exists in
German only, without a language switch (checks/parity.py knows it), and is left out of the
navigation, the search index and the sitemaps; a release never has it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from html import escape
from pathlib import Path

from helpsite.review_items import (FACT, PAGE_NOTE, QUESTION, SETTING, TEMPLATES, Item, Place, Source,
                                   page_sources, review_data, review_items)

PAGE = "review.html"  # below the site root (default language)
SOURCE_URI = "review.md"  # the generated page's name among the docs
EDITOR_VIEW = "editor_view"  # config.extra: previews and `make serve`


def editor_view(extra: Mapping, serving: bool) -> bool:
    """Whether a build shows the editor's view: the review page and the preview notice."""
    return bool(extra.get("preview")) or serving


def md(text: str) -> str:
    """Text as Markdown that shows it literally (HTML escaped; Markdown's own marks backslashed)."""
    return re.sub(r"([\\`*_\[\]{}#!])", r"\\\1", escape(str(text), quote=False).replace("\n", " "))


def code(text: str) -> str:
    return f"`{text}`"


class Writer:
    def __init__(self, wording: Mapping, pages: dict[str, list[Source]]):
        self.say = wording
        self.pages = pages

    def title(self, stem: str) -> str:
        files = self.pages.get(stem)
        return str(files[0].meta.get("title") or stem) if files else stem

    def link(self, place: Place, with_page: bool) -> str:
        if place.page == TEMPLATES:
            return md(self.say["every_page"])
        files = self.pages.get(place.page)
        if not files:
            return md(place.page)
        heading = files[0].headings.get(place.anchor)
        text = self.title(place.page) if not heading else (
            f"{self.title(place.page)}: {heading}" if with_page else heading)
        target = f"{place.page}.md" + (f"#{place.anchor}" if heading else "")
        return f"[{md(text)}]({target})"

    def files(self, paths: tuple[str, ...], entry: str = "") -> str:
        word = self.say["files" if len(paths) > 1 else "file"]
        listed = ", ".join(code(path) for path in paths)
        return f"{md(word)}: {listed}" + (f", {md(self.say['entry'])} {code(entry)}" if entry else "")

    def fact(self, item: Item) -> list[str]:
        state = self.say["fact_missing" if item.missing else "fact_unconfirmed"]
        lines = [f"-   **{md(item.label)}** ({md(state)}): {md(item.text)}", ""]
        where = " · ".join(self.link(place, with_page=True) for place in item.places)
        meta = (f"{md(self.say['appears_on'])}: {where} · " if where else "") + self.files(item.edit, item.name)
        return lines + [f"    {meta}", ""]

    def note(self, item: Item) -> list[str]:
        where = " · ".join(self.link(place, with_page=False) for place in item.places if place.anchor)
        meta = (f"{md(self.say['appears_on'])}: {where} · " if where else "") + self.files(item.edit)
        return [f"-   {md(item.text)}", "", f"    {meta}", ""]

    def question(self, number: int, item: Item) -> list[str]:
        where = " · ".join(self.link(place, with_page=True) for place in item.places)
        meta = (f"{md(self.say['answer_goes_to'])}: {where} · " if where else "") + self.files(item.edit)
        return [f"{number}.  {md(item.text)}", "", f"    {meta}", ""]


def markdown(project: Path) -> str:
    """The review page's Markdown, front matter included, from the project's files."""
    say = review_data(project)["page"]
    pages = page_sources(project)
    items = review_items(project)
    write = Writer(say, pages)
    facts = [item for item in items if item.kind == FACT]
    notes = [item for item in items if item.kind == PAGE_NOTE]
    questions = [item for item in items if item.kind == QUESTION]
    settings = [item for item in items if item.kind == SETTING]

    lines = ["---", f"title: {json.dumps(say['title'], ensure_ascii=False)}",
             f"description: {json.dumps(say['description'], ensure_ascii=False)}",
             "search:", "  exclude: true", "render_macros: false", "---", "",
             # Material's table of contents names the toggle (id __toc) that its navigation renders
             # for the page it lists; this page is in no navigation, so it brings the toggle itself.
             '<div><input class="md-nav__toggle md-toggle" type="checkbox" id="__toc"></div>', "",
             f"# {md(say['title'])}", "", md(say["intro"]), "",
             f"**{md(say['summary'])}** {len(facts)} {md(say['summary_facts'])} · "
             f"{len({item.name for item in notes})} {md(say['summary_pages'])} · "
             f"{len(questions)} {md(say['summary_questions'])}", "",
             f"## {md(say['how_title'])} {{: #how-to-confirm }}", "", md(say["how"]), "",
             f"## {md(say['questions_title'])} {{: #questions }}", "", md(say["questions_intro"]), ""]
    for number, item in enumerate(questions, 1):
        lines += write.question(number, item)

    lines += [f"## {md(say['pages_title'])} {{: #by-page }}", ""]
    placed: dict[str | None, list[Item]] = {}
    for item in facts:  # each fact once: under the first page that shows it
        placed.setdefault(item.places[0].page if item.places else None, []).append(item)
    for stem in pages:
        page_facts = placed.get(stem, [])
        page_notes = [item for item in notes if item.name == stem]
        if not page_facts and not page_notes:
            continue
        paths = tuple(source.path for source in pages[stem])
        lines += [f"### {md(write.title(stem))} {{: #page-{stem} }}", "",
                  f"[{md(say['page_link'])}]({stem}.md) · {write.files(paths)}", ""]
        if page_facts:
            lines += [f"#### {md(say['facts_title'])} {{: #page-{stem}-facts }}", ""]
            for item in page_facts:
                lines += write.fact(item)
        if page_notes:
            lines += [f"#### {md(say['notes_title'])} {{: #page-{stem}-notes }}", ""]
            for item in page_notes:
                lines += write.note(item)
    for group, title, anchor in ((TEMPLATES, "every_page_title", "page-every"), (None, "other_title", "page-other")):
        if placed.get(group):
            lines += [f"### {md(say[title])} {{: #{anchor} }}", ""]
            for item in placed[group]:
                lines += write.fact(item)
    if settings:
        lines += [f"### {md(say['settings_title'])} {{: #settings }}", ""]
        for item in settings:
            lines += [f"-   {md(item.text)}", "", f"    {write.files(item.edit, item.name)}", ""]
    return "\n".join(lines)
