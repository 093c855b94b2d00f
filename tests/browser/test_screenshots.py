"""Screenshots of the main pages, both languages, desktop and phone, for a person to look at
(test-output/screenshots/, named <lang>-<page>-<viewport>.png)."""

from __future__ import annotations

import struct

import pytest
from playwright.sync_api import expect

from harness.probes import VIEWPORTS
from helpsite.project import languages

pytestmark = pytest.mark.browser

# The start page, the FAQ and the remote support page, as issue 8 asks.
PAGES = ("index.html", "price-lists.html", "remote-support.html")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("lang", languages().codes)
def test_screenshot(site, tab, screenshot_dir, lang, name, viewport):
    page = site.page(languages().root(lang) + name)
    tab.set_viewport_size(VIEWPORTS[viewport])
    tab.goto(site.url(page.path), wait_until="load")
    target = screenshot_dir / f"{lang}-{name.removesuffix('.html')}-{viewport}.png"
    target.unlink(missing_ok=True)
    expect(tab.locator("h1").first).to_be_visible()
    height = tab.evaluate("document.documentElement.scrollHeight")
    tab.screenshot(path=target, full_page=True)
    # The picture is the whole page at the viewport's width: nothing wider, nothing cut off.
    width, shot_height = png_size(target)
    assert width == VIEWPORTS[viewport]["width"], f"{target}: {width} px wide, the page is wider than the screen"
    assert shot_height == height >= VIEWPORTS[viewport]["height"], f"{target}: {shot_height} px high, page {height}"


def png_size(path) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk follows the 8-byte signature)."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])
