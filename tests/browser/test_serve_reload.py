"""make serve in Chromium: a saved source (a guide, a site.yml) reloads the open page (scripts/site/serve.py).

With the other browser tests: it uses their one Playwright session (a second sync
session cannot start while the first is open).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import expect

from tests.scripts.site.test_serve import EDIT_BOUND_S, server, set_line, set_title  # noqa: F401 - server is a fixture


@contextmanager
def live_page(browser, address: str) -> Iterator:
    """A new page at ``address``, once its live-reload script runs; closed afterwards."""
    page = browser.new_page()
    try:
        page.goto(address)
        page.wait_for_function("() => typeof livereload === 'function'", timeout=EDIT_BOUND_S * 1000)
        yield page
    finally:
        page.close()


def test_the_open_page_reloads_itself_in_a_browser(browser, server):  # noqa: F811 - the imported fixture
    """Chromium on a served page: a save makes the page show the new title, with no navigation by the test."""
    root, url = server
    with live_page(browser, f"{url}/es/guides/vat-number/") as page:
        set_title(root, "docs/es/guides/vat-number.yml", "Registrar el número de IVA (recargada)")
        # The page reloads itself: the same Page object, never navigated again by the test.
        expect(page.locator("article h1")).to_contain_text("(recargada)", timeout=EDIT_BOUND_S * 1000)


def test_a_saved_site_yml_reloads_the_open_page_of_its_language(browser, server):  # noqa: F811 - the imported fixture
    """Its language is built again whole: the open page reloads itself with the new site name (in its title)."""
    root, url = server
    with live_page(browser, f"{url}/it/guides/vat-number/") as page:
        set_line(root, "docs/it/site.yml", "site_name: ", "Il nuovo Programma Partner Infomaniak")
        expect(page).to_have_title(re.compile("Il nuovo Programma Partner Infomaniak"), timeout=EDIT_BOUND_S * 1000)
