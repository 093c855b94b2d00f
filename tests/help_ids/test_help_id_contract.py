"""The contract with installed copies of ScanPrix: every help ID resolves, in both languages, forever."""

from __future__ import annotations

import functools
import json
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpsite.help_ids import load_registry, resolve
from harness.building import build, copy_project
from helpsite.project import PROJECT, languages

ROOTS = languages().roots()


@pytest.fixture(scope="module")
def registry():
    return load_registry(PROJECT, PROJECT / "docs")


def redirect_target(go_page: Path):
    """(refresh target, visible link target), each relative to the redirect page."""
    soup = BeautifulSoup(go_page.read_text(encoding="utf-8"), "lxml")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    return re.match(r"0; url=(.+)$", refresh).group(1), soup.find("a")["href"], soup


@functools.cache
def element_ids(page: Path) -> frozenset[str]:
    return frozenset(t["id"] for t in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").find_all(id=True))


def test_every_id_redirects_to_its_target_in_both_languages(site_dir, registry):
    for help_id, entry in registry.items():
        active = resolve(entry, registry)
        for lang, root in ROOTS.items():
            go_page = site_dir / root / "go" / help_id / "index.html"
            assert go_page.exists(), f"/{root}go/{help_id}/ missing"
            refresh, link, soup = redirect_target(go_page)
            assert refresh == link, f"{go_page}: refresh and visible link differ"
            assert soup.html["lang"] == lang
            assert soup.find("meta", attrs={"name": "robots", "content": "noindex"})
            assert soup.find("link", rel="canonical")["href"].startswith("http")
            path, _, anchor = link.partition("#")
            target = Path(posixpath.normpath(posixpath.join(go_page.parent.as_posix(), path)))
            expected = site_dir / root / active.page.replace(".md", ".html")
            assert target == expected, f"/{root}go/{help_id}/ leads to {target}, not {expected}"
            assert anchor == active.anchor
            if anchor:
                assert anchor in element_ids(target), f"{target} has no #{anchor} (help ID {help_id})"


def test_redirect_pages_work_without_javascript(site_dir, registry):
    for help_id in registry:
        html = (site_dir / "go" / help_id / "index.html").read_text(encoding="utf-8")
        assert "<script" not in html


def test_published_map_lists_every_id_with_both_languages(site_dir, registry):
    published = json.loads((site_dir / "help-ids.json").read_text(encoding="utf-8"))["ids"]
    assert set(published) == set(registry)
    for help_id, entry in published.items():
        assert entry["de"]["address"].endswith(f"/go/{help_id}/")
        assert entry["en"]["address"].endswith(f"/en/go/{help_id}/")
        assert "/en/" in entry["en"]["target"] and "/en/" not in entry["de"]["target"]


HEADING_ID = re.compile(r"^#{2,3} .*\{:?\s*#([a-z0-9-]+)\s*\}\s*$", re.M)


# The page IDs of HELP-IDS.md, which the program's developers use for whole pages. The registry's
# own rules keep each ID present; this keeps each one leading to the page it is named after.
HELP_MENU = {"help": "index.md", "install": "install.md", "price-lists": "price-lists.md",
             "contact": "contact.md", "remote-support": "remote-support.md", "privacy": "privacy.md"}


def test_help_menu_ids_lead_to_their_pages(registry):
    for help_id, page in HELP_MENU.items():
        active = resolve(registry[help_id], registry)
        assert (active.page, active.anchor) == (page, ""), \
            f"help ID '{help_id}' leads to {active.page}#{active.anchor}, not to the top of {page}"


def test_every_section_and_faq_question_has_an_id(registry):
    for source in sorted((PROJECT / "docs").glob("*.de.md")):
        page = source.name.replace(".de.md", ".md")
        heading_ids = set(HEADING_ID.findall(source.read_text(encoding="utf-8")))
        if page == "index.md":
            continue  # the start page's sections are entry points, not help targets
        assert heading_ids, f"{source.name}: no heading IDs found; is the ID syntax still '{{: #id }}'?"
        anchored = {e.anchor for e in registry.values() if e.page == page}
        missing = sorted(heading_ids - anchored)
        assert not missing, f"{source.name}: headings without a help ID in data/help-ids.yml: {missing}"


# --- Planted defects: each must stop the build with the registry line and what to do ------

def build_with_registry(tmp_path, edit, published_edit=None):
    project = copy_project(tmp_path / "p")
    registry = project / "data" / "help-ids.yml"
    registry.write_text(edit(registry.read_text(encoding="utf-8")), encoding="utf-8")
    if published_edit:
        published = project / "data" / "help-ids-published.txt"
        published.write_text(published_edit(published.read_text(encoding="utf-8")), encoding="utf-8")
    return build(project, project / "site", check=False), project


def line_of(text, needle):
    return text.splitlines().index(needle) + 1


def test_removed_id_fails_naming_it(tmp_path):
    result, _ = build_with_registry(tmp_path, lambda t: t.replace("  contact: contact.md\n", ""))
    assert result.returncode != 0
    assert "help ID 'contact' was published" in result.stdout
    assert "replaced_by" in result.stdout


def test_retired_id_still_lands_on_its_replacement(tmp_path):
    result, project = build_with_registry(
        tmp_path, lambda t: t.replace("  help: index.md\n", "  help: {replaced_by: contact}\n"))
    assert result.returncode == 0, result.stdout[-2000:]
    refresh, _, _ = redirect_target(project / "site" / "en" / "go" / "help" / "index.html")
    assert refresh == "../../contact.html"


def test_duplicate_id_fails_naming_both_lines(tmp_path):
    def duplicate(text):
        return text + "  contact: privacy.md\n"
    result, project = build_with_registry(tmp_path, duplicate)
    text = (project / "data" / "help-ids.yml").read_text(encoding="utf-8")
    assert result.returncode != 0
    first = line_of(text, "  contact: contact.md")
    second = len(text.splitlines())
    assert f"line {second}: help ID 'contact' is already defined on line {first}" in result.stdout


def test_unknown_target_page_fails_naming_the_line(tmp_path):
    result, project = build_with_registry(tmp_path, lambda t: t.replace("  install: install.md", "  install: setup.md"))
    text = (project / "data" / "help-ids.yml").read_text(encoding="utf-8")
    assert result.returncode != 0
    assert f"line {line_of(text, '  install: setup.md')} ('install'): page docs/setup.de.md does not exist" in result.stdout


def test_renamed_target_page_fails(tmp_path):
    project = copy_project(tmp_path / "p")
    for lang in ROOTS:
        (project / "docs" / f"privacy.{lang}.md").rename(project / "docs" / f"data-protection.{lang}.md")
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text().replace("  - privacy.md", "  - data-protection.md"))
    result = build(project, project / "site", check=False)
    assert result.returncode != 0
    assert "('privacy'): page docs/privacy.de.md does not exist" in result.stdout


def test_missing_anchor_fails_naming_the_line_and_page(tmp_path):
    result, project = build_with_registry(
        tmp_path,
        lambda t: t + "  install-gone: install.md#no-such-heading\n",
        lambda p: p + "install-gone\n",
    )
    assert result.returncode != 0
    assert "('install-gone'): docs/install.de.md has no heading with ID 'no-such-heading'" in result.stdout


def test_new_id_must_be_recorded_as_published(tmp_path):
    result, _ = build_with_registry(tmp_path, lambda t: t + "  install-again: install.md\n")
    assert result.returncode != 0
    assert "add the line 'install-again' to data/help-ids-published.txt" in result.stdout
