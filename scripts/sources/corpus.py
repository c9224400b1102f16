"""The corpus: every source of every language, read, parsed and validated once.

``load(tree)`` finds every translator file (``docs/<lang>/site.yml``,
``glossary.yml``, ``guides/<id>.yml``, ``calculators/<name>.yml``), loads each
with the strict loader and keeps, per file, its text, its parsed data with the
line of every node, and the loader's own verdicts (encoding, syntax, schema)
as problems at ``path:line``. The checks (``scripts.checks``), the rendering
(``scripts.render``), the status page and the MkDocs hooks (``scripts.site``)
all read this one object; nothing reads a source file a second time.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from scripts.sources import fast
from scripts.sources.hashing import source_hash
from scripts.sources.loader import SCHEMA_DIR, Source, SourceError, SourceErrors
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree, yml_names

# Kind of source -> its schema (schemas/<name>.schema.json).
SCHEMAS = {"guide": "guide", "site": "site", "glossary": "glossary", "calculator": "calculator"}
# Loader messages that are about the bytes of the file, not its YAML.
_ENCODING_WORDS = ("byte-order mark", "is not UTF-8", "control character")


class Problem(NamedTuple):
    """What is wrong at one line of a file: the check that says so, and the message (with its fix)."""

    check: str
    line: int
    message: str
    changes: tuple = ()  # a stale file's changed fr fields (scripts.sources.snapshots.Change)


@dataclass
class File:
    """One source of one language, found on disk (or expected there, for ``missing``)."""

    tree: Tree
    lang: str
    key: str  # its path under docs/<lang>/: guides/<id>.yml, site.yml, glossary.yml, calculators/<name>.yml
    kind: str
    text: str = ""
    parsed: Source | None = None  # read and parsed
    source: Source | None = None  # ... and valid against its schema
    problems: list[Problem] = field(default_factory=list)

    @functools.cached_property
    def location(self) -> str:
        """``path`` as a string, made without pathlib (``tree.lang_dir(lang) / key``)."""
        return f"{_docs(self.tree)}/{self.lang}/{self.key}"

    @functools.cached_property
    def path(self) -> Path:
        return Path(self.location)

    @functools.cached_property
    def shown(self) -> str:
        return f"{_shown_docs(self.tree)}/{self.lang}/{self.key}"

    @functools.cached_property
    def guide(self) -> str | None:
        if self.kind != "guide":
            return None
        # Path(key).stem, without building a Path for each of thousands of files.
        name = self.key.rpartition("/")[2]
        return name[:-4] if name.endswith(".yml") and len(name) > 4 else Path(name).stem

    def add(self, check: str, line: int, message: str, changes: tuple = ()) -> None:
        self.problems.append(Problem(check, line, message, changes))

    def line_of(self, where: tuple, needle: str = "") -> int:
        """The line of a node; with ``needle``, the line inside the node where it is written."""
        assert self.parsed is not None
        start = self.parsed.line_of(where)
        if not needle:
            return start
        lines = self._raw_lines
        ends = self._node_lines
        after = bisect.bisect_right(ends, start)
        end = ends[after] if after < len(ends) else len(lines) + 1
        folded = needle.casefold()
        for number in range(start, max(end, start + 1)):
            if number - 1 < len(lines) and folded in lines[number - 1].casefold():
                return number
        return start

    @functools.cached_property
    def data_hash(self) -> str:
        """The hash a translation of this (fr) file records as ``source_hash``."""
        assert self.source is not None
        return source_hash(self.source.data)

    @functools.cached_property
    def _raw_lines(self) -> list[str]:
        return self.text.split("\n")

    @functools.cached_property
    def _node_lines(self) -> list[int]:
        assert self.parsed is not None
        return sorted(set(self.parsed.lines.values()))


@functools.lru_cache(maxsize=64)
def _docs(tree: Tree) -> str:
    """``str(tree.docs)``, worked out once per tree."""
    return str(tree.docs)


@functools.lru_cache(maxsize=64)
def _shown_docs(tree: Tree) -> str:
    """``docs`` as shown: worked out once per tree, not once per file (pathlib's relative_to is slow)."""
    return shown_path(tree, tree.docs)


def shown_path(tree: Tree, path: Path) -> str:
    try:
        return path.relative_to(tree.root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class Corpus:
    """Every file of every language, by language then key (``guides/x.yml``, ``site.yml``, ...)."""

    tree: Tree
    files: dict[str, dict[str, File]]

    def valid(self, lang: str, key: str) -> Source | None:
        """The loaded, schema-valid source of ``lang``'s ``key``; None when absent or broken."""
        file = self.files.get(lang, {}).get(key)
        return file.source if file is not None else None

    def site(self, lang: str) -> Source | None:
        return self.valid(lang, "site.yml")

    def glossary(self, lang: str) -> Source | None:
        return self.valid(lang, "glossary.yml")

    def guides(self, lang: str) -> dict[str, Source]:
        """Valid guides by id (the file name)."""
        return {
            file.guide: file.source
            for key, file in self.files.get(lang, {}).items()
            if file.kind == "guide" and file.source is not None
        }

    def calculators(self, lang: str) -> dict[str, Source]:
        """Valid calculator texts by calculator name."""
        return {
            Path(key).stem: file.source
            for key, file in self.files.get(lang, {}).items()
            if file.kind == "calculator" and file.source is not None
        }


def discover(tree: Tree) -> dict[str, dict[str, File]]:
    """Every source file of every language, not yet loaded."""
    found: dict[str, dict[str, File]] = {}
    docs = _docs(tree)
    for lang in LANGUAGES:
        files: dict[str, File] = {}
        folder = f"{docs}/{lang}"  # tree.lang_dir(lang), without a pathlib object per file below it
        for key, kind in (("site.yml", "site"), ("glossary.yml", "glossary")):
            if os.path.isfile(f"{folder}/{key}"):
                files[key] = File(tree, lang, key, kind)
        for kind, sub in (("guide", "guides"), ("calculator", "calculators")):
            for name in yml_names(f"{folder}/{sub}"):
                files[f"{sub}/{name}"] = File(tree, lang, f"{sub}/{name}", kind)
        found[lang] = files
    return found


def load(tree: Tree | None = None) -> Corpus:
    """Find and load every source of ``tree`` (the project by default), once."""
    tree = tree or Tree()
    files = discover(tree)
    with bulk_allocation():
        for lang_files in files.values():
            for file in lang_files.values():
                load_file(file)
    return Corpus(tree, files)


@contextlib.contextmanager
def bulk_allocation() -> Iterator[None]:
    """No cycle collection while many objects are made and kept (a corpus, the checks' findings).

    What is made is plain data (dicts, lists, strings), without reference cycles:
    the collector, run every few thousand allocations, would only walk it again
    and again as it grows (about 7 % of ``kb check``'s time at 1000 guides).
    Collection is back on afterwards, as it was.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was made stays out of later collections' walks (freed by reference counting)
        if enabled:
            gc.enable()


def load_file(file: File) -> None:
    """Read, parse and validate ``file`` with the strict loader; its mistakes become problems."""
    try:
        raw, file.text = fast.read(file.location)
    except SourceError as exc:
        check = "encoding" if any(word in exc.message for word in _ENCODING_WORDS) else "syntax"
        file.add(check, exc.line, with_fix(exc.message))
        return
    try:
        file.parsed = fast.parse(file.path, file.text, raw)
    except SourceError as exc:
        file.add("syntax", exc.line, with_fix(exc.message))
        return
    schema = SCHEMAS[file.kind]
    if _has_schema(schema):
        try:
            fast.validate(file.parsed, schema)
        except SourceErrors as exc:
            for error in exc.errors:
                file.add("schema", error.line, with_fix(error.message, schema))
            return
    file.source = file.parsed


@functools.cache
def _has_schema(schema: str) -> bool:
    return (SCHEMA_DIR / f"{schema}.schema.json").is_file()


_IMPERATIVE = re.compile(r": (?=(?:save|remove|split|keep|put|write|indent|use|quote|end)\b)")


def with_fix(message: str, schema: str = "") -> str:
    """The loader says "problem: fix"; a finding says "problem — fix" (and always has a fix)."""
    if schema:
        return f"{message} — correct it as schemas/{schema}.schema.json expects (your editor shows it as you type)"
    last = None
    for match in _IMPERATIVE.finditer(message):
        last = match
    if last is not None:
        return message[:last.start()] + " — " + message[last.end():]
    if message.startswith("YAML syntax"):
        return (
            f"{message} — check the indentation at this line and the one before; put text that holds"
            " ': ' or starts with [ { * & ! | > % @ ` or a quote between quotes"
        )
    return f"{message} — correct this line"


__all__ = ["REFERENCE", "Corpus", "File", "Problem", "discover", "load", "load_file", "shown_path", "with_fix"]
