"""Writing the figures: one Markdown report, printed and saved as BENCHMARKS.md."""

from __future__ import annotations

import datetime

from helpsite.project import PROJECT
from scripts.bench.judge import Row

OUTPUT = PROJECT / "BENCHMARKS.md"

HOW = """How it measures:

- Build time: wall time of `mkdocs build --strict` of the project, median of 3, against a *bare*
  Material build of the same Markdown (no macros, i18n, git dates, hooks or overrides) and
  against Material + static-i18n alone, built alternately in the same run.
- First load: a first view in Chromium with a fresh profile until the network is idle,
  summing the body bytes the local server sent for every response, compressed as the
  production nginx sends them (`deploy/nginx/site.conf.in`): the release's Zopfli-precompressed
  `.gz` files (`helpsite/precompress.py`, as `make dist` writes them); headers not counted. Also on
  a generated copy of the site with ten times the pages (each page a section of itself and nine
  copies).
- Search index: each language's `search_index.json`, as a share of all.
- Customer questions: `data/search-questions.yml`, and the same typed in a hurry (typos, umlauts
  written out, words run together: `data/search-questions-typos.yml`), through Material's own
  search worker and the site's index in Chromium, with the site's forgiving search
  (`harness/search_questions.py`); found = the answering page among the first three result pages.
- Lighthouse (performance, accessibility, best practices, SEO), mobile profile, median of 5;
  target 100, or 95 when every lost point is a Material limitation (an audit a bare Material
  reference page loses too, or main-thread blocking when every script is Material's).
- make test: wall time of the test suite as `make test` runs it, after the set-up."""


def table(rows: list[Row]) -> list[str]:
    lines = ["| Measure | Figure | Target | Result |", "|---|---|---|---|"]
    lines += [f"| {r.measure} | {r.figure} | {r.target or '–'} | "
              f"{('pass' if r.ok else '**FAIL**') if r.target else '–'} |" for r in rows]
    return lines


def lighthouse_lines(rows, bare: dict, lost_by_audit: dict, limits: dict, categories: list[str],
                     page_count: int) -> list[str]:
    def cells(report):
        audits = report["audits"]
        figures = [str(round(report["categories"][c]["score"] * 100)) for c in categories]
        figures += [audits[a].get("displayValue", "–") for a in ("largest-contentful-paint", "total-blocking-time")]
        return " | ".join(figures)

    lines = ["| Page | " + " | ".join(categories) + " | LCP | TBT | Target | Result |",
             "|---|" + "---|" * (len(categories) + 4)]
    lines += [f"| {page} | {cells(report)} | ≥ {floor} | {'pass' if ok else '**FAIL**'} |"
              for page, report, ok, floor in rows]
    lines += [f"| bare Material {name} (reference) | {cells(report)} | – | – |" for name, report in bare.items()]
    lines += ["", "Audits below full score (weighted audits only):", ""]
    lines += [f"- `{audit}` ({cat}): {text}; {'Material limitation: ' + limits[audit] if audit in limits else 'the site'}; "
              f"{'every page' if len(pages) == page_count else ', '.join(pages)}"
              for (cat, audit, text), pages in sorted(lost_by_audit.items())] or ["- none"]
    return lines


def breakdown(name: str, parts: list[tuple[int, str]]) -> list[str]:
    return ([f"First load of {name}, response by response (gzip bytes):", "", "| Bytes | Path |", "|---|---|"]
            + [f"| {size:,} | `{path}` |" for size, path in sorted(parts, reverse=True)])


def write(versions: str, sections: list[tuple[str, list[str]]], failed: list[str], notes: list[str]) -> str:
    text = "\n".join([
        "# Benchmarks", "",
        f"Measured {datetime.date.today().isoformat()} with {versions}.",
        "Rerun with `make bench` (builds, then runs `python -m scripts.bench`; about ten minutes);",
        "it overwrites this file.", "", HOW, "",
        *[line for title, lines in sections for line in (f"## {title}", "", *lines, "")],
        "## Missed targets", "", *([f"- {item}" for item in failed] or ["- none"]), "",
        *(["## Notes", "", *[f"- {note}" for note in notes], ""] if notes else []),
    ])
    OUTPUT.write_text(text, encoding="utf-8")
    return text
