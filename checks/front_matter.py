"""What the build cannot see of the front matter: the built page shows the page's description
as its meta description (a template could drop it), and every image on the built site has alt
text. The rules for the front matter itself stop the build (helpsite/front_matter.py)."""

from __future__ import annotations

from pathlib import Path

from checks import PROJECT, Finding, rel, soup, source_pages
from helpsite import front_matter
from helpsite.built_site import built_page_of, built_pages, rel_path, source_of
from helpsite.project import Languages, languages, source_language


def check_description(source: Path, project: Path, site: Path, langs: Languages) -> list[Finding]:
    description = front_matter.read(source).get("description")
    page = built_page_of(source, project / "docs", site, langs)
    if not isinstance(description, str) or not page.exists():
        return []  # the build refuses such a page
    tag = soup(page).find("meta", attrs={"name": "description"})
    shown = " ".join(tag.get("content", "").split()) if tag else None
    if shown == " ".join(description.split()):
        return []
    return [Finding(rel(source, project), (
        f"built page {rel_path(page, site)} has meta description {shown!r}, not the page's "
        "description. Fix: the template (overrides/main.html) must use page.meta.description."
    ))]


def check_images(page: Path, site: Path, langs: Languages) -> list[Finding]:
    rel_page = rel_path(page, site)
    return [
        Finding(source_of(rel_page, langs), (
            f"image '{img.get('src', '?')}' (built page {rel_page}) has no alt text. Fix: "
            "describe it: ![what the image shows](file.png), or alt=\"...\" in HTML."
        ))
        for img in soup(page).find_all("img")
        if not img.get("alt", "").strip()
    ]


def check(site: Path, project: Path = PROJECT) -> list[Finding]:
    langs = languages(project)
    findings = []
    for source in source_pages(project):
        if source_language(source.name, langs):
            findings += check_description(source, project, site, langs)
    for page in built_pages(site):
        findings += check_images(page, site, langs)
    return findings
