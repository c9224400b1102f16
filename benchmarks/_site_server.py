"""A built site served on a free loopback port as the README's server answers it (benchmarks and tests alike).

``serve_folder(site)`` is a context manager that serves ``site`` from a thread and gives its address
(``http://127.0.0.1:PORT``, no trailing slash); the server stops when the block ends. ``SiteHandler``
answers as the deployed server does: every ``*/sitemap.xml`` is the root one (Material's language
selector asks for one next to each page), and a missing page under ``/<lang>/`` is that language's
``404.html`` (fr's elsewhere) with status 404. Subclass it to add headers or routes (tests/browser/test_csp.py,
benchmarks/calculators.py's gzip and byte count); ``handler`` may be a ``functools.partial`` of one that takes
more arguments. The tests' ``site_url`` fixture (tests/conftest.py) is this server on the session's build.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from scripts.sources.tree import LANGUAGES, REFERENCE


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files of a built site, with the deployed server's sitemap and 404 answers; logs nothing."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def translate_path(self, path):
        if urlsplit(path).path.endswith("/sitemap.xml"):
            path = "/sitemap.xml"
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        first = urlsplit(self.path).path.strip("/").split("/")[0]
        folder = Path(self.directory) / (first if first in LANGUAGES and first != REFERENCE else "")
        body = (folder / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a page left before the calculators' runtime finished downloading


@contextmanager
def serve_folder(site: Path, handler: Callable[..., SiteHandler] = SiteHandler) -> Iterator[str]:
    """Serve ``site`` with ``handler`` on a free loopback port for the block; its address."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
