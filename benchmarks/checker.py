"""Checker scale: `kb check` on 1000 guides x 5 languages, median of several runs.

The synthetic tree is made of copies of the project's own guides under new
ids (their related ids and guide links renamed to match), plus each
language's site, glossary and widget texts. The target is under 10 s: the
checker must stay linear in the number of files.

    python -m benchmarks.checker [--guides 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from scripts.checks import runner as checks
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree

TARGET_SECONDS = 10.0


def make_tree(root: Path, guides: int, source: Tree | None = None) -> Tree:
    """A project tree of ``guides`` guides per language under ``root``, copied from ``source``."""
    source = source or Tree()
    originals = [path.stem for path in source.guide_sources(REFERENCE)]
    if not originals:
        raise SystemExit(f"no guide in {source.lang_dir(REFERENCE)} to copy")
    tree = Tree(root)
    for lang in LANGUAGES:
        folder = tree.lang_dir(lang)
        (folder / "guides").mkdir(parents=True)
        for name in ("site.yml", "glossary.yml"):
            if (source.lang_dir(lang) / name).is_file():
                shutil.copy(source.lang_dir(lang) / name, folder / name)
        if (source.lang_dir(lang) / "calculators").is_dir():
            shutil.copytree(source.lang_dir(lang) / "calculators", folder / "calculators")
        texts = {}
        for guide in originals:
            own = source.guide_source(lang, guide)
            texts[guide] = (own if own.is_file() else source.guide_source(REFERENCE, guide)).read_text(encoding="utf-8")
        for number in range(guides):
            batch, guide = divmod(number, len(originals))
            text = _renamed(texts[originals[guide]], originals, f"-{batch}")
            (folder / "guides" / f"{originals[guide]}-{batch}.yml").write_text(text, encoding="utf-8")
    return tree


def _renamed(text: str, ids: list[str], suffix: str) -> str:
    """The guide's own id, its related ids and its guide: links, all with ``suffix``.

    A batch may be cut short at the end; links then still point at the
    batch's guides, which is fine for timing (they are reported, not fatal).
    """
    alternatives = "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
    text = re.sub(rf"^id: ({alternatives})$", rf"id: \g<1>{suffix}", text, flags=re.MULTILINE)
    text = re.sub(rf"^(\s*- )({alternatives})$", rf"\g<1>\g<2>{suffix}", text, flags=re.MULTILINE)
    return re.sub(rf"guide:({alternatives})(?=[)#])", rf"guide:\g<1>{suffix}", text)


def _load() -> str:
    try:
        return " ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.checker", description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=int, default=1000, help="guides per language (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as folder:
        tree = make_tree(Path(folder), args.guides)
        facts = checks.known_facts()
        times, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            report = checks.report(tree, facts=facts)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        median = statistics.median(times)
        print(
            f"kb check: {report.file_count} files ({args.guides} guides x {len(LANGUAGES)} languages"
            f" + site, glossary, widget texts), {len(report.errors)} errors, {len(report.warnings)} warnings"
        )
        print(
            f"  median {median:.2f} s over {args.runs} runs (min {min(times):.2f} s, max {max(times):.2f} s);"
            f" {median / report.file_count * 1000:.2f} ms per file; target < {TARGET_SECONDS:.0f} s:"
            f" {'met' if median < TARGET_SECONDS else 'MISSED'}"
        )
        # CPU time: what the run costs when other processes share the machine.
        print(f"  median CPU time {statistics.median(cpu):.2f} s; load average {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
