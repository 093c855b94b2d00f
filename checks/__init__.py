"""Link and content checks on the built site (issue 7).

Each module has a `check(site, project)` function that returns a list of `Finding`s;
`python -m checks` runs them all. A finding names the file to edit (the source Markdown
where there is one, else the built page) and says what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
SOURCE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


@dataclass(frozen=True)
class Finding:
    file: str  # path to edit, relative to the project (or the built site)
    message: str  # what is wrong and how to fix it

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_path(page: Path, site: Path) -> str:
    """The built page's path below the site root, e.g. 'en/install.html'."""
    return page.relative_to(site).as_posix()


def source_of(rel: str) -> str:
    """The file an author edits for a built page: 'en/install.html' -> 'docs/install.en.md'."""
    lang = DEFAULT_LANGUAGE
    if rel.split("/", 1)[0] in LANGUAGES and rel.split("/", 1)[0] != DEFAULT_LANGUAGE:
        lang, rel = rel.split("/", 1)
    if rel == "404.html":
        return "overrides/404.html"
    if rel.startswith("go/"):
        return "data/help-ids.yml"
    if rel.endswith(".html"):
        return f"docs/{rel[:-len('.html')]}.{lang}.md"
    return f"site/{rel}"


def built_page_of(source: Path, docs: Path, site: Path) -> Path:
    """docs/install.en.md -> <site>/en/install.html."""
    match = SOURCE_NAME.match(source.name)
    rel = source.relative_to(docs).with_name(f"{match['stem']}.html").as_posix()
    return site / rel if match["lang"] == DEFAULT_LANGUAGE else site / match["lang"] / rel


def source_pages(project: Path) -> list[Path]:
    """Every Markdown page under docs/."""
    return sorted((project / "docs").rglob("*.md"))


def language_of(source: Path) -> str | None:
    match = SOURCE_NAME.match(source.name)
    return match["lang"] if match else None


def read_front_matter(source: Path) -> dict:
    """The page's front matter, parsed as MkDocs does ({} when it has none or it is broken)."""
    return get_data(source.read_text(encoding="utf-8"))[1]


def soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")


def rel(path: Path, project: Path) -> str:
    """A path for messages: relative to the project when inside it."""
    try:
        return path.relative_to(project).as_posix()
    except ValueError:
        return str(path)
