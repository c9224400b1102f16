"""Shared fixtures: one strict build of a copy of the project per test session, and a local server for it.

Tests write only under temporary folders: the build generates Markdown pages
into ``docs/``, builds the calculators wheel (``build/``, a wheel cache), so it
runs in a copy of the project, never in the working tree.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks._project import ROOT, copy_project
from benchmarks._site_server import serve_folder

# What a build in a project writes there: pages, wheel, site.
BUILD_OUTPUTS = ("docs", "build", ".cache/wheel", "calculators.egg-info", "site")


def tree_listing(root: Path = ROOT) -> dict[str, tuple[int, int]]:
    """Path -> (mtime in ns, size) of every file a build would write in ``root``, and of the generated pages."""
    listing = {}
    for name in BUILD_OUTPUTS:
        for path in sorted((root / name).rglob("*")):
            if path.is_file() and (name != "docs" or path.suffix == ".md"):
                stat = path.stat()
                listing[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return listing


@pytest.fixture(scope="session")
def working_tree_before_build() -> dict[str, tuple[int, int]]:
    """The working tree's generated files as they were before this session built anything."""
    return tree_listing()


@pytest.fixture(scope="session")
def built_project(tmp_path_factory, working_tree_before_build) -> Path:
    """A copy of the project after `mkdocs build --strict`; its site is ``<copy>/site``."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", str(project / "site")],
        cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def built_site(built_project) -> Path:
    """The strictly built site, in a temporary folder."""
    return built_project / "site"


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on a free loopback port as the README's server answers it (sitemaps, 404 pages)."""
    with serve_folder(built_site) as url:
        yield url
