"""How often a build writes each file of the built site, traced with strace.

    python -m scripts.bench.file_writes

Builds the project and, for comparison, the same Markdown with Material + static-i18n alone
(measure.i18n_only_project): static-i18n builds each language in a pass of its own, and each
pass copies the theme's assets again, so the engine alone writes some files twice. What the
project adds beyond that is its own back and forth. A write is an open for writing (openat
with O_WRONLY, O_RDWR or O_CREAT) of a path below the build's output folder; a rename into
that folder counts as a write of its target. The project's MkDocs renders into a folder of its
own, which the post-build pipeline reads (hooks/post_build.py): its writes are listed apart.
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from helpsite.generator import MKDOCS
from helpsite.project import PROJECT
from scripts.bench import measure

STRACE = shutil.which("strace") or "/usr/bin/strace"
# openat(AT_FDCWD, "/path", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 3
OPEN = re.compile(r'openat\([^,]+, "(?P<path>[^"]+)", (?P<flags>[A-Z_|]+)')
# rename("/a", "/b") = 0 ; renameat2(AT_FDCWD, "/a", AT_FDCWD, "/b", 0) = 0
RENAME = re.compile(r'rename(?:at2?)?\((?:[^,]+, )?"(?P<source>[^"]+)", (?:[^,]+, )?"(?P<target>[^"]+)"')
WRITING = ("O_WRONLY", "O_RDWR", "O_CREAT")
RENDERED_PREFIX = "helpsite-rendered-"  # hooks/post_build.py


def traced_build(project: Path, site_dir: Path, trace: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [STRACE, "-f", "-qq", "-e", "trace=openat,rename,renameat,renameat2", "-o", str(trace),
         str(MKDOCS), "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{(result.stdout + result.stderr)[-3000:]}")


def written_paths(trace: Path):
    """Every path the traced build opened for writing or renamed a file to, in order."""
    for line in trace.read_text(encoding="utf-8", errors="replace").splitlines():
        if "= -1" in line:
            continue  # a failed call writes nothing
        opened = OPEN.search(line)
        if opened and any(flag in opened["flags"] for flag in WRITING):
            target = opened["path"]
        else:
            renamed = RENAME.search(line)
            if not renamed:
                continue
            target = renamed["target"]
        yield os.path.normpath(target)


def writes_per_file(trace: Path, site_dir: Path) -> collections.Counter:
    """Path below site_dir -> how often it was written (only files that exist after the build)."""
    root = str(site_dir.resolve()) + "/"
    return collections.Counter(path[len(root):] for path in written_paths(trace)
                               if path.startswith(root) and (site_dir / path[len(root):]).is_file())


def rendered_writes(trace: Path) -> collections.Counter:
    """Writes into the folder MkDocs renders to before the pipeline (hooks/post_build.py)."""
    counts: collections.Counter = collections.Counter()
    for path in written_paths(trace):
        folder, _, below = path.partition(f"/{RENDERED_PREFIX}")
        if below and "/" in below:
            counts[below.split("/", 1)[1]] += 1
    return counts


def summary(name: str, counts: collections.Counter) -> str:
    again = {path: n for path, n in counts.items() if n > 1}
    lines = [f"{name}: {len(counts)} files written, {len(again)} of them more than once"]
    by_folder = collections.Counter(str(Path(path).parent) for path in again)
    lines += [f"    {n:4d} in {folder}/" for folder, n in by_folder.most_common(12)]
    return "\n".join(lines)


def main() -> int:
    if not Path(STRACE).exists():
        raise SystemExit("strace missing: apt-get install -y strace (make bench-deps does)")
    with tempfile.TemporaryDirectory(prefix="file-writes-") as tmp_name:
        tmp = Path(tmp_name)
        i18n_only = measure.i18n_only_project(tmp / "i18n-only")
        results = {}
        for name, project in (("Material + static-i18n alone", i18n_only), ("this project", PROJECT)):
            site_dir = tmp / f"site-{len(results)}"
            trace = tmp / f"trace-{len(results)}"
            traced_build(project, site_dir, trace)
            results[name] = writes_per_file(trace, site_dir)
            print(summary(name, results[name]))
            rendered = rendered_writes(trace)
            if rendered:
                print(summary("  MkDocs' own output (the rendered folder the pipeline reads)", rendered))
        engine, project = results["Material + static-i18n alone"], results["this project"]
        # A file the engine writes n times may be written n times here; more is the project's.
        own = {path: n - max(engine.get(path, 1), 1) for path, n in project.items()
               if n > max(engine.get(path, 1), 1)}
        print(f"files this project writes more often than the engine alone would: {len(own)}")
        for path, extra in sorted(own.items()):
            print(f"    {project[path]}x {path} (engine: {engine.get(path, 0)}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
