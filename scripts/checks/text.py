"""The texts of a source, as the checks read them: which values are text, and the words a reader sees.

Values that are the same in every language (ids, choices) are not text: the
structure check compares them with fr for equality (``NEUTRAL_PATHS``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from calculators.grammar import FACT, LINK_DESTINATION, PARAMETER_LIKE
from scripts.sources.corpus import File
from scripts.sources.hashing import KEY as HASH_KEY

# Values that are the same in every language, by kind of source and JSON path
# ("*" is any list index): compared with fr for equality, never read as text.
NEUTRAL_PATHS = {
    "guide": ("id", "audience", "related", "sections.*.id", "sections.*.table", "sections.*.variants.*.role"),
    # The home page's ways in: ordered guide ids, the same lists in every language (like a guide's related).
    "site": ("journeys.become_partner", "journeys.clients", "journeys.partners", "journeys.more"),
    "glossary": ("terms.*.id",),
    "calculator": ("calculator",),
}
# Each language's own values, not compared with fr: the glossary's wrong words, the address where a
# company applies to join (each language may have its own page; empty while it is not known).
LANGUAGE_SPECIFIC_PATHS = {"glossary": ("terms.*.forbidden",), "site": ("apply_url",)}

# Bare addresses in a text (links are read through calculators.grammar).
URL = re.compile(r"\bhttps?://[^\s)>\]\"]+|\bmailto:[^\s)>\]]+|[\w.+-]+@[\w-]+\.[\w.-]+")
SPACES = re.compile(r"\s+")

Pair = tuple[tuple, tuple, str, str]  # fr path, translation path, fr text, translated text


class Trie(dict):
    """JSON path patterns as a tree of steps ("*" for any list index); ``end`` marks a whole pattern."""

    end = False

    def step(self, part: str | int) -> Trie | None:
        return self.get("*" if isinstance(part, int) else part)


def trie(*specs: str) -> Trie:
    root = Trie()
    for spec in specs:
        node = root
        for part in spec.split("."):
            node = node.setdefault(part, Trie())
        node.end = True
    return root


NEUTRAL = {kind: trie(*specs) for kind, specs in NEUTRAL_PATHS.items()}
SPECIFIC = {kind: trie(*LANGUAGE_SPECIFIC_PATHS.get(kind, ())) for kind in NEUTRAL_PATHS}
_NOT_TEXT = {kind: trie(*specs, HASH_KEY) for kind, specs in NEUTRAL_PATHS.items()}
_NOT_TEXT_NOR_SPECIFIC = {
    kind: trie(*specs, HASH_KEY, *LANGUAGE_SPECIFIC_PATHS.get(kind, ())) for kind, specs in NEUTRAL_PATHS.items()
}


def _ending_keys(skip: dict[str, Trie]) -> frozenset[str]:
    """The keys that end a pattern of ``skip``: a path without any of them is never skipped."""
    found: set[str] = set()

    def visit(node: Trie) -> None:
        for key, below in node.items():
            if below.end:
                found.add(key)
            visit(below)

    for root in skip.values():
        visit(root)
    return frozenset(found)


_ENDING = {id(table): _ending_keys(table) for table in (_NOT_TEXT, _NOT_TEXT_NOR_SPECIFIC)}


def strings(file: File) -> list[tuple[tuple, str]]:
    """Every string of a parsed file, ids included, with its path: walked once per file and shared
    (the unsafe and encoding checks read them all, ``texts`` picks the translated ones)."""
    assert file.parsed is not None
    if file.parsed.strings is not None:
        return file.parsed.strings  # recorded by the loader as it built the data
    if "_strings" not in file.__dict__:
        file.__dict__["_strings"] = list(leaves(file.parsed.data))
    return file.__dict__["_strings"]


def texts(file: File, *, with_specific: bool = True) -> list[tuple[tuple, str]]:
    """The translated texts of a loaded file (not its ids and choices), listed once per file."""
    assert file.source is not None
    cache = file.__dict__.setdefault("_texts", {})
    if with_specific not in cache:
        table = _NOT_TEXT if with_specific else _NOT_TEXT_NOR_SPECIFIC
        skip, ending = table[file.kind], _ENDING[id(table)]
        # Most paths hold no key that ends a pattern (a set test in C); only the others walk the patterns.
        cache[with_specific] = [
            (where, text) for where, text in strings(file)
            if ending.isdisjoint(where) or not _skipped(where, skip)
        ]
    return cache[with_specific]


def _skipped(where: tuple, skip: Trie) -> bool:
    """Whether ``leaves(..., skip=skip)`` leaves out the string at ``where``: a key ends a pattern on its way."""
    node: Trie | None = skip
    for part in where:
        if isinstance(part, int):
            node = node.get("*")
            if node is None:
                return False
        else:
            node = node.get(part)
            if node is None:
                return False
            if node.end:  # leaves() tests the end of a pattern at keys only
                return True
    return False


def leaves(data: Any, where: tuple = (), *, skip: Trie | None = None) -> Iterator[tuple[tuple, str]]:
    """Every string under ``data``: (JSON path, text), except those under the ``skip`` patterns."""
    found: list[tuple[tuple, str]] = []
    _collect(data, where, skip, found)
    return iter(found)


def _collect(data: Any, where: tuple, skip: Trie | None, found: list[tuple[tuple, str]]) -> None:
    # Appending to one list, not nested generators: each value would pass through every level above it.
    if isinstance(data, dict):
        for key, value in data.items():
            below = skip.step(key) if skip else None
            if below is None or not below.end:
                _collect(value, (*where, key), below, found)
    elif isinstance(data, list):
        below = skip.step(0) if skip else None  # the same step for every index
        for index, value in enumerate(data):
            _collect(value, (*where, index), below, found)
    elif isinstance(data, str):
        found.append((where, data))


def may_hold(file: File, *characters: str) -> bool:
    """Whether a text of ``file`` may hold one of ``characters``: its raw text has one, or a backslash
    (a YAML escape such as "\\x7b" writes a character the raw text does not show)."""
    text = file.text
    return "\\" in text or any(character in text for character in characters)


def dotted(where: tuple) -> str:
    """A JSON path as translators read it: ``sections.0.steps``."""
    return ".".join(map(str, where)) or "top level"


def prose(text: str) -> str:
    """The words a reader sees: without placeholders, link targets, URLs and e-mail addresses."""
    if "{" in text:
        text = PARAMETER_LIKE.sub(" ", FACT.sub(" ", text))
    if "](" in text:
        text = LINK_DESTINATION.sub("] ", text)
    if "@" in text or "://" in text or "mailto:" in text:
        text = URL.sub(" ", text)
    return text
