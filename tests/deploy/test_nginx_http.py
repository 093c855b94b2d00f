"""The site served by nginx with the generated configuration: status codes, headers, 404s, help IDs."""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.client
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from scripts import nginx_config
from helpsite.built_site import built_pages, is_help_id_redirect

pytestmark = pytest.mark.server

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")
YEAR = 365 * 24 * 3600


def get(origin: str, path: str, gzip_ok: bool = False):
    """(status, headers as a dict with lower-case names, raw body); follows no redirect."""
    connection = http.client.HTTPConnection(urlsplit(origin).netloc, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@functools.cache
def expected_security_headers(site_dir):
    """The headers every response carries (the CSP reads every built page: once per site)."""
    return {
        "content-security-policy": nginx_config.content_security_policy(site_dir),
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
    }


def assert_security_headers(headers, site_dir, what):
    for name, value in expected_security_headers(site_dir).items():
        assert headers.get(name) == value, f"{what}: {name} is {headers.get(name)!r}"
    assert "camera=()" in headers.get("permissions-policy", ""), what
    assert "strict-transport-security" not in headers, f"{what}: HSTS over plain HTTP"


def address(page, site_dir) -> str:
    """The address a reader uses: help-ID pages as folders (/go/<id>/)."""
    rel = page.relative_to(site_dir).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("/index.html") else rel)


def test_every_page_answers_200_as_utf8_html_with_security_headers(nginx_site, langs):
    origin, site_dir, _ = nginx_site
    # Not the 404 pages, nor the help-ID pages: nginx answers their addresses with a redirect.
    pages = [p for p in built_pages(site_dir) if p.name != "404.html"
             and not is_help_id_redirect(p.relative_to(site_dir).as_posix(), langs)]
    assert len(pages) > 10
    for page in pages:
        path = address(page, site_dir)
        status, headers, body = get(origin, path)
        assert status == 200, path
        assert headers["content-type"] == "text/html; charset=utf-8", path
        assert body == page.read_bytes(), path
        assert_security_headers(headers, site_dir, path)


def test_every_kind_of_response_carries_the_security_headers(nginx_site):
    origin, site_dir, _ = nginx_site
    bundle = next(site_dir.glob("assets/javascripts/bundle.*.min.js")).relative_to(site_dir)
    for path, status in ((f"/{bundle.as_posix()}", 200), ("/assets/stylesheets/site.css", 200),
                         ("/search/search_index.json", 200), ("/favicon.ico", 200),
                         ("/no-such-page.html", 404), ("/en/no-such-page.html", 404),
                         ("/go/help", 302), ("/en/go/help/", 302), ("/en", 301)):
        got, headers, _ = get(origin, path)
        assert got == status, path
        assert_security_headers(headers, site_dir, path)


@pytest.mark.parametrize("path, lang", [
    ("/no-such-page.html", "de"), ("/alte/seite/", "de"), ("/go/no-such-id/", "de"), ("/go/", "de"),
    ("/en/no-such-page.html", "en"), ("/en/old/page/", "en"), ("/en/go/no-such-id/", "en"), ("/en/go/", "en"),
    ("/.env", "de"),
])
def test_unknown_addresses_get_the_404_page_of_their_language(nginx_site, path, lang):
    origin, site_dir, _ = nginx_site
    status, headers, body = get(origin, path)
    assert status == 404, path
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert BeautifulSoup(body, "lxml").html["lang"] == lang, path
    assert body == (site_dir / ("en/404.html" if lang == "en" else "404.html")).read_bytes()


@functools.cache
def target_ids(origin: str, path: str) -> tuple[int, frozenset[str]]:
    """Status of a page over HTTP and the IDs in it (each target page fetched once)."""
    status, _, html = get(origin, path)
    return status, frozenset(tag["id"] for tag in BeautifulSoup(html, "lxml").find_all(id=True))


def test_help_id_addresses_redirect_once_to_the_target_with_and_without_the_trailing_slash(nginx_site):
    """One hop from the program's click to the page: nginx's own redirect, generated from
    help-ids.json, to the target the build's redirect page names (the page stays for file://)."""
    origin, site_dir, _ = nginx_site
    go_pages = sorted(site_dir.glob("go/*/index.html")) + sorted(site_dir.glob("en/go/*/index.html"))
    assert go_pages, "no help-ID pages built"
    for page in go_pages:
        path = address(page, site_dir)
        named = urljoin(path, BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("a")["href"])
        for asked in (path, path.rstrip("/")):
            status, headers, _ = get(origin, asked)
            # Relative Location: correct behind a proxy or on another port.
            assert (status, headers["location"]) == (302, named), asked
        # The page it leads to answers, and has the heading it names.
        status, ids = target_ids(origin, urlsplit(named).path)
        assert status == 200, f"{path} leads to {named}, which answers {status}"
        anchor = urlsplit(named).fragment
        assert not anchor or anchor in ids, f"{path}: {named} has no #{anchor}"


def test_cache_lifetimes_long_for_fingerprinted_assets_short_for_the_rest(nginx_site):
    origin, site_dir, _ = nginx_site
    fingerprinted = [p for p in (site_dir / "assets").rglob("*") if FINGERPRINTED.search(p.name)]
    start_page = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    referenced = [script["src"] for script in start_page.select("script[src$='.min.js']")]
    assert referenced and all(FINGERPRINTED.search(src) for src in referenced), referenced
    for asset in fingerprinted:
        _, headers, _ = get(origin, "/" + asset.relative_to(site_dir).as_posix())
        assert headers["cache-control"] == f"public, max-age={YEAR}, immutable", asset
    for path in ("/assets/favicon.svg", "/assets/javascripts/lunr/min/lunr.de.min.js"):
        _, headers, _ = get(origin, path)
        max_age = int(re.search(r"max-age=(\d+)", headers["cache-control"]).group(1))
        assert max_age <= 3600 and "immutable" not in headers["cache-control"], path
    # Material's stylesheet, reduced to the rules the pages use, is named by its own content.
    stylesheet = start_page.select_one("link[rel=stylesheet][href*='main.']")["href"]
    reduced = (site_dir / stylesheet).read_bytes()
    assert hashlib.sha256(reduced).hexdigest()[:8] in stylesheet, stylesheet
    assert f"/{stylesheet}" in ["/" + p.relative_to(site_dir).as_posix() for p in fingerprinted]
    for path in ("/", "/install.html", "/en/install.html", "/go/help/", "/search/search_index.json",
                 "/en/search/search_index.json", "/sitemap.xml", "/no-such-page.html"):
        _, headers, _ = get(origin, path)
        assert headers["cache-control"] == "no-cache", path


def test_text_is_sent_gzipped_to_browsers_that_accept_it(nginx_site):
    origin, site_dir, _ = nginx_site
    bundle = next(site_dir.glob("assets/stylesheets/main.*.min.css")).relative_to(site_dir).as_posix()
    for path, file in (("/install.html", "install.html"), (f"/{bundle}", bundle),
                       ("/en/search/search_index.json", "en/search/search_index.json"),
                       ("/assets/javascripts/lunr/min/lunr.de.min.js", "assets/javascripts/lunr/min/lunr.de.min.js"),
                       ("/sitemap.xml", "sitemap.xml")):
        _, headers, body = get(origin, path, gzip_ok=True)
        assert headers.get("content-encoding") == "gzip", path
        assert "Accept-Encoding" in headers.get("vary", ""), path
        assert gzip.decompress(body) == (site_dir / file).read_bytes(), path
        _, headers, body = get(origin, path)
        assert "content-encoding" not in headers and body == (site_dir / file).read_bytes(), path


def test_server_does_not_tell_its_version(nginx_site):
    origin, _, _ = nginx_site
    assert get(origin, "/")[1]["server"] == "nginx"
