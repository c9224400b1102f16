"""Nothing half-written: ``site/`` changes only when a whole build succeeded.

``mkdocs build`` writes into its site folder as it goes, so a build that fails
or is interrupted halfway leaves old and new pages mixed. ``python -m
scripts.site.build`` builds into a new folder next to ``site/`` and, only if mkdocs
succeeds, swaps it in (in one step where the system can, else two renames),
then deletes the old one. A failed build leaves ``site/`` as it was.

``mkdocs serve`` keeps the last good pages when a source has a mistake
(scripts/site/generate.py writes nothing then); ``with_error_banner`` makes every
served page say so, with the mistakes.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

from scripts.sources.tree import ROOT

BANNER_LIMIT = 50  # mistakes listed on the page; the terminal has them all


def build(root: Path = ROOT, site_dir: Path | None = None) -> int:
    """``mkdocs build --strict`` of ``root`` into ``site_dir`` (default ``root/site``), all or nothing; mkdocs' exit code."""
    root = Path(root).resolve()
    site_dir = Path(site_dir).resolve() if site_dir else root / "site"
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    # mkdtemp makes the folder private (0700): a web server running as another user would answer 403.
    new.chmod(_FOLDER_MODE & ~_umask())
    try:
        result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(new)],
            cwd=root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
        if result.returncode != 0:
            print(f"build failed: {site_dir} was left as it was", file=sys.stderr)
            return result.returncode
        publish(new, site_dir)
        print(f"built {site_dir}", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(new, ignore_errors=True)


_FOLDER_MODE = 0o777


def _umask() -> int:
    """The process's umask (reading it means setting it: put it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def publish(new: Path, site_dir: Path) -> None:
    """Put the folder ``new`` in the place of ``site_dir``, then delete the old one."""
    if not site_dir.exists():
        new.rename(site_dir)
        return
    if _exchange(new, site_dir):
        shutil.rmtree(new)  # now the old site
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
    site_dir.replace(old)  # onto the empty folder just made
    try:
        new.rename(site_dir)
    except OSError:
        old.rename(site_dir)
        raise
    shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if sys.platform == "linux" else None
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0


def with_error_banner(html: str, errors: list) -> str:
    """``html`` with an alert at the top of the page listing the sources' mistakes (``path:line: message``)."""
    lines = list(dict.fromkeys(map(str, errors)))  # a text shown on several pages is reported by each
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in lines[:BANNER_LIMIT])
    more = f"<li>… {len(lines) - BANNER_LIMIT} more in the terminal</li>" if len(lines) > BANNER_LIMIT else ""
    banner = (
        '<div role="alert" class="kb-build-errors" style="margin:0;padding:.8rem 1.2rem;background:#fde8e8;'
        'color:#611a15;border-bottom:3px solid #c62828;font:14px/1.5 sans-serif;position:relative;z-index:10">'
        f'<p style="margin:0 0 .4rem"><strong>{len(lines)} mistake(s) in the sources: these pages are the last good ones.'
        "</strong> Fix the files below and save; the pages rebuild.</p>"
        f'<ul style="margin:0;padding-left:1.2rem">{items}{more}</ul></div>'
    )
    body = re.search(r"<body\b[^>]*>", html)
    if body is None:
        return banner + html
    return html[: body.end()] + banner + html[body.end() :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.site.build", description="mkdocs build --strict, all or nothing for site/")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project tree (default: this one)")
    parser.add_argument("--site-dir", type=Path, default=None, help="where the site goes (default: ROOT/site)")
    args = parser.parse_args(argv)
    return build(args.root, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
