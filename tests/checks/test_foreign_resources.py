"""Nothing on the built site loads from another host; links to other sites are fine."""

from __future__ import annotations

from checks import foreign_resources


def test_clean_site_loads_nothing_from_other_hosts(clean_findings):
    assert clean_findings["foreign resources"] == []


def test_planted_image_from_another_host_is_found_naming_page_and_address(planted_findings):
    findings = planted_findings["foreign resources"]
    assert [f.file for f in findings] == ["docs/install.de.md"], findings
    message = findings[0].message
    assert "<img src> loads 'https://cdn.example.com/logo.png' from another host (built page install.html)" in message
    assert "Fix: copy the file under docs/assets/" in message


PLANTED = """
<picture>
  <source srcset="https://cdn.example.com/a.webp 1x, //cdn.example.com/b.webp 2x">
  <img src="../assets/favicon.svg" srcset="../assets/favicon.svg 1x, https://cdn.example.com/c.png 2x" alt="x">
</picture>
<img src="data:image/png;base64,iVBORw0KGgo=" alt="embedded, fine">
<a href="https://example.org/page">a link, fine</a>
<link rel="stylesheet" href="https://fonts.example.com/font.css">
<link rel="alternate" href="https://example.org/feed.xml">
<iframe src="https://video.example.com/embed/1" title="video"></iframe>
<video poster="https://cdn.example.com/poster.jpg"><track src="https://cdn.example.com/subs.vtt"></video>
<object data="https://cdn.example.com/doc.pdf"></object>
<script src="https://cdn.example.com/widget.js"></script>
<style>/* url(https://cdn.example.com/commented-out.png) */
@import "https://cdn.example.com/more.css"; p{background:url( 'https://cdn.example.com/bg.png' )}</style>
<p style="background: url(https://cdn.example.com/inline.png)">x</p>
"""


def test_every_kind_of_resource_from_another_host_is_found(site_copy):
    """Defects the build refuses (a remote script, inline style) planted into a built copy."""
    page = site_copy / "en" / "contact.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", PLANTED + "</article>", 1), encoding="utf-8")
    findings = foreign_resources.check(site_copy)
    assert {f.file for f in findings} == {"docs/contact.en.md"}, findings
    found = {(m.split(" loads ")[0], m.split("'")[1]) for m in (f.message for f in findings)}
    assert found == {
        ("<source srcset>", "https://cdn.example.com/a.webp"),
        ("<source srcset>", "//cdn.example.com/b.webp"),
        ("<img srcset>", "https://cdn.example.com/c.png"),
        ('<link rel="stylesheet">', "https://fonts.example.com/font.css"),
        ("<iframe src>", "https://video.example.com/embed/1"),
        ("<video poster>", "https://cdn.example.com/poster.jpg"),
        ("<track src>", "https://cdn.example.com/subs.vtt"),
        ("<object data>", "https://cdn.example.com/doc.pdf"),
        ("<script src>", "https://cdn.example.com/widget.js"),
        ("<style> element", "https://cdn.example.com/more.css"),
        ("<style> element", "https://cdn.example.com/bg.png"),
        ("style attribute of <p>", "https://cdn.example.com/inline.png"),
    }, sorted(found)
    assert all("(built page en/contact.html)" in f.message for f in findings)


def test_a_font_from_another_host_in_the_sites_stylesheet_is_found(site_copy):
    css = site_copy / "assets" / "stylesheets" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + '\n@font-face{font-family:x;src:url("https://fonts.example.com/x.woff2")}\n',
                   encoding="utf-8")
    findings = foreign_resources.check(site_copy)
    assert [(f.file, f.message.split(" from ")[0]) for f in findings] == [
        ("docs/assets/stylesheets/site.css",
         "stylesheet assets/stylesheets/site.css loads 'https://fonts.example.com/x.woff2'")], findings
