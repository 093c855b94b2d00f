"""Every internal link and #anchor of the built site resolves, in both languages; and, with
--external (make check-external, needs the internet), every address on another site answers.

Pages and files: LinkChecker checks the site served on 127.0.0.1, starting from every built
page and style sheet, so pages nothing links to (404 pages, help-ID redirects under go/) are
checked too. Anchors: checked here on the built pages, because LinkChecker's AnchorCheck
plugin misses broken anchors in some threaded runs (linkchecker/linkchecker issues #542,
#555, #568; seen here once in a full test run). External addresses: LinkChecker's own
--check-extern, except the site's own published address (not served here). Each broken link
is reported against the source file of the page it is on.
"""

from __future__ import annotations

import argparse
import configparser
import csv
import posixpath
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from bs4 import BeautifulSoup

from checks import PROJECT, Finding, soup
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


def site_address(site: Path) -> str | None:
    """The address the site is published at (its start page's canonical link, less index.html)."""
    canonical = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").find(
        "link", rel="canonical")
    return canonical["href"].rsplit("/", 1)[0] + "/" if canonical else None


def linkchecker_config(origin: str, folder: Path, external: bool) -> Path:
    """checks/linkcheckerrc for this run: the served site is internal, nothing else; with
    external, every other address is checked too, but not the site's own published address."""
    config = configparser.ConfigParser(interpolation=None)
    config.read(CONFIG, encoding="utf-8")
    config["filtering"]["internlinks"] = f"^{re.escape(origin)}/"
    config["filtering"]["checkextern"] = "1" if external else "0"
    path = folder / "linkcheckerrc"
    with path.open("w", encoding="utf-8") as file:
        config.write(file)
    return path


def run_linkchecker(site: Path, external: bool = False) -> tuple[str, list[dict]]:
    """The served origin, and LinkChecker's CSV rows for every broken link (row['parentname'] is
    the page)."""
    ignore = []
    if external and site_address(site):
        ignore = ["--ignore-url", f"^{re.escape(site_address(site))}"]
    with serve(site, handler_class=SiteForLinkChecker) as origin, tempfile.TemporaryDirectory() as folder:
        start = [f"{origin}/{rel_path(page, site)}" for page in built_pages(site) + sorted(site.rglob("*.css"))]
        result = subprocess.run(
            [str(LINKCHECKER), "--config", str(linkchecker_config(origin, Path(folder), external)),
             "--no-status", "--output", "csv", *ignore, *start],
            capture_output=True, text=True, timeout=300,
        )
    if result.returncode not in (0, 1):  # 1: problems found; anything else: it did not run
        raise RuntimeError(f"linkchecker failed ({result.returncode}):\n{result.stderr[-2000:]}")
    # LinkChecker's comments start with "# "; a link row may start with "#" (href="#top").
    lines = [line for line in result.stdout.splitlines() if not line.startswith("# ")]
    return origin, list(csv.DictReader(lines, delimiter=";"))


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


def broken(row: dict) -> bool:
    return row["valid"] != "True" or bool(row["warningstring"])


def check(site: Path, project: Path = PROJECT) -> list[Finding]:
    origin, rows = run_linkchecker(site)
    langs = languages(project)
    return [describe(row, langs) for row in rows if broken(row)] + anchor_findings(site, langs)


def pages_linking(site: Path, url: str) -> list[str]:
    """The built pages that link to or load url (LinkChecker names the first one only)."""
    found = []
    for page in built_pages(site):
        addresses = {urldefrag(tag.get(name)).url for tag in soup(page).find_all(True)
                     for name in ("href", "src") if tag.get(name)}
        if url in addresses:
            found.append(rel_path(page, site))
    return found


def check_external(site: Path, project: Path = PROJECT) -> list[Finding]:
    """Addresses on other sites that do not answer (LinkChecker's result), each for the source
    file of every page that links to it."""
    origin, rows = run_linkchecker(site, external=True)
    langs = languages(project)
    return [Finding(source_of(page, langs),
                    f"external link {row['url']} does not work ({row['result']}). Fix: correct the address or "
                    "remove the link (in data/facts.yml if it is a fact).")
            for row in rows if broken(row) and not row["url"].startswith(f"{origin}/")
            for page in pages_linking(site, urldefrag(row["url"]).url)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checks.links", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=PROJECT / "site", help="built site (default: site/)")
    parser.add_argument("--external", action="store_true", help="addresses on other sites (needs the internet)")
    args = parser.parse_args(argv)
    findings = (check_external if args.external else check)(args.site.resolve())
    for finding in findings:
        print(finding)
    print(f"{'external' if args.external else 'internal'} links: {len(findings)} problem(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
