"""python -m scripts.bench: measure, judge, report (see scripts/bench/__init__.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from playwright.sync_api import sync_playwright

from harness.building import build
from harness.chromium import FULL_CHROMIUM
from helpsite.precompress import precompress
from helpsite.project import PROJECT, languages
from harness.ports import free_ports
from helpsite.serving import serve
from scripts.bench import judge, measure, report

# Pages measured: the start page, the largest page (the FAQ) and the remote-support page, in
# every language; Lighthouse on the same. Bare Material references for Lighthouse.
PAGES = ["index.html", "price-lists.html", "remote-support.html"]
BARE_REFERENCES = {"index.html": "index.html", "price-lists.html": "price-lists/"}


def versions() -> str:
    chromium = subprocess.run([str(FULL_CHROMIUM), "--version"], capture_output=True, text=True).stdout.strip()
    lighthouse = json.loads((PROJECT / "node_modules/lighthouse/package.json").read_text())["version"]
    return (f"mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, "
            f"mkdocs-static-i18n {version('mkdocs-static-i18n')}, {chromium}, Lighthouse {lighthouse}")


def main() -> int:
    langs = languages()
    pages = [langs.root(lang) + page for lang in langs.codes for page in PAGES]
    rows, notes, sections = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name, sync_playwright() as playwright:
        tmp = Path(tmp_name)
        print("1/6 build time ...", flush=True)
        bare = measure.bare_project(tmp / "bare")
        times = measure.build_times(tmp, {"full": (PROJECT, True), "bare": (bare, False),
                                          "i18n-only": (measure.i18n_only_project(tmp / "i18n"), False)})
        rows += judge.build_rows(times)

        print("2/6 first load ...", flush=True)
        port, big_port = free_ports(2)
        build(PROJECT, tmp / "site", site_url=f"http://127.0.0.1:{port}/")
        build(measure.ten_times_project(tmp / "ten-times"), tmp / "ten-times-site",
              site_url=f"http://127.0.0.1:{big_port}/")
        for site in (tmp / "site", tmp / "ten-times-site"):
            precompress(site)  # as make dist publishes it
        loads, own_scripts = {}, set()
        with serve(tmp / "site", port, measure.GzipHandler) as origin, \
                serve(tmp / "ten-times-site", big_port, measure.GzipHandler) as big_origin, \
                serve(tmp / "bare-0", None, measure.GzipHandler) as bare_origin:
            targets = [(page, f"{origin}/{page}", True) for page in pages]
            targets += [(f"{page} (ten times the pages)", f"{big_origin}/{page}", True) for page in pages]
            targets.append(("bare Material index.html (reference)", f"{bare_origin}/index.html", False))
            for number, (name, url, judged) in enumerate(targets):
                loads[name] = load = measure.first_load(playwright, url, tmp / f"profile-{number}")
                rows.append(judge.first_load_row(name, load.size, len(load.parts), judged))
                notes += [f"{name}: request failed or left 127.0.0.1: {p}" for p in load.problems]
                if judged:
                    own_scripts |= {p for p in load.scripts if not judge.shipped_by_material(p)}

            print("3/6 search index and customer questions ...", flush=True)
            rows += judge.index_rows(measure.search_index_sizes(tmp / "site", langs))
            question_sets = measure.question_answers(playwright, origin, langs, tmp / "profile-questions")
            for name, answers in question_sets.items():
                rows += judge.question_rows(answers, name)
                notes += [f"{name}: not in the top three: {a.query!r} ({a.expected}; got {a.pages[:3]})"
                          for found in answers.values() for a in found if not a.found]

            print("4/6 Lighthouse ...", flush=True)
            bare_reports = {name: measure.lighthouse_median(f"{bare_origin}/{path}", tmp / f"lh-bare-{n}.json")
                            for n, (name, path) in enumerate(BARE_REFERENCES.items())}
            reports = {page: measure.lighthouse_median(f"{origin}/{page}", tmp / f"lh-{n}.json")
                       for n, page in enumerate(pages)}
        lh_rows, lost, limits = judge.lighthouse_verdicts(reports, bare_reports, own_scripts, measure.CATEGORIES)

    print("5/6 make test ...", flush=True)
    rows.append(judge.test_row(*measure.test_suite_seconds()))

    print("6/6 report ...", flush=True)
    sections.append(("Results", report.table(rows)))
    sections.append(("Lighthouse, mobile profile, served gzip from 127.0.0.1, median of 5",
                     report.lighthouse_lines(lh_rows, bare_reports, lost, limits, measure.CATEGORIES, len(pages))))
    sections.append(("Where the first load goes", report.breakdown(pages[1], loads[pages[1]].parts)))
    failed = [r.measure for r in rows if r.target and not r.ok] + [p for p, _, ok, _ in lh_rows if not ok]
    print(report.write(versions(), sections, failed, notes))
    print(f"\nwritten to {report.OUTPUT.relative_to(PROJECT)}")
    return 0  # a report: missed targets are listed, not an error


if __name__ == "__main__":
    sys.exit(main())
