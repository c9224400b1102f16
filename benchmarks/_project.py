"""A copy of the project to build in, so that a build writes nothing in the working tree.

A build generates the Markdown pages into ``docs/`` and builds the calculators
wheel (``build/``, ``.cache/wheel``); the tests and the benchmarks build a copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Not part of what a build reads: the copy gets every other top-level entry of the
# project (config, sources, theme overrides, hooks, calculators, schemas, pyproject.toml).
NOT_COPIED = {".git", ".venv", ".cache", ".hypothesis", ".pytest_cache", ".ruff_cache", "node_modules", "site", "build",
              "tests", "benchmarks", "calculators.egg-info"}


def copy_project(target: Path) -> Path:
    """A copy of the project at ``target``, without generated pages; ``node_modules`` is a link (read only)."""
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(ROOT.iterdir()):
        if source.name in NOT_COPIED:
            continue
        if source.is_dir():
            # Generated pages are left out of docs/: the copy's build must make its own.
            skip = ("__pycache__", "*.md") if source.name == "docs" else ("__pycache__",)
            shutil.copytree(source, target / source.name, ignore=shutil.ignore_patterns(*skip))
        else:
            shutil.copy2(source, target / source.name)
    if (ROOT / ".cache" / "wheel").is_dir():  # the calculators wheel, reused if built from the same sources
        shutil.copytree(ROOT / ".cache" / "wheel", target / ".cache" / "wheel")
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target
