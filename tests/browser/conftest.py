"""Playwright for Python driving Debian's chromium (never `playwright install`), and the servers it visits.

``site_url`` serves the built site with Python's http.server, answering every
``*/sitemap.xml`` with the root sitemap as the README's server configuration does
(Material's language selector asks for one next to each page). ``nginx_url``
serves it the way the README deploys it: Debian's nginx on the configuration
``make preview`` runs (scripts/site/preview.py).
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from benchmarks._net import free_port
from scripts.site import preview
from tests.conftest import _QuietHandler

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records every request leaving the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.foreign_requests = []
    page.on("request", lambda r: None if r.url.startswith((site_url, "data:", "blob:")) else page.foreign_requests.append(r.url))
    yield page
    context.close()


class _SitemapHandler(_QuietHandler):
    """Every ``*/sitemap.xml`` is the root sitemap (README, "Deploying": Material's selector fetches them)."""

    def translate_path(self, path):
        if urlsplit(path).path.endswith("/sitemap.xml"):
            path = "/sitemap.xml"
        return super().translate_path(path)


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on a free loopback port (overrides tests/conftest.py's: sitemap.xml as in the README)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SitemapHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


NGINX_START_S = 30


@pytest.fixture(scope="session")
def nginx_url(built_site, tmp_path_factory) -> str:
    """The built site (the session's temporary copy) served by nginx with ``make preview``'s configuration."""
    folder = tmp_path_factory.mktemp("preview")
    port = free_port()
    conf = preview.write_config(built_site, port, folder)
    url = f"http://127.0.0.1:{port}"
    process = preview.start(conf, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + NGINX_START_S
        while True:
            assert process.poll() is None, f"nginx stopped: {(folder / 'error.log').read_text(encoding='utf-8')}"
            try:
                urllib.request.urlopen(f"{url}/", timeout=5).close()  # noqa: S310 - our loopback server
                break
            except OSError:
                assert time.monotonic() < deadline, f"nginx not answering after {NGINX_START_S} s"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
