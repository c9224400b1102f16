"""The texts of a source, as the checks read them: which values are text, and the words a reader sees.

Values that are the same in every language (ids, choices) are not text: the
structure check compares them with fr for equality (``NEUTRAL_PATHS``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress
from operator import itemgetter, not_
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
# Its first branch alone, for a text without "@" or "mailto:" (where the others cannot match): the same
# matches, without trying an e-mail address at each word; "\bh" written h(?<!\wh) so that the engine
# looks for an "h" first.
_WEB_URL = re.compile(r"h(?<!\wh)ttps?://[^\s)>\]\"]+")
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
        skip = (_NOT_TEXT if with_specific else _NOT_TEXT_NOR_SPECIFIC)[file.kind]
        found = strings(file)
        # Whether a string is left out depends on its path alone: each path is looked up in the patterns once.
        known = _LEFT_OUT[id(skip)]
        flags = list(map(known.get, map(_PATH, found)))
        if None in flags:
            if len(known) > _LEFT_OUT_LIMIT:
                known.clear()
            for index, flag in enumerate(flags):
                if flag is None:
                    where = found[index][0]
                    flags[index] = known[where] = _skipped(where, skip)
        cache[with_specific] = list(compress(found, map(not_, flags)))
    return cache[with_specific]


_PATH = itemgetter(0)
# Pattern table -> path -> whether ``leaves(..., skip=table)`` leaves the string at that path out. Paths, not
# texts: the same few hundred recur in every file of a kind (title, sections.0.steps.1...).
_LEFT_OUT: dict[int, dict[tuple, bool]] = {
    id(skip): {} for table in (_NOT_TEXT, _NOT_TEXT_NOR_SPECIFIC) for skip in table.values()
}
_LEFT_OUT_LIMIT = 100_000


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
    if "\\" in text:
        return True
    for character in characters:
        if character in text:
            return True
    return False


# Printable ASCII and the newline: dropped from a text's UTF-8 bytes at C speed by ``unusual``.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\n"


def unusual(text: str) -> str:
    """The characters of ``text`` other than printable ASCII and the newline, in order (a few, in most texts):
    where control, invisible, mis-decoded or non-ASCII characters are looked for. UTF-8 continuation bytes are
    never ASCII, so deleting the ASCII bytes keeps every other character whole; a lone surrogate stays itself."""
    return text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_BYTES).decode("utf-8", "surrogatepass")


def unusual_in(file: File) -> str:
    """``unusual(file.text)``, worked out once per file for the checks that read it (encoding, numbers)."""
    found = file.__dict__.get("_unusual")
    if found is None:
        found = file.__dict__["_unusual"] = unusual(file.text)
    return found


def dotted(where: tuple) -> str:
    """A JSON path as translators read it: ``sections.0.steps``."""
    return ".".join(map(str, where)) or "top level"


def prose(text: str) -> str:
    """The words a reader sees: without placeholders, link targets, URLs and e-mail addresses."""
    if "{" in text:
        text = PARAMETER_LIKE.sub(" ", FACT.sub(" ", text))
    if "](" in text:
        text = LINK_DESTINATION.sub("] ", text)
    if "@" in text or "mailto:" in text:
        text = URL.sub(" ", text)
    elif "://" in text:
        text = _WEB_URL.sub(" ", text)
    return text


def url_pattern(text: str) -> re.Pattern:
    """``URL``, or its first branch alone when ``text`` has no "@" nor "mailto:" (the same matches, sooner)."""
    return URL if "@" in text or "mailto:" in text else _WEB_URL
