"""Nothing half-written: site/ changes only when a whole build succeeded; serve shows the mistakes it keeps out."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.site import build
from scripts.sources.loader import SourceError
from tests.conftest import copy_project


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project with a previous site/ in it; node_modules is shared."""
    root = copy_project(tmp_path / "project")
    site = root / "site"
    (site / "guides").mkdir(parents=True)
    (site / "index.html").write_text("<h1>the last good site</h1>", encoding="utf-8")
    (site / "guides" / "old.html").write_bytes(b"\x00old bytes\xff")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scripts.site.build", "--root", str(root)],
        cwd=root, capture_output=True, text=True, timeout=300,
    )


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site."))


@pytest.mark.build
def test_a_broken_source_fails_the_build_and_leaves_site_byte_identical(project):
    before = snapshot(project / "site")
    guide = project / "docs" / "en" / "guides" / "vat-number.yml"
    guide.write_text(guide.read_text(encoding="utf-8") + "oops: [\n", encoding="utf-8")
    result = run_build(project)
    assert result.returncode != 0
    assert "docs/en/guides/vat-number.yml:" in result.stderr and "left as it was" in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


@pytest.mark.build
def test_a_build_failing_after_writing_pages_leaves_site_byte_identical(project):
    """The runtime is installed last, after every page is written: without node_modules the build fails there."""
    before = snapshot(project / "site")
    (project / "node_modules").unlink()
    result = run_build(project)
    assert result.returncode != 0
    assert "node_modules" in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


@pytest.mark.build
def test_a_good_build_replaces_site_whole(project):
    os.umask(0o022)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "guides" / "old.html").exists()
    assert "the last good site" not in (site / "index.html").read_text(encoding="utf-8")
    for path in ("en/guides/vat-number/index.html", "de/calculators/pricing/index.html", "assets/runtime/pyodide-lock.json", "_headers"):
        assert (site / path).is_file(), path
    assert leftovers(project) == []
    # Published like any folder a build makes (umask 022 in the test run): others may read and enter it.
    assert stat.S_IMODE(site.stat().st_mode) == 0o755


# --- publish: the swap itself ---------------------------------------------------


def _folder(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "index.html").write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("exchange", [True, False], ids=["one-step-exchange", "two-renames"])
def test_publish_puts_the_new_site_in_place_and_deletes_the_old(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(build, "_exchange", lambda first, second: False)
    site = _folder(tmp_path / "site", "old")
    new = _folder(tmp_path / ".site.new-1", "new")
    build.publish(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_publish_without_a_previous_site(tmp_path):
    build.publish(_folder(tmp_path / ".site.new-1", "new"), tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "new"


def test_a_failed_rename_puts_the_old_site_back(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "_exchange", lambda first, second: False)
    site = _folder(tmp_path / "site", "old")
    missing = tmp_path / ".site.new-gone"  # renaming it fails
    with pytest.raises(OSError):
        build.publish(missing, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "old"


# --- The banner of mkdocs serve -----------------------------------------------------


def test_the_banner_lists_each_mistake_escaped_at_the_top_of_the_page():
    errors = [
        SourceError(Path("docs/de/guides/add-a-client.yml"), 12, "raw HTML '<script' is not allowed"),
        SourceError(Path("docs/fr/site.yml"), 3, "duplicate key 'title' (first at line 2): keep only one"),
    ]
    page = '<html><head><title>x</title></head><body dir="ltr" class="md"><h1>Page</h1></body></html>'
    shown = build.with_error_banner(page, [*errors, errors[0]])  # the same mistake met on two pages: listed once
    head, _, rest = shown.partition('<body dir="ltr" class="md">')
    assert rest.startswith('<div role="alert"')
    assert "2 mistake(s)" in rest
    assert "docs/de/guides/add-a-client.yml:12: raw HTML &#x27;&lt;script&#x27; is not allowed" in rest
    assert "<script" not in shown
    assert "docs/fr/site.yml:3: duplicate key" in rest
    assert rest.endswith("<h1>Page</h1></body></html>")


def test_the_banner_of_many_mistakes_points_to_the_terminal():
    errors = [SourceError(Path("docs/it/glossary.yml"), n, "x") for n in range(1, build.BANNER_LIMIT + 8)]
    shown = build.with_error_banner("<body></body>", errors)
    assert shown.count("<li><code>") == build.BANNER_LIMIT
    assert "7 more in the terminal" in shown


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_on_linux_the_swap_is_one_step(tmp_path):
    first, second = _folder(tmp_path / "a", "a"), _folder(tmp_path / "b", "b")
    assert build._exchange(first, second)
    assert (first / "index.html").read_text(encoding="utf-8") == "b"
    assert (second / "index.html").read_text(encoding="utf-8") == "a"


@pytest.mark.build
def test_a_title_that_becomes_a_script_stops_the_build(project):
    """Issue 11: entities in a title are decoded by the theme's striptags into a <script> in <head>."""
    guide = project / "docs" / "en" / "guides" / "end-a-partnership.yml"
    text = guide.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    guide.write_text(text.replace(title, 'title: "End &lt;/title&gt;&lt;script&gt;alert(document.domain)&lt;/script&gt;&lt;title&gt;"'), encoding="utf-8")
    before = snapshot(project / "site")
    result = run_build(project)
    assert result.returncode != 0
    assert "end-a-partnership" in result.stderr
    assert snapshot(project / "site") == before
