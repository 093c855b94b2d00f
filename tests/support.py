"""Helpers shared by the tests: the project's paths, temporary builds, a local server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
# SITE_DIR lets parallel work build and test in its own folder.
SITE = Path(os.environ.get("SITE_DIR") or PROJECT / "site")
MKDOCS = Path(sys.executable).with_name("mkdocs")
LANGUAGES = ("de", "en")
# What a build needs; a temporary copy of these is a whole project.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "data")


def copy_project(dest: Path) -> Path:
    """Copy the project's sources to dest as a git repository (the date plugin reads git)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = PROJECT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@localhost", "-C", str(dest)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "copy"], check=True)
    return dest


def build(project: Path, site_dir: Path | None = None, site_url: str | None = None,
          check: bool = True) -> subprocess.CompletedProcess:
    """Strict build of project into site_dir; returns the finished process (output in .stdout)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["SITE_URL"] = site_url
    args = [str(MKDOCS), "build", "--strict", "-f", str(project / "mkdocs.yml")]
    if site_dir:
        args += ["-d", str(site_dir)]
    result = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True)
    result.stdout = result.stdout + result.stderr
    if check and result.returncode != 0:
        raise AssertionError(f"build of {project} failed:\n{result.stdout[-4000:]}")
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like the production server: misses get the 404 page of their language."""

    def log_message(self, *args):  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        root = Path(self.directory)
        page = root / "en" / "404.html" if self.path.startswith("/en/") else root / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site_dir: Path, port: int | None = None, handler_class: type = SiteHandler):
    """Serve site_dir on 127.0.0.1 in a thread; yields the origin ('http://127.0.0.1:PORT')."""
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port or 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def built_pages(site_dir: Path = SITE) -> list[Path]:
    """Every HTML page of a built site (help-ID redirect pages included)."""
    return sorted(p for p in site_dir.rglob("*.html"))


def page_language(path: Path, site_dir: Path = SITE) -> str:
    rel = path.relative_to(site_dir).as_posix()
    return "en" if rel.startswith("en/") else "de"


def counterpart(path: Path, site_dir: Path = SITE) -> Path:
    """The same page in the other language."""
    rel = path.relative_to(site_dir).as_posix()
    return site_dir / (rel[3:] if rel.startswith("en/") else f"en/{rel}")
