"""Links and anchors: LinkChecker finds broken links on the served site, checks/links.py broken
anchors on the built pages, each named by source file."""

from __future__ import annotations

from checks import links


def test_clean_site_has_no_broken_links_or_anchors(clean_findings):
    assert clean_findings["links"] == []


def test_planted_broken_links_and_anchors_are_found_with_their_source(planted_findings):
    findings = planted_findings["links"]
    found = {(f.file, f.message.split("'")[1]) for f in findings}
    assert found == {
        ("docs/install.de.md", "nirgends.html"),
        ("docs/install.de.md", "contact.html#keine-ueberschrift"),
        ("docs/install.en.md", "#nope"),
        ("overrides/404.html", "/alte-seite.html"),
    }, "\n".join(map(str, findings))
    by_target = {f.message.split("'")[1]: f.message for f in findings}
    assert "404 Not Found" in by_target["nirgends.html"]
    assert "Fix: point the link at an existing page" in by_target["nirgends.html"]
    anchor = by_target["contact.html#keine-ueberschrift"]
    assert "has no #keine-ueberschrift" in anchor and "{: #keine-ueberschrift }" in anchor
    assert "built page install.html, line" in anchor


def test_anchor_links_resolve_to_the_page_a_browser_opens():
    assert links.link_target("en/install.html", "#nope") == ("en/install.html", "nope")
    assert links.link_target("install.html", "contact.html#reach-support") == ("contact.html", "reach-support")
    assert links.link_target("en/go/contact/index.html", "../../contact.html#x") == ("en/contact.html", "x")
    assert links.link_target("install.html", "/en/#top-tasks") == ("en/index.html", "top-tasks")
    assert links.link_target("en/install.html", "../#top-tasks") == ("index.html", "top-tasks")
    assert links.link_target("index.html", "preise%20neu.html#gr%C3%B6%C3%9Fe") == ("preise neu.html", "größe")
    for not_checked_here in ("https://example.org/#x", "mailto:a@example.org", "#", "contact.html"):
        assert links.link_target("index.html", not_checked_here) is None
