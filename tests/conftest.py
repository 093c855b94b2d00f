from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness.building import build, build_server
from harness.chromium import CHROMIUM, launch
from helpsite.facts import load_facts
from helpsite.project import PROJECT, languages

# SITE_DIR lets parallel work build and test in its own folder.
SITE = Path(os.environ.get("SITE_DIR") or PROJECT / "site")


@pytest.fixture(scope="session", autouse=True)
def fast_builds():
    """Every build of the session runs in one build server (harness/build_server.py, started
    by the first build): MkDocs and its plugins imported once per test process, not per build."""
    with build_server():
        yield


@pytest.fixture(scope="session")
def site_dir():
    """The site built by `make build` (built here when missing, e.g. when pytest runs alone)."""
    if not (SITE / "index.html").exists() or os.environ.get("REBUILD_SITE"):
        build(PROJECT, SITE)
    return SITE


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
def browser(chromium_path, tmp_path_factory):
    """One Chromium per test process, with a fresh profile, for the browser tests (tests/browser)
    and the deployment tests (tests/deploy) alike: a second Playwright and Chromium in the same
    process cost about 1.3 s of CPU to start. The reader asks for reduced motion: Material then
    drops its CSS transitions (its only animations), and Playwright does not wait for each menu
    and overlay to finish fading in before it clicks (0.3 s a click)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = launch(playwright, tmp_path_factory.mktemp("chromium-profile"), reduced_motion="reduce")
        yield context
        context.close()


@pytest.fixture(scope="session")
def facts():
    return load_facts(PROJECT)


@pytest.fixture(scope="session")
def langs():
    """The site's languages, from mkdocs.yml (default first)."""
    return languages()


def one_id_per_kind(published: dict) -> dict:
    """From help-ids.json's IDs: one that opens a page, one that opens a heading, and a retired
    one of each. Browsers follow this sample (the redirect pages and nginx's redirects are made
    alike for every ID); every ID is checked over HTTP and in the files (tests/help_ids)."""
    sample = {}
    for help_id, entry in sorted(published.items()):
        first = next(iter(entry.values()))
        if not isinstance(first, dict):
            continue
        sample.setdefault(("#" in first["target"], "replaced_by" in entry), (help_id, entry))
    return dict(sample.values())


@pytest.fixture(scope="session")
def help_id_sample():
    """help_id_sample(site_dir) -> {id: {lang: {address, target}}}: one_id_per_kind."""
    import json

    def sample(site):
        return one_id_per_kind(json.loads((site / "help-ids.json").read_text(encoding="utf-8"))["ids"])
    return sample


# Tests that share an expensive session fixture (the planted-defect copy and its checks, nginx,
# the dist archives, the compound splitter's model) run on one pytest-xdist worker
# (`--dist loadgroup`), so each is made once. The browser tests spread over the workers: each
# worker builds and serves its own copy of the site (a few seconds), and the browser work, most
# of the suite, runs side by side.
SHARED_FIXTURE_GROUPS = {
    "checks": "planted", "deploy/test_dist.py": "dist", "deploy/test_release_gate.py": "dist",
    "deploy": "nginx",
    "foundation/test_search_terms.py": "compounds",  # the compound splitter's model loads in seconds
}


def pytest_xdist_auto_num_workers(config):
    """`-n auto` (make test, make bench) starts one worker more than the machine has cores: the
    tests wait for Chromium, nginx, Java and builds about a third of their time, and a third
    worker on two cores fills those waits (2026-12-06: 96-101 s against 103-107 s with two).
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    return len(os.sched_getaffinity(0)) + 1


def expected_group(nodeid: str) -> str | None:
    where = nodeid.removeprefix("tests/")
    return next((group for prefix, group in SHARED_FIXTURE_GROUPS.items() if where.startswith(prefix)), None)


# tryfirst: pytest-xdist reads the markers in its own hook of the same name, which otherwise
# runs first and sees none.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        group = expected_group(item.nodeid)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


def pytest_xdist_node_collection_finished(node, ids):
    """Stop when pytest-xdist has ignored the groups (it appends "@group" to a grouped test's
    ID) instead of silently making each shared fixture on every worker."""
    ungrouped = [nodeid for nodeid in ids if expected_group(nodeid) and "@" not in nodeid]
    if ungrouped and node.config.getvalue("dist") == "loadgroup":
        pytest.exit(f"pytest-xdist did not group {len(ungrouped)} tests (first: {ungrouped[0]}). "
                    "Fix: use a pytest that pytest-xdist supports (see pyproject.toml, "
                    "pytest-dev/pytest-xdist#1386).", returncode=3)
