"""The targets, and each figure judged against its target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_BUILD_RATIO = 1.3
MAX_FIRST_LOAD = 60 * 1024  # bytes, gzip, every response of a first view (issue 12)
MAX_INDEX_SHARE = 0.55
MIN_QUESTIONS_FOUND = 1.0  # every question of each set (harness.search_questions.QUESTION_SETS) in the top three
MAX_TEST_SECONDS = 120
LIGHTHOUSE_TARGET = 100
LIGHTHOUSE_WITH_MATERIAL_LIMIT = 95
# A Lighthouse audit counts as a Material limitation when a bare Material reference page, run
# in the same benchmark, loses it too, or when it is main-thread blocking and every script the
# pages load is Material's.
MAIN_THREAD_AUDITS = {"total-blocking-time"}
MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"


@dataclass
class Row:
    measure: str
    figure: str
    target: str = ""  # empty: shown for information, not judged
    ok: bool = True


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def build_rows(times: dict[str, float]) -> list[Row]:
    full, bare, i18n = times["full"], times["bare"], times["i18n-only"]
    return [
        Row("Build time, full site (median of 3)", f"{full:.2f} s"),
        Row("Build time, bare Material (median of 3)", f"{bare:.2f} s"),
        Row("Build time, Material + static-i18n only (median of 3)", f"{i18n:.2f} s"),
        Row("Build time ratio full / bare", f"{full / bare:.2f}×", f"≤ {MAX_BUILD_RATIO}×",
            full / bare <= MAX_BUILD_RATIO),
        Row("Build time ratio Material + static-i18n only / bare", f"{i18n / bare:.2f}×"),
    ]


def first_load_row(name: str, size: int, responses: int, judged: bool = True) -> Row:
    return Row(f"First load, {name}: {responses} responses, gzip", kb(size),
               f"≤ {kb(MAX_FIRST_LOAD)}" if judged else "", size <= MAX_FIRST_LOAD or not judged)


def index_rows(sizes: dict[str, int]) -> list[Row]:
    total = sum(sizes.values())
    return [Row(f"Search index {lang} (share of all, {kb(total)})", f"{kb(size)}, {size / total:.0%}",
                f"≤ {MAX_INDEX_SHARE:.0%}", size / total <= MAX_INDEX_SHARE)
            for lang, size in sizes.items()]


def question_rows(answers: dict[str, list], name: str = "Customer questions") -> list[Row]:
    rows = []
    for lang, found in answers.items():
        share = sum(answer.found for answer in found) / len(found)
        first = sum(answer.rank == 1 for answer in found)
        rows.append(Row(f"{name} {lang}: answering page in the top three ({len(found)} questions; "
                        f"{first} first)", f"{share:.0%}", f"≥ {MIN_QUESTIONS_FOUND:.0%}",
                        share >= MIN_QUESTIONS_FOUND))
    return rows


def test_row(seconds: float, closing: str) -> Row:
    return Row(f"make test after set-up ({closing})", f"{seconds:.0f} s", f"≤ {MAX_TEST_SECONDS} s",
               seconds <= MAX_TEST_SECONDS and " failed" not in closing)


# --- Lighthouse --------------------------------------------------------------------------

def scores(report: dict, categories: list[str]) -> dict[str, int]:
    return {cat: round(report["categories"][cat]["score"] * 100) for cat in categories}


def lost_points(report: dict, categories: list[str]) -> list[tuple[str, str, str]]:
    """Scored audits below full marks: (category, audit id, title and value)."""
    lost = []
    for cat in categories:
        for ref in report["categories"][cat]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lost.append((cat, ref["id"], f"{audit['title']}{value}, score {audit['score']:.2f}"))
    return lost


def shipped_by_material(path: str) -> bool:
    """/en/assets/javascripts/bundle.x.min.js -> is assets/javascripts/bundle.x.min.js Material's?"""
    return "/assets/" in path and (MATERIAL_TEMPLATES / "assets" / path.split("/assets/", 1)[1]).is_file()


def lighthouse_verdicts(reports: dict[str, dict], bare: dict[str, dict], own_scripts: set[str],
                        categories: list[str]):
    """(rows per page: (page, report, ok, floor)), lost audits by (category, audit, text), and the
    audits that are Material limitations with why."""
    bare_lost = {audit: f"{name}: {text}" for name, report in bare.items()
                 for _, audit, text in lost_points(report, categories)}

    def is_material_limit(audit: str) -> bool:
        return audit in bare_lost or (audit in MAIN_THREAD_AUDITS and not own_scripts)

    rows, lost_by_audit = [], {}
    for page, report in reports.items():
        lost = lost_points(report, categories)
        floor = (LIGHTHOUSE_WITH_MATERIAL_LIMIT if all(is_material_limit(a) for _, a, _ in lost)
                 else LIGHTHOUSE_TARGET)
        rows.append((page, report, all(s >= floor for s in scores(report, categories).values()), floor))
        for cat, audit, text in lost:
            lost_by_audit.setdefault((cat, audit, text.rsplit(", score", 1)[0]), []).append(page)
    limits = {audit: why for audit, why in bare_lost.items() if any(a == audit for _, a, _ in lost_by_audit)}
    limits.update({audit: "main-thread blocking; every script the pages load is Material's"
                   for _, audit, _ in lost_by_audit if audit in MAIN_THREAD_AUDITS and not own_scripts})
    return rows, lost_by_audit, limits
