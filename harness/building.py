"""A strict MkDocs build of a project, and throw-away copies of the project to build."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from helpsite.built_site import built_pages, is_help_id_redirect, rel_path
from helpsite.generator import MKDOCS
from helpsite.project import PROJECT, Languages, languages
from helpsite.search_terms import CACHE as COMPOUND_CACHE

# What a build and a release (scripts/dist.py, its nginx templates) need; a copy of these is a
# whole project. The project's packages (helpsite, checks, scripts) are installed, and a copy's
# build and release use the installed ones.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "data", "deploy")


def copy_project(dest: Path, project: Path = PROJECT) -> Path:
    """Copy the project's sources to dest as a git repository (the date plugin reads git)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = project / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    node_modules = project / "node_modules"
    if node_modules.exists():  # the build runs PurgeCSS from there; the offline build ships a file
        (dest / "node_modules").symlink_to(node_modules)
    splits = project / COMPOUND_CACHE
    if splits.exists():  # the compound splitter's model takes seconds to load; its answers do not change
        (dest / COMPOUND_CACHE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(splits, dest / COMPOUND_CACHE)
    subprocess.run(["git", "-C", str(dest), "init", "-q"], check=True)
    commit_all(dest, "copy")
    return dest


def commit_all(project: Path, message: str) -> None:
    """Commit every file of a copy (the date plugin reads each page's date from git)."""
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@localhost", "-C", str(project)]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", message], check=True)


class BuildServer:
    """harness/build_server.py: runs `mkdocs` without importing MkDocs anew each time."""

    MODULE = "harness.build_server"

    def __init__(self):
        self.process: subprocess.Popen | None = None  # started by the first build
        self.lock = threading.Lock()

    def start(self) -> subprocess.Popen:
        # Stops by itself when this process ends: its requests end.
        return subprocess.Popen([sys.executable, "-m", self.MODULE], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))

    def run(self, args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
        with self.lock, tempfile.TemporaryDirectory(prefix="mkdocs-output-") as folder:
            self.process = self.process or self.start()
            output = Path(folder) / "output"
            request = {"args": args, "cwd": str(cwd), "env": env, "output": str(output)}
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            reply = self.process.stdout.readline()
            if not reply:
                raise RuntimeError(f"{self.MODULE} stopped (exit status {self.process.wait()}); "
                                   "run the build without it to see why")
            text = output.read_text(encoding="utf-8", errors="replace") if output.exists() else ""
        return subprocess.CompletedProcess(["mkdocs", *args], json.loads(reply)["returncode"], text, "")

    def close(self) -> None:
        if self.process:
            self.process.stdin.close()
            self.process.wait(timeout=30)


_server: BuildServer | None = None


@contextlib.contextmanager
def build_server():
    """Builds in this block run in one BuildServer (the tests build dozens of times; `make
    bench` times real `mkdocs` processes, as `make build` runs them)."""
    global _server
    previous, _server = _server, BuildServer()
    try:
        yield _server
    finally:
        _server.close()
        _server = previous


def build(project: Path, site_dir: Path | None = None, site_url: str | None = None,
          check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Strict build of project into site_dir; the finished process, its output in .stdout."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    if site_url:
        environment["SITE_URL"] = site_url
    args = ["build", "--strict", "-f", str(project / "mkdocs.yml")]
    if site_dir:
        args += ["-d", str(site_dir)]
    if _server:
        result = _server.run(args, cwd=project, env=environment)
    else:
        result = subprocess.run([str(MKDOCS), *args], cwd=project, env=environment, capture_output=True, text=True)
        result.stdout = result.stdout + result.stderr
    if check and result.returncode != 0:
        raise AssertionError(f"build of {project} failed:\n{result.stdout[-4000:]}")
    return result


def content_pages(site: Path, langs: Languages | None = None) -> list[Path]:
    """A built site's pages with content: not the help-ID redirect pages under go/."""
    langs = langs or languages()
    return [page for page in built_pages(site) if not is_help_id_redirect(rel_path(page, site), langs)]
