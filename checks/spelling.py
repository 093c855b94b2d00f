"""Spelling of the Markdown pages with cspell and real dictionaries: docs/*.de.md in German,
docs/*.en.md in British English, and the German wording of the review page (data/review.yml);
product terms in data/spelling-words.txt.
Settings (what is ignored: front-matter keys, review notes, macros, heading IDs, URLs, code)
are in cspell.config.yaml."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from checks import PROJECT, Finding

CSPELL = PROJECT / "node_modules" / ".bin" / "cspell"
CONFIG = PROJECT / "cspell.config.yaml"
WORD_LIST = "data/spelling-words.txt"
DICTIONARY = {"de": "German", "en": "British English"}
ISSUE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):\d+ - (?P<what>[\w ]+?) \((?P<word>[^)]+)\)"
    r"(?: Suggestions: \[(?P<suggestions>.*)\])?$"
)


def run_cspell(project: Path, config: Path) -> list[str]:
    if not CSPELL.exists():
        raise RuntimeError("the spelling check needs cspell: run `make check` (installs node_modules)")
    result = subprocess.run(
        [str(CSPELL), "lint", "--no-progress", "--no-summary", "--no-color", "--show-suggestions",
         "--no-must-find-files", "--no-config-search", "--config", str(config),
         # Unchanged pages are not checked again (the cache notices config and word-list changes).
         "--cache", "--cache-strategy", "content", "--cache-location", str(project / ".cache" / "cspell"),
         "--root", str(project), "docs/**/*.md", "data/review.yml"],
        cwd=project, capture_output=True, text=True, timeout=300,
    )
    if result.returncode not in (0, 1):  # 1: spelling issues; anything else: it did not run
        raise RuntimeError(f"cspell failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return result.stdout.splitlines()


def check(site: Path | None = None, project: Path = PROJECT, config: Path = CONFIG) -> list[Finding]:
    findings = []
    for line in run_cspell(project, config):
        issue = ISSUE.match(line.strip())
        if not issue:
            continue
        lang = issue["file"].rsplit(".", 2)[-2] if issue["file"].endswith(".md") else "de"
        suggestions = (issue["suggestions"] or "").replace("*", "")
        hint = f"; suggestions: {suggestions}" if suggestions else ""
        findings.append(Finding(issue["file"], (
            f"line {issue['line']}: {issue['what'].lower()} '{issue['word']}' "
            f"({DICTIONARY.get(lang, 'dictionary')}{hint}). Fix: correct the spelling, or, if it "
            f"is a correct product or technical term, add it to {WORD_LIST}."
        )))
    return findings
