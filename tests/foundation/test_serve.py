"""`make serve` serves both languages and shows edits at once: a fact in data/facts.yml, a wording
in data/ui-text.yml and a template in overrides/ change the served page without a restart
(mkdocs.yml `watch:`), and the served site is the editor's view (the editor's marks, the preview
notice, the review page)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from harness.building import copy_project
from helpsite.generator import MKDOCS
from helpsite.review_page import PAGE as REVIEW_PAGE
from harness.ports import free_port

LIFETIME = 150  # seconds: the server stops by itself even if this test process dies


def fetch(url: str) -> str | None:
    with contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError):
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    return None


def wait_for(url: str, condition, what: str, process: subprocess.Popen, log, timeout: float = 60) -> str:
    """The page at url once condition(text) holds; fails naming what it waited for."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        text = fetch(url)
        if text is not None and condition(text):
            return text
        time.sleep(0.1)
    log.seek(0)
    pytest.fail(f"{what}: not seen at {url} within {timeout} s; mkdocs serve said:\n{log.read()[-3000:]}")


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: '{old}' not found; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def served_copy(tmp_path):
    """A copy of the project under `mkdocs serve` (as `make serve` runs it) on a free port."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"{origin}/")
    env.pop("PREVIEW", None)
    env.pop("RELEASE", None)
    with open(tmp_path / "serve.log", "w+", encoding="utf-8") as log:
        process = subprocess.Popen(["timeout", str(LIFETIME), str(MKDOCS), "serve", "--strict", "-a",
                                    f"127.0.0.1:{port}"], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield project, origin, process, log
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_served_pages_change_when_a_fact_a_wording_or_a_template_changes(served_copy):
    project, origin, process, log = served_copy
    privacy, contact = f"{origin}/privacy.html", f"{origin}/en/contact.html"
    page = wait_for(privacy, lambda text: "sp-unconfirmed" in text, "the first build", process, log)
    assert 'data-fact="company.legal_name"' in page and "Beispiel Preislisten GmbH" not in page
    assert fetch(f"{origin}/{REVIEW_PAGE}") is not None, "make serve has no review page"
    assert '<html lang="de"' in (fetch(f"{origin}/") or ""), "German start page not served"
    assert '<html lang="en"' in (fetch(f"{origin}/en/") or ""), "English start page not served"

    # A fact gets a value (still to be confirmed: the value shows inside the mark), and a wording
    # (data/ui-text.yml) and a template (overrides/) change, all at once.
    edit(project / "data" / "facts.yml", "  legal_name: null\n", "  legal_name: Beispiel Preislisten GmbH\n")
    edit(project / "data" / "ui-text.yml", "  feedback_question: Was this page helpful?\n",
         "  feedback_question: Did this page answer your question?\n")
    edit(project / "overrides" / "partials" / "contact.html", '<aside class="sp-contact"',
         '<aside class="sp-contact sp-edited"')
    wait_for(contact, lambda text: "Did this page answer your question?" in text and "sp-edited" in text,
             "the new wording and the edited template", process, log)
    wait_for(privacy, lambda text: "Beispiel Preislisten GmbH" in text, "the fact's new value", process, log)
