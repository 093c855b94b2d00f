"""Paths of a built site: its pages, their language, their counterpart and their source file."""

from __future__ import annotations

from pathlib import Path

from helpsite.project import SOURCE_NAME, Languages

NOT_FOUND = "404.html"


def built_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site (404 pages and help-ID redirect pages included)."""
    return sorted(site.rglob("*.html"))


def rel_path(page: Path, site: Path) -> str:
    """The built page's path below the site root, e.g. 'en/install.html'."""
    return page.relative_to(site).as_posix()


def is_help_id_redirect(rel: str, langs: Languages) -> bool:
    return langs.below_root(rel).startswith("go/")


def counterpart(rel: str, lang: str, langs: Languages) -> str:
    """The same page in another language: counterpart('install.html', 'en') -> 'en/install.html'."""
    return langs.root(lang) + langs.below_root(rel)


def source_of(rel: str, langs: Languages) -> str:
    """The file an author edits for a built page: 'en/install.html' -> 'docs/install.en.md'."""
    lang, below = langs.of_path(rel), langs.below_root(rel)
    if below == NOT_FOUND:
        return "overrides/404.html"
    if below.startswith("go/"):
        return "data/help-ids.yml"
    if below.endswith(".html"):
        return f"docs/{below[:-len('.html')]}.{lang}.md"
    return f"site/{rel}"


def built_page_of(source: Path, docs: Path, site: Path, langs: Languages) -> Path:
    """docs/install.en.md -> <site>/en/install.html."""
    match = SOURCE_NAME.match(source.name)
    below = source.relative_to(docs).with_name(f"{match['stem']}.html").as_posix()
    return site / langs.root(match["lang"]) / below
