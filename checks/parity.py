"""Translation parity: both languages have the same pages, the same help-ID redirects and the
same heading IDs (in the same order) per page pair, and no page still has the other
language's text (a simple stop-word count on title + description and on each paragraph)."""

from __future__ import annotations

import re
from textwrap import shorten
from pathlib import Path

from checks import (DEFAULT_LANGUAGE, LANGUAGES, PROJECT, SOURCE_NAME, Finding, built_page_of,
                    built_pages, page_path, read_front_matter, rel, soup, source_of, source_pages)

# Common words of one language that the other does not use (not: in, an, so, was, will, also, die).
STOP_WORDS = {
    "de": set("""der das und ist nicht mit sie ihr ihre ihren ihrem ein eine einen einem einer dem
        den des zu zum zur auf für von vom im wie wenn oder auch es sich wird werden bei nach aus
        kann können nur noch über hier dann diese dieser dieses wir uns sind haben ob dass""".split()),
    "en": set("""the and is are not with you your of to for from on at by this that it be can or if
        when how what which do does have there they we our a into only then these those should
        must would could after before about""".split()),
}
LANGUAGE_NAMES = {"de": "German", "en": "English"}
OTHER = {"de": "en", "en": "de"}
HEADINGS = ["h2", "h3", "h4", "h5", "h6"]
BLOCKS = ["p", "li", "h1", *HEADINGS, "td", "th", "dt", "dd", "figcaption"]


def stop_word_counts(text: str) -> dict[str, int]:
    words = re.findall(r"[a-zäöüß]+", text.lower())
    return {lang: sum(word in STOP_WORDS[lang] for word in words) for lang in LANGUAGES}


def reads_as_other_language(text: str, lang: str) -> bool:
    """True when the text has more common words of the other language (at least two) than of lang."""
    counts = stop_word_counts(text)
    return counts[OTHER[lang]] >= 2 and counts[OTHER[lang]] > counts[lang]


def article(page: Path):
    """The page's own content: Material's article without the contact box, footer and anchors."""
    content = soup(page).select_one("article.md-content__inner")
    if content is None:
        return None
    for extra in content.select("aside, footer, .headerlink, pre, code"):
        extra.decompose()
    return content


def page_text(page: Path) -> tuple[list[str], list[str]]:
    """(text of each paragraph, list item, heading and table cell; heading IDs) of the page's content."""
    content = article(page)
    if content is None:
        return [], []
    blocks = [block.get_text(" ") for block in content.find_all(BLOCKS) if not block.find(BLOCKS)]
    return blocks, [h["id"] for h in content.find_all(HEADINGS) if h.get("id")]


def id_difference(there: list[str], here: list[str]) -> str:
    """'' when both lists are equal, else what differs, briefly."""
    missing = [i for i in there if i not in here]
    extra = [i for i in here if i not in there]
    if missing or extra:
        return f"only there: {missing}, only here: {extra}"
    for position, (a, b) in enumerate(zip(there, here), 1):
        if a != b:
            return f"heading {position} is '{a}' there but '{b}' here (same IDs, other order)"
    return ""


def page_findings(project: Path) -> list[Finding]:
    """Every docs page exists in both languages."""
    stems: dict[str, set[str]] = {}
    for source in source_pages(project):
        match = SOURCE_NAME.match(source.name)
        if match and match["lang"] in LANGUAGES:
            stem = rel(source.with_name(match["stem"]), project)
            stems.setdefault(stem, set()).add(match["lang"])
    return [
        Finding(f"{stem}.{lang}.md", (
            f"missing: {stem}.{sorted(langs)[0]}.md has no {LANGUAGE_NAMES[lang]} version. "
            f"Fix: translate it into {stem}.{lang}.md."
        ))
        for stem, langs in sorted(stems.items())
        for lang in LANGUAGES
        if lang not in langs
    ]


def built_findings(site: Path) -> list[Finding]:
    """Every built page (404, help-ID redirects under go/) exists in both languages."""
    findings = []
    foreign_root = f"{OTHER[DEFAULT_LANGUAGE]}/"
    rels = {page_path(page, site) for page in built_pages(site)}
    for path in sorted(rels):
        twin = path.removeprefix(foreign_root) if path.startswith(foreign_root) else foreign_root + path
        if twin not in rels:
            findings.append(Finding(source_of(path), (
                f"built page {path} has no counterpart {twin} in the other language. Fix: "
                "give the page (or help ID) a version in both languages."
            )))
    return findings


def pair_findings(project: Path, site: Path) -> list[Finding]:
    findings = []
    docs = project / "docs"
    texts = {page: page_text(page) for page in built_pages(site)}  # each page parsed once
    no_text: tuple[list, list] = ([], [])
    for source in source_pages(project):
        match = SOURCE_NAME.match(source.name)
        if not match or match["lang"] not in LANGUAGES:
            continue
        lang, where = match["lang"], rel(source, project)
        language, other = LANGUAGE_NAMES[lang], LANGUAGE_NAMES[OTHER[lang]]
        page = built_page_of(source, docs, site)
        meta = read_front_matter(source)
        if reads_as_other_language(f"{meta.get('title', '')}. {meta.get('description', '')}", lang):
            findings.append(Finding(where, (
                f"title and description read as {other}, not {language}. Fix: write them in {language}."
            )))
        foreign = [text for text in texts.get(page, no_text)[0] if reads_as_other_language(text, lang)]
        if foreign:
            examples = "; ".join(repr(shorten(text, 80, placeholder=" ...")) for text in foreign[:3])
            findings.append(Finding(where, (
                f"{len(foreign)} paragraph(s) read as {other}, not {language}: {examples}. "
                f"Fix: translate them into {language}."
            )))
        if lang == DEFAULT_LANGUAGE:
            continue
        german = source.with_name(f"{match['stem']}.{DEFAULT_LANGUAGE}.md")
        twin = built_page_of(german, docs, site)
        if page in texts and twin in texts:
            difference = id_difference(texts[twin][1], texts[page][1])
            if difference:
                findings.append(Finding(where, (
                    f"heading IDs differ from {rel(german, project)}: {difference}. Fix: give "
                    "matching headings the same ID in both files, in the same order "
                    "(## Titel {: #same-id } / ## Title {: #same-id })."
                )))
    return findings


def check(site: Path, project: Path = PROJECT) -> list[Finding]:
    return page_findings(project) + built_findings(site) + pair_findings(project, site)
