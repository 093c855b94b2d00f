"""No tracking, no font services, no source maps. (Nothing loaded from other hosts: the check
checks/foreign_resources.py, run by `make check`, tested in tests/checks/test_foreign_resources.py.)"""

from __future__ import annotations

from helpsite.built_site import built_pages

TRACKERS = ("google-analytics", "googletagmanager", "gtag(", "matomo", "plausible", "fonts.googleapis",
            "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "document.cookie")


def test_no_trackers_or_font_services_in_pages(site_dir):
    for page in built_pages(site_dir):
        text = page.read_text(encoding="utf-8")
        for marker in TRACKERS:
            assert marker not in text, f"{page.relative_to(site_dir)} contains {marker}"


def test_no_source_maps_in_the_site(site_dir):
    maps = [str(p.relative_to(site_dir)) for p in site_dir.rglob("*.map")]
    assert not maps, maps
    for script in site_dir.rglob("*.js"):
        assert "sourceMappingURL" not in script.read_text(encoding="utf-8"), script
