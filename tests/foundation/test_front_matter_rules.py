"""The front matter rules the build applies to every page (helpsite/front_matter.py), each
failing with the page named and what to write."""

from __future__ import annotations

import datetime

import pytest

from helpsite import front_matter
from helpsite.project import InputError

VALID = {"title": "Installation", "description": "So installieren Sie ScanPrix.",
         "keywords": ["Setup", "Update", "Virenscanner", "neuer Rechner", "Installer"],
         "review": {"status": "confirmed", "by": "Erika Muster", "date": datetime.date(2026, 11, 30)}}


def broken(**changes) -> str:
    meta = {key: value for key, value in {**VALID, **changes}.items() if value is not None}
    with pytest.raises(InputError) as error:
        front_matter.check(meta, "# Page\n", "docs/install.de.md")
    assert str(error.value).startswith("docs/install.de.md: ")
    return str(error.value)


def test_valid_front_matter_passes():
    front_matter.check(VALID, "# Page\n", "docs/install.de.md")


def test_missing_title_is_refused():
    assert "front matter needs 'title: ...'" in broken(title=None)


def test_missing_or_long_description_is_refused():
    assert "front matter needs 'description: ...'" in broken(description=None)
    assert "description has 161 characters; shorten it to at most 160" in broken(description="x" * 161)


def test_a_page_without_search_keywords_is_refused():
    assert "front matter needs 'keywords: [...]' with at least 5 words customers search for" in broken(keywords=None)
    assert "needs 'keywords: [...]'" in broken(keywords=["Setup", "Update"])
    assert "needs 'keywords: [...]'" in broken(keywords="Setup, Update, Virenscanner, Rechner, Installer")


def test_review_status_and_notes_are_required():
    assert "needs 'review:' with 'status: confirmed'" in broken(review=None)
    assert "review status is needs-review but 'notes:' is empty" in broken(review={"status": "needs-review"})


@pytest.mark.parametrize("review, lacks", [
    ({"status": "confirmed"}, "no 'by:' (the person at the company who confirmed it)"),
    ({"status": "confirmed", "by": "  ", "date": "2026-11-30"}, "no 'by:'"),
    ({"status": "confirmed", "by": "Erika Muster"}, "no 'date:' (when it was confirmed, YYYY-MM-DD)"),
    ({"status": "confirmed", "by": "Erika Muster", "date": "30.11.2026"}, "'date: 30.11.2026' is not a date"),
    ({"status": "confirmed", "by": "Erika Muster", "date": datetime.date.today() + datetime.timedelta(days=2)},
     "lies in the future"),
    # YAML reads `on: 2026-11-30` as {True: date(2026, 11, 30)}.
    ({"status": "confirmed", "by": "Erika Muster", True: datetime.date(2026, 11, 30)}, "'on:' reads as true in YAML"),
])
def test_a_bare_confirmed_is_refused_naming_who_and_when(review, lacks):
    message = broken(review=review)
    assert "review status is confirmed, but " in message and lacks in message
    assert "write review: {status: confirmed, by: <name>, date: <YYYY-MM-DD>}" in message


def test_a_confirmation_with_who_and_when_passes_also_as_text():
    front_matter.check({**VALID, "review": {"status": "confirmed", "by": "Erika Muster", "date": "2026-11-30"}},
                       "# Page\n", "docs/install.de.md")


def test_unparsable_front_matter_is_named_not_ignored():
    with pytest.raises(InputError, match="front matter is not valid YAML"):
        front_matter.check({"description": "x"}, "---\ntitle: a: b\n---\n# Page\n", "docs/install.de.md")


def test_a_bare_confirmed_stops_the_build_naming_the_page(tmp_path):
    from harness.building import build, copy_project

    project = copy_project(tmp_path / "p")
    page = project / "docs" / "install.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("  status: needs-review\n", "  status: confirmed\n", 1), encoding="utf-8")
    result = build(project, project / "site", check=False)
    assert result.returncode != 0
    assert "docs/install.en.md: review status is confirmed, but no 'by:'" in result.stdout


def test_a_page_without_keywords_stops_the_build_naming_it(tmp_path):
    from harness.building import build, copy_project

    project = copy_project(tmp_path / "p")
    page = project / "docs" / "contact.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text("\n".join(line for line in text.split("\n") if not line.startswith("keywords:")), encoding="utf-8")
    result = build(project, project / "site", check=False)
    assert result.returncode != 0
    assert "docs/contact.en.md: front matter needs 'keywords: [...]'" in result.stdout
