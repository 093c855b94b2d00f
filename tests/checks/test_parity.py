"""Translation parity: pages, help-ID redirects and heading IDs in both languages; no page in
the other language's text."""

from __future__ import annotations

import shutil

from checks import parity
from helpsite.project import PROJECT


def test_clean_site_has_both_languages_everywhere(clean_findings):
    assert clean_findings["parity"] == []


def test_planted_parity_defects_are_found(planted_findings):
    findings = planted_findings["parity"]
    by_file = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f.message)
    assert set(by_file) == {"docs/privacy.de.md", "docs/price-lists.en.md", "docs/remote-support.en.md"}, findings
    assert by_file["docs/privacy.de.md"] == [
        "1 paragraph(s) read as English, not Deutsch: 'This page has not been translated yet. You can read "
        "the English text here, ...'. Fix: translate them into Deutsch."]
    names = by_file["docs/price-lists.en.md"][0]
    assert ("heading IDs differ from docs/price-lists.de.md: only there: ['planted-german-only'], "
            "only here: ['planted-english-only']") in names
    order = by_file["docs/remote-support.en.md"][0]
    assert "is 'planted-connect' there but 'planted-end' here (same IDs, other order)" in order


def test_help_id_redirect_in_one_language_only_is_found(site_copy):
    (site_copy / "en" / "go" / "install" / "index.html").unlink()
    findings = parity.check(site_copy)
    assert [f.file for f in findings] == ["data/help-ids.yml"]
    assert findings[0].message.startswith("built page go/install/index.html has no counterpart en/go/install/index.html")


def test_only_the_review_page_may_exist_in_german_alone(site_copy):
    # The review page of previews (helpsite/review_page.py) is for the company, in German only.
    shutil.copy2(site_copy / "contact.html", site_copy / "review.html")
    assert parity.check(site_copy) == []
    shutil.copy2(site_copy / "contact.html", site_copy / "kontakt.html")
    findings = parity.check(site_copy)
    assert [f.message.split(" in ")[0] for f in findings] == [
        "built page kontakt.html has no counterpart en/kontakt.html"], findings


def test_title_and_description_in_the_other_language_are_found(tmp_path):
    shutil.copy2(PROJECT / "mkdocs.yml", tmp_path)  # the languages
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.en.md").write_text('---\ntitle: Fernwartung\ndescription: "So starten Sie die '
                                  'Fernwartung mit dem Support."\n---\n', encoding="utf-8")
    (docs / "a.de.md").write_text('---\ntitle: Fernwartung\ndescription: "So starten Sie die '
                                  'Fernwartung mit dem Support."\n---\n', encoding="utf-8")
    (tmp_path / "site").mkdir()
    findings = parity.check(tmp_path / "site", tmp_path)
    assert [f.file for f in findings] == ["docs/a.en.md"]
    assert findings[0].message == "title and description read as Deutsch, not English. Fix: write them in English."
