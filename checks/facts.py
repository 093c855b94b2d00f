"""Single source of facts: pages and templates take contact data and the download from
data/facts.yml (through macros), never written out, and state no file size (a download's size
changes with every version of the file); and data/facts.yml agrees with the company's support
page for the e-mail address and the phone number.

The support page is `<project>/../shared/source/support-page.de.txt`; the environment
variable FACTS_SOURCE (or `python -m checks --facts-source FILE`) names another file.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from checks import PROJECT, Finding, rel
from helpsite.facts import FACTS, load_yaml

SEPARATORS = r"[\s/.()\-]*"
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
TEL_LINK = re.compile(r"tel:\s*\+?\d[\d\s/().\-]*\d")
ANY_PHONE = re.compile(r"(?:\+|\b00)\d{2}" + SEPARATORS + r"\d(?:[\d\s/().\-]{4,}\d)")
FILE_SIZE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:[KMGT]i?B|[KMGT]Bytes?|(?:kilo|mega|giga)bytes?)\b",
                       re.IGNORECASE)
DOWNLOAD_LINK = re.compile(r"https?://\S+?\.(?:exe|msi|zip)\b", re.IGNORECASE)
SOURCE_PHONE = re.compile(r"\+\d[\d ]{6,}\d")

# What authors write instead of each kind of literal.
MACROS = {
    "e-mail address": '{{ fact("support.email") }} or {{ email_link(subject="...") }}',
    "phone number": "{{ phone_link() }}",
    "tel: link": "{{ phone_link() }}",
    "download address": '{{ fact("remote_support.download_url") }} inside '
                        '{% if has_fact("remote_support.download_url") %} ... {% endif %}',
}


def default_source(project: Path) -> Path:
    return Path(os.environ.get("FACTS_SOURCE") or project.parent / "shared" / "source" / "support-page.de.txt")


def load_facts(project: Path) -> dict:
    """data/facts.yml as written (the check reports what the build's rules would refuse)."""
    return load_yaml(project / FACTS)


def support_number(display: str) -> re.Pattern:
    """The support number in any format: +49 7724 91151, 0049-7724-91151, 07724 / 91151, ..."""
    country, *rest = display.split()
    national = re.sub(r"\D", "", "".join(rest))
    digits = SEPARATORS.join(national)
    cc = country.lstrip("+")
    prefix = rf"(?:(?:\+|\b00){cc}{SEPARATORS}(?:\(0\){SEPARATORS})?|0)"
    return re.compile(rf"(?<!\d){prefix}?{digits}(?!\d)")


def literal_patterns(facts: dict) -> list[tuple[str, re.Pattern]]:
    patterns = [
        ("e-mail address", EMAIL),
        ("tel: link", TEL_LINK),
        ("phone number", support_number(facts["support"]["phone"]["display"])),
        ("phone number", ANY_PHONE),
        ("file size", FILE_SIZE),
        ("download address", DOWNLOAD_LINK),
    ]
    remote = facts.get("remote_support") or {}
    for key in ("download_url", "file_name"):
        if remote.get(key):
            patterns.append(("download address", re.compile(re.escape(remote[key]))))
    return patterns


def authored_files(project: Path) -> list[Path]:
    """Files where authors write text: the pages, the templates and their wording."""
    files = sorted((project / "docs").rglob("*.md")) + sorted((project / "overrides").rglob("*.html"))
    return files + [project / "data" / "ui-text.yml"]


def literal_findings(project: Path, facts: dict) -> list[Finding]:
    findings = []
    patterns = literal_patterns(facts)
    for path in authored_files(project):
        if not path.exists():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            reported: list[tuple[int, int]] = []  # one finding per spot, however many patterns match
            for kind, pattern in patterns:
                for match in pattern.finditer(line):
                    if any(start <= match.start() < end for start, end in reported):
                        continue
                    reported.append(match.span())
                    fix = (f"use {MACROS[kind]}; the value lives in data/facts.yml." if kind != "file size" else
                           "leave it out: a download's size changes with every version of the file, "
                           "so the site states none.")
                    findings.append(Finding(rel(path, project), (
                        f"line {number}: {kind} '{match.group().strip()}' written out. Fix: {fix}"
                    )))
    return findings


def line_of(text: str, value: str) -> int | str:
    for number, line in enumerate(text.splitlines(), 1):
        if value in line:
            return number
    return "?"


def source_findings(project: Path, facts: dict, source: Path) -> list[Finding]:
    """data/facts.yml against the company's support page: e-mail and phone must match."""
    source_text = source.read_text(encoding="utf-8")
    facts_text = (project / "data" / "facts.yml").read_text(encoding="utf-8")
    where = "data/facts.yml"
    findings = []
    email = facts["support"]["email"]
    emails = EMAIL.findall(source_text)
    if email not in emails:
        findings.append(Finding(where, (
            f"line {line_of(facts_text, email)}: support.email '{email}' is not the address in "
            f"{source} ({', '.join(emails) or 'none found'}). Fix: copy the address from there."
        )))
    phones = {re.sub(r"\D", "", p): p for p in SOURCE_PHONE.findall(source_text)}
    phone = facts["support"]["phone"]
    for key in ("display", "tel"):
        value = str(phone[key])
        if re.sub(r"\D", "", value) not in phones:
            findings.append(Finding(where, (
                f"line {line_of(facts_text, value)}: support.phone.{key} '{value}' is not the number "
                f"in {source} ({', '.join(phones.values()) or 'none found'}). Fix: copy the number "
                "from there (tel: '+' and the digits only)."
            )))
    return findings


def check(site: Path | None = None, project: Path = PROJECT, source: Path | None = None) -> list[Finding]:
    facts = load_facts(project)
    findings = literal_findings(project, facts)
    source = source or default_source(project)
    if source.exists():
        findings += source_findings(project, facts, source)
    else:
        logging.getLogger(__name__).warning(
            "facts: %s not found, so data/facts.yml was not compared with the company's support "
            "page (set FACTS_SOURCE to its path).", source)
    return findings
