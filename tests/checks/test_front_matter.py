"""The built pages use the page description as meta description; alt text on images.
(The front matter rules themselves stop the build: tests/foundation/test_front_matter_rules.py.)"""

from __future__ import annotations

from checks import front_matter


def test_clean_site_has_titles_descriptions_and_alt_texts(clean_findings):
    assert clean_findings["front matter"] == []


def test_image_without_alt_text_is_found(planted_findings):
    findings = planted_findings["front matter"]
    assert [f.file for f in findings] == ["docs/install.de.md"], findings
    assert "image 'assets/favicon.svg' (built page install.html) has no alt text" in findings[0].message
    assert "Fix: describe it" in findings[0].message


def test_meta_description_must_be_the_page_description(site_copy):
    page = site_copy / "en" / "install.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('<meta name="description" content="') + len('<meta name="description" content="')
    page.write_text(html[:start] + "Something else" + html[html.index('"', start):], encoding="utf-8")
    findings = front_matter.check(site_copy)
    assert [f.file for f in findings] == ["docs/install.en.md"]
    assert "has meta description 'Something else', not the page's description" in findings[0].message
