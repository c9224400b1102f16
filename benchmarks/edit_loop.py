"""The translator's edit loop: how long until a saved source shows in the served page?

For 13 guides per language (the project) and 1,000 (its guides copied under new
ids, as benchmarks/site_scale.py makes them), in a copy of the project: start the
server, wait until it answers, then three times save each kind of edit in German and
poll over HTTP until the served page shows it ("page"), then until what the server
makes last shows it ("all"):

- guide: a guide's title (``docs/de/guides/add-a-client.yml``): its page, then the
  German search index (after the guide index, the home page and every guide that links it);
- site.yml: the site's name (``docs/de/site.yml``), on every German page (the language is
  built again, whole, the pages the browsers show first): the same guide page, then the
  German 404 page (made last, after every other page of the language);
- calculator: a calculator's intro (``docs/de/calculators/pricing.yml``): its page, then
  the German search index.

The page is fetched once before each save, as the translator has it open. Each save is
made from the file's original text and waits for the previous one to be all done; the median of the three is printed. In the 1,000-guide tree the copies keep
their related ids, so the edited guide is linked from every copy of the guides that
relate to it (about 300 pages): the worst case for "all".

"after" is ``python -m scripts.site.serve`` (what ``make serve`` runs); "before"
is ``mkdocs serve --livereload`` (what it ran until issue 12). ``mkdocs serve``
needs minutes per save at 1,000 guides: it is measured there only with
``--before-1000`` (once per edit), otherwise the table quotes issue 12's figure (a guide).

    python -m benchmarks.edit_loop [--guides 13 1000] [--edits guide site.yml calculator] [--runs 3] [--before-1000 | --after-only]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks._net import fetch, free_port, stop
from benchmarks._project import copy_project
from benchmarks.site_scale import make_tree

PAGE = "/de/guides/add-a-client/"
SEARCH = "/de/search/search_index.json"
START_TIMEOUT_S = 3600  # a full five-language build of 1,000 guides per language on a busy machine
EDIT_TIMEOUT_S = 1800
ISSUE_BEFORE_1000_S = 386.0  # issue 12: mkdocs serve, 1,000 guides per language, one save of a guide


@dataclass(frozen=True)
class Edit:
    """One kind of save: a marker written in ``source`` after ``prefix``, on the line that starts with it."""

    name: str
    source: Path
    prefix: str
    page: str  # polled first
    last: str  # then this: what the server makes last


EDITS = {
    "guide": Edit("guide", Path("docs/de/guides/add-a-client.yml"), "title: ", PAGE, SEARCH),
    "site.yml": Edit("site.yml", Path("docs/de/site.yml"), "site_name: ", PAGE, "/de/404.html"),
    "calculator": Edit("calculator", Path("docs/de/calculators/pricing.yml"), 'intro: "', "/de/calculators/pricing/", SEARCH),
}


def start(command: list[str], tree: Path, port: int) -> tuple[subprocess.Popen, float]:
    """The server started in ``tree``; returns once the page answers (and how long that took)."""
    log = open(tree / "serve.log", "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        command, cwd=tree, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(tree.parent)},
    )
    began = time.perf_counter()
    try:
        while time.perf_counter() - began < START_TIMEOUT_S:
            if process.poll() is not None:
                raise SystemExit(f"the server stopped: see {tree / 'serve.log'}")
            if "<h1" in fetch(f"http://127.0.0.1:{port}{PAGE}", EDIT_TIMEOUT_S):
                return process, time.perf_counter() - began
            time.sleep(0.5)
        raise SystemExit(f"the server did not answer within {START_TIMEOUT_S} s")
    except BaseException:
        stop(process)
        raise


def edit_seconds(tree: Path, port: int, edit: Edit, original: str, marker: str) -> tuple[float, float]:
    """Save ``edit`` with ``marker`` in ``original``; seconds until ``edit.page`` shows it, and until ``edit.last`` does."""
    lines = original.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(edit.prefix))
    lines[index] = edit.prefix + marker + " " + lines[index][len(edit.prefix):]
    text = "\n".join(lines)
    fetch(f"http://127.0.0.1:{port}{edit.page}", EDIT_TIMEOUT_S)  # the page the translator has open
    began = time.perf_counter()
    (tree / edit.source).write_text(text, encoding="utf-8")
    seconds = []
    for url in (f"http://127.0.0.1:{port}{edit.page}", f"http://127.0.0.1:{port}{edit.last}"):
        while marker not in fetch(url, EDIT_TIMEOUT_S):
            if time.perf_counter() - began > EDIT_TIMEOUT_S:
                raise SystemExit(f"the edit did not show in {url} within {EDIT_TIMEOUT_S} s")
            time.sleep(0.02)
        seconds.append(time.perf_counter() - began)
    return seconds[0], seconds[1]


Times = dict[str, list[tuple[float, float]]]  # edit name -> (page, all) seconds of each save


def measure(kind: str, guides: int, runs: int, edits: list[Edit]) -> tuple[Times, float]:
    """The seconds of each save of each edit, and the start-up time, of ``kind`` ("before" or "after") at ``guides`` per language."""
    with tempfile.TemporaryDirectory(prefix="kb-edit-loop-") as tmp:
        tree = Path(tmp) / "project"
        if guides <= 13:
            copy_project(tree)
        else:
            make_tree(tree, guides)
        port = free_port()
        if kind == "after":
            command = [sys.executable, "-m", "scripts.site.serve", "--port", str(port)]
        else:
            command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
        process, startup = start(command, tree, port)
        times: Times = {}
        try:
            time.sleep(1.0)  # let the watcher settle after the first build
            for edit in edits:
                original = (tree / edit.source).read_text(encoding="utf-8")
                for run in range(runs):
                    marker = f"EDIT{run}{kind}{guides}{edit.name.replace('.', '')}"
                    times.setdefault(edit.name, []).append(edit_seconds(tree, port, edit, original, marker))
        finally:
            stop(process)
        return times, startup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.edit_loop", description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=int, nargs="+", default=[13, 1000], help="guides per language (13: the project)")
    parser.add_argument("--edits", nargs="+", choices=list(EDITS), default=list(EDITS), help="the kinds of save timed")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before-1000", action="store_true", help="also measure mkdocs serve above 13 guides (minutes per save)")
    parser.add_argument("--after-only", action="store_true", help="measure only the new server")
    args = parser.parse_args(argv)
    edits = [EDITS[name] for name in args.edits]
    # Ctrl-C or `kill` stops the servers and removes the copies, even when started in the background.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    rows = []

    def shown(times: list[tuple[float, float]], which: int) -> str:
        values = [t[which] for t in times]
        runs = f"median of {len(values)}" if len(values) > 1 else "one save"
        return f"{statistics.median(values):.2f} s ({runs}: {', '.join(f'{v:.2f}' for v in values)})"

    for guides in args.guides:
        after, startup = measure("after", guides, args.runs, edits)
        for name, times in after.items():
            print(f"edit_loop after  {guides:5d} guides/lang {name:10s}: page {shown(times, 0)}; all {shown(times, 1)}", flush=True)
        print(f"edit_loop after  {guides:5d} guides/lang start-up {startup:.0f} s", flush=True)
        before: Times = {}
        if not args.after_only and (guides <= 13 or args.before_1000):
            before, startup = measure("before", guides, args.runs if guides <= 13 else 1, edits)
            for name, times in before.items():
                print(f"edit_loop before {guides:5d} guides/lang {name:10s}: page {shown(times, 0)}", flush=True)
            print(f"edit_loop before {guides:5d} guides/lang start-up {startup:.0f} s", flush=True)
        for name, times in after.items():
            if name in before:
                before_text = shown(before[name], 0)
            elif args.after_only or name != "guide":
                before_text = "not measured"
            else:
                before_text = f"{ISSUE_BEFORE_1000_S:.0f} s (issue 12's figure; --before-1000 measures it)"
            rows.append((guides, name, before_text, shown(times, 0), shown(times, 1)))
    print()
    print("| guides/lang | save | before: mkdocs serve, page shows | after: page shows | after: all updated |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(map(str, row)) + " |")
    print(f"load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
