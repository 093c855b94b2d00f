"""External links (make check-external): which addresses are collected, and the cache.
Against a server on 127.0.0.1, so no internet is needed."""

from __future__ import annotations

import http.server
import json
import threading

import pytest

from checks import external_links


class FakeWorld(http.server.BaseHTTPRequestHandler):
    """/ok answers, /gone is missing, /no-head refuses HEAD but answers GET."""

    requests: list[str] = []

    def log_message(self, *args):
        pass

    def answer(self):
        FakeWorld.requests.append(f"{self.command} {self.path}")
        code = 200 if self.path == "/ok" or (self.path == "/no-head" and self.command == "GET") else (
            405 if self.path == "/no-head" else 404)
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = answer


@pytest.fixture
def world():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeWorld)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FakeWorld.requests = []
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def page(links: str) -> str:
    return ('<!doctype html><html><head><link rel="canonical" href="https://help.example/index.html">'
            f"</head><body>{links}</body></html>")


@pytest.fixture
def site(tmp_path, world):
    _, origin = world
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text(page(
        f'<a href="{origin}/ok#part">ok</a> <a href="{origin}/gone">gone</a> '
        f'<img alt="x" src="{origin}/no-head"> <a href="https://help.example/install.html">own</a> '
        '<a href="mailto:a@b.example">mail</a> <a href="install.html">internal</a>'), encoding="utf-8")
    (site / "en" / "index.html").write_text(page(f'<a href="{origin}/gone">gone</a>'), encoding="utf-8")
    return site


def test_collects_external_addresses_only_with_their_source_files(site, world):
    _, origin = world
    assert external_links.external_urls(site) == {
        f"{origin}/ok": {"docs/index.de.md"},
        f"{origin}/gone": {"docs/index.de.md", "docs/index.en.md"},
        f"{origin}/no-head": {"docs/index.de.md"},
    }


def test_broken_address_is_reported_for_each_page_and_cached(site, world, tmp_path):
    server, origin = world
    cache = tmp_path / "cache.json"
    findings = external_links.check(site, cache_path=cache, timeout=5)
    assert [(f.file, f.message.split(" does")[0]) for f in findings] == [
        ("docs/index.de.md", f"external link {origin}/gone"),
        ("docs/index.en.md", f"external link {origin}/gone"),
    ]
    assert "(404 Not Found). Fix:" in findings[0].message
    assert "GET /no-head" in FakeWorld.requests  # asked again with GET after HEAD was refused
    stored = json.loads(cache.read_text(encoding="utf-8"))
    assert stored[f"{origin}/ok"]["ok"] and stored[f"{origin}/no-head"]["ok"]
    assert not stored[f"{origin}/gone"]["ok"]

    # Second run: working addresses come from the cache, failing ones are asked again.
    FakeWorld.requests = []
    findings = external_links.check(site, cache_path=cache, timeout=5)
    assert FakeWorld.requests == ["HEAD /gone"]
    assert len(findings) == 2

    # Past max_age the cache is not trusted: with the server gone, every address fails.
    server.shutdown()
    server.server_close()
    findings = external_links.check(site, cache_path=cache, timeout=5, max_age=0)
    assert {f.message.split(" ")[2] for f in findings} == {f"{origin}/ok", f"{origin}/gone", f"{origin}/no-head"}
