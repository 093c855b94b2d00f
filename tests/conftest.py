from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from helpsite.building import build
from helpsite.project import PROJECT, languages

# SITE_DIR lets parallel work build and test in its own folder.
SITE = Path(os.environ.get("SITE_DIR") or PROJECT / "site")


@pytest.fixture(scope="session")
def site_dir():
    """The site built by `make build` (built here when missing, e.g. when pytest runs alone)."""
    if not (SITE / "index.html").exists() or os.environ.get("REBUILD_SITE"):
        build(PROJECT, SITE)
    return SITE


@pytest.fixture(scope="session")
def facts():
    return yaml.safe_load((PROJECT / "data" / "facts.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def langs():
    """The site's languages, from mkdocs.yml (default first)."""
    return languages()
