"""A 404 page per language.

Material renders ``404.html`` in every language build, and each one overwrites
the last at the site root. The hook keeps each language's page and this writes
them where a server can find them: ``site/404.html`` (fr) and
``site/<lang>/404.html`` (see the README for the nginx lines).
"""

from __future__ import annotations

from pathlib import Path

from scripts.sources.tree import REFERENCE


def write(site_dir: str | Path, pages: dict[str, str]) -> list[Path]:
    written = []
    for lang, html in pages.items():
        path = Path(site_dir) / ("404.html" if lang == REFERENCE else f"{lang}/404.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written
