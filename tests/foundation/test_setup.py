"""Set-up: pinned dependencies and two commands (`make serve` itself: test_serve.py)."""

from __future__ import annotations

import re
import tomllib

from helpsite.project import PROJECT


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
