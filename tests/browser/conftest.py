"""Browser test set-up: the site built for a local origin and served there, and the tab the
tests share in the worker's Chromium (`browser`, tests/conftest.py).

The site is built for the origin it is served on (absolute hreflang links, and the sitemap
Material fetches next to them, then stay on the local server).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.probes import ServedSite, build_and_serve, fresh_tab, site_pages
from helpsite.project import PROJECT

SCREENSHOTS = PROJECT / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def site(chromium_path, tmp_path_factory) -> ServedSite:
    root = tmp_path_factory.mktemp("browser") / "site"
    with build_and_serve(root) as origin:
        yield ServedSite(root, origin, site_pages(root))


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
