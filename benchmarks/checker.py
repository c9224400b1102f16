"""Checker scale: `kb check` on 1000 guides x 5 languages, against merely parsing the same files.

The synthetic tree is made of copies of the project's own guides under new
ids (their related ids and guide links renamed to match; each translation
stamped with the hash of the fr copy it translates, as an up-to-date
knowledge base is, so the run reports no stale file), plus each
language's site, glossary and widget texts. Each run measures, side by side,
the CPU time (``time.process_time()``) of reading and parsing every source of
the tree with libyaml (``yaml.load(text, Loader=yaml.CSafeLoader)``) and of the
whole ``kb check``, its caches emptied first (as a new process starts); runs alternate
so both see the same machine. ``--without-text-caches`` also turns off the caches keyed
on a whole text, which the tree's copies flatter. Targets: the
check costs at most 2x the CPU of the parse, and takes under 10 s.

    python -m benchmarks.checker [--guides 1000] [--runs 3]
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

import yaml

from scripts.checks import runner as checks
from scripts.sources.hashing import KEY as HASH_KEY
from scripts.sources.hashing import source_hash
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree

TARGET_SECONDS = 10.0
TARGET_RATIO = 2.0  # kb check CPU / libyaml parse CPU


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
                # The home page's journeys and links name guides: point them at the first batch's copies.
                text = _renamed((source.lang_dir(lang) / name).read_text(encoding="utf-8"), originals, "-0")
                if lang != REFERENCE:
                    text = _restamped(text, tree.lang_dir(REFERENCE) / name)
                (folder / name).write_text(text, encoding="utf-8")
        if (source.lang_dir(lang) / "calculators").is_dir():
            shutil.copytree(source.lang_dir(lang) / "calculators", folder / "calculators")
        texts = {}
        for guide in originals:
            own = source.guide_source(lang, guide)
            texts[guide] = (own if own.is_file() else source.guide_source(REFERENCE, guide)).read_text(encoding="utf-8")
        for number in range(guides):
            batch, guide = divmod(number, len(originals))
            text = _renamed(texts[originals[guide]], originals, f"-{batch}")
            if lang != REFERENCE:
                text = _restamped(text, tree.guide_source(REFERENCE, f"{originals[guide]}-{batch}"))
            (folder / "guides" / f"{originals[guide]}-{batch}.yml").write_text(text, encoding="utf-8")
    return tree


def _restamped(text: str, fr_copy: Path) -> str:
    """A translation stamped with the hash of the fr copy it translates, as ``kb stamp`` would."""
    data = yaml.load(fr_copy.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506 - CSafeLoader
    digest = source_hash(data)
    value = f'"{digest}"' if digest.isdigit() else digest  # as kb stamp writes it: digits alone would be a number
    return re.sub(rf"^{HASH_KEY}: .*$", f"{HASH_KEY}: {value}", text, count=1, flags=re.MULTILINE)


def _renamed(text: str, ids: list[str], suffix: str) -> str:
    """The guide's own id, its related ids and its guide: links, all with ``suffix``.

    A batch may be cut short at the end; links then still point at the
    batch's guides, which is fine for timing (they are reported, not fatal).
    """
    alternatives = "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
    text = re.sub(rf"^id: ({alternatives})$", rf"id: \g<1>{suffix}", text, flags=re.MULTILINE)
    text = re.sub(rf"^(\s*- )({alternatives})$", rf"\g<1>\g<2>{suffix}", text, flags=re.MULTILINE)
    return re.sub(rf"guide:({alternatives})(?=[)#])", rf"guide:\g<1>{suffix}", text)


def parse_only(tree: Tree) -> int:
    """Read and parse every source of ``tree`` with libyaml, nothing else: the baseline. The file count."""
    paths = sorted(tree.docs.glob("*/**/*.yml"))
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506 - CSafeLoader is safe
    return len(paths)


def _cold() -> None:
    """Empty every cache the project's modules keep (opened dictionaries, compiled schemas, parsed texts):
    each run then costs what a new ``kb check`` process pays, not what a second run in this one would."""
    for name, module in list(sys.modules.items()):
        if name.split(".", 1)[0] in ("scripts", "calculators"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


# The caches keyed on a whole text: the tree's 1000 guides are copies of the project's 13, so within one run
# these answer most texts from a copy already read; --without-text-caches shows what distinct guides would cost.
TEXT_CACHES = ("outline", "signature", "words_of", "_unquoted")


class _Forgetful(dict):
    """A per-text memo that remembers nothing."""

    def get(self, key, default=None):
        return default

    def __setitem__(self, key, value) -> None:
        pass


def _without_text_caches() -> None:
    from scripts.checks import spelling

    for name, module in list(sys.modules.items()):
        if name.split(".", 1)[0] == "scripts":
            for attribute in TEXT_CACHES:
                function = getattr(module, attribute, None)
                if hasattr(function, "__wrapped__") and hasattr(function, "cache_clear"):
                    setattr(module, attribute, function.__wrapped__)
    init = spelling.Language.__init__

    def forgetful_init(self, *args, **kwargs) -> None:
        init(self, *args, **kwargs)
        self._unknown, self._glossary = _Forgetful(), _Forgetful()

    spelling.Language.__init__ = forgetful_init


def _load() -> str:
    try:
        return " ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.checker", description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=int, default=1000, help="guides per language (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each, interleaved (default 3)")
    parser.add_argument(
        "--without-text-caches", action="store_true",
        help="no cache keyed on a whole text (the tree's guides are copies: what 1000 distinct guides would cost)",
    )
    args = parser.parse_args(argv)
    if args.without_text_caches:
        _without_text_caches()
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as folder:
        tree = make_tree(Path(folder), args.guides)
        facts = checks.known_facts()
        times, cpu, parse_cpu = [], [], []
        for _ in range(args.runs):
            start_cpu = time.process_time()
            parsed = parse_only(tree)
            parse_cpu.append(time.process_time() - start_cpu)
            _cold()
            start, start_cpu = time.perf_counter(), time.process_time()
            report = checks.report(tree, facts=facts)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        median = statistics.median(times)
        print(
            f"kb check: {report.file_count} files ({args.guides} guides x {len(LANGUAGES)} languages"
            f" + site, glossary, widget texts), {len(report.errors)} errors, {len(report.warnings)} warnings"
        )
        # CPU time: what the run costs when other processes share the machine.
        check_cpu, baseline = statistics.median(cpu), statistics.median(parse_cpu)
        ratio = check_cpu / baseline
        print(
            f"  CPU, median of {args.runs} interleaved runs: parse only (libyaml, {parsed} files) {baseline:.2f} s;"
            f" kb check {check_cpu:.2f} s; ratio {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x:"
            f" {'met' if ratio <= TARGET_RATIO else 'MISSED'})"
        )
        print(
            f"  wall clock: median {median:.2f} s (min {min(times):.2f} s, max {max(times):.2f} s);"
            f" {median / report.file_count * 1000:.2f} ms per file; target < {TARGET_SECONDS:.0f} s:"
            f" {'met' if median < TARGET_SECONDS else 'MISSED'}; load average {_load()}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
