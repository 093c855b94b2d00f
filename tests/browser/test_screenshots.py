"""Screenshots of the main pages, both languages, desktop and phone, for a person to look at
(test-output/screenshots/, named <lang>-<page>-<viewport>.png)."""

from __future__ import annotations

import pytest

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
    tab.screenshot(path=target, full_page=True)
    assert target.stat().st_size > 10_000, f"{target} looks empty"
