"""Set-up: pinned dependencies, two commands, and `make serve` serving both languages."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import tomllib
import urllib.request

from harness.building import MKDOCS
from helpsite.project import PROJECT
from harness.ports import free_port


def test_lock_file_pins_every_package_with_hashes():
    lock = (PROJECT / "requirements.lock").read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", lock, re.M)
    assert len(entries) > 20
    blocks = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 1)[1])
    for block in blocks:
        if block.strip() and not block.startswith("#"):
            assert "==" in block.splitlines()[0], block.splitlines()[0]
            assert "--hash=sha256:" in block, f"no hash for {block.splitlines()[0]}"
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    pinned = {name.lower().replace("_", "-") for name, _ in entries}
    for requirement in wanted:
        name = re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0).lower().replace("_", "-")
        assert name in pinned, f"{name} from pyproject.toml is not in requirements.lock: run make lock"


def test_readme_opens_with_the_two_commands():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make serve" in first_block and "make test" in first_block


def test_makefile_and_ci_use_the_same_commands():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "test", "build", "check", "review"):
        assert re.search(rf"^{target}:", makefile, re.M), f"Makefile has no {target} target"
    assert "make test" in (PROJECT / ".ci" / "run").read_text(encoding="utf-8")


def test_mkdocs_serve_serves_both_languages():
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}/")
    server = subprocess.Popen(
        [str(MKDOCS), "serve", "--strict", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        pages = {}
        while time.monotonic() < deadline and len(pages) < 2:
            for path in ("/", "/en/"):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
                        pages[path] = r.read().decode()
                except OSError:
                    time.sleep(0.1)
            assert server.poll() is None, server.stdout.read().decode()[-3000:]
        assert '<html lang="de"' in pages.get("/", ""), "German start page not served"
        assert '<html lang="en"' in pages.get("/en/", ""), "English start page not served"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
