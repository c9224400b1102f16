"""The site works under its own Content-Security-Policy (site/_headers), with zero violations.

The built site is served with the headers of ``site/_headers`` on every
response (the Pyodide worker gets the policy from its own response, as on a
real host). Violations are collected three ways: ``securitypolicyviolation``
events in the page, console messages, and the reports the browser posts to a
``report-uri`` the test server adds (the only way to hear about a violation
inside a Web Worker).
"""

from __future__ import annotations

import json
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from benchmarks._site_server import SiteHandler, serve_folder
from scripts.site import headers
from scripts.sources.tree import CALCULATORS, LANGUAGES, REFERENCE

pytestmark = pytest.mark.browser

REPORTS = "/__csp-report"
READY_MS = 120_000  # the runtime's first start, with room for a busy, shared machine
WAIT_S = 60  # for a report or a new result to arrive
# A violation of our own, made last: once it is reported, the reports posted before it are in too.
SENTINEL = "csp-sentinel.invalid"
COLLECT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""
# One input change per calculator that changes its result (the defaults are in calculators.api).
CHANGES = {
    "pricing": ("fill", "quantity", "10"),
    "eligibility": ("fill", "annual_volume", "5000"),
    "access": ("select", "orderer", "client"),
}


class _PolicyHandler(SiteHandler):
    """Serves the site (404 pages per language) with the headers of its ``_headers`` file, and collects CSP reports."""

    rules: list = []
    reports: list = []

    def end_headers(self):
        for name, value in headers.for_path(self.rules, urlsplit(self.path).path).items():
            if name == "Content-Security-Policy":
                value += f"; report-uri {REPORTS}"
            self.send_header(name, value)
        super().end_headers()

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if urlsplit(self.path).path == REPORTS:
            report = json.loads(body or b"{}").get("csp-report", {})
            self.reports.append(f"{report.get('effective-directive')} blocked {report.get('blocked-uri')} on {report.get('document-uri')}")
        self.send_response(204)
        self.end_headers()


@pytest.fixture(scope="module")
def server(built_site):
    handler = type("Handler", (_PolicyHandler,), {
        "rules": headers.parse((built_site / "_headers").read_text(encoding="utf-8")), "reports": [],
    })  # fmt: skip
    with serve_folder(built_site, handler) as address:
        yield SimpleNamespace(url=address, reports=handler.reports)


@pytest.fixture(scope="module")
def context(browser, server):
    """One browser context for the module, so the runtime is fetched once and then cached as the headers say."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT)
    yield context
    context.close()


def url(server, lang: str, path: str) -> str:
    return f"{server.url}/{path}" if lang == REFERENCE else f"{server.url}/{lang}/{path}"


def poll(page, condition, what: str) -> None:
    """Wait until ``condition()`` holds, checked from Python: a wait_for_function predicate is eval'd in the
    page, which the policy forbids."""
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what} after {WAIT_S} s"
        page.wait_for_timeout(100)


def violations_while(context, server, address: str, act) -> list[str]:
    """Open ``address``, run ``act(page)``, and return every CSP violation seen meanwhile."""
    server.reports.clear()
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto(address)
        act(page)
        page.wait_for_load_state("networkidle")
        # Reports are posted asynchronously: wait for the sentinel's on every channel.
        page.evaluate("host => { new Image().src = `http://${host}/flush.png`; }", SENTINEL)
        channels = (lambda: page.evaluate("window.__csp"), lambda: console, lambda: server.reports)
        poll(page, lambda: all(any(SENTINEL in v for v in channel()) for channel in channels), "the sentinel's reports")
        return [v for channel in channels for v in channel() if SENTINEL not in v]
    finally:
        page.close()


def _tabs(page):
    page.locator(".tabbed-labels label").nth(1).click()
    assert page.locator(".tabbed-block").nth(1).is_visible()


def _search(page):
    page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("Acronis", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=WAIT_S * 1000)


def _has_heading(page):
    assert page.locator("h1").count() == 1


PAGES = {
    "home": ("", _has_heading),
    "guide-with-tabs": ("guides/end-a-partnership/", _tabs),
    "guide-index": ("guides/", _has_heading),
    "glossary": ("glossary/", _has_heading),
    "search": ("", _search),
    "not-found": ("no/such/page/", lambda page: page.locator(".md-content h1").wait_for()),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PAGES)
def test_every_page_kind_runs_without_a_policy_violation(context, server, kind, lang):
    path, act = PAGES[kind]
    assert violations_while(context, server, url(server, lang, path), act) == []


def _outputs(form) -> str:
    return form.evaluate("f => [...f.querySelectorAll('output')].map(o => o.dataset.value).join('|')")


def _recomputes(name: str):
    def act(page):
        form = page.locator(f'form[data-calculator="{name}"]')
        expect(form).to_have_attribute("data-state", "ready", timeout=READY_MS)
        before = _outputs(form)
        how, field, value = CHANGES[name]
        control = form.locator(f'[name="{field}"]')
        control.fill(value) if how == "fill" else control.select_option(value)
        poll(page, lambda: _outputs(form) != before, "a new result")
        assert form.get_attribute("data-state") == "ready"

    return act


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CALCULATORS)
def test_every_calculator_loads_and_recomputes_without_a_policy_violation(context, server, name, lang):
    assert violations_while(context, server, url(server, lang, f"calculators/{name}/"), _recomputes(name)) == []


def test_the_collector_does_see_violations(browser, server):
    """Without the inline scripts' hashes, Material's inline scripts are blocked and every channel says so."""
    context = browser.new_context()
    context.add_init_script(COLLECT)

    def without_hashes(route):
        response = route.fetch()
        policy = " ".join(word for word in response.headers["content-security-policy"].split(" ") if "sha256-" not in word)
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    context.route(f"{server.url}/", without_hashes)
    try:
        seen = violations_while(context, server, f"{server.url}/", _has_heading)
    finally:
        context.close()
    assert any(v.startswith("script-src") and " at " in v for v in seen), seen  # the page's event
    assert any(v.startswith("script-src") and " on " in v for v in seen), seen  # the posted report
    assert any("Content Security Policy" in v for v in seen), seen  # the console


# --- The headers file itself --------------------------------------------------


def _policy(built_site) -> dict[str, list[str]]:
    rules = headers.parse((built_site / "_headers").read_text(encoding="utf-8"))
    policy = headers.for_path(rules, "/")["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_the_policy_is_strict(built_site):
    """Scripts from the site, WebAssembly compilation and hashed inline scripts only; nothing eval'd, no plugin."""
    policy = _policy(built_site)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["worker-src"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    script = policy["script-src"]
    assert script[:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(s.startswith("'sha256-") for s in script[2:])
    assert "'unsafe-eval'" not in script and "'unsafe-inline'" not in script
    assert "style-src" not in policy  # default-src 'self': Material needs no inline style either


def test_every_inline_script_of_every_page_is_hashed_in_the_policy(built_site):
    script_src = set(_policy(built_site)["script-src"])
    for page in built_site.rglob("*.html"):
        for script in headers.inline_scripts(page.read_text(encoding="utf-8")):
            assert headers.script_hash(script) in script_src, page


def test_the_runtime_is_cached_and_the_lock_always_revalidated(built_site):
    rules = headers.parse((built_site / "_headers").read_text(encoding="utf-8"))
    core = headers.for_path(rules, "/assets/runtime/pyodide.asm.wasm")["Cache-Control"]
    assert core.startswith("public, max-age=") and int(core.rpartition("=")[2]) > 0, core
    assert headers.for_path(rules, "/assets/runtime/pyodide-lock.json")["Cache-Control"] == "no-cache"
    wheel = next((built_site / "assets" / "runtime").glob("calculators-*.whl")).name
    assert headers.for_path(rules, f"/assets/runtime/{wheel}")["Cache-Control"] == "no-cache"
    assert headers.for_path(rules, "/en/guides/")["X-Content-Type-Options"] == "nosniff"
    assert "Cache-Control" not in headers.for_path(rules, "/index.html")


def test_nginx_lines_repeat_the_security_headers_in_each_location(built_site):
    rules = headers.parse((built_site / "_headers").read_text(encoding="utf-8"))
    text = headers.nginx(rules)
    policy = headers.for_path(rules, "/")["Content-Security-Policy"]
    assert text.count(f'add_header Content-Security-Policy "{policy}" always;') == len(rules)
    assert "location = /assets/runtime/pyodide-lock.json {" in text


def test_inline_script_hashes_are_those_chromium_expects():
    """sha256 of the script's exact text, base64 (the CSP spec's example)."""
    assert headers.script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert headers.inline_scripts('<script>a()</script><script type="application/json">{}</script><script src="x.js"></script>') == ["a()"]
