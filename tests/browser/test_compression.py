"""nginx as README's "Deploying" configures it sends the runtime's gzip copies, and the calculators start from them.

The build writes ``pyodide.asm.wasm.gz`` (and the two scripts') beside each file (scripts/site/runtime.py);
``gzip_static`` sends such a copy with ``Content-Encoding: gzip`` to a client that accepts gzip, the file
itself to one that does not. The snapshot, gzip-compressed by the build and gunzipped by the worker, goes
as it is: compressing it again would only cost time. Expected bytes are the files on disk, read here.
"""

from __future__ import annotations

import gzip
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
READY_MS = 120_000  # the runtime's start, with room for a busy, shared machine
RUNTIME = "assets/runtime"


def _get(url: str, accept: str | None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept} if accept else {})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our loopback server
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


@pytest.mark.parametrize(("name", "kind"), [("pyodide.asm.wasm", "application/wasm"), ("pyodide.asm.mjs", "text/javascript"),
                                            ("pyodide.mjs", "text/javascript")])
def test_nginx_sends_the_gzip_copy_of_a_core_file_to_a_browser_that_accepts_gzip(nginx_url, built_site, name, kind):
    original = (built_site / RUNTIME / name).read_bytes()
    headers, body = _get(f"{nginx_url}/{RUNTIME}/{name}", "gzip, deflate, br")
    assert headers.get("content-encoding") == "gzip"
    assert headers["content-type"].startswith(kind)
    assert "Accept-Encoding" in headers.get("vary", "")
    assert body == (built_site / RUNTIME / f"{name}.gz").read_bytes()
    assert gzip.decompress(body) == original
    assert len(body) < len(original)


def test_nginx_sends_the_file_itself_to_a_client_that_does_not_accept_gzip(nginx_url, built_site):
    headers, body = _get(f"{nginx_url}/{RUNTIME}/pyodide.asm.wasm", None)
    assert "content-encoding" not in headers
    assert body == (built_site / RUNTIME / "pyodide.asm.wasm").read_bytes()


@pytest.mark.parametrize("name", ["calculators-snapshot.bin.gz", "python_stdlib.zip"])
def test_nginx_does_not_compress_what_is_compressed_already(nginx_url, built_site, name):
    headers, body = _get(f"{nginx_url}/{RUNTIME}/{name}", "gzip")
    assert "content-encoding" not in headers
    assert body == (built_site / RUNTIME / name).read_bytes()


def test_the_calculator_starts_from_the_snapshot_through_nginx_with_compressed_core_files(browser, nginx_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        encodings: dict[str, str | None] = {}
        page.on("response", lambda r: encodings.__setitem__(r.url.rsplit("/", 1)[-1], r.headers.get("content-encoding")))
        page.goto(f"{nginx_url}/calculators/pricing/")
        form = page.locator("form[data-calculator='pricing']")
        expect(form).to_have_attribute("data-state", "ready", timeout=READY_MS)
        assert form.get_attribute("data-runtime-start") == "snapshot"
    finally:
        context.close()
    # The worker's requests (Chromium reports a dedicated worker's requests to its page).
    assert encodings["pyodide.asm.wasm"] == "gzip"
    assert encodings["pyodide.asm.mjs"] == "gzip"
    assert encodings["calculators-snapshot.bin.gz"] is None
    assert "python_stdlib.zip" not in encodings
