from __future__ import annotations

import os

import pytest
import yaml

from support import PROJECT, SITE, build


@pytest.fixture(scope="session")
def site_dir():
    """The site built by `make build` (built here when missing, e.g. when pytest runs alone)."""
    if not (SITE / "index.html").exists() or os.environ.get("REBUILD_SITE"):
        build(PROJECT, SITE)
    return SITE


@pytest.fixture(scope="session")
def facts():
    return yaml.safe_load((PROJECT / "data" / "facts.yml").read_text(encoding="utf-8"))
