"""make serve in Chromium: a saved source reloads the open page (scripts/site/serve.py).

With the other browser tests: it uses their one Playwright session (a second sync
session cannot start while the first is open).
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.scripts.site.test_serve import EDIT_BOUND_S, server, set_title  # noqa: F401 - server is a fixture


def test_the_open_page_reloads_itself_in_a_browser(browser, server):  # noqa: F811 - the imported fixture
    """Chromium on a served page: a save makes the page show the new title, with no navigation by the test."""
    root, url = server
    page = browser.new_page()
    try:
        page.goto(f"{url}/es/guides/vat-number/")
        page.wait_for_function("() => typeof livereload === 'function'", timeout=EDIT_BOUND_S * 1000)
        set_title(root, "docs/es/guides/vat-number.yml", "Registrar el número de IVA (recargada)")
        # The page reloads itself: the same Page object, never navigated again by the test.
        expect(page.locator("article h1")).to_contain_text("(recargada)", timeout=EDIT_BOUND_S * 1000)
    finally:
        page.close()
