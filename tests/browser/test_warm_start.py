"""The calculators' worker starts Python from the build's memory snapshot (issue 14), and only from one
whose sha256 the lock gives (the file's, and the memory's it decodes to with the wasm's data segments): any
other snapshot is refused and Python starts the normal way.

The worker says how it started in the form's ``data-runtime-start`` ("snapshot" or "normal"); the
answer checked after each start is worked out by hand: 2000 hostings at the seed's unit price of
CHF 9.92 make CHF 19,840.00 before any reduction.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
READY_MS = 120_000  # the runtime's start, with room for a busy, shared machine
REPLY_MS = 30_000
FORM = "form[data-calculator='pricing']"
SNAPSHOT = "**/assets/runtime/calculators-snapshot.bin.gz"
LOCK = "**/assets/runtime/pyodide-lock.json"


def _flip(body: bytes) -> bytes:
    """The same bytes but 16 in the middle: same size, same name, another sha256."""
    middle = len(body) // 2
    return body[:middle] + bytes(b ^ 0xFF for b in body[middle:middle + 16]) + body[middle + 16:]


def _other_snapshot_sha256(body: bytes) -> bytes:
    lock = json.loads(body)
    lock["calculators_snapshot"]["sha256"] = "0" * 64
    return json.dumps(lock).encode()


def _other_memory_sha256(body: bytes) -> bytes:
    """The lock with another sha256 for the memory the snapshot decodes to (the file's own sha256 intact)."""
    lock = json.loads(body)
    lock["calculators_snapshot"]["memory_sha256"] = "0" * 64
    return json.dumps(lock).encode()


def _served(page, pattern: str, alter) -> list[str]:
    seen: list[str] = []

    def serve(route):
        response = route.fetch()
        seen.append(route.request.url)
        route.fulfill(response=response, body=alter(response.body()))

    page.route(pattern, serve)
    return seen


def _ready_and_computing(page) -> str:
    """Wait for the form to be ready, compute 2000 hostings; return how the worker started."""
    form = page.locator(FORM)
    expect(form).to_have_attribute("data-state", "ready", timeout=READY_MS)
    quantity = form.locator("input[name='quantity']")
    quantity.fill("2000")
    expect(form.locator("output[name='normal_total']").first).to_have_attribute("data-value", "19840.00", timeout=REPLY_MS)
    return form.get_attribute("data-runtime-start")


def test_the_worker_starts_from_the_snapshot_without_the_standard_library_archive(page, site_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}/calculators/pricing/")
    assert _ready_and_computing(page) == "snapshot"
    runtime = [url.rsplit("/", 1)[-1] for url in requested if "/assets/runtime/" in url]
    assert "calculators-snapshot.bin.gz" in runtime
    assert "python_stdlib.zip" not in runtime, "the snapshot start downloaded the standard library archive"


def test_a_second_visit_starts_from_the_snapshot_too(page, site_url):
    page.goto(f"{site_url}/calculators/pricing/")
    assert _ready_and_computing(page) == "snapshot"
    page.goto(f"{site_url}/en/calculators/pricing/")
    assert _ready_and_computing(page) == "snapshot"


@pytest.mark.parametrize(("pattern", "alter"), [(SNAPSHOT, _flip), (LOCK, _other_snapshot_sha256), (LOCK, _other_memory_sha256)],
                         ids=["snapshot", "lock", "decoded-memory"])
def test_a_snapshot_other_than_the_locks_is_refused_and_python_starts_normally(page, site_url, pattern, alter):
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    altered = _served(page, pattern, alter)
    page.goto(f"{site_url}/calculators/pricing/")
    assert _ready_and_computing(page) == "normal"
    assert altered, "the altered file was never requested"
    assert any("runtime snapshot refused" in m and "sha256" in m for m in console), console


def test_without_the_snapshot_python_starts_normally(page, site_url):
    page.route(SNAPSHOT, lambda route: route.abort())
    page.goto(f"{site_url}/calculators/pricing/")
    assert _ready_and_computing(page) == "normal"
