"""German at /, English at /en/, every page in every language, the switch leads to the counterpart."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from helpsite.building import build, copy_project
from helpsite.built_site import content_pages, counterpart, rel_path
from helpsite.project import PROJECT, mkdocs_config

NAV_PAGES = [entry.removesuffix(".md") for entry in mkdocs_config()["nav"] if isinstance(entry, str)]


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_german_is_at_the_root_and_english_below_en(langs):
    assert langs.default == "de" and langs.root("en") == "en/"


def test_every_section_exists_in_every_language(site_dir, langs):
    assert NAV_PAGES, "mkdocs.yml lists no pages in nav"
    for name in NAV_PAGES:
        for lang in langs.codes:
            assert (PROJECT / "docs" / f"{name}.{lang}.md").exists(), f"docs/{name}.{lang}.md"
            assert (site_dir / langs.root(lang) / f"{name}.html").exists()


def test_every_built_page_has_its_counterparts(site_dir, langs):
    for page in content_pages(site_dir, langs):
        here = rel_path(page, site_dir)
        for lang in langs.others(langs.of_path(here)):
            assert (site_dir / counterpart(here, lang, langs)).exists(), f"{here} has no {lang} counterpart"


def test_html_lang_matches_the_language_folder(site_dir, langs):
    for page in content_pages(site_dir, langs):
        assert soup(page).html["lang"] == langs.of_path(rel_path(page, site_dir)), page


def test_language_switch_leads_to_the_same_page_in_each_language(site_dir, langs):
    for page in content_pages(site_dir, langs):
        links = soup(page).select("a.md-select__link[hreflang]")
        targets = {a["hreflang"]: a["href"] for a in links}
        here = rel_path(page, site_dir)
        assert set(targets) == set(langs.codes), f"{here}: switch offers {sorted(targets)}"
        for lang, href in targets.items():
            if href.startswith("/"):  # 404 pages use root-relative links
                resolved = href.lstrip("/")
            else:
                resolved = urljoin(f"http://x/{here}", href)[len("http://x/"):]
            assert resolved == counterpart(here, lang, langs), f"{here}: switch to {lang} leads to {resolved}"


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
