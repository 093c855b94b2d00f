"""Translation parity: every language has the same built pages (404 and help-ID redirects
included) and, per page, the same heading IDs in the same order as the default language; and
no page still has another language's text (a common-word count on title + description and on
each paragraph, for the languages that have a word list below). A missing translation stops
the build itself (hooks/site_data.py). The one page in one language only is the review page of
previews (helpsite/review_page.py): it is for the company, in German, and has no language switch."""

from __future__ import annotations

import copy
import re
from textwrap import shorten
from pathlib import Path

from checks import PROJECT, Finding, rel, soup, source_pages
from helpsite import front_matter
from helpsite.built_site import built_page_of, built_pages, counterpart, rel_path, source_of
from helpsite.project import SOURCE_NAME, Languages, languages
from helpsite.review_page import PAGE as REVIEW_PAGE

# Common words of one language that the other languages do not use (not: in, an, so, was, will,
# also, die). A language without a list here is not judged by its words.
STOP_WORDS = {
    "de": set("""der das und ist nicht mit sie ihr ihre ihren ihrem ein eine einen einem einer dem
        den des zu zum zur auf für von vom im wie wenn oder auch es sich wird werden bei nach aus
        kann können nur noch über hier dann diese dieser dieses wir uns sind haben ob dass""".split()),
    "en": set("""the and is are not with you your of to for from on at by this that it be can or if
        when how what which do does have there they we our a into only then these those should
        must would could after before about""".split()),
}
HEADINGS = ["h2", "h3", "h4", "h5", "h6"]
BLOCKS = ["p", "li", "h1", *HEADINGS, "td", "th", "dt", "dd", "figcaption"]


def stop_word_counts(text: str) -> dict[str, int]:
    words = re.findall(r"[a-zäöüß]+", text.lower())
    return {lang: sum(word in stop_words for word in words) for lang, stop_words in STOP_WORDS.items()}


def foreign_language(text: str, lang: str) -> str | None:
    """The language the text reads as, if not lang: more of its common words (at least two)."""
    if lang not in STOP_WORDS:
        return None
    counts = stop_word_counts(text)
    other = max((code for code in counts if code != lang), key=counts.get, default=None)
    return other if other and counts[other] >= 2 and counts[other] > counts[lang] else None


def article(page: Path):
    """The page's own content: Material's article without the contact box, footer and anchors."""
    content = soup(page).select_one("article.md-content__inner")
    if content is None:
        return None
    content = copy.copy(content)  # the parsed page is shared with the other checks
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


def built_findings(site: Path, langs: Languages) -> list[Finding]:
    """Every built page (404, help-ID redirects under go/) exists in every language."""
    findings = []
    rels = {rel_path(page, site) for page in built_pages(site)} - {REVIEW_PAGE}
    for path in sorted(rels):
        for lang in langs.others(langs.of_path(path)):
            twin = counterpart(path, lang, langs)
            if twin not in rels:
                findings.append(Finding(source_of(path, langs), (
                    f"built page {path} has no counterpart {twin} in {langs.names[lang]}. Fix: "
                    "give the page (or help ID) a version in every language."
                )))
    return findings


def pair_findings(project: Path, site: Path, langs: Languages) -> list[Finding]:
    findings = []
    docs = project / "docs"
    texts = {page: page_text(page) for page in built_pages(site)}  # each page parsed once
    no_text: tuple[list, list] = ([], [])
    for source in source_pages(project):
        match = SOURCE_NAME.match(source.name)
        if not match or match["lang"] not in langs.codes:
            continue
        lang, where = match["lang"], rel(source, project)
        language = langs.names[lang]
        page = built_page_of(source, docs, site, langs)
        meta = front_matter.read(source)
        other = foreign_language(f"{meta.get('title', '')}. {meta.get('description', '')}", lang)
        if other:
            findings.append(Finding(where, (
                f"title and description read as {langs.names.get(other, other)}, not {language}. "
                f"Fix: write them in {language}."
            )))
        foreign = [(text, other) for text in texts.get(page, no_text)[0]
                   if (other := foreign_language(text, lang))]
        if foreign:
            examples = "; ".join(repr(shorten(text, 80, placeholder=" ...")) for text, _ in foreign[:3])
            read_as = " or ".join(sorted({langs.names.get(other, other) for _, other in foreign}))
            findings.append(Finding(where, (
                f"{len(foreign)} paragraph(s) read as {read_as}, not {language}: {examples}. "
                f"Fix: translate them into {language}."
            )))
        if lang == langs.default:
            continue
        original = source.with_name(f"{match['stem']}.{langs.default}.md")
        twin = built_page_of(original, docs, site, langs)
        if page in texts and twin in texts:
            difference = id_difference(texts[twin][1], texts[page][1])
            if difference:
                findings.append(Finding(where, (
                    f"heading IDs differ from {rel(original, project)}: {difference}. Fix: give "
                    "matching headings the same ID in every language's file, in the same order "
                    "(## Titel {: #same-id } / ## Title {: #same-id })."
                )))
    return findings


def check(site: Path, project: Path = PROJECT) -> list[Finding]:
    langs = languages(project)
    return built_findings(site, langs) + pair_findings(project, site, langs)
