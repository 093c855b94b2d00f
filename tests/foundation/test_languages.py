"""German at /, English at /en/, every page in every language, the switch leads to the counterpart."""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from checks import front_matter, parity
from harness.building import build, content_pages, copy_project
from helpsite.built_site import counterpart, rel_path
from helpsite.project import PROJECT, languages, mkdocs_config
from scripts import nginx_config

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


# Where a language entry goes in mkdocs.yml (the i18n plugin's list).
LANGUAGE_LIST = "      languages:\n"


def add_language(project, code: str, name: str, like: str) -> None:
    """Add a language as a maintainer does: its entry in mkdocs.yml, its pages in docs/ and its
    wording in data/ (copies of `like`'s here). Nothing in hooks/, checks/ or helpsite/. Nothing
    committed yet, as when the maintainer first builds: pages without a git history build too."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert LANGUAGE_LIST in config, "mkdocs.yml: the i18n plugin's `languages:` list moved; update this test"
    entry = f"        - locale: {code}\n          name: {name}\n          build: true\n"
    (project / "mkdocs.yml").write_text(config.replace(LANGUAGE_LIST, LANGUAGE_LIST + entry, 1), encoding="utf-8")
    for page in (project / "docs").glob(f"*.{like}.md"):
        shutil.copy2(page, page.with_name(page.name.replace(f".{like}.md", f".{code}.md")))

    def with_wording(value):
        if isinstance(value, dict):
            value = {key: with_wording(item) for key, item in value.items()}
            return {**value, code: value[like]} if like in value else value
        return [with_wording(item) for item in value] if isinstance(value, list) else value

    for data in (project / "data").glob("*.yml"):
        wording = with_wording(yaml.safe_load(data.read_text(encoding="utf-8")))
        data.write_text(yaml.safe_dump(wording, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_third_language_needs_no_code_change(tmp_path):
    project = copy_project(tmp_path / "project")
    add_language(project, "fr", "Français", like="en")
    langs = languages(project)
    assert langs.default == "de" and set(langs.codes) == {"de", "en", "fr"}
    site = project / "site"
    build(project, site)
    for name in NAV_PAGES:
        assert (site / "fr" / f"{name}.html").exists(), f"fr/{name}.html"
    for page in content_pages(site, langs):
        here, parsed = rel_path(page, site), soup(page)
        switch = {a["hreflang"] for a in parsed.select("a.md-select__link[hreflang]")}
        assert switch == {"de", "en", "fr"}, f"{here}: switch offers {sorted(switch)}"
        assert parsed.html["lang"] == langs.of_path(here), here
    help_ids = json.loads((site / "help-ids.json").read_text(encoding="utf-8"))["ids"]
    assert all("fr" in entry for entry in help_ids.values()), "help IDs without a French address"
    assert (site / "fr" / "search" / "search_index.json").exists()
    assert (site / "fr" / "404.html").exists() and (site / "fr" / "sitemap.xml").exists()
    findings = parity.check(site, project) + front_matter.check(site, project)
    assert not findings, "\n".join(map(str, findings))

    # The web server's configuration: a 404 page and help-ID redirects under /fr/ too.
    nginx_config.write_config(site, tmp_path / "nginx", project=project)
    assert "error_page 404 /fr/404.html;" in (tmp_path / "nginx" / "site.conf").read_text(encoding="utf-8")
    redirects = (tmp_path / "nginx" / "help-ids.conf").read_text(encoding="utf-8")
    assert 'location = /fr/go/install/ { return 302 "/fr/install.html"; }' in redirects

    # The offline bundle: French pages that search their own index from file://.
    offline = project / "offline"
    build(project, offline, env={"OFFLINE": "true"})
    assert (offline / "fr" / "search" / "search_index.js").exists()
    assert not (offline / "fr" / "404.html").exists()
    assert soup(offline / "fr" / "install.html").html["lang"] == "fr"
