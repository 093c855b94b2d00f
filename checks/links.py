"""Every internal link and #anchor of the built site resolves, in both languages.

Pages and files: LinkChecker checks the site served on 127.0.0.1, starting from every built
page and style sheet, so pages nothing links to (404 pages, help-ID redirects under go/) are
checked too. Anchors: checked here on the built pages, because LinkChecker's AnchorCheck
plugin misses broken anchors in some threaded runs (linkchecker/linkchecker issues #542,
#555, #568; seen here once in a full test run). Each broken link is reported against the
source file of the page it is on.
"""

from __future__ import annotations

import csv
import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from checks import PROJECT, Finding
from helpsite.built_site import built_pages, rel_path, source_of
from helpsite.project import Languages, languages
from helpsite.serving import SiteHandler, serve

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
CONFIG = Path(__file__).with_name("linkcheckerrc")


class SiteForLinkChecker(SiteHandler):
    def end_headers(self):
        # LinkChecker throttles a host to a few requests per second unless the server sends
        # this header (linkcheck/checker/httpurl.py); the local server can take more.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


def run_linkchecker(site: Path) -> list[dict]:
    """LinkChecker's CSV rows for every broken link; row['parentname'] is the page."""
    with serve(site, handler_class=SiteForLinkChecker) as origin:
        start = [f"{origin}/{rel_path(page, site)}" for page in built_pages(site) + sorted(site.rglob("*.css"))]
        result = subprocess.run(
            [str(LINKCHECKER), "--config", str(CONFIG), "--no-status", "--output", "csv", *start],
            capture_output=True, text=True, timeout=300,
        )
    if result.returncode not in (0, 1):  # 1: problems found; anything else: it did not run
        raise RuntimeError(f"linkchecker failed ({result.returncode}):\n{result.stderr[-2000:]}")
    # LinkChecker's comments start with "# "; a link row may start with "#" (href="#top").
    lines = [line for line in result.stdout.splitlines() if not line.startswith("# ")]
    return list(csv.DictReader(lines, delimiter=";"))


def finding(parent: str, line: int | str, target: str, problem: str, fix: str, langs: Languages) -> Finding:
    """A broken link on built page `parent`, reported against that page's source file."""
    source = source_of(parent, langs) if parent else "site"
    if source.startswith("docs/"):
        fix += f" (no such link in {source}? Then it is in a template under overrides/)"
    return Finding(source, f"link '{target}' (built page {parent}, line {line}) is broken: {problem}. Fix: {fix}.")


def describe(row: dict, langs: Languages) -> Finding:
    return finding(urlsplit(row["parentname"]).path.lstrip("/"), row["line"], row["urlname"],
                   (row["result"] + " " + row["warningstring"]).strip(),
                   "point the link at an existing page or file (pages are <name>.md), or add the missing file", langs)


def link_target(page: str, href: str) -> tuple[str, str] | None:
    """(built page, anchor) an internal link with an anchor points to, or None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.fragment:
        return None
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    base = "" if path.startswith("/") else posixpath.dirname(page)
    target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if path.endswith("/") or not posixpath.splitext(target)[1]:  # a folder: its index.html
        target = posixpath.normpath(posixpath.join(target, "index.html"))
    return target, unquote(parts.fragment)


def anchor_findings(site: Path, langs: Languages) -> list[Finding]:
    """Every #anchor of a link between built pages names an ID on its target page. A link to
    a page that does not exist is LinkChecker's finding, not one here."""
    pages = {rel_path(page, site): BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
             for page in built_pages(site)}
    ids = {rel: {tag["id"] for tag in doc.find_all(id=True)}
           | {tag["name"] for tag in doc.find_all("a", attrs={"name": True})}
           for rel, doc in pages.items()}
    found = []
    for rel, doc in pages.items():
        for link in doc.find_all("a", href=True):
            target = link_target(rel, link["href"])
            if target is None or target[0] not in ids or target[1] in ids[target[0]]:
                continue
            page, anchor = target
            listed = sorted(i for i in ids[page] if not i.startswith("__"))  # not Material's own IDs
            listed = ", ".join(listed[:12]) + (", ..." if len(listed) > 12 else "")
            found.append(finding(rel, link.sourceline, link["href"],
                                 f"the target page has no #{anchor} (its IDs: {listed or 'none'})",
                                 "use one of those IDs, or give the target heading that ID: ## Title {: #" + anchor + " }", langs))
    return found


def check(site: Path, project: Path = PROJECT) -> list[Finding]:
    rows, langs = run_linkchecker(site), languages(project)
    return ([describe(row, langs) for row in rows if row["valid"] != "True" or row["warningstring"]]
            + anchor_findings(site, langs))
