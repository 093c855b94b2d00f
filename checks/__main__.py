"""python -m checks [--site DIR]: run every link and content check on a built site.

Prints each finding (file: what is wrong. Fix: ...) and exits 1 when there is any,
2 when a check could not run.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from checks import (PROJECT, facts, foreign_resources, front_matter, html_validity, links, parity,
                    placeholders, spelling)

CHECKS = {
    "links": links.check,  # internal links (LinkChecker) and #anchors
    "parity": parity.check,  # translation parity
    "facts": facts.check,  # single source of facts
    "placeholders": placeholders.check,
    "front matter": front_matter.check,  # title, description, meta description, alt text
    "foreign resources": foreign_resources.check,  # nothing loaded from other hosts
    "html": html_validity.check,  # Nu HTML Checker
    "spelling": spelling.check,  # cspell
}


class CheckFailed(Exception):
    """A check could not run (a tool is missing or crashed): not the same as findings."""


def timed(name: str, check, site: Path, project: Path):
    start = time.monotonic()
    try:
        found = check(site=site, project=project)
    except Exception as err:
        raise CheckFailed(f"{name}: could not run: {err}") from err
    return found, time.monotonic() - start


def run_checks(site: Path, project: Path = PROJECT, checks: dict = CHECKS) -> dict[str, tuple[list, float]]:
    """name -> (findings, seconds). The checks are independent and mostly wait for LinkChecker,
    Java and Node, so they run side by side."""
    with ThreadPoolExecutor(max_workers=len(checks)) as pool:
        return dict(zip(checks, pool.map(lambda item: timed(*item, site, project), checks.items())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checks", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=PROJECT / "site", help="built site (default: site/)")
    parser.add_argument("--project", type=Path, default=PROJECT,
                        help="project whose sources (docs/, data/, overrides/) to check (default: this one)")
    parser.add_argument("--facts-source", type=Path,
                        help="the company's support page (default: ../shared/source/support-page.de.txt)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="note: %(message)s")
    site = args.site.resolve()
    if not (site / "index.html").exists():
        parser.error(f"{site} has no built site: run `make build` first.")
    checks = dict(CHECKS)
    if args.facts_source:
        checks["facts"] = functools.partial(facts.check, source=args.facts_source)
    try:
        results = run_checks(site, args.project.resolve(), checks)
    except CheckFailed as err:
        print(err, file=sys.stderr)
        return 2
    findings = []
    for name, (found, seconds) in results.items():
        print(f"{name}: {len(found) or 'ok'}{' finding(s)' if found else ''} ({seconds:.1f} s)")
        findings += found
    if findings:
        print(f"\n{len(findings)} finding(s):")
        for finding in sorted(findings, key=lambda f: f.file):
            print(f"  {finding}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
