"""Every page has a title and a description (at most 160 characters) that the built page uses
as its meta description, and every image on the built site has alt text."""

from __future__ import annotations

from pathlib import Path

from checks import (PROJECT, Finding, built_page_of, built_pages, read_front_matter, language_of,
                    page_path, rel, soup, source_of, source_pages)

DESCRIPTION_MAX = 160


def check_page(source: Path, project: Path, site: Path) -> list[Finding]:
    where = rel(source, project)
    meta = read_front_matter(source)
    findings = []
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        findings.append(Finding(where, "front matter has no title. Fix: add 'title: ...' "
                                       "between the --- lines at the top."))
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        findings.append(Finding(where, "front matter has no description. Fix: add "
                                       "'description: \"...\"' (one sentence, at most 160 characters)."))
        return findings
    if len(description) > DESCRIPTION_MAX:
        findings.append(Finding(where, f"description has {len(description)} characters. Fix: "
                                       f"shorten it to at most {DESCRIPTION_MAX}."))
    page = built_page_of(source, project / "docs", site)
    if page.exists():
        tag = soup(page).find("meta", attrs={"name": "description"})
        shown = " ".join(tag.get("content", "").split()) if tag else None
        if shown != " ".join(description.split()):
            findings.append(Finding(where, (
                f"built page {page_path(page, site)} has meta description {shown!r}, not the "
                "page's description. Fix: the template (overrides/main.html) must use "
                "page.meta.description."
            )))
    return findings


def check_images(page: Path, site: Path) -> list[Finding]:
    rel_page = page_path(page, site)
    return [
        Finding(source_of(rel_page), (
            f"image '{img.get('src', '?')}' (built page {rel_page}) has no alt text. Fix: "
            "describe it: ![what the image shows](file.png), or alt=\"...\" in HTML."
        ))
        for img in soup(page).find_all("img")
        if not img.get("alt", "").strip()
    ]


def check(site: Path, project: Path = PROJECT) -> list[Finding]:
    findings = []
    for source in source_pages(project):
        if language_of(source):  # pages without a language suffix stop the build already
            findings += check_page(source, project, site)
    for page in built_pages(site):
        findings += check_images(page, site)
    return findings
