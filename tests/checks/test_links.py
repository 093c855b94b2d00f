"""Links and anchors: LinkChecker finds broken ones on the served site, named by source file."""

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


def test_only_materials_links_from_a_heading_to_itself_are_left_out():
    def served(html):
        return links.GENERATED_SELF_LINK.sub(lambda m: m.group(1) or m.group(2), html)

    assert served('<a class="headerlink" href="#setup" title="Link">') == '<a class="headerlink" title="Link">'
    assert served('<a href="#setup" class="md-nav__link">') == '<a class="md-nav__link">'
    for kept in ('<a href="#setup">', '<a href="install.html" class="md-nav__link">',
                 '<a href="#__skip" class="md-skip">', '<a href="install.html#setup" class="md-nav__link">'):
        assert served(kept) == kept
