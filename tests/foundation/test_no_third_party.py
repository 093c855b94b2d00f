"""No external URL for scripts, styles, fonts or images, no source maps, no tracking."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from helpsite.built_site import built_pages

EXTERNAL = re.compile(r"^(https?:)?//", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)", re.I)
TRACKERS = ("google-analytics", "googletagmanager", "gtag(", "matomo", "plausible", "fonts.googleapis",
            "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "document.cookie")


def resource_urls(page):
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    for tag in soup.find_all("script", src=True):
        yield "script", tag["src"]
    for tag in soup.find_all("link", href=True):
        rel = set(tag.get("rel", []))
        if rel & {"stylesheet", "icon", "preload", "preconnect", "dns-prefetch", "modulepreload", "manifest"}:
            yield "link " + " ".join(sorted(rel)), tag["href"]
    for tag in soup.find_all(["img", "source", "iframe", "video", "audio", "embed"]):
        for attr in ("src", "srcset"):
            if tag.get(attr):
                yield tag.name, tag[attr]
    for style in soup.find_all("style"):
        for url in CSS_URL.findall(style.string or ""):
            yield "style", url


def test_pages_load_nothing_from_other_hosts(site_dir):
    offenders = [
        f"{page.relative_to(site_dir)}: {kind} {url}"
        for page in built_pages(site_dir)
        for kind, url in resource_urls(page)
        if EXTERNAL.match(url)
    ]
    assert not offenders, "\n".join(offenders)


def test_stylesheets_load_nothing_from_other_hosts(site_dir):
    offenders = []
    for css in site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for url in CSS_URL.findall(text) + CSS_IMPORT.findall(text):
            if EXTERNAL.match(url) and not url.startswith("http://www.w3.org/"):
                offenders.append(f"{css.relative_to(site_dir)}: {url}")
    assert not offenders, "\n".join(offenders)


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
