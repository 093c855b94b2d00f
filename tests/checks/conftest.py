"""A copy of the project with one planted defect per check, built once for all check tests."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from checks.__main__ import run_checks
from harness.building import build, copy_project
from helpsite.project import PROJECT


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: '{old}' not found; update the planted defect"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@dataclass
class Planted:
    project: Path
    site: Path


@pytest.fixture(scope="session")
def planted(tmp_path_factory) -> Planted:
    project = copy_project(tmp_path_factory.mktemp("planted") / "project")
    docs = project / "docs"
    # Links: a missing page, a missing anchor on another page and on the same page, and a
    # broken root-absolute link on the 404 pages. Raw HTML: MkDocs checks Markdown links itself.
    append(docs / "install.de.md", '\n<a href="nirgends.html">kaputter Link</a> und '
                                   '<a href="contact.html#keine-ueberschrift">kaputter Anker</a>\n')
    append(docs / "install.en.md", '\nSee <a href="#nope">this section</a>.\n')
    replace(project / "overrides" / "404.html", "</ul>",
            '<li><a href="/alte-seite.html">Alte Seite</a></li></ul>')
    # Placeholders: in the text, in an attribute, and a macro shown instead of run.
    append(docs / "index.en.md", "\nTODO: write the introduction.\n\n"
                                 '<span title="FIXME later">Start</span>\n')
    append(docs / "index.de.md", '\n{% raw %}Schreiben Sie an {{ fact("support.email") }}.{% endraw %}\n')
    # Facts written out instead of taken from data/facts.yml.
    append(docs / "contact.de.md", "\nRufen Sie 07724 / 91151 an oder schreiben Sie an support@scanprix.de.\n")
    append(docs / "remote-support.en.md", "\nThe program has 15.1 MB.\n")
    # A template the pages do not use, so the built pages stay as they are.
    (project / "overrides" / "partials" / "planted.html").write_text('<a href="tel:+49772491151">', encoding="utf-8")
    # Translation parity: English text in a German page, and heading IDs that differ in name
    # (price-lists) and in order (remote-support). Written {: #id } because the macros plugin
    # reads "{#" as the start of a Jinja comment.
    append(docs / "privacy.de.md", "\nThis page has not been translated yet. You can read the "
                                   "English text here, and we will translate it for you.\n")
    append(docs / "price-lists.de.md", "\n## Preise ändern {: #planted-german-only }\n\nText.\n")
    append(docs / "price-lists.en.md", "\n## Changing prices {: #planted-english-only }\n\nText.\n")
    append(docs / "remote-support.de.md", "\n## Anfang {: #planted-connect }\n\nText.\n\n## Beenden {: #planted-end }\n\nText.\n")
    append(docs / "remote-support.en.md", "\n## Ending {: #planted-end }\n\nText.\n\n## Connecting {: #planted-connect }\n\nText.\n")
    # Alt text: an image without one.
    append(docs / "install.de.md", "\n![](assets/favicon.svg)\n")
    # Foreign resources: an image from another host.
    append(docs / "install.de.md", "\n![Logo](https://cdn.example.com/logo.png)\n")
    # Invalid HTML: a duplicate ID, and autocomplete="off" on a checkbox that is not Material's.
    append(docs / "contact.en.md", '\n<span id="planted-twice">a</span> <span id="planted-twice">b</span>\n\n'
                                   '<input type="checkbox" id="planted-toggle" autocomplete="off">\n')
    # Spelling, in each language; around it what the spelling check must leave alone.
    # (German words of eight letters or more would make the build load the compound splitter.)
    append(docs / "install.de.md", "\nDie Adrese finden Sie unten.\n\n## Fragen {: #planted-questionns }\n\n"
                                   '{{ email_link(subject="Frage zur Adrese") }} '
                                   "{% if has_fact(\"remote_support.download_url\") %}{% endif %}\n"
                                   "Siehe https://example.org/irgendwass/elsewhere und `quicksupprt.exe`.\n")
    append(docs / "install.en.md", "\nYou will recieve a message.\n\n## Questions {: #planted-questionns }\n")
    # ... and in the German wording of the review page, around its IDs and file names.
    append(project / "data" / "review.yml", "  - id: planted-questionn\n    page: install\n"
                                            "    edit: [data/factz.yml]\n    question: Wie lautet die Adrese?\n")
    build(project, project / "site")
    return Planted(project, project / "site")


@pytest.fixture
def site_copy(site_dir, tmp_path) -> Path:
    """A copy of the clean built site, for defects a build cannot produce."""
    return Path(shutil.copytree(site_dir, tmp_path / "site"))


def findings_by_check(site: Path, project: Path) -> dict[str, list]:
    """Every check's findings, run side by side as `python -m checks` does (one run per site)."""
    return {name: found for name, (found, _seconds) in run_checks(site, project).items()}


@pytest.fixture(scope="session")
def clean_findings(site_dir) -> dict[str, list]:
    return findings_by_check(site_dir, PROJECT)


@pytest.fixture(scope="session")
def planted_findings(planted) -> dict[str, list]:
    return findings_by_check(planted.site, planted.project)
