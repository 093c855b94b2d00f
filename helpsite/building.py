"""A strict MkDocs build of a project, and throw-away copies of the project to build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpsite.project import PROJECT
from helpsite.search_terms import CACHE as COMPOUND_CACHE

MKDOCS = Path(sys.executable).with_name("mkdocs")
# What a build and a release (scripts/dist.py, its nginx templates) need; a copy of these is a
# whole project.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "helpsite", "data", "scripts", "deploy")


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
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@localhost", "-C", str(dest)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "copy"], check=True)
    return dest


def build(project: Path, site_dir: Path | None = None, site_url: str | None = None,
          check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Strict build of project into site_dir; the finished process, its output in .stdout."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    if site_url:
        environment["SITE_URL"] = site_url
    args = [str(MKDOCS), "build", "--strict", "-f", str(project / "mkdocs.yml")]
    if site_dir:
        args += ["-d", str(site_dir)]
    result = subprocess.run(args, cwd=project, env=environment, capture_output=True, text=True)
    result.stdout = result.stdout + result.stderr
    if check and result.returncode != 0:
        raise AssertionError(f"build of {project} failed:\n{result.stdout[-4000:]}")
    return result
