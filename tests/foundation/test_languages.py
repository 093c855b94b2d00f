"""German at /, English at /en/, every page in both, the switch leads to the counterpart."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from support import PROJECT, build, built_pages, copy_project, counterpart, page_language

NAV_PAGES = ("index", "install", "price-lists", "contact", "remote-support", "privacy")


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def content_pages(site_dir):
    """Pages of the site itself: the help-ID redirect pages under go/ are not articles."""
    return [p for p in built_pages(site_dir) if "/go/" not in f"/{p.relative_to(site_dir).as_posix()}"]


def test_every_section_exists_in_both_languages(site_dir):
    for name in NAV_PAGES:
        for lang in ("de", "en"):
            assert (PROJECT / "docs" / f"{name}.{lang}.md").exists(), f"docs/{name}.{lang}.md"
        assert (site_dir / f"{name}.html").exists()
        assert (site_dir / "en" / f"{name}.html").exists()


def test_every_built_page_has_its_counterpart(site_dir):
    for page in content_pages(site_dir):
        assert counterpart(page, site_dir).exists(), f"{page} has no counterpart"


def test_html_lang_matches_the_language_folder(site_dir):
    for page in content_pages(site_dir):
        assert soup(page).html["lang"] == page_language(page, site_dir), page


def test_language_switch_leads_to_the_same_page_in_each_language(site_dir):
    for page in content_pages(site_dir):
        links = soup(page).select("a.md-select__link[hreflang]")
        targets = {a["hreflang"]: a["href"] for a in links}
        assert set(targets) == {"de", "en"}, f"{page}: switch offers {sorted(targets)}"
        here = page.relative_to(site_dir).as_posix()
        for lang, href in targets.items():
            if href.startswith("/"):  # 404 pages use root-relative links
                resolved = href.lstrip("/")
            else:
                resolved = urljoin(f"http://x/{here}", href)[len("http://x/"):]
            expected = page if page_language(page, site_dir) == lang else counterpart(page, site_dir)
            assert resolved == expected.relative_to(site_dir).as_posix(), (
                f"{here}: switch to {lang} leads to {resolved}"
            )


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("project"))


def test_missing_translation_fails_the_build_naming_the_file(project_copy):
    (project_copy / "docs" / "install.en.md").unlink()
    result = build(project_copy, project_copy / "site", check=False)
    assert result.returncode != 0
    assert "docs/install.en.md is missing" in result.stdout
    assert "docs/install.de.md" in result.stdout


def test_page_without_language_suffix_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "docs" / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    result = build(project, project / "site", check=False)
    assert result.returncode != 0
    assert re.search(r"docs/faq\.md: page names end in \.de\.md or \.en\.md", result.stdout)
