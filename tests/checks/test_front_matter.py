"""Title and description (<= 160 characters, used as meta description); alt text on images."""

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


def write_page(project, name, front_matter_text):
    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "docs" / name).write_text(f"---\n{front_matter_text}---\n\n# Page\n", encoding="utf-8")


def test_missing_title_and_long_description_are_found(tmp_path):
    # The build refuses these pages, so the check reads the sources alone here.
    write_page(tmp_path, "a.de.md", 'description: "Kurz."\n')
    write_page(tmp_path, "b.de.md", f'title: B\ndescription: "{"x" * 161}"\n')
    write_page(tmp_path, "c.en.md", "title: C\n")
    (tmp_path / "site").mkdir()
    findings = {f.file: f.message for f in front_matter.check(tmp_path / "site", tmp_path)}
    assert findings["docs/a.de.md"].startswith("front matter has no title. Fix: add 'title: ...'")
    assert findings["docs/b.de.md"] == "description has 161 characters. Fix: shorten it to at most 160."
    assert findings["docs/c.en.md"].startswith("front matter has no description. Fix:")
