"""The Nu HTML Checker finds no errors; only Material's two autocomplete toggles are excused."""

from __future__ import annotations

import hashlib
import json
import shutil

from checks import html_validity


def test_clean_site_is_valid_html(clean_findings):
    assert clean_findings["html"] == []


def test_planted_invalid_html_is_found_but_materials_toggles_are_not(planted_findings):
    findings = planted_findings["html"]
    assert {f.file for f in findings} == {"docs/contact.en.md"}, findings
    text = "\n".join(f.message for f in findings)
    assert "Duplicate ID “planted-twice”" in text and "built page en/contact.html" in text
    # The filter is exact: the same message on another checkbox is reported.
    assert 'id="planted-toggle" autocomplete="off"' in text
    assert 'id="__drawer"' not in text and 'id="__search"' not in text


def test_material_toggle_filter_matches_only_the_two_toggles():
    message = {"message": html_validity.AUTOCOMPLETE_MESSAGE,
               "extract": '<input class="md-toggle" data-md-toggle="search" type="checkbox" '
                          'id="__search" autocomplete="off">'}
    assert html_validity.is_material_toggle(message)
    assert not html_validity.is_material_toggle(dict(message, message="Duplicate ID “__search”."))
    assert not html_validity.is_material_toggle(dict(message, extract='<input type="checkbox" id="x" autocomplete="off">'))


def test_unchanged_pages_are_not_validated_again(clean_findings, site_copy, tmp_path, monkeypatch):
    """The clean run validated every page of the site; copies of two of them take vnu's
    messages from the cache, and only the one that changed is validated again."""
    cache = tmp_path / "vnu.json"
    shutil.copy(html_validity.CACHE, cache)
    monkeypatch.setattr(html_validity, "CACHE", cache)
    validated = []
    real_run = html_validity.run_vnu
    monkeypatch.setattr(html_validity, "run_vnu", lambda new: validated.extend(new) or real_run(new))
    pages = [site_copy / "privacy.html", site_copy / "en" / "privacy.html"]
    assert [m["message"] for m in html_validity.validate(pages)[pages[1]]] == [html_validity.AUTOCOMPLETE_MESSAGE] * 2
    assert validated == []
    pages[1].write_text(pages[1].read_text(encoding="utf-8").replace(
        "</article>", '<p id="x"></p><p id="x"></p></article>'), encoding="utf-8")
    messages = html_validity.validate(pages)
    assert validated == [pages[1]]
    assert "Duplicate ID “x”." in [m["message"] for m in messages[pages[1]]]


def test_a_full_cache_keeps_the_pages_of_the_run_that_fills_it(site_copy, tmp_path, monkeypatch):
    """Cached pages the run needs stay when new ones push the cache over its size; the oldest
    others go. (vnu stands aside: this is the cache's bookkeeping.)"""
    monkeypatch.setattr(html_validity, "CACHE", tmp_path / "vnu.json")
    monkeypatch.setattr(html_validity, "CACHE_SIZE", 2)
    monkeypatch.setattr(html_validity, "run_vnu", lambda pages: [])
    cached, old, new = site_copy / "privacy.html", site_copy / "contact.html", site_copy / "en" / "privacy.html"
    html_validity.validate([cached])
    html_validity.validate([old])
    assert set(html_validity.validate([cached, new])) == {cached, new}
    kept = json.loads((tmp_path / "vnu.json").read_text(encoding="utf-8"))["pages"]
    assert list(kept) == [hashlib.sha256(page.read_bytes()).hexdigest() for page in (cached, new)]
