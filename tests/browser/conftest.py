"""Browser test set-up: the site built for a local origin and served there, Debian's Chromium.

The site is built for the origin it is served on (absolute hreflang links, and the sitemap
Material fetches next to them, then stay on the local server).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from browser.probes import CHROMIUM, PageLog, ServedSite, build_and_serve, launch, site_pages
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
    """One Chromium for the session, with a fresh profile."""
    with sync_playwright() as playwright:
        context = launch(playwright, tmp_path_factory.mktemp("chromium-profile"))
        yield context
        context.close()


@pytest.fixture
def tab(browser):
    """A new tab at desktop size, with its requests and errors recorded in tab.log."""
    page = browser.new_page()
    page.log = PageLog.attach(page)
    browser.clear_cookies()
    yield page
    page.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
