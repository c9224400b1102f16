"""Full build CPU of two commits side by side: ``mkdocs build --strict`` at N guides per language.

Each commit is copied with ``git archive`` into a temporary folder (``node_modules`` and the
caches of this checkout linked in), makes its own N-guide tree with its own
``benchmarks/site_scale.make_tree``, and is built once to warm its caches (wheel, snapshot,
gzip); then both are built at the same time, so that both see the same machine, ``--runs``
times. The CPU of each build (user + system of the process and its children, from ``os.wait4``)
is printed, with the median ratio. Run on its own (``make bench`` skips it: minutes at 1000 guides):

    python -m benchmarks.build_compare --before 57eb2ef [--after HEAD] [--guides 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._project import ROOT


def checkout(rev: str, folder: Path) -> Path:
    """``rev``'s files in ``folder`` (git archive), this checkout's node_modules and .cache linked in."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout  # noqa: S603, S607
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)  # noqa: S603, S607
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    (folder / ".cache").symlink_to(ROOT / ".cache")
    return folder


def make_tree(code: Path, target: Path, guides: int) -> Path:
    """The N-guide tree, made by ``code``'s own site_scale (its sources, its format)."""
    script = f"from pathlib import Path; from benchmarks.site_scale import make_tree; make_tree(Path({str(target)!r}), {guides})"
    subprocess.run([sys.executable, "-c", script], cwd=code, check=True)  # noqa: S603
    return target


def start(tree: Path) -> subprocess.Popen:
    shutil.rmtree(tree / "site", ignore_errors=True)
    return subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=tree,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def cpu_seconds(process: subprocess.Popen) -> float:
    """The build's CPU (user + system, children included), once it ended; it must succeed."""
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build failed in {process.args}:\n{stderr[-3000:]}")
    return usage.ru_utime + usage.ru_stime


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build_compare", description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the commit to compare with")
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("--guides", type=int, default=1000, help="guides per language (default 1000)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-build-compare-") as tmp:
        trees = {}
        for label, rev in (("before", args.before), ("after", args.after)):
            code = checkout(rev, Path(tmp) / f"{label}-code")
            trees[label] = make_tree(code, Path(tmp) / f"{label}-{args.guides}", args.guides)
            cpu_seconds(start(trees[label]))  # warm its caches (wheel, snapshot, gzip copies)
        seconds: dict[str, list[float]] = {"before": [], "after": []}
        for run in range(args.runs):
            processes = {label: start(tree) for label, tree in trees.items()}
            for label, process in processes.items():
                seconds[label].append(cpu_seconds(process))
            print(f"run {run + 1}: before {seconds['before'][-1]:.1f} s, after {seconds['after'][-1]:.1f} s CPU", flush=True)
    ratios = [after / before for before, after in zip(seconds["before"], seconds["after"], strict=True)]
    print(
        f"full build, {args.guides} guides per language, CPU, median of {args.runs} side-by-side runs: "
        f"{args.before} {statistics.median(seconds['before']):.1f} s, {args.after} {statistics.median(seconds['after']):.1f} s; "
        f"after/before {statistics.median(ratios):.3f}; load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(cli())
