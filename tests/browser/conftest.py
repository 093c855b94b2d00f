"""Browser test set-up: the site built for a local origin and served there, Debian's Chromium.

The site is built for the origin it is served on (absolute hreflang links, and the sitemap
Material fetches next to them, then stay on the local server).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from harness.probes import CHROMIUM, ServedSite, build_and_serve, fresh_tab, launch, site_pages
from helpsite.project import PROJECT

SCREENSHOTS = PROJECT / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not os.access(CHROMIUM, os.X_OK):
        message = (f"Chromium not found at {CHROMIUM}: install Debian's chromium-headless-shell "
                   "(`make system-deps` as root, or apt-get install -y chromium-headless-shell) "
                   "or set CHROMIUM_PATH.")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def site(chromium_path, tmp_path_factory) -> ServedSite:
    root = tmp_path_factory.mktemp("browser") / "site"
    with build_and_serve(root) as origin:
        yield ServedSite(root, origin, site_pages(root))


@pytest.fixture(scope="session")
def browser(chromium_path, tmp_path_factory):
    """One Chromium for the session, with a fresh profile, for a reader who asks for reduced
    motion: Material then drops its CSS transitions (its only animations), and Playwright does
    not wait for each menu and overlay to finish fading in before it clicks (0.3 s a click)."""
    with sync_playwright() as playwright:
        context = launch(playwright, tmp_path_factory.mktemp("chromium-profile"), reduced_motion="reduce")
        yield context
        context.close()


@pytest.fixture(scope="session")
def worker_tab(browser) -> dict:
    """{"page": the tab this worker's tests share} (probes.fresh_tab replaces a closed one)."""
    return {}


@pytest.fixture
def tab(browser, worker_tab):
    """The worker's tab as a new one is (probes.fresh_tab), its requests and errors from now on
    in tab.log."""
    return fresh_tab(browser, worker_tab)


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
