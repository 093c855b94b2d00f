"""External links (make check-external: python -m checks.links --external, LinkChecker's
--check-extern). Against a stand-in for the internet on 127.0.0.1, so no internet is needed."""

from __future__ import annotations

import http.server
import threading

import pytest

from checks import links


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
        # As the local server does (checks/links.py): LinkChecker then does not pause between
        # requests to this one host; a real host gets the pauses, which are no finding.
        self.send_header("LinkChecker", "stand-in for the internet")
        self.end_headers()

    do_GET = do_HEAD = answer


@pytest.fixture
def world():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeWorld)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
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
    for not_found in ("404.html", "en/404.html"):  # what the local server answers a miss with
        (site / not_found).write_text(page("not found"), encoding="utf-8")
    return site


def test_broken_external_address_is_reported_for_each_page_that_links_it(site, world):
    _, origin = world
    findings = links.check_external(site)
    assert sorted((f.file, f.message.split(" does")[0]) for f in findings) == [
        ("docs/index.de.md", f"external link {origin}/gone"),
        ("docs/index.en.md", f"external link {origin}/gone"),
    ]
    assert "(404 Not Found). Fix:" in findings[0].message
    asked = {request.split()[1] for request in FakeWorld.requests}
    assert {"/ok", "/gone", "/no-head"} <= asked  # every external address, the image too
    assert all(not request.endswith("/install.html") for request in FakeWorld.requests)


def test_the_sites_own_address_mail_and_internal_links_are_not_external(site, world):
    """help.example is the site's own published address (its canonical link): not served here."""
    _, origin = world
    findings = links.check_external(site)
    assert not any("help.example" in f.message or "mailto:" in f.message for f in findings)
    # The internal link to the missing install.html is the internal check's finding, not this one's.
    assert not any("install.html" in f.message for f in findings)
    assert any("install.html" in f.message for f in links.check(site))
