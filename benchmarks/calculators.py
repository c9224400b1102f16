"""Calculator load and response times in headless Debian chromium, against a bare Pyodide page.

Builds the site once into a temporary folder and serves it on loopback. Next to
it goes a bare page that only starts a module Web Worker loading the same
self-hosted Pyodide (``loadPyodide({indexURL})`` + ``loadPackage("calculators")``)
and says when it is ready. Then, medians of N runs:

- cold: a new browser context (empty cache), first load, navigation start to ready;
- warm: the same context, the page opened a second time;

for the pricing calculator page (``form[data-state="ready"]``) and the bare page,
runs interleaved so that a busy machine slows both alike; goals (issue 14): cold,
the page within 10 % of the bare page; warm, at most half the bare page's time.
With each load, the bytes it transferred: the response bodies the benchmark's
server sent during that load, the worker's requests included (the DevTools
protocol's ``Network.loadingFinished`` of the page does not see a worker's
requests); a response from the HTTP cache or a 304 sends none. And, for the page, how its worker
started Python (``data-runtime-start``: "snapshot" or "normal").
``--worker FILE`` puts another calculator-worker.mjs into the built site (e.g. the
previous commit's, ``git show HEAD~1:docs/assets/javascripts/calculator-worker.mjs``)
to measure it against the same build. And the input-to-result time on the ready page: from
dispatching an ``input`` event to the ``<output>``'s ``data-value`` changing
(a MutationObserver), median of M changes; goal: one frame, 16 ms. And the
longest main-thread task until the form is ready, the theme's own script time
left out (long animation frames say which script ran); goal: under 100 ms.

    python -m benchmarks.calculators [--runs 6] [--changes 50] [--loads-only] [--worker FILE]
                                     [--serve gzip|identity|both] [--without-snapshot]
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import gzip
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from benchmarks._chromium import ARGS, CHROMIUM
from benchmarks._project import copy_project
from benchmarks._site_server import SiteHandler, serve_folder

PAGE = "calculators/pricing/"
BARE = "bench-bare/"
# Under this prefix the server serves the same site but answers the snapshot with a 404.
NO_SNAPSHOT = "_without-snapshot/"
SNAPSHOT_FILE = "calculators-snapshot.bin.gz"
# nginx's `gzip_types` in the README's server block (text/html is always compressed).
GZIP_TYPES = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"}
READY_MS = 180_000
LOAD_RATIO_GOAL = {"cold": 1.10, "warm": 0.50}
FRAME_MS = 16.0
LONG_TASK_MS = 100.0
# Material's own script: it lays the page out once at start-up, with or without
# a calculator (guide pages show the same task); its time is not the calculator's.
THEME_SCRIPT = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")

# The bare page: the same runtime, the same loading calls, no theme, no form, no glue.
BARE_WORKER = """\
const runtime = new URL(self.location.href).searchParams.get("runtime");
const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
const pyodide = await loadPyodide({ indexURL: runtime, packageBaseUrl: runtime, fullStdLib: false });
await pyodide.loadPackage("calculators", { checkIntegrity: true, messageCallback: () => {} });
self.postMessage("ready");
"""
BARE_PAGE = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide worker</title></head>
<body data-state="loading">
<script type="module">
const runtime = new URL("../assets/runtime/", location.href).href;
const worker = new Worker(`worker.mjs?runtime=${encodeURIComponent(runtime)}`, { type: "module" });
worker.onmessage = () => { window.__readyAt = performance.now(); document.body.dataset.state = "ready"; };
</script>
</body></html>
"""
# On the calculator page: when the form became ready, in the page's own clock.
READY_RECORDER = """
new MutationObserver((records, observer) => {
  for (const r of records) if (r.target.getAttribute("data-state") === "ready") { window.__readyAt = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
"""
# Registered before any script of the page runs: long tasks, long animation
# frames (which say which script a long task ran) and when the form became ready.
TASK_RECORDER = """
(() => {
  const kb = (window.__kb = { longTasks: [], frames: [], readyAt: null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) kb.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      kb.frames.push({ start: e.startTime, duration: e.duration,
                       scripts: e.scripts.map((s) => ({ url: s.sourceURL, duration: s.duration })) });
  }).observe({ type: "long-animation-frame", buffered: true });
  new MutationObserver((records) => {
    for (const r of records)
      if (kb.readyAt === null && r.target.getAttribute("data-state") === "ready") kb.readyAt = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
})();
"""
# n quantity changes; each time from dispatching the input event to the output's new data-value.
INPUT_TO_RESULT = """
async (n) => {
  const input = document.querySelector("#pricing-quantity");
  const output = document.querySelector("output[name=final_total]");
  const times = [];
  for (let i = 0; i < n; i++) {
    const value = String(i % 2 ? 12 : 13);  // alternating: every change changes the result
    times.push(await new Promise((resolve) => {
      let start = 0;
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - start); });
      observer.observe(output, { attributes: true, attributeFilter: ["data-value"] });
      input.value = value;
      start = performance.now();
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }));
  }
  return times;
}
"""


class _Handler(SiteHandler):
    """The deployed server's answers (benchmarks/_site_server.py), its gzip if asked, and the bytes it sent."""

    sent = 0  # response body bytes sent since the server started (one load at a time is measured)
    _lock = threading.Lock()

    def __init__(self, *args, encode: bool = False, **kwargs):
        self.encode = encode  # gzip as the README's nginx does; else every file as it is
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        return super().translate_path(path.replace("/" + NO_SNAPSHOT, "/", 1))

    def send_head(self):
        path = self.translate_path(self.path)
        if self.path.startswith("/" + NO_SNAPSHOT) and path.endswith("/" + SNAPSHOT_FILE):
            self.send_error(404, "snapshot withheld")
            return None
        if not self.encode or "gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(path):
            return super().send_head()
        kind = self.guess_type(path)
        if os.path.isfile(path + ".gz"):  # gzip_static
            body = open(path + ".gz", "rb")  # noqa: SIM115 - closed by the base class after copyfile
        elif kind in GZIP_TYPES:  # gzip on
            with open(path, "rb") as source:
                body = io.BytesIO(gzip.compress(source.read(), compresslevel=1, mtime=0))
        else:
            return super().send_head()
        modified = os.stat(path).st_mtime
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if email.utils.parsedate_to_datetime(since).timestamp() >= int(modified):
                    body.close()
                    self.send_response(304)
                    self.end_headers()
                    return None
            except (TypeError, ValueError, IndexError, OverflowError):
                pass
        size = body.seek(0, os.SEEK_END)
        body.seek(0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(size))
        self.send_header("Last-Modified", self.date_time_string(int(modified)))
        self.end_headers()
        return body

    def copyfile(self, source, outputfile):
        before = source.tell()
        super().copyfile(source, outputfile)
        with _Handler._lock:
            _Handler.sent += source.tell() - before


def build(site: Path) -> None:
    """The strict build of a copy of the project (next to ``site``), as `make build` does it, into ``site``."""
    project = copy_project(site.parent / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode:
        raise SystemExit(f"mkdocs build failed:\n{done.stdout}{done.stderr}")
    (site / BARE).mkdir()
    (site / BARE / "index.html").write_text(BARE_PAGE, encoding="utf-8")
    (site / BARE / "worker.mjs").write_text(BARE_WORKER, encoding="utf-8")


def ready_load(context, url: str, ready_selector: str) -> tuple[float, int, str | None]:
    """Open ``url`` in a new page of ``context``: seconds from navigation start to ready, bytes
    transferred until then, and the worker's start path (the page's ``data-runtime-start``)."""
    page = context.new_page()
    sent = _Handler.sent
    try:
        page.goto(url)
        page.wait_for_selector(ready_selector, state="attached", timeout=READY_MS)
        start = page.evaluate("document.querySelector('[data-runtime-start]')?.dataset.runtimeStart ?? null")
        return page.evaluate("window.__readyAt") / 1000, _Handler.sent - sent, start
    finally:
        page.close()


def load_targets(bases: dict[str, str], without_snapshot: bool) -> dict[str, tuple[str, str]]:
    """name -> (url, ready selector): the page and the bare page on each server, and the page without its snapshot."""
    page, bare = 'form[data-calculator][data-state="ready"]', 'body[data-state="ready"]'
    targets = {}
    for serving, base in bases.items():
        targets[f"page/{serving}"] = (base + PAGE, page)
        if without_snapshot:
            targets[f"page without snapshot/{serving}"] = (base + NO_SNAPSHOT + PAGE, page)
        targets[f"bare/{serving}"] = (base + BARE, bare)
    return targets


def measure_loads(browser, targets: dict[str, tuple[str, str]], runs: int) -> dict[str, dict[str, list]]:
    """Cold and warm time to ready and bytes, ``runs`` times each, for each target, interleaved (order reversed every other run)."""
    keys = ("cold", "warm", "cold_bytes", "warm_bytes", "starts")
    times: dict[str, dict[str, list]] = {name: {key: [] for key in keys} for name in targets}
    for run in range(runs):
        for name in targets if run % 2 == 0 else reversed(list(targets)):
            url, selector = targets[name]
            context = browser.new_context()
            context.add_init_script(READY_RECORDER)
            try:
                for visit in ("cold", "warm"):
                    seconds, received, start = ready_load(context, url, selector)
                    times[name][visit].append(seconds)
                    times[name][f"{visit}_bytes"].append(received)
                    times[name]["starts"].append(start)
            finally:
                context.close()
            found = times[name]
            print(f"  run {run + 1}/{runs} {name}: cold {found['cold'][-1]:.2f} s {found['cold_bytes'][-1]:,} B, "
                  f"warm {found['warm'][-1]:.2f} s {found['warm_bytes'][-1]:,} B, start {found['starts'][-2:]}", flush=True)
    return times


def measure_input(browser, base: str, changes: int) -> list[float]:
    """Milliseconds from an input event to the new result in the page, ``changes`` times."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + PAGE)
        page.wait_for_selector('form[data-calculator][data-state="ready"]', state="attached", timeout=READY_MS)
        page.evaluate(INPUT_TO_RESULT, 5)  # warm-up: the first calls import and compile on the Python side
        return page.evaluate(INPUT_TO_RESULT, changes)
    finally:
        context.close()


def calculator_task_ms(record: dict) -> float:
    """The longest main-thread task until ready, in ms, less the theme script's time in it (0 if none was long)."""
    longest = 0.0
    for task in record["longTasks"]:
        if record["readyAt"] is not None and task["start"] > record["readyAt"]:
            continue
        frames = [f for f in record["frames"] if f["start"] - 1 <= task["start"] <= f["start"] + f["duration"] + 1]
        theme = sum(s["duration"] for f in frames for s in f["scripts"] if THEME_SCRIPT.search(s["url"]))
        longest = max(longest, task["duration"] - theme)
    return longest


def measure_blocking(browser, base: str, runs: int) -> list[float]:
    """The calculator's longest main-thread task until ready, cold, ``runs`` times."""
    found = []
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(TASK_RECORDER)
        try:
            page = context.new_page()
            page.goto(base + PAGE)
            page.wait_for_selector('form[data-calculator][data-state="ready"]', state="attached", timeout=READY_MS)
            found.append(calculator_task_ms(page.evaluate("window.__kb")))
        finally:
            context.close()
    return found


def report_loads(times: dict[str, dict[str, list]], runs: int) -> list[str]:
    lines = []
    for name in times:
        what, _, serving = name.partition("/")
        if what == "bare":
            continue
        for kind in ("cold", "warm"):
            page, bare = statistics.median(times[name][kind]), statistics.median(times[f"bare/{serving}"][kind])
            ratio = page / bare
            goal = LOAD_RATIO_GOAL[kind]
            verdict = "within" if ratio <= goal else "OVER"
            page_bytes, bare_bytes = (statistics.median(times[key][f"{kind}_bytes"]) for key in (name, f"bare/{serving}"))
            lines.append(f"calculators {kind} ready, {serving} server, {what}: {page:.2f} s, bare {bare:.2f} s, ratio {ratio:.3f} "
                         f"({verdict} the {goal:.2f} goal; medians of {runs}); "
                         f"bytes transferred: {what} {page_bytes:,.0f}, bare {bare_bytes:,.0f}")
        starts = sorted({str(start) for start in times[name]["starts"]})
        lines.append(f"calculators worker start paths seen, {serving} server, {what}: {', '.join(starts)}")
    return lines


def report(times: dict[str, dict[str, list]], inputs: list[float], runs: int, blocking: list[float]) -> list[str]:
    lines = report_loads(times, runs)
    ordered = sorted(inputs)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    median = statistics.median(inputs)
    verdict = "within" if median <= FRAME_MS else "OVER"
    lines.append(f"calculators input to result: median {median:.1f} ms, p90 {p90:.1f} ms, max {ordered[-1]:.1f} ms "
                 f"({verdict} one {FRAME_MS:.0f} ms frame; {len(inputs)} changes)")
    median = statistics.median(blocking)
    verdict = "within" if max(blocking) <= LONG_TASK_MS else "OVER"
    lines.append(f"calculators longest main-thread task until ready (theme script left out): median {median:.0f} ms, "
                 f"max {max(blocking):.0f} ms ({verdict} the {LONG_TASK_MS:.0f} ms goal; {len(blocking)} cold loads)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.calculators", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=6, help="cold and warm loads of each page (default 6)")
    parser.add_argument("--changes", type=int, default=50, help="input changes timed on the ready page (default 50)")
    parser.add_argument("--loads-only", action="store_true", help="only the cold and warm loads (no input or blocking timings)")
    parser.add_argument("--worker", type=Path, help="a calculator-worker.mjs to measure instead of the built one")
    parser.add_argument("--serve", choices=("gzip", "identity", "both"), default="gzip",
                        help="gzip as the README's nginx (default), identity (files as they are), or both")
    parser.add_argument("--without-snapshot", action="store_true", help="also the page with the snapshot withheld (normal start)")
    args = parser.parse_args([] if argv is None else argv)

    from playwright.sync_api import sync_playwright  # the browser only when measuring

    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        site = Path(tmp) / "site"
        print("calculators: building the site once ...", flush=True)
        build(site)
        if args.worker:
            shutil.copyfile(args.worker, site / "assets" / "javascripts" / "calculator-worker.mjs")
            print(f"calculators: measuring the worker {args.worker}", flush=True)
        servings = ("gzip", "identity") if args.serve == "both" else (args.serve,)
        with contextlib.ExitStack() as servers:
            urls = {serving: servers.enter_context(serve_folder(site, functools.partial(_Handler, encode=serving == "gzip"))) + "/"
                    for serving in servings}
            base = urls[servings[0]]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                try:
                    times = measure_loads(browser, load_targets(urls, args.without_snapshot), args.runs)
                    if args.loads_only:
                        print("\n".join(report_loads(times, args.runs)), flush=True)
                        return 0
                    inputs = measure_input(browser, base, args.changes)
                    blocking = measure_blocking(browser, base, args.runs)
                finally:
                    browser.close()
    print("\n".join(report(times, inputs, args.runs, blocking)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
