"""No placeholder or unrendered template syntax in the built pages' text and attributes."""

from __future__ import annotations



def test_clean_site_has_no_placeholders(clean_findings):
    assert clean_findings["placeholders"] == []


def test_planted_placeholders_are_found_in_text_and_attributes(planted_findings):
    findings = planted_findings["placeholders"]
    messages = {f.file: [] for f in findings}
    for f in findings:
        messages[f.file].append(f.message)
    english = " ".join(messages.get("docs/index.en.md", []))
    assert "placeholder 'TODO' in the text of built page en/index.html" in english
    assert "placeholder 'FIXME' in the <span title> of built page en/index.html" in english
    assert "Fix: write the final text" in english
    german = " ".join(messages.get("docs/index.de.md", []))
    assert "unrendered template syntax '{{' in the text of built page index.html" in german
    assert 'fact("support.email")' in german and "Fix: correct the macro" in german
    assert set(messages) == {"docs/index.en.md", "docs/index.de.md"}, findings
