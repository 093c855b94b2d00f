"""External links: every http(s) address on the built site that leads off the site answers.

Needs the internet, so it is not part of `make test`: run `make check-external`.
Answers are cached in .cache/external-links.json: an address that worked is not asked
again for a week (--max-age-days); one that failed is asked again on every run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urldefrag

from checks import PROJECT, Finding, soup
from helpsite.built_site import built_pages, rel_path, source_of
from helpsite.project import languages

CACHE = PROJECT / ".cache" / "external-links.json"
DAY = 24 * 60 * 60
LINK_ATTRIBUTES = {"a": "href", "img": "src", "script": "src", "link": "href",
                   "iframe": "src", "source": "src", "video": "src", "audio": "src"}
USER_AGENT = "Mozilla/5.0 (compatible; ScanPrix help link check)"


def own_address(site: Path) -> str:
    """The site's own address (site_url): the start page's canonical link without index.html."""
    canonical = soup(site / "index.html").find("link", rel="canonical")
    return canonical["href"].rsplit("/", 1)[0] + "/" if canonical else ""


def external_urls(site: Path, project: Path = PROJECT) -> dict[str, set[str]]:
    """Each external address -> the pages' source files that link to it."""
    own = own_address(site)
    urls: dict[str, set[str]] = {}
    for page in built_pages(site):
        source = source_of(rel_path(page, site), languages(project))
        for tag in soup(page).find_all(list(LINK_ATTRIBUTES)):
            url = urldefrag(tag.get(LINK_ATTRIBUTES[tag.name]) or "").url
            if url.startswith(("http://", "https://")) and not (own and url.startswith(own)):
                urls.setdefault(url, set()).add(source)
    return urls


def probe(url: str, timeout: float) -> tuple[bool, str]:
    """(works, what the server said). HEAD first; GET where a server refuses HEAD."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return True, f"{response.status} {response.reason}"
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code in (403, 405, 501):
                continue
            return False, f"{err.code} {err.reason}"
        except (urllib.error.URLError, OSError) as err:
            return False, str(getattr(err, "reason", err))
    return False, "no answer"


def load_cache(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def check(site: Path, project: Path = PROJECT, cache_path: Path = CACHE, timeout: float = 10,
          max_age: float = 7 * DAY) -> list[Finding]:
    urls = external_urls(site, project)
    cache = load_cache(cache_path)
    now = time.time()
    fresh = {url for url in urls
             if cache.get(url, {}).get("ok") and now - cache[url]["checked"] < max_age}
    to_ask = sorted(set(urls) - fresh)
    with ThreadPoolExecutor(max_workers=8) as pool:
        for url, (ok, status) in zip(to_ask, pool.map(lambda u: probe(u, timeout), to_ask)):
            cache[url] = {"ok": ok, "status": status, "checked": now}
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    return [
        Finding(source, f"external link {url} does not work ({cache[url]['status']}). Fix: "
                        "correct the address or remove the link (in data/facts.yml if it is a fact).")
        for url in sorted(urls) if not cache[url]["ok"]
        for source in sorted(urls[url])
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checks.external_links", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=PROJECT / "site", help="built site (default: site/)")
    parser.add_argument("--timeout", type=float, default=10, help="seconds per request (default 10)")
    parser.add_argument("--max-age-days", type=float, default=7, help="re-ask working addresses after this")
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args(argv)
    findings = check(args.site, cache_path=args.cache, timeout=args.timeout, max_age=args.max_age_days * DAY)
    for finding in findings:
        print(finding)
    print(f"external links: {len(findings)} problem(s); cache: {args.cache}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
