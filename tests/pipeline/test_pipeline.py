"""The post-build pipeline on a small folder of pages written by hand, not by MkDocs
(fixtures/two-languages: rendered/ as a generator would leave it, project/ with the data the
steps read): it runs without MkDocs and gives the published site its finishing steps."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpsite import pipeline
from helpsite.pipeline import assets
from helpsite.project import PROJECT, InputError

FIXTURE = Path(__file__).with_name("fixtures") / "two-languages"


def fixture_copy(tmp_path: Path) -> tuple[Path, Path]:
    """(project, rendered) copied to tmp_path; the project uses this project's Node tools."""
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "project" / "node_modules").symlink_to(PROJECT / "node_modules")
    return tmp_path / "project", tmp_path / "rendered"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The fixture's site after the pipeline, run in a process of its own that must not import
    MkDocs (or its theme's Python code)."""
    tmp = tmp_path_factory.mktemp("pipeline")
    project, rendered = fixture_copy(tmp)
    script = ("import sys\nfrom pathlib import Path\nfrom helpsite import pipeline\n"
              f"pipeline.run(Path({str(rendered)!r}), Path({str(tmp / 'site')!r}), "
              f"pipeline.Settings.of_project(Path({str(project)!r})))\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]", f"the pipeline imported {result.stdout}"
    return tmp / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_each_language_gets_its_own_search_index_with_keywords(published):
    for root, lang, pages in (("", "de", {"index.html", "install.html", "install.html#update"}),
                              ("en/", "en", {"index.html", "install.html", "install.html#update"})):
        index = json.loads((published / root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        assert {doc["location"] for doc in index["docs"]} == pages
        assert "keywords" in index["config"]["fields"]
    german = json.loads((published / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert next(d for d in german["docs"] if d["location"] == "install.html")["keywords"] == "Installation einrichten Setup"


def test_english_pages_load_their_languages_index(published):
    for page, base in (("index.html", "."), ("en/install.html", "../en/")):
        config = json.loads(soup(published / page).find("script", id="__config").string)
        assert config["base"] == base, page


def test_help_id_pages_and_map_for_every_language(published):
    for root in ("", "en/"):
        for help_id in ("install-update", "update"):  # "update" is retired: it leads where its replacement does
            page = soup(published / root / "go" / help_id / "index.html")
            assert page.find("a")["href"] == "../../install.html#update", (root, help_id)
            assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../../install.html#update"
        title = soup(published / root / "go" / "install" / "index.html").title.string
        assert title.endswith("Setup" if not root else "Install"), title  # the page's title, not the site's name
    ids = json.loads((published / "help-ids.json").read_text(encoding="utf-8"))["ids"]
    assert ids["update"]["en"] == {"address": "https://help.example/en/go/update/",
                                   "target": "https://help.example/en/install.html#update"}
    assert ids["update"]["replaced_by"] == "install-update"


def test_materials_stylesheet_reduced_and_named_by_its_content(published):
    [stylesheet] = (published / "assets" / "stylesheets").glob("main.*.min.css")
    content = stylesheet.read_bytes()
    assert stylesheet.name == f"main.{hashlib.sha256(content).hexdigest()[:8]}.min.css"
    assert b".md-header" in content and b".md-intro" in content and b"md-unused-by-every-page" not in content
    for page, prefix in (("index.html", ""), ("en/install.html", "../")):
        hrefs = [link["href"] for link in soup(published / page).find_all("link", rel="stylesheet")]
        assert f"{prefix}assets/stylesheets/{stylesheet.name}" in hrefs, (page, hrefs)


def test_purgecss_is_asked_again_only_when_the_words_of_the_selectors_in_the_pages_change(tmp_path, monkeypatch):
    """The cache key of the reduced stylesheet (pipeline/assets.py): words of its selectors,
    inside @media too, count; words of its values (dates and times in a copy's pages) do not."""
    monkeypatch.setattr(assets, "CACHE", tmp_path / "cache")
    stylesheet = tmp_path / "main.css"
    stylesheet.write_bytes(b".md-header{color:#123}@media (min-width:60em){.md-intro:hover{transition:opacity 250ms}}")
    assert assets.selector_words(stylesheet.read_bytes()) == {b"md-header", b"md-intro", b"hover"}
    page = tmp_path / "page.html"

    def key(html: str) -> str:
        page.write_text(html, encoding="utf-8")
        return assets.purgecss_key(PROJECT, stylesheet, [page])

    plain = key('<header class="md-header">Stand: 2026-12-06 08:36</header>')
    assert key('<header class="md-header">Stand: 2026-11-30 12:00, opacity 250ms</header>') == plain
    assert key('<header class="md-header"><p class="md-intro">Stand</p></header>') != plain


def test_own_assets_minified_and_source_maps_gone(published):
    assert (published / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8") == "article{margin:0}"
    assert "the site script" not in (published / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
    assert not list(published.rglob("*.map"))
    assert "sourceMappingURL" not in (published / "assets" / "javascripts" / "bundle.0123abcd.min.js").read_text()


def test_hreflang_links_absolute_with_x_default(published):
    links = {link["hreflang"]: link["href"] for link in soup(published / "en" / "install.html").find_all("link", rel="alternate")}
    assert links == {"de": "https://help.example/install.html", "en": "https://help.example/en/install.html",
                     "x-default": "https://help.example/install.html"}


def test_the_policy_lists_no_hash_for_a_site_without_inline_scripts(published):
    assert json.loads((published / ".content-security-policy.json").read_text()) == {"script-src": []}


def test_each_file_is_written_once_and_what_no_step_changed_is_moved(tmp_path, monkeypatch):
    project, rendered = fixture_copy(tmp_path)
    opened: list[str] = []
    original = Path.write_bytes
    monkeypatch.setattr(Path, "write_bytes", lambda self, data: (opened.append(str(self)), original(self, data))[1])
    pipeline.run(rendered, tmp_path / "site", pipeline.Settings.of_project(project))
    site_writes = [path for path in opened if path.startswith(str(tmp_path / "site"))]
    assert len(site_writes) == len(set(site_writes)), "a file of the site was written twice"
    assert (tmp_path / "site" / "assets" / "favicon.svg").exists() and not (rendered / "assets" / "favicon.svg").exists()
    assert str(tmp_path / "site" / "assets" / "favicon.svg") not in site_writes  # moved, not written


def test_a_page_that_runs_its_own_script_stops_the_pipeline_naming_its_source(tmp_path):
    project, rendered = fixture_copy(tmp_path)
    page = rendered / "en" / "install.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<p>Text</p>", '<p onclick="go()">Text</p>'))
    with pytest.raises(InputError, match=r"docs/install\.en\.md: an inline event handler \(onclick=\.\.\.\) on <p>"):
        pipeline.run(rendered, tmp_path / "site", pipeline.Settings.of_project(project))
    assert not (tmp_path / "site").exists()  # nothing is published


def test_the_offline_bundle_keeps_relative_links_and_searches_from_file(tmp_path):
    project, rendered = fixture_copy(tmp_path)
    settings = dataclasses.replace(pipeline.Settings.of_project(project), offline=True)
    pipeline.run(rendered, tmp_path / "site", settings)
    site = tmp_path / "site"
    assert (site / "en" / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = {")
    assert (site / "assets" / "javascripts" / "iframe-worker-shim.js").exists()
    assert not (site / ".content-security-policy.json").exists()
    links = [link["href"] for link in soup(site / "en" / "install.html").find_all("link", rel="alternate")]
    assert links == ["../install.html", "install.html"]
