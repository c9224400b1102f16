"""A tampered calculators wheel or lock file is refused by the worker; the page keeps its prerendered result and says so.

The worker first tries the build's memory snapshot (tests/browser/test_warm_start.py): it checks the
wheel against the lock there too, so a tampered wheel or lock sends it to the normal start, where
Pyodide refuses the wheel in its own words. The snapshot itself is intact in these tests.
"""

from __future__ import annotations

import itertools
import json
from html.parser import HTMLParser

import pytest
from playwright.sync_api import expect

from scripts.sources.loader import load
from scripts.sources.tree import CALCULATORS, LANGUAGES, REFERENCE, Tree

pytestmark = pytest.mark.browser
READY_MS = 120_000  # the runtime's start (or refusal), with room for a busy, shared machine

# One input per calculator whose change would give a different result if Python ran.
CHANGES = {"pricing": ("fill", "quantity", "10"), "eligibility": ("fill", "annual_volume", "5000"), "access": ("select", "orderer", "client")}


def _flip_wheel(body: bytes) -> bytes:
    """The same wheel with bytes flipped in its middle: same size, same name, another sha256."""
    middle = len(body) // 2
    return body[:middle] + bytes(b ^ 0xFF for b in body[middle:middle + 16]) + body[middle + 16:]


def _wrong_sha256(body: bytes) -> bytes:
    """The lock file with another sha256 for the calculators wheel."""
    lock = json.loads(body)
    lock["packages"]["calculators"]["sha256"] = "0" * 64
    return json.dumps(lock).encode()


TAMPER = {"wheel": ("**/assets/runtime/calculators-*.whl", _flip_wheel), "lock": ("**/assets/runtime/pyodide-lock.json", _wrong_sha256)}
SNAPSHOT = "**/assets/runtime/calculators-snapshot.bin.gz"
CASES = [(tamper, lang, name) for tamper in TAMPER for lang, name in zip(LANGUAGES, itertools.cycle(CALCULATORS), strict=False)]


class _Outputs(HTMLParser):
    """name -> (data-value, text) of every <output> in a page, as the build wrote it."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.outputs: dict[str, tuple[str, str]] = {}
        self._current: tuple[str, str] | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "output":
            attributes = dict(attrs)
            self._current, self._text = (attributes["name"], attributes.get("data-value") or ""), []

    def handle_data(self, data):
        if self._current:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "output" and self._current:
            name, value = self._current
            self.outputs.setdefault(name, (value, "".join(self._text)))
            self._current = None


def _shown(form) -> dict[str, tuple[str, str]]:
    pairs = form.evaluate("f => [...f.querySelectorAll('output')].map(o => [o.getAttribute('name'), o.dataset.value, o.textContent])")
    shown: dict[str, tuple[str, str]] = {}
    for name, value, text in pairs:
        shown.setdefault(name, (value or "", text))
    return shown


@pytest.mark.parametrize(("tamper", "lang", "name"), CASES, ids=[f"{t}-{lang}-{n}" for t, lang, n in CASES])
def test_a_tampered_runtime_is_refused_and_the_prerendered_result_stays(page, site_url, built_site, tamper, lang, name):
    pattern, alter = TAMPER[tamper]
    tampered = []

    def serve_tampered(route):
        response = route.fetch()
        tampered.append(route.request.url)
        route.fulfill(response=response, body=alter(response.body()))

    page.route(pattern, serve_tampered)
    console = []
    page.on("console", lambda m: console.append(m.text))
    folder = built_site if lang == REFERENCE else built_site / lang
    prerendered = _Outputs((folder / "calculators" / name / "index.html").read_text(encoding="utf-8")).outputs
    status_error = load(Tree().calculator_source(lang, name), "calculator").data["status"]["error"]

    page.goto(f"{site_url}/calculators/{name}/" if lang == REFERENCE else f"{site_url}/{lang}/calculators/{name}/")
    form = page.locator(f'form[data-calculator="{name}"]')
    expect(form).to_have_attribute("data-state", "error", timeout=READY_MS)
    assert tampered, "the tampered file was never requested"
    # Pyodide's own words: the wheel's fetch failed its integrity check (Chromium says "Failed to fetch").
    assert any("error occurred while loading calculators" in m for m in console), console
    expect(form.locator(".kb-status")).to_have_text(status_error)
    assert _shown(form) == prerendered

    # A change once refused: the page takes it (and marks the result out of date), asks nothing of Python
    # (a computation would put the inputs in the URL), and keeps the prerendered result.
    address = page.url
    how, field, value = CHANGES[name]
    control = form.locator(f'[name="{field}"]')
    control.fill(value) if how == "fill" else control.select_option(value)
    expect(form).to_have_attribute("data-touched", "true")
    assert page.url == address, "the page computed although Python was refused"
    assert _shown(form) == prerendered, "a result appeared although Python was refused"
    assert form.get_attribute("data-state") == "error"


def test_the_untouched_files_through_the_same_route_are_accepted(page, site_url):
    """The control: the interception itself does not break the runtime."""
    fetched = []

    def serve(route):
        fetched.append(route.request.url)
        route.fulfill(response=route.fetch())

    for pattern in [*(pattern for pattern, _ in TAMPER.values()), SNAPSHOT]:
        page.route(pattern, serve)
    page.goto(f"{site_url}/calculators/pricing/")
    form = page.locator('form[data-calculator="pricing"]')
    expect(form).to_have_attribute("data-state", "ready", timeout=READY_MS)
    expect(form).to_have_attribute("data-runtime-start", "snapshot")
    assert len(fetched) == 3, fetched
