"""Fixtures for the deployment tests: nginx as an ordinary process, a reader's tab in the
worker's Chromium (`browser`, tests/conftest.py), the dist archives.

nginx or Chromium missing: the tests skip on a developer's machine and fail in CI (CI=true).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import nginx_config
from harness.building import build
from helpsite.project import PROJECT
from harness.ports import free_port

# Collects Content-Security-Policy violations the page reports, from the first script on.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || ""}:${e.lineNumber})`));
"""


def missing(what: str, install: str):
    message = f"{what} not found; install it with `{install}` (make test does)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def nginx_binary() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if not path:
        missing("nginx", "apt-get install -y nginx")
    return path


@pytest.fixture(scope="session")
def openssl_binary() -> str:
    path = shutil.which("openssl")
    if not path:
        missing("openssl", "apt-get install -y openssl")
    return path


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx stopped at start:\n{log.read_text() if log.exists() else ''}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise AssertionError(f"nginx did not listen on port {port} within {timeout} s")


@contextlib.contextmanager
def running_nginx(nginx: str, site_dir: Path, workdir: Path, port: int, **config):
    """nginx serving site_dir on 127.0.0.1:port with the generated configuration; stops on exit.

    Yields the folder holding the configuration files (security-headers.conf, ...).
    """
    conf_dir = workdir / "conf"
    main_conf = nginx_config.write_config(
        site_dir, conf_dir, listen=config.pop("listen", f"127.0.0.1:{port}"),
        server_name="127.0.0.1", standalone_prefix=workdir, **config)
    log = workdir / "error.log"
    command = [nginx, "-p", str(workdir), "-e", str(log), "-c", str(main_conf), "-g", "daemon off;"]
    check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
    assert check.returncode == 0, f"nginx -t refused the generated configuration:\n{check.stderr}"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, process, log)
        yield conf_dir
    finally:
        # Fast stop: a graceful one (SIGQUIT) waits for the connections Chromium keeps open,
        # up to the 10 s below.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def start_nginx(nginx_binary):
    """start_nginx(site_dir, workdir, port, **write_config options): a context manager."""
    return functools.partial(running_nginx, nginx_binary)


@pytest.fixture(scope="session")
def nginx_site(nginx_binary, tmp_path_factory):
    """The site built for its nginx origin and served by nginx: (origin, site_dir, conf_dir)."""
    root = tmp_path_factory.mktemp("nginx")
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    site_dir = root / "site"
    build(PROJECT, site_dir, site_url=f"{origin}/")
    # Planted: a file that must never be served.
    (site_dir / ".env").write_text("SECRET=1\n", encoding="utf-8")
    with running_nginx(nginx_binary, site_dir, root, port) as conf_dir:
        yield origin, site_dir, conf_dir


STAGING_URL = "https://staging.scanprix.test/"
# Where a preview's credentials file lies on the staging server (PREVIEW_HTPASSWD).
STAGING_HTPASSWD = "/etc/nginx/scanprix-preview.htpasswd"


def run_dist(project: Path, out: Path, *args: str, site_url: str | None = None,
             htpasswd: str | None = None) -> subprocess.CompletedProcess:
    """`python -m scripts.dist --out OUT --version 0.0-test ARGS` in project, as `make dist` runs it.

    SITE_URL is site_url and PREVIEW_HTPASSWD htpasswd (unset when None); PREVIEW, RELEASE and
    OFFLINE from the caller's shell never leak in.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in ("SITE_URL", "PREVIEW", "RELEASE", "OFFLINE", "PREVIEW_HTPASSWD")}
    if site_url:
        env["SITE_URL"] = site_url
    if htpasswd:
        env["PREVIEW_HTPASSWD"] = htpasswd
    return subprocess.run([sys.executable, "-m", "scripts.dist", "--out", str(out), "--version", "0.0-test",
                           *args], cwd=project, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def dist_script():
    """dist_script(project, out, *args, site_url=None, htpasswd=None): the finished `python -m scripts.dist`."""
    return run_dist


@pytest.fixture(scope="session")
def staging_htpasswd() -> str:
    """The credentials file dist_archives' preview names (PREVIEW_HTPASSWD)."""
    return STAGING_HTPASSWD


@pytest.fixture(scope="session")
def staging_url() -> str:
    """The address dist_archives' preview is built for."""
    return STAGING_URL


@pytest.fixture(scope="session")
def dist_archives(tmp_path_factory):
    """`scripts/dist.py --preview` (make dist-preview) run once for a staging address and its
    credentials file on the project as it is: (web archive, offline ZIP). The same layout as a release, which the gate
    refuses while anything is unconfirmed (test_release_gate.py builds one from a confirmed copy)."""
    out = tmp_path_factory.mktemp("dist")
    result = run_dist(PROJECT, out, "--preview", site_url=STAGING_URL, htpasswd=STAGING_HTPASSWD)
    assert result.returncode == 0, result.stdout + result.stderr
    web = out / "scanprix-support-site-0.0-test-preview.tar.gz"
    offline = out / "scanprix-help-offline-0.0-test-preview.zip"
    assert web.exists() and offline.exists(), f"dist.py wrote {sorted(p.name for p in out.iterdir())}"
    return web, offline


class Reader:
    """One Chromium tab with what the deployment tests look at: problems, search, language switch.

    `home` is where every request must go (the nginx origin, or "file://" for the offline bundle).
    """

    def __init__(self, context, home: str):
        self.home = home
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.add_init_script(CSP_LISTENER)
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(
            f"{m.text} ({m.location.get('url', '')})"))
        self.page.on("pageerror", lambda e: self.console_errors.append(f"uncaught: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("request", lambda r: r.url.startswith((self.home, "data:"))
                     or self.foreign_requests.append(r.url))

    def open(self, url: str, missing: bool = False) -> list[str]:
        """Load url; returns its problems: CSP violations, console errors, requests elsewhere.

        missing=True: the address is meant to answer 404 (its own load error is no problem).
        """
        self.console_errors.clear()
        self.foreign_requests.clear()
        self.requests.clear()
        self.page.goto(url, wait_until="load")  # the search loads nothing before it is used
        return self._problems(ignore=url if missing else None)

    def problems(self) -> list[str]:
        """Problems of the current page since it was opened (after searching, say)."""
        return self._problems()

    def _problems(self, ignore: str | None = None) -> list[str]:
        problems = [f"CSP: {v}" for v in self.page.evaluate("window.__cspViolations || []")]
        problems += [f"console: {e}" for e in self.console_errors if not (ignore and "404" in e and ignore in e)]
        problems += [f"request to {r}" for r in self.foreign_requests]
        return [f"{self.page.url}: {p}" for p in problems]

    def follow(self, url: str, expected: str) -> str:
        """Open url (a redirect page) and wait until the browser is at expected; the page's lang."""
        self.page.goto(url)
        self.page.wait_for_url(expected)
        return self.page.evaluate("document.documentElement.lang")

    def click(self, selector: str, expected: str) -> None:
        self.page.locator(selector).first.click()
        self.page.wait_for_url(expected)

    def search(self, term: str) -> list[str]:
        """Type term into Material's search (emptied first); the addresses of the hits (absolute)."""
        self.page.locator("input.md-search__input").click()
        self.page.locator("input.md-search__input").fill("")
        self.page.keyboard.type(term)
        self.page.wait_for_function(
            "() => /\\d/.test(document.querySelector('.md-search-result__meta')?.textContent || '')",
            timeout=10_000)
        return self.page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")

    def switch_language(self, lang: str) -> tuple[str, str]:
        """Choose lang in the header's language menu; (address, lang) of the page reached."""
        self.page.locator(".md-header__option .md-select").hover()
        with self.page.expect_navigation():
            self.page.locator(f"a.md-select__link[hreflang={lang}]").click()
        self.page.wait_for_load_state("load")
        return self.page.url, self.page.evaluate("document.documentElement.lang")


def search_term(index_path: Path) -> tuple[str, str]:
    """(a word from a page title in this search index, that page's location).

    Taken from the index, not written into the test, so it follows the content.
    """
    import json

    docs = json.loads(index_path.read_text(encoding="utf-8"))["docs"]
    pages = [d for d in docs if d["location"] and "#" not in d["location"]]
    assert pages, f"{index_path}: no page entries"
    page = pages[0]
    word = max(re.findall(r"[^\W\d_]{5,}", page["title"]), key=len, default=None)
    assert word, f"{index_path}: title {page['title']!r} has no word to search for"
    return word, page["location"]


@pytest.fixture
def reader_for(browser):
    """reader_for(home) -> Reader: a new tab of the worker's Chromium (`browser`, tests/conftest.py),
    no cookies; the tabs it opened close after the test."""
    browser.clear_cookies()
    readers = []

    def open_reader(home: str) -> Reader:
        readers.append(Reader(browser, home))
        return readers[-1]

    yield open_reader
    for reader in readers:
        reader.page.close()


@pytest.fixture(scope="session")
def title_word():
    """title_word(index_path) -> (word, location); see search_term."""
    return search_term
