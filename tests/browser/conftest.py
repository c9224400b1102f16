"""Playwright for Python driving Debian's chromium (never `playwright install`), and the servers it visits.

``site_url`` (tests/conftest.py) serves the built site from Python as the README's server
answers it (benchmarks/_site_server.py: every ``*/sitemap.xml`` is the root sitemap, which
Material's language selector asks for next to each page; a missing page is its language's
404 page). ``nginx_url`` serves it the way the README deploys it: Debian's nginx on the
configuration ``make preview`` runs (scripts/site/preview.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from benchmarks._chromium import ARGS, CHROMIUM
from benchmarks._net import free_port
from scripts.site import preview


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


@pytest.fixture(scope="session")
def nginx_url(built_site, tmp_path_factory) -> str:
    """The built site (the session's temporary copy) served by nginx with ``make preview``'s configuration."""
    with preview.started(built_site, free_port(), tmp_path_factory.mktemp("preview")) as url:
        yield url
