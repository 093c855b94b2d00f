"""A built HTML page, read once with the standard library's HTML parser: what the post-build
pipeline and the page-security rules need to know of it, with the place of each element in
the text, so that a step can change one attribute or one data block without reading the page
again (helpsite/pipeline/pages.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements without an end tag: they open nothing.
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                 "track", "wbr"}
_NEWLINE = re.compile("\n")
# Material puts a page's own text (its Markdown, rendered) into this element; everything
# around it comes from the templates.
CONTENT_CLASS = "md-content__inner"


@dataclass
class Tag:
    """A start tag: its name, its attributes in order and where it stands in the page."""

    name: str
    attrs: list[tuple[str, str | None]]
    start: int
    end: int

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    def with_attrs(self, values: dict[str, str]) -> str:
        """The start tag written anew with these attributes' values replaced."""
        attrs = [(key, values.get(key, old)) for key, old in self.attrs]
        written = "".join(f" {key}" if old is None else f' {key}="{escape(old)}"' for key, old in attrs)
        return f"<{self.name}{written}>"


@dataclass
class Script:
    attrs: dict[str, str | None]
    text: str = ""  # exactly as in the page: what the browser hashes
    text_start: int = 0
    text_end: int = 0
    in_content: bool = False  # inside the page's own text (Material's content element)

    @property
    def src(self) -> str | None:
        for name in ("src", "href", "xlink:href"):  # SVG scripts load from href
            if name in self.attrs:
                return self.attrs[name] or ""
        return None


@dataclass
class HtmlPage:
    text: str
    tags: list[Tag] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    style_elements: int = 0
    heading_ids: set[str] = field(default_factory=set)  # headings of the page's own text
    title: str = ""  # the <title> element's text

    def tags_named(self, name: str) -> list[Tag]:
        return [tag for tag in self.tags if tag.name == name]

    def script_with_id(self, script_id: str) -> Script | None:
        return next((script for script in self.scripts if script.attrs.get("id") == script_id), None)


class _Reader(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage(text)
        self._line_starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]
        self._open_script: Script | None = None
        self._in_title = False
        self._content_depth = 0  # open elements inside the content element (0: outside)
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        end = start + len(self.get_starttag_text())
        self.page.tags.append(Tag(tag, attrs, start, end))
        classes = (dict(attrs).get("class") or "").split()
        if self._content_depth and tag not in VOID_ELEMENTS:
            self._content_depth += 1
        elif CONTENT_CLASS in classes:
            self._content_depth = 1
        if tag == "script":
            self._open_script = Script(dict(attrs), text_start=end, text_end=end,
                                       in_content=bool(self._content_depth))
            self.page.scripts.append(self._open_script)
        elif tag == "style":
            self.page.style_elements += 1
        elif tag == "title":
            self._in_title = True
        if tag in HEADINGS and self._content_depth and dict(attrs).get("id"):
            self.page.heading_ids.add(dict(attrs)["id"])

    def handle_startendtag(self, tag, attrs):
        # HTML has no self-closing <script/>: a browser runs what follows, up to </script>.
        self.handle_starttag(tag, attrs)
        if tag in self.CDATA_CONTENT_ELEMENTS:
            self.set_cdata_mode(tag)
        else:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "script" and self._open_script:
            self._open_script.text_end = self._offset()
            self._open_script = None
        if tag == "title":
            self._in_title = False
        if self._content_depth:
            self._content_depth -= 1

    def handle_data(self, data):
        if self._open_script is not None:
            self._open_script.text += data
        elif self._in_title:
            self.page.title += data


def read_page(text: str) -> HtmlPage:
    return _Reader(text).page


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """text with each (start, end, replacement) applied; the spans must not overlap."""
    parts, position = [], 0
    for start, end, replacement in sorted(edits):
        if start < position:
            raise ValueError("overlapping edits")
        parts += [text[position:start], replacement]
        position = end
    return "".join(parts) + text[position:]
