"""Single source of facts: no contact data or download written out in pages or templates, no file
size at all, and data/facts.yml agrees with the company's support page."""

from __future__ import annotations

import shutil

import pytest

from checks import facts
from helpsite.project import PROJECT

# The lines of the company's support page that state the e-mail address and the phone number.
SOURCE_EXCERPT = PROJECT / "tests" / "checks" / "fixtures" / "support-page.de.txt"


def test_clean_project_writes_no_facts_out_and_matches_the_source():
    assert facts.check(source=SOURCE_EXCERPT) == []


def test_facts_match_the_companys_support_page():
    source = facts.default_source(PROJECT)
    if not source.exists():
        pytest.skip(f"{source} is not on this machine (set FACTS_SOURCE)")
    assert facts.source_findings(PROJECT, facts.load_facts(PROJECT), source) == []


def test_planted_literal_facts_are_found(planted):
    findings = facts.check(project=planted.project, source=SOURCE_EXCERPT)
    found = {(f.file, f.message.split("'")[1]): f.message for f in findings}
    assert set(found) == {
        ("docs/contact.de.md", "07724 / 91151"),
        ("docs/contact.de.md", "support@scanprix.de"),
        ("docs/remote-support.en.md", "15.1 MB"),
        ("overrides/partials/planted.html", "tel:+49772491151"),
    }, findings
    phone = found[("docs/contact.de.md", "07724 / 91151")]
    assert phone.startswith("line ") and "phone number '07724 / 91151' written out. Fix: use {{ phone_link() }}" in phone
    assert "Fix: leave it out: a download's size changes with every version" in found[("docs/remote-support.en.md", "15.1 MB")]


@pytest.mark.parametrize("written", [
    "+49 7724 91151", "+49 (0) 7724 / 91151", "0049-7724-91151", "07724 91151", "07724/91151",
    "+49772491151", "tel:+49772491151", "support@scanprix.de", "15,1 MByte", "15.1 MB", "15 MB",
    "https://download.example.com/TeamViewerQS.exe", "+49 30 1234567",
])
def test_every_spelling_of_a_fact_is_found(tmp_path, written):
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.de.md").write_text(f"# Seite\n\nText {written} Text.\n", encoding="utf-8")
    findings = facts.check(project=tmp_path, source=SOURCE_EXCERPT)
    assert [(f.file, f.message.split("'")[1]) for f in findings] == [("docs/a.de.md", written)]


def project_with_facts(tmp_path, old: str, new: str):
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    path = tmp_path / "data" / "facts.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def test_typo_in_the_e_mail_of_the_facts_is_found(tmp_path):
    project = project_with_facts(tmp_path, "email: support@scanprix.de", "email: suport@scanprix.de")
    findings = facts.check(project=project, source=SOURCE_EXCERPT)
    assert [f.file for f in findings] == ["data/facts.yml"]
    assert findings[0].message.startswith("line ")
    assert "support.email 'suport@scanprix.de' is not the address in" in findings[0].message
    assert "(support@scanprix.de). Fix: copy the address from there." in findings[0].message


def test_typo_in_the_phone_of_the_facts_is_found(tmp_path):
    # display and tel agree with each other (the build checks that), but not with the source
    project = project_with_facts(tmp_path, '"+49 7724 91151"', '"+49 7724 91115"')
    path = project / "data" / "facts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('"+49772491151"', '"+49772491115"'), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    findings = facts.check(project=project, source=SOURCE_EXCERPT)
    assert [f.file for f in findings] == ["data/facts.yml"] * 2
    for finding, key, value in zip(findings, ("display", "tel"), ("+49 7724 91115", "+49772491115")):
        line = next(n for n, text in enumerate(lines, 1) if value in text)
        assert finding.message.startswith(f"line {line}: support.phone.{key} '{value}' is not the number in ")
        assert "(+49 7724 91151). Fix: copy the number from there" in finding.message


def test_source_location_is_configurable(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTS_SOURCE", str(tmp_path / "elsewhere.txt"))
    assert facts.default_source(PROJECT) == tmp_path / "elsewhere.txt"
    monkeypatch.delenv("FACTS_SOURCE")
    assert facts.default_source(PROJECT) == PROJECT.parent / "shared" / "source" / "support-page.de.txt"
