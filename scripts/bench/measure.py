"""Taking the figures. Each function measures one thing and returns plain numbers or reports."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from harness.building import build, copy_project
from harness.chromium import CHROMIUM_FLAGS, FULL_CHROMIUM, launch
from helpsite.project import PROJECT, Languages, languages, mkdocs_config
from harness.search_questions import QUESTION_SETS, ask, load_questions
from helpsite.serving import SiteHandler

LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUILD_RUNS = 3
LIGHTHOUSE_RUNS = 5  # one run swings by several points on a busy machine; report the median run
TIMES = 10  # the generated copy has ten times the pages
# What deploy/nginx/site.conf.in compresses (nginx always compresses text/html too).
COMPRESSED_TYPES = {"text/html", "text/css", "text/xml", "text/plain", "application/javascript",
                    "text/javascript", "application/json", "application/xml", "image/svg+xml"}


# --- Build time --------------------------------------------------------------------------

def without_own_template(page: Path) -> str:
    """A page's Markdown without `template:` (the start page's is in this site's overrides/)."""
    return "".join(line for line in page.read_text(encoding="utf-8").splitlines(keepends=True)
                   if not line.startswith("template:"))


def bare_project(dest: Path) -> Path:
    """The same Markdown (default language x.de.md as x.md, others as en/x.md), bare Material, one build."""
    docs = dest / "docs"
    langs = languages()
    for page in (PROJECT / "docs").glob("*.md"):
        stem, lang = page.name[:-3].rsplit(".", 1)
        (docs / langs.root(lang)).mkdir(parents=True, exist_ok=True)
        (docs / langs.root(lang) / f"{stem}.md").write_text(without_own_template(page), encoding="utf-8")
    (dest / "mkdocs.yml").write_text("site_name: Bare Material\ntheme:\n  name: material\n")
    return dest


def i18n_only_project(dest: Path) -> Path:
    """The project's docs with Material, search and static-i18n only."""
    shutil.copytree(PROJECT / "docs", dest / "docs")
    for page in (dest / "docs").glob("*.md"):
        page.write_text(without_own_template(page), encoding="utf-8")
    langs = languages()
    entries = "".join(f"        - {{locale: {lang}, name: {langs.names[lang]}, default: {str(lang == langs.default).lower()}, build: true}}\n"
                      for lang in langs.codes)
    (dest / "mkdocs.yml").write_text(
        "site_name: Material and static-i18n\ntheme:\n  name: material\nplugins:\n  - search\n"
        "  - i18n:\n      docs_structure: suffix\n      languages:\n" + entries)
    return dest


def timed_build(project: Path, site_dir: Path, strict: bool) -> float:
    start = time.perf_counter()
    result = build(project, site_dir, check=strict)
    if not (site_dir / "index.html").exists():
        raise SystemExit(f"build of {project} wrote no index.html:\n{result.stdout[-3000:]}")
    return time.perf_counter() - start


def build_times(tmp: Path, projects: dict[str, tuple[Path, bool]]) -> dict[str, float]:
    """Median seconds per project ({name: (project, strict)}), built alternately."""
    runs: dict[str, list[float]] = {name: [] for name in projects}
    for run in range(BUILD_RUNS):  # alternate, so all see the same machine load
        for name, (project, strict) in projects.items():
            runs[name].append(timed_build(project, tmp / f"{name}-{run}", strict))
    return {name: statistics.median(times) for name, times in runs.items()}


# --- First load --------------------------------------------------------------------------

class GzipHandler(SiteHandler):
    """SiteHandler plus gzip for the types the production nginx compresses: the release's
    precompressed <file>.gz where there is one (gzip_static), else gzip level 6.

    Records (bytes sent, path) of every response in `sent`: Chromium reports no body size for
    some responses (a worker's script), the server always knows it."""

    sent: list[tuple[int, str]] = []

    def send_header(self, keyword, value):
        if keyword.lower() == "content-length":
            self.content_length = int(value)
        super().send_header(keyword, value)

    def do_GET(self):
        self.content_length = 0
        try:
            self.send_gzipped_or_plain()
        finally:
            GzipHandler.sent.append((self.content_length, urlsplit(self.path).path))

    def send_gzipped_or_plain(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (not path.is_file() or ctype not in COMPRESSED_TYPES
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        precompressed = path.with_name(path.name + ".gz")  # as nginx's gzip_static sends it
        body = precompressed.read_bytes() if precompressed.is_file() else gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass
class Load:
    """A first load of one page: every response the server sent, and what went wrong."""
    parts: list[tuple[int, str]]  # (gzip bytes, path)
    problems: list[str] = field(default_factory=list)  # failed requests, requests elsewhere
    scripts: list[str] = field(default_factory=list)  # paths of the scripts loaded

    @property
    def size(self) -> int:
        return sum(size for size, _ in self.parts)


def first_load(playwright, url: str, profile: Path) -> Load:
    """A first view in Chromium with a fresh profile, until the network has been idle."""
    context = launch(playwright, profile, FULL_CHROMIUM)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        finished, problems = [], []
        page.on("requestfinished", lambda request: finished.append(request))
        page.on("requestfailed", lambda r: problems.append(f"{r.url} ({r.failure})"))
        GzipHandler.sent.clear()
        page.goto(url, wait_until="networkidle")  # the budget counts everything a view starts
        problems += [r.url for r in finished if urlsplit(r.url).scheme not in ("data", "blob")
                     and urlsplit(r.url).hostname != "127.0.0.1"]
        scripts = [urlsplit(r.url).path for r in finished if r.resource_type == "script"]
        return Load(list(GzipHandler.sent), problems, scripts)
    finally:
        context.close()


def ten_times_project(dest: Path) -> Path:
    """A copy of the project with ten times the pages: each page but the start page becomes a
    section of itself and nine copies, as a site that size would be organised."""
    project = copy_project(dest)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    nav = ["  - index.md"]
    for entry in mkdocs_config(project)["nav"]:
        if entry == "index.md":
            continue
        stem = entry.removesuffix(".md")
        nav.append(f"  - {stem.replace('-', ' ').title()}:")
        nav.append(f"    - {entry}")
        for number in range(2, TIMES + 1):
            for source in (project / "docs").glob(f"{stem}.*.md"):
                lang = source.name.split(".")[-2]
                copy = source.with_name(f"{stem}-{number}.{lang}.md")
                copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
            nav.append(f"    - {stem}-{number}.md")
    config = re.sub(r"^nav:\n(?:  - .*\n)+", "nav:\n" + "\n".join(nav) + "\n", config, flags=re.M)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


# --- Search ------------------------------------------------------------------------------

def search_index_sizes(site: Path, langs: Languages) -> dict[str, int]:
    return {lang: (site / root / "search" / "search_index.json").stat().st_size
            for lang, root in langs.roots().items()}


def question_answers(playwright, origin: str, langs: Languages, profile: Path) -> dict[str, dict[str, list]]:
    """Each question set (data/search-questions.yml, data/search-questions-typos.yml) through
    Material's search worker: {set name: {lang: [Answer, ...]}}."""
    context = launch(playwright, profile, FULL_CHROMIUM)
    try:
        page = context.new_page()
        return {name: {lang: ask(page, f"{origin}/{langs.root(lang)}index.html", questions, langs.root(lang))
                       for lang, questions in load_questions(path=PROJECT / path).items()}
                for name, path in QUESTION_SETS.items()}
    finally:
        context.close()


# --- Lighthouse --------------------------------------------------------------------------

def chrome_flags() -> str:
    return " ".join(f'{flag.split("=", 1)[0]}="{flag.split("=", 1)[1]}"' if " " in flag else flag
                    for flag in CHROMIUM_FLAGS)


def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=str(FULL_CHROMIUM))
    args = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={chrome_flags()}"]
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.exists():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def lighthouse_median(url: str, out: Path) -> dict:
    """The run with the median performance score, as Lighthouse's docs advise for variance."""
    reports = [lighthouse(url, out.with_suffix(f".{run}.json")) for run in range(LIGHTHOUSE_RUNS)]
    reports.sort(key=lambda report: report["categories"]["performance"]["score"])
    return reports[len(reports) // 2]


# --- The test suite ----------------------------------------------------------------------

def test_suite_seconds() -> tuple[float, str]:
    """Wall time of the tests as `make test` runs them (the site already built), and pytest's
    closing line."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "auto", "--dist", "loadgroup",
                             "-p", "no:cacheprovider", "tests"], cwd=PROJECT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return seconds, lines[-1] if lines else f"pytest exited {result.returncode}"
