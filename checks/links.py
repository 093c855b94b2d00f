"""Every internal link and #anchor of the built site resolves, in both languages.

LinkChecker (with its AnchorCheck plugin) checks the site served on 127.0.0.1, starting from
every built page and style sheet, so pages nothing links to (404 pages, help-ID redirects
under go/) are checked too. Each broken link is reported against the source file of the page it is on.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from checks import PROJECT, Finding, built_pages, page_path, source_of
from tests.support import SiteHandler, serve

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
CONFIG = Path(__file__).with_name("linkcheckerrc")


# Links Material generates from a heading to itself: the table of contents and the permalink
# after each heading. They cannot break, and with them LinkChecker would fetch and parse a page
# once per heading (most of its run time), so the server leaves their href out (same lines).
GENERATED_SELF_LINK = re.compile(r'(<a class="headerlink")\s+href="#[^"]*"|(<a)\s+href="#[^"]*"(?= class="md-nav__link")')


class SiteForLinkChecker(SiteHandler):
    def end_headers(self):
        # LinkChecker throttles a host to a few requests per second unless the server sends
        # this header (linkcheck/checker/httpurl.py); the local server can take more.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        body = GENERATED_SELF_LINK.sub(lambda m: m.group(1) or m.group(2), path.read_text(encoding="utf-8"))
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def run_linkchecker(site: Path) -> list[dict]:
    """LinkChecker's CSV rows for every broken link or anchor; row['parentname'] is the page."""
    with serve(site, handler_class=SiteForLinkChecker) as origin:
        start = [f"{origin}/{page_path(page, site)}" for page in built_pages(site) + sorted(site.rglob("*.css"))]
        result = subprocess.run(
            [str(LINKCHECKER), "--config", str(CONFIG), "--no-status", "--output", "csv", *start],
            capture_output=True, text=True, timeout=300,
        )
    if result.returncode not in (0, 1):  # 1: problems found; anything else: it did not run
        raise RuntimeError(f"linkchecker failed ({result.returncode}):\n{result.stderr[-2000:]}")
    # LinkChecker's comments start with "# "; a link row may start with "#" (href="#top").
    lines = [line for line in result.stdout.splitlines() if not line.startswith("# ")]
    return list(csv.DictReader(lines, delimiter=";"))


def describe(row: dict) -> Finding:
    parent = urlsplit(row["parentname"]).path.lstrip("/")
    where = f"built page {parent}, line {row['line']}"
    target = row["urlname"]
    anchor = urlsplit(row["url"]).fragment
    if row["valid"] == "True" and "Anchor" in row["warningstring"]:
        available = re.findall(r"`([^`']+)'", row["warningstring"].split("Available anchors:")[-1])
        ids = [a for a in available if not a.startswith("__")]  # not Material's own IDs
        ids = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
        problem = f"the target page has no #{anchor} (its IDs: {ids or 'none'})"
        fix = "use one of those IDs, or give the target heading that ID: ## Title {: #" + anchor + " }"
    else:
        problem = (row["result"] + " " + row["warningstring"]).strip()
        fix = "point the link at an existing page or file (pages are <name>.md), or add the missing file"
    source = source_of(parent) if parent else "site"
    if source.startswith("docs/"):
        fix += f" (no such link in {source}? Then it is in a template under overrides/)"
    return Finding(source, f"link '{target}' ({where}) is broken: {problem}. Fix: {fix}.")


def check(site: Path, project: Path = PROJECT) -> list[Finding]:
    rows = run_linkchecker(site)
    return [describe(row) for row in rows if row["valid"] != "True" or row["warningstring"]]
