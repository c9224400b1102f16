"""What a save asks of ``make serve``: which files are watched, what a saved path makes rebuilt.

``classify`` sorts the saved paths into sources rebuilt on their own (a guide, a ``site.yml``,
a glossary, a calculator's texts), a full build (a source added or removed, mkdocs.yml,
overrides/, docs/assets/) or a restart (code); ``watched`` keeps a log or an editor's file
beside mkdocs.yml from counting as a save. ``scripts.site.incremental`` does the rebuilding,
``scripts.site.serve`` the serving.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scripts.sources.corpus import Corpus
from scripts.sources.tree import LANGUAGES, Tree

# A change under these folders is code (Python, schemas): the server restarts to load it.
RESTART_FOLDERS = ("calculators", "scripts", "schemas")
# A change of these (or of docs/assets/) is followed by a full build.
FULL_BUILD = ("mkdocs.yml", "overrides")
# A language built again whole (its site.yml saved) first renders the pages the browsers showed last (at most these many).
OPEN_PAGES = 16
# Files the server itself writes (the Markdown pages), and compiled code.
IGNORED_SUFFIXES = (".md", ".tmp", ".pyc")


# A saved source that is not a guide, and its own page.
SOURCES = ("site.yml", "glossary.yml")
_PAGE_OF = {"site.yml": "index.md", "glossary.yml": "glossary.md"}


def page_of(key: str) -> str:
    """The page a source makes (relative to its language's folder)."""
    return _PAGE_OF.get(key) or key.removesuffix(".yml") + ".md"


_H1 = re.compile(r"^# (.*)$", re.M)


def title_of(markdown: str | None) -> str | None:
    found = _H1.search(markdown or "")
    return found.group(1) if found else None


@dataclass
class Change:
    """What a save asks for: sources to rebuild incrementally, or a full build, or a restart."""

    guides: set[tuple[str, str]] = field(default_factory=set)  # (lang, key): a guide saved
    sources: set[tuple[str, str]] = field(default_factory=set)  # (lang, key): site.yml, glossary.yml, calculators/<name>.yml saved
    full: bool = False
    restart: bool = False


def watched(tree: Tree, path: Path) -> bool:
    """Whether a save of ``path`` may ask for a rebuild: not the server's own pages, nor a file beside
    mkdocs.yml but mkdocs.yml (a log written there would be a save, and its own line another one, forever)."""
    if path.suffix in IGNORED_SUFFIXES or "__pycache__" in path.parts:
        return False
    return path.name in FULL_BUILD or path.parent.resolve() != tree.root.resolve()


def classify(tree: Tree, paths: Iterable[Path], corpus: Corpus) -> Change:
    """What the saved ``paths`` ask for: a known source is rebuilt on its own; a source added or removed, a full build; code, a restart."""
    change = Change()
    for path in paths:
        try:
            parts = path.resolve().relative_to(tree.root.resolve()).parts
        except ValueError:
            continue
        if not parts or "__pycache__" in parts or path.suffix in IGNORED_SUFFIXES:
            continue
        if parts[0] in RESTART_FOLDERS:
            change.restart = True
        elif parts[0] == "docs" and len(parts) >= 3 and parts[1] in LANGUAGES:
            if path.suffix != ".yml":
                continue  # an editor's backup or swap file
            lang, key = parts[1], "/".join(parts[2:])
            known = key in corpus.files.get(lang, {}) and path.is_file()
            if known and len(parts) == 4 and parts[2] == "guides":
                change.guides.add((lang, key))
            elif known and (key in SOURCES or (len(parts) == 4 and parts[2] == "calculators")):
                change.sources.add((lang, key))
            else:
                change.full = True  # a source added or removed: the index, the links and the checks of all
        elif parts[0] in FULL_BUILD or (parts[0] == "docs" and len(parts) >= 2 and parts[1] == "assets"):
            change.full = True
    return change
