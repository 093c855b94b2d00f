"""The rules every page's front matter follows. The build applies them to each page
(hooks/site_data.py) and stops, naming the file, on the first one broken."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from helpsite.confirmation import page_review_problem
from helpsite.project import InputError, load_yaml_text

# A front matter block as MkDocs reads it (mkdocs.utils.meta): YAML between --- lines at the top.
BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)

DESCRIPTION_MAX = 160
KEYWORDS_MIN = 5  # customers' words for what the page answers (helpsite/search_terms.py)


def read(source: Path) -> dict:
    """A page's front matter, parsed as MkDocs does ({} when it has none or it is not valid).

    Read here without MkDocs, so that the post-build pipeline (search keywords) needs none."""
    match = BLOCK.match(source.read_text(encoding="utf-8"))
    if not match:
        return {}
    try:
        meta = load_yaml_text(match.group(1))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def check(meta: dict, markdown: str, where: str) -> None:
    """InputError naming `where` (docs/<page>) when the front matter breaks a rule."""
    if markdown.lstrip().startswith("---") and "title" not in meta:
        # MkDocs silently ignores front matter it cannot parse.
        raise InputError(f"{where}: front matter is not valid YAML (a value with ': ' needs quotes).")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise InputError(f"{where}: front matter needs 'title: ...' (the page title).")
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise InputError(f"{where}: front matter needs 'description: ...' (one sentence for search engines).")
    if len(description) > DESCRIPTION_MAX:
        raise InputError(f"{where}: description has {len(description)} characters; shorten it to at most "
                         f"{DESCRIPTION_MAX}.")
    keywords = meta.get("keywords")
    if (not isinstance(keywords, list) or len(keywords) < KEYWORDS_MIN
            or not all(isinstance(word, str) and word.strip() for word in keywords)):
        raise InputError(f"{where}: front matter needs 'keywords: [...]' with at least {KEYWORDS_MIN} "
                         "words customers search for when they need this page (synonyms and everyday "
                         "words the text does not use, e.g. Hotline, Update, Virenscanner). They feed "
                         "the search index, not the page.")
    problem = page_review_problem(meta)
    if problem:
        raise InputError(f"{where}: {problem}")
