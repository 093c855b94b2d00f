"""`make bench`: build time, page weight, search index size and Lighthouse scores.

Prints a table (figure, target, pass/fail) and writes it, dated, to BENCHMARKS.md.
Everything is built into temporary folders and served on 127.0.0.1 only; site/ is not touched.

1. Build time: median of 3 strict builds of the project against a bare Material build of the
   same Markdown (see BARE below), timed in the same run; plus Material + static-i18n alone,
   to show how much of the ratio the per-language build costs before any of our additions.
2. Page weight: gzip bytes of every response a first load of a page receives, in Chromium
   with a fresh profile, from a local server that compresses like deploy/nginx.
3. Search index: bytes of each language's search_index.json and its share of both.
4. Lighthouse (mobile default profile) on the same local server.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from helpsite.building import build
from helpsite.chromium import CHROMIUM, CHROMIUM_FLAGS, launch
from helpsite.project import PROJECT
from helpsite.serving import SiteHandler, free_port, serve

OUTPUT = PROJECT / "BENCHMARKS.md"
LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["index.html", "price-lists.html", "remote-support.html",
         "en/index.html", "en/price-lists.html", "en/remote-support.html"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUILD_RUNS = 3
LIGHTHOUSE_RUNS = 5  # one run swings by several points on a busy machine; report the median run
# Bare Material counterparts run through Lighthouse as references: the start page, and the FAQ,
# the page with the most content for Material's script to work through.
BARE_REFERENCES = {"index.html": "index.html", "price-lists.html": "price-lists/"}

BARE = ("the same Markdown (German `docs/x.de.md` as `x.md`, English `docs/x.en.md` as "
        "`en/x.md`, 12 pages, one build) with a config of only `site_name` and "
        "`theme: material` (default search plugin; no macros, i18n, git dates, hooks, "
        "Markdown extensions or template overrides). Macros stay as plain `{{ ... }}` text.")
I18N_ONLY = ("the project's `docs/` with a config of only `site_name`, `theme: material`, "
             "`search` and static-i18n (suffix layout, de default, en), nothing else.")

# Targets (issue 8).
MAX_BUILD_RATIO = 1.3
MAX_START_PAGE_GZIP = 60 * 1024
MAX_INDEX_SHARE = 0.55
LIGHTHOUSE_TARGET = 100
LIGHTHOUSE_WITH_MATERIAL_LIMIT = 95

# A Lighthouse audit counts as a Material limitation when a bare Material reference page, run
# in the same benchmark, loses it too, or when it is one of these and its precondition holds.
# A page whose only lost points are such audits passes at LIGHTHOUSE_WITH_MATERIAL_LIMIT.
MAIN_THREAD_AUDITS = {"total-blocking-time"}  # Material if every script loaded is Material's
MATERIAL_ASSETS = Path(__import__("material").__file__).parent / "templates"

# What deploy/nginx/site.conf.in compresses (nginx always compresses text/html too).
COMPRESSED_TYPES = {"text/html", "text/css", "text/xml", "text/plain", "application/javascript",
                    "text/javascript", "application/json", "application/xml", "image/svg+xml"}


class GzipHandler(SiteHandler):
    """SiteHandler plus gzip (level 6) for the types the production nginx compresses.

    Records (bytes sent, path) of every response in `sent`: Chromium reports no body size
    for some responses (the search worker's script), the server always knows it."""

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
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"


# --- 1. Build time --------------------------------------------------------------------

def make_bare_project(dest: Path) -> Path:
    docs = dest / "docs"
    (docs / "en").mkdir(parents=True)
    for page in (PROJECT / "docs").glob("*.md"):
        stem, lang = page.name[:-3].rsplit(".", 1)
        shutil.copy2(page, docs / (f"{stem}.md" if lang == "de" else f"en/{stem}.md"))
    (dest / "mkdocs.yml").write_text("site_name: Bare Material\ntheme:\n  name: material\n")
    return dest


def make_i18n_only_project(dest: Path) -> Path:
    shutil.copytree(PROJECT / "docs", dest / "docs")
    (dest / "mkdocs.yml").write_text(
        "site_name: Material and static-i18n\ntheme:\n  name: material\nplugins:\n  - search\n"
        "  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - {locale: de, name: Deutsch, default: true, build: true}\n"
        "        - {locale: en, name: English, build: true}\n")
    return dest


def timed_build(project: Path, site_dir: Path, strict: bool) -> float:
    start = time.perf_counter()
    result = build(project, site_dir, check=strict)
    elapsed = time.perf_counter() - start
    if not (site_dir / "index.html").exists():
        raise SystemExit(f"build of {project} wrote no index.html:\n{result.stdout[-3000:]}")
    return elapsed


def build_times(tmp: Path, bare: Path, i18n_only: Path) -> tuple[float, float, float]:
    ours, plain, i18n = [], [], []
    for run in range(BUILD_RUNS):  # alternate, so all see the same machine load
        ours.append(timed_build(PROJECT, tmp / f"ours-{run}", strict=True))
        plain.append(timed_build(bare, tmp / f"bare-{run}", strict=False))
        i18n.append(timed_build(i18n_only, tmp / f"i18n-{run}", strict=False))
    return statistics.median(ours), statistics.median(plain), statistics.median(i18n)


# --- 2. Page weight -------------------------------------------------------------------

def page_weight(playwright, url: str, profile: Path
                ) -> tuple[int, int, list[str], list[tuple[int, str]], list[str]]:
    """(gzip bytes of all response bodies, number of responses, failed or foreign requests,
    (bytes, path) of each response, paths of the scripts loaded)."""
    context = launch(playwright, profile)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        requests, problems = [], []
        page.on("requestfinished", lambda r: requests.append(r))
        page.on("requestfailed", lambda r: problems.append(f"{r.url} ({r.failure})"))
        GzipHandler.sent.clear()
        page.goto(url, wait_until="networkidle")
        parts = list(GzipHandler.sent)
        problems += [r.url for r in requests if urlsplit(r.url).scheme not in ("data", "blob")
                     and urlsplit(r.url).hostname != "127.0.0.1"]
        scripts = [urlsplit(r.url).path for r in requests if r.resource_type == "script"]
        return sum(size for size, _ in parts), len(parts), problems, parts, scripts
    finally:
        context.close()


# --- 4. Lighthouse --------------------------------------------------------------------

def chrome_flags() -> str:
    return " ".join(f'{flag.split("=", 1)[0]}="{flag.split("=", 1)[1]}"' if " " in flag else flag
                    for flag in CHROMIUM_FLAGS)


def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
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


def shipped_by_material(path: str) -> bool:
    """/en/assets/javascripts/bundle.x.min.js -> is assets/javascripts/bundle.x.min.js Material's?"""
    return "/assets/" in path and (MATERIAL_ASSETS / "assets" / path.split("/assets/", 1)[1]).is_file()


def metric(report: dict, audit: str) -> str:
    return report["audits"][audit].get("displayValue", "–")


def lighthouse_cells(report: dict) -> str:
    """The category scores, LCP and TBT of one report, as table cells."""
    return " | ".join([*(str(score) for score in scores(report).values()),
                       metric(report, "largest-contentful-paint"), metric(report, "total-blocking-time")])


def lost_points(report: dict) -> list[tuple[str, str, str]]:
    """Scored audits below full marks: (category, audit id, title and value)."""
    lost = []
    for cat in CATEGORIES:
        for ref in report["categories"][cat]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lost.append((cat, ref["id"], f"{audit['title']}{value}, score {audit['score']:.2f}"))
    return lost


def scores(report: dict) -> dict[str, int]:
    return {cat: round(report["categories"][cat]["score"] * 100) for cat in CATEGORIES}


# --- Report ---------------------------------------------------------------------------

def explain(ours: float, plain: float, i18n: float, parts: list[tuple[int, str]]) -> list[str]:
    """Figures that show where build time and first-load bytes go, computed from this run."""
    def share(prefixes: tuple[str, ...]) -> int:
        return sum(size for size, path in parts if path.rsplit("/", 1)[-1].startswith(prefixes))
    theme_js = share(("bundle.",))
    theme_css = share(("main.", "palette."))
    search = share(("search_index", "search.", "lunr."))
    total = sum(size for size, _ in parts)
    return [
        f"- Build: static-i18n builds each language in its own pass (theme files collected and "
        f"templates compiled again), so Material + static-i18n alone takes {i18n / plain:.2f}× "
        f"the bare build before any of this site's plugins, hooks and checks; the full site then "
        f"adds {ours - i18n:.2f} s (macros, git dates, strict link checks, help IDs, per-language "
        f"search and 404 pages).",
        f"- First load of {PAGES[0]} ({kb(total)}): Material's JavaScript bundle {kb(theme_js)}, "
        f"Material's stylesheet {kb(theme_css)}, search (index fetched on every first load by "
        f"Material, worker, German stemmer) {kb(search)}, and {kb(total - theme_js - theme_css - search)} "
        f"for the page itself, this site's stylesheet, the icon and the sitemaps Material reads for "
        f"the language switch. The theme's own files alone "
        f"come to {kb(theme_js + theme_css + search)}; no documented Material option loads search "
        f"later or ships a smaller bundle.",
    ]


def main() -> int:
    rows: list[tuple[str, str, str, bool]] = []  # measure, figure, target, ok
    own_scripts: set[str] = set()  # scripts a page loads that Material does not ship
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        bare = make_bare_project(tmp / "bare")
        i18n_only = make_i18n_only_project(tmp / "i18n-only")

        print("1/4 build time ...", flush=True)
        ours, plain, i18n = build_times(tmp, bare, i18n_only)
        ratio = ours / plain
        rows.append(("Build time, full site (median of 3)", f"{ours:.2f} s", "", True))
        rows.append(("Build time, bare Material (median of 3)", f"{plain:.2f} s", "", True))
        rows.append(("Build time, Material + static-i18n only (median of 3)", f"{i18n:.2f} s", "", True))
        rows.append(("Build time ratio full / bare", f"{ratio:.2f}×",
                     f"≤ {MAX_BUILD_RATIO}×", ratio <= MAX_BUILD_RATIO))
        rows.append(("Build time ratio Material + static-i18n only / bare", f"{i18n / plain:.2f}×", "", True))
        rows.append(("Build time ratio full / Material + static-i18n only", f"{ours / i18n:.2f}×", "", True))

        port = free_port()
        site = tmp / "site"
        build(PROJECT, site, site_url=f"http://127.0.0.1:{port}/")
        with serve(site, port, GzipHandler) as origin, \
                serve(tmp / "bare-0", None, GzipHandler) as bare_origin:
            print("2/4 page weight ...", flush=True)
            with sync_playwright() as playwright:
                targets = [(page, f"{origin}/{page}") for page in PAGES]
                targets.append(("bare Material index.html (reference)", f"{bare_origin}/index.html"))
                for number, (name, url) in enumerate(targets):
                    size, count, problems, parts, scripts = page_weight(
                        playwright, url, tmp / f"profile-{number}")
                    if not name.startswith("bare"):
                        own_scripts.update(path for path in scripts if not shipped_by_material(path))
                    if name == PAGES[0]:
                        start_page_parts = parts
                    start_page = name.endswith("index.html") and not name.startswith("bare")
                    rows.append((f"First load, {name}: {count} responses, gzip", kb(size),
                                 f"≤ {kb(MAX_START_PAGE_GZIP)}" if start_page else "",
                                 size <= MAX_START_PAGE_GZIP if start_page else True))
                    notes += [f"{name}: request failed or left 127.0.0.1: {p}" for p in problems]

            print("3/4 search index ...", flush=True)
            indexes = {lang: (site / root / "search" / "search_index.json").stat().st_size
                       for lang, root in (("de", ""), ("en", "en"))}
            total = sum(indexes.values())
            for lang, size in indexes.items():
                share = size / total
                rows.append((f"Search index {lang} (share of both, {kb(total)})",
                             f"{kb(size)}, {share:.0%}", f"≤ {MAX_INDEX_SHARE:.0%}",
                             share <= MAX_INDEX_SHARE))

            print("4/4 Lighthouse ...", flush=True)
            bare_reports = {name: lighthouse_median(f"{bare_origin}/{path}", tmp / f"lighthouse-bare-{number}.json")
                            for number, (name, path) in enumerate(BARE_REFERENCES.items())}
            bare_lost = {audit: f"{name}: {text}" for name, report in bare_reports.items()
                         for _, audit, text in lost_points(report)}

            def is_material_limit(audit: str) -> bool:
                return audit in bare_lost or (audit in MAIN_THREAD_AUDITS and not own_scripts)
            lh_rows, lost_by_audit = [], {}
            for number, page in enumerate(PAGES):
                report = lighthouse_median(f"{origin}/{page}", tmp / f"lighthouse-{number}.json")
                page_scores = scores(report)
                lost = lost_points(report)
                material_only = all(is_material_limit(audit) for _, audit, _ in lost)
                floor = LIGHTHOUSE_WITH_MATERIAL_LIMIT if material_only else LIGHTHOUSE_TARGET
                ok = all(score >= floor for score in page_scores.values())
                lh_rows.append((page, report, ok, floor))
                for cat, audit, text in lost:
                    lost_by_audit.setdefault((cat, audit, text.rsplit(", score", 1)[0]), []).append(page)

    versions = (f"mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, "
                f"mkdocs-static-i18n {version('mkdocs-static-i18n')}, "
                f"{subprocess.run([str(CHROMIUM), '--version'], capture_output=True, text=True).stdout.strip()}, "
                f"Lighthouse {json.loads((PROJECT / 'node_modules/lighthouse/package.json').read_text())['version']}")
    lines = ["| Measure | Figure | Target | Result |", "|---|---|---|---|"]
    lines += [f"| {m} | {f} | {t or '–'} | {verdict(ok) if t else '–'} |" for m, f, t, ok in rows]
    lines += ["", "Lighthouse, mobile default profile (simulated throttling), served gzip from "
              f"127.0.0.1, median of {LIGHTHOUSE_RUNS} runs:",
              "", "| Page | " + " | ".join(CATEGORIES) + " | LCP | TBT | Target | Result |",
              "|---|" + "---|" * (len(CATEGORIES) + 4)]
    lines += [f"| {page} | {lighthouse_cells(report)} | ≥ {floor} | {verdict(ok)} |"
              for page, report, ok, floor in lh_rows]
    lines += [f"| bare Material {name} (reference) | {lighthouse_cells(report)} | – | – |"
              for name, report in bare_reports.items()]
    lines += ["", "Audits below full score (weighted audits only):", ""]
    lines += [f"- `{audit}` ({cat}): {text}; "
              f"{'Material limitation' if is_material_limit(audit) else 'the site'}; "
              f"{'all six pages' if len(pages) == len(PAGES) else ', '.join(pages)}"
              for (cat, audit, text), pages in sorted(lost_by_audit.items())] or ["- none"]
    lines += [f"- {note}" for note in notes]
    lines += ["", f"First load of {PAGES[0]}, response by response (gzip bytes):", "",
              "| Bytes | Path |", "|---|---|"]
    lines += [f"| {size:,} | `{path}` |" for size, path in sorted(start_page_parts, reverse=True)]
    table = "\n".join(lines)
    print("\n" + table)

    failed = [m for m, _, t, ok in rows if t and not ok] + [page for page, _, ok, _ in lh_rows if not ok]
    ours_lost = {audit for (_, audit, _) in lost_by_audit}
    limits = [f"- `{audit}`: the bare Material build loses it too ({text})."
              for audit, text in sorted(bare_lost.items()) if audit in ours_lost]
    limits += [f"- `{audit}`: time the main thread is blocked by script; every script these pages "
               f"load is a file Material ships (the site adds none), and the bare Material page "
               f"measures {', '.join(metric(report, audit) for report in bare_reports.values())} "
               f"in the same run."
               for audit in sorted(MAIN_THREAD_AUDITS & ours_lost - bare_lost.keys()) if not own_scripts]
    limits = limits or ["- none: no audit this site loses is a Material limitation."]
    if own_scripts:
        limits.append(f"- Scripts not shipped by Material: {', '.join(sorted(own_scripts))}.")
    OUTPUT.write_text("\n".join([
        "# Benchmarks",
        "",
        f"Measured {datetime.date.today().isoformat()} with {versions}.",
        "Rerun with `make bench` (builds strictly, then runs `scripts/bench.py`; about eight",
        "minutes). The script builds into temporary folders, serves them on 127.0.0.1 only,",
        "and overwrites this file.",
        "",
        "How it measures:",
        "",
        f"- Build time: wall time of `mkdocs build --strict` of the project (both languages, "
        f"git dates, macros, hooks), median of {BUILD_RUNS}, against a *bare* Material build "
        f"timed in the same run, alternating. Bare means {BARE} "
        f"Material + static-i18n only means {I18N_ONLY}",
        "- Page weight: a first load in Chromium (fresh profile, page plus everything it requests "
        "until the network is idle), summing the body bytes the local server sent for each "
        "response (Chromium reports none for the search worker's script), gzip level 6 for the "
        "types the production nginx compresses (`deploy/nginx/site.conf.in`); headers not counted.",
        "- Search index: `search/search_index.json` and `en/search/search_index.json`, each as a "
        "share of both.",
        f"- Lighthouse {CATEGORIES}: {LIGHTHOUSE_RUNS} runs per page, the run with the median "
        f"performance score reported; target 100, or "
        f"{LIGHTHOUSE_WITH_MATERIAL_LIMIT} when every lost point is a Material limitation below "
        "(an audit a bare Material reference page, run in the same benchmark, loses too, or "
        "main-thread blocking when every script is Material's).",
        "",
        "## Results",
        "",
        table,
        "",
        "## Material limitations that keep a Lighthouse score below 100",
        "",
        *limits,
        "",
        "## Missed targets",
        "",
        *([f"- {item}" for item in failed] or ["- none"]),
        "",
        "## Where the figures come from",
        "",
        *explain(ours, plain, i18n, start_page_parts),
        "",
    ]), encoding="utf-8")
    print(f"\nwritten to {OUTPUT.relative_to(PROJECT)}")
    return 0  # a report: missed targets are listed, not an error


if __name__ == "__main__":
    sys.exit(main())
