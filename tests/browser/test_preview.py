"""The site as the README tells people to deploy it: nginx with `make preview`'s configuration.

A temporary copy of the built site (``built_site``) is served by Debian's nginx
on the configuration of scripts/site/preview.py (``nginx_url``), the same
``server`` block README's "Deploying" shows. Against it: the headers on pages
and on the runtime, a 404 page per language, the pricing calculator under the
site's own policy, and not one console error on any kind of page in any language.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from scripts.site import headers, preview
from scripts.sources.tree import LANGUAGES, REFERENCE, ROOT

pytestmark = pytest.mark.browser

READY_MS = 120_000  # the runtime's first start, on a busy shared machine
GUIDE = "add-a-client"


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of a GET, 4xx/5xx included."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - our loopback server
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def address(base: str, lang: str, path: str) -> str:
    return f"{base}/{path}" if lang == REFERENCE else f"{base}/{lang}/{path}"


# --- The configuration is the README's ------------------------------------------


def test_the_readme_shows_the_server_block_make_preview_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```nginx\n(server \{.*?\n\})\n```", readme, re.DOTALL)
    assert blocks == [preview.server_block("/srv/kb/site").rstrip("\n")]


def test_the_configuration_stays_in_its_folder(built_site, tmp_path):
    conf = preview.write_config(built_site, 8081, tmp_path)
    text = conf.read_text(encoding="utf-8")
    assert "listen 127.0.0.1:8081;" in text and f"root {built_site.resolve()};" in text
    assert "/var/" not in text and "/etc/" not in text  # pid, logs and temporary files under tmp_path
    assert (tmp_path / preview.HEADERS_INCLUDE).read_text(encoding="utf-8") == headers.nginx(headers.rules(built_site))


# --- Headers, MIME types, 404 pages ---------------------------------------------


@pytest.mark.parametrize("path", ["/", "/de/", f"/en/guides/{GUIDE}/", "/assets/javascripts/calculator-worker.mjs",
                                  "/assets/runtime/pyodide.mjs", "/assets/runtime/pyodide.asm.wasm"])  # fmt: skip
def test_every_response_has_the_policy_and_nosniff(nginx_url, built_site, path):
    status, sent, _ = fetch(nginx_url + path)
    assert status == 200
    expected = headers.for_path(headers.rules(built_site), path)
    assert sent["content-security-policy"] == expected["Content-Security-Policy"]
    assert sent["x-content-type-options"] == "nosniff"
    assert sent["referrer-policy"] == "same-origin"
    if "Cache-Control" in expected:
        assert sent["cache-control"] == expected["Cache-Control"]


@pytest.mark.parametrize(("path", "media_type"), [
    ("/assets/javascripts/calculator-worker.mjs", "text/javascript"),
    ("/assets/runtime/pyodide.mjs", "text/javascript"),
    ("/assets/runtime/pyodide.asm.mjs", "text/javascript"),
    ("/assets/runtime/pyodide.asm.wasm", "application/wasm"),
    ("/", "text/html"),
])  # fmt: skip
def test_the_runtime_is_served_with_its_type(nginx_url, path, media_type):
    _, sent, _ = fetch(nginx_url + path)
    assert sent["content-type"].split(";")[0] == media_type


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_missing_page_answers_404_with_its_language_page(nginx_url, lang):
    status, sent, body = fetch(address(nginx_url, lang, "no-such-page/"))
    assert status == 404
    assert f'<html lang="{lang}"' in body.decode("utf-8")
    assert sent["x-content-type-options"] == "nosniff" and "content-security-policy" in sent


@pytest.mark.parametrize("path", ["/sitemap.xml", "/de/sitemap.xml", f"/de/guides/{GUIDE}/sitemap.xml", "/calculators/pricing/sitemap.xml"])
def test_every_sitemap_next_to_a_page_is_the_root_sitemap(nginx_url, site_url, built_site, path):
    """What Material's language selector fetches, from nginx and from the tests' Python server alike."""
    root = (built_site / "sitemap.xml").read_bytes()
    for base in (nginx_url, site_url):
        status, _, body = fetch(base + path)
        assert (status, body) == (200, root), base


# --- In the browser -------------------------------------------------------------


@pytest.fixture(scope="module")
def context(browser, nginx_url):
    """One context for the module: the runtime is fetched once, then cached as the headers say."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def console_errors(context, url: str, act=None, expected_status: int = 200) -> list[str]:
    """Every console error and uncaught exception while ``url`` loads, ``act(page)`` runs and the network settles.

    A page answered with ``expected_status`` 404 logs that 404 for the document itself: that line only is expected.
    """
    page = context.new_page()
    errors: list[str] = []
    failed: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text} ({m.location.get('url')})") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != url else None)
    try:
        response = page.goto(url)
        assert response.status == expected_status, url
        if act:
            act(page)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # a last message after the network settled
    finally:
        page.close()
    if expected_status == 404:
        document = f"console: Failed to load resource: the server responded with a status of 404 (Not Found) ({url})"
        errors = [e for e in errors if e != document]
    return errors + [f"response: {f}" for f in failed]


def _calculator_ready(page):
    expect(page.locator('form[data-calculator="pricing"]')).to_have_attribute("data-state", "ready", timeout=READY_MS)


KINDS = {
    "home": ("", None, 200),
    "guide": (f"guides/{GUIDE}/", None, 200),
    "calculator": ("calculators/pricing/", _calculator_ready, 200),
    "glossary": ("glossary/", None, 200),
    "guide-index": ("guides/", None, 200),
    "not-found": ("no/such/page/", lambda page: page.locator(".md-content h1").wait_for(), 404),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_zero_console_errors_on_every_page_kind(context, nginx_url, kind, lang):
    path, act, status = KINDS[kind]
    assert console_errors(context, address(nginx_url, lang, path), act, status) == []


def test_the_pricing_calculator_is_ready_under_the_sites_policy(context, nginx_url):
    """The policy really is on: the worker and the runtime run under it, and the result comes from Python."""
    page = context.new_page()
    try:
        response = page.goto(f"{nginx_url}/en/calculators/pricing/")
        assert "'wasm-unsafe-eval'" in response.headers["content-security-policy"]
        _calculator_ready(page)
        total = page.locator('output[name="normal_total"]')
        before = total.get_attribute("data-value")
        page.locator('form[data-calculator="pricing"] [name="quantity"]').fill("10")
        expect(total).not_to_have_attribute("data-value", before, timeout=60_000)
    finally:
        page.close()


def test_the_console_collector_does_see_errors(context, nginx_url):
    """Without the sitemap rule, Material's fetches would be 404s: the collector reports such a 404."""

    def missing(page):
        page.evaluate("fetch('/de/no-such-file.json')")

    seen = console_errors(context, f"{nginx_url}/de/", missing)
    assert any("404" in e and "no-such-file.json" in e for e in seen), seen
