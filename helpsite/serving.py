"""The built site on 127.0.0.1, answering like the production server (404 page per language)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from pathlib import Path

from helpsite.built_site import NOT_FOUND
from helpsite.project import PROJECT, languages


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like the production server: misses get the 404 page of their language."""

    langs = languages(PROJECT)

    def log_message(self, *args):  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        lang = self.langs.of_path(self.path.lstrip("/"))
        body = (Path(self.directory) / self.langs.root(lang) / NOT_FOUND).read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client hung up early (LinkChecker stops reading files it does not parse)
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path, port: int | None = None, handler_class: type = SiteHandler):
    """Serve site_dir on 127.0.0.1 in a thread; yields the origin ('http://127.0.0.1:PORT')."""
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = SiteServer(("127.0.0.1", port or 0), handler)
    # Checks for shutdown every 50 ms, not every 500 (the default): a check run or a test
    # that serves a site waits that long when it stops the server.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
