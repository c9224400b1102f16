"""The fr texts that translations were made from, and what fr changed since.

``kb stamp`` records in a translation the hash of the fr data it follows
(``source_hash``, scripts/sources/hashing.py) and keeps that data here, in
``.kb/fr-snapshots/<hash>.json``: content-addressed, so the four translations
stamped on the same fr text share one file. The store is part of the project
(committed with the stamps), outside docs/ so that MkDocs never publishes it.
When fr changes, the ``stale`` check reads the snapshot a translation records
(only then) and ``changes(old, new)`` says, field by field, what French changed:
the old and the new text and a compact word diff (``[-old words-]{+new words+}``).
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.sources.hashing import KEY, PATTERN, source_hash
from scripts.sources.tree import REFERENCE, Tree

STORE = Path(".kb") / "fr-snapshots"
# How many unchanged words a diff keeps on each side of a change; the rest of a longer unchanged run becomes "…".
CONTEXT = 5
ELLIPSIS = "…"
NEWLINE = "↵"  # a line break of the text (it matters in Markdown: list items, paragraphs)
_RECORDED = re.compile(rf"""^["']?{KEY}["']?[ \t]*:[ \t]*["']?([0-9a-f]{{12}})""", re.MULTILINE)


class Unreadable(Exception):
    """A snapshot that exists but is not the fr data its name says (edited, truncated, not JSON)."""


def directory(tree: Tree) -> Path:
    return tree.root / STORE


def path(tree: Tree, digest: str) -> Path:
    assert PATTERN.match(digest), digest
    return directory(tree) / f"{digest}.json"


def shown(digest: str) -> str:
    """The snapshot's path as printed to translators (relative to the project)."""
    return (STORE / f"{digest}.json").as_posix()


def save(tree: Tree, data: Any) -> tuple[str, bool]:
    """Keep ``data`` (an fr file's loaded data) under its hash; return (hash, whether a file was written)."""
    digest = source_hash(data)
    target = path(tree, digest)
    if target.is_file():
        try:
            load(tree, digest)
            return digest, False
        except Unreadable:
            pass  # written again below
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    # Written beside, then moved in: a reader never sees half a file (and the umask gives its mode, as for any file).
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8", newline="\n")
    os.replace(partial, target)
    return digest, True


def load(tree: Tree, digest: str) -> Any | None:
    """The fr data kept under ``digest``; None when there is none (raises ``Unreadable`` when it is damaged)."""
    target = path(tree, digest)
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise Unreadable(f"{shown(digest)} cannot be read ({exc})") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise Unreadable(f"{shown(digest)} is not JSON ({exc})") from None
    if source_hash(data) != digest:
        raise Unreadable(f"{shown(digest)} does not hold the fr text of that hash (edited by hand?)")
    return data


def recorded(tree: Tree) -> set[str]:
    """Every hash that a translation file of ``tree`` records (read as text: a file that does not load counts too)."""
    found: set[str] = set()
    docs = tree.docs
    if not docs.is_dir():
        return found
    for lang_dir in docs.iterdir():
        if lang_dir.name == REFERENCE or not lang_dir.is_dir():
            continue
        for source in lang_dir.rglob("*.yml"):
            try:
                text = source.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            found.update(_RECORDED.findall(text))
    return found


def prune(tree: Tree) -> list[str]:
    """Delete the snapshots that no translation records any more; return their hashes."""
    store = directory(tree)
    if not store.is_dir():
        return []
    kept = recorded(tree)
    removed = []
    for snapshot in sorted(store.glob("*.json")):
        digest = snapshot.stem
        if PATTERN.match(digest) and digest not in kept:
            snapshot.unlink()
            removed.append(digest)
    return removed


# --- what changed -------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field of fr that changed: its path now (``field``), its path in the old fr (``where``), old and new text."""

    field: str
    where: tuple  # where it was in the old fr, so in the translation made from it (or where it would go)
    old: str | None  # None: fr added it
    new: str | None  # None: fr removed it

    @functools.cached_property
    def diff(self) -> str:
        return plain(word_diff(self.old, self.new))

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new, "diff": self.diff}


def field_name(where: tuple) -> str:
    """A path as translators read it in the YAML: ``sections[0].steps[2].text``."""
    out = ""
    for step in where:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(the whole file)"


def changes(old: Any, new: Any) -> list[Change]:
    """Every text (leaf) of fr that differs between ``old`` and ``new``, in the order of the file."""
    found: list[Change] = []
    _compare(_without_hash(old), _without_hash(new), (), (), found)
    return found


def _without_hash(data: Any) -> Any:
    return {k: v for k, v in data.items() if k != KEY} if isinstance(data, dict) else data


def _compare(old: Any, new: Any, old_at: tuple, new_at: tuple, found: list[Change]) -> None:
    if type(old) is type(new) and old == new:  # most of a file: one comparison in C, nothing walked
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key, value in new.items():
            if key in old:
                _compare(old[key], value, (*old_at, key), (*new_at, key), found)
            else:
                _added(value, (*old_at, key), (*new_at, key), found)
        for key, value in old.items():
            if key not in new:
                _removed(value, (*old_at, key), (*new_at, key), found)
    elif isinstance(old, list) and isinstance(new, list):
        _compare_lists(old, new, old_at, new_at, found)
    elif isinstance(old, dict | list) or isinstance(new, dict | list):
        _removed(old, old_at, new_at, found)
        _added(new, old_at, new_at, found)
    else:
        found.append(Change(field_name(new_at), old_at, _text(old), _text(new)))


def _compare_lists(old: list, new: list, old_at: tuple, new_at: tuple, found: list[Change]) -> None:
    """Items matched as a diff does, so that one inserted step is one change, not every step after it."""
    keys = [[json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items] for items in (old, new)]
    matcher = difflib.SequenceMatcher(None, keys[0], keys[1], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for offset in range(paired):
            _compare(old[i1 + offset], new[j1 + offset], (*old_at, i1 + offset), (*new_at, j1 + offset), found)
        for i in range(i1 + paired, i2):
            _removed(old[i], (*old_at, i), (*new_at, j1 + paired), found)
        for j in range(j1 + paired, j2):
            _added(new[j], (*old_at, i1 + paired), (*new_at, j), found)


def _leaves(data: Any, at: tuple) -> Iterator[tuple[tuple, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*at, index))
    else:
        yield at, data


def _added(value: Any, old_at: tuple, new_at: tuple, found: list[Change]) -> None:
    for at, leaf in _leaves(value, new_at):
        found.append(Change(field_name(at), old_at, None, _text(leaf)))


def _removed(value: Any, old_at: tuple, new_at: tuple, found: list[Change]) -> None:
    for at, leaf in _leaves(value, old_at):
        found.append(Change(field_name(at), at, _text(leaf), None))


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)  # a number, true/false, null: as YAML reads them


# --- word diff ----------------------------------------------------------------------------

# A diff is a list of (kind, text, spaced): kind " " unchanged, "-" removed, "+" added, ELLIPSIS for unchanged
# words left out; ``spaced``: the text had a space (or line break) before it.
Segment = tuple[str, str, bool]
_TOKEN = re.compile(r"\w+|\n|[^\w\s]")
_SPACES = re.compile(r"\s+")
_IS_WORD = re.compile(r"\w")


def word_diff(old: str | None, new: str | None) -> list[Segment]:
    """The words (and signs) of ``old`` and ``new`` compared; CONTEXT unchanged words kept around each change."""
    old, new = old or "", new or ""
    a, b = _tokens(old), _tokens(new)
    a_words, b_words = [t for t, _, _ in a], [t for t, _, _ in b]
    if a_words == b_words:  # only spaces differ (or nothing): show the two texts whole
        return [("-", _slice(old, a, 0, len(a)), False), ("+", _slice(new, b, 0, len(b)), False)] if old != new \
            else [(" ", _slice(new, b, 0, len(b)), False)]
    segments: list[Segment] = []
    opcodes = difflib.SequenceMatcher(None, a_words, b_words, autojunk=False).get_opcodes()
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            first, last = number == 0, number == len(opcodes) - 1
            words = [k for k in range(j1, j2) if _IS_WORD.match(b[k][0])]
            head = words[CONTEXT] if len(words) > CONTEXT else j2  # the first token past CONTEXT words
            tail = words[-CONTEXT] if len(words) > CONTEXT else j1  # the first of the last CONTEXT words
            if first and tail > j1:
                segments += [(ELLIPSIS, "", False), (" ", _slice(new, b, tail, j2), True)]
            elif last and head < j2:
                segments += [(" ", _slice(new, b, j1, head), b[j1][1]), (ELLIPSIS, "", True)]
            elif not first and not last and len(words) > 2 * CONTEXT:
                segments += [
                    (" ", _slice(new, b, j1, head), b[j1][1]), (ELLIPSIS, "", True),
                    (" ", _slice(new, b, tail, j2), True),
                ]
            else:
                segments.append((" ", _slice(new, b, j1, j2), b[j1][1]))
            continue
        if i2 > i1:
            segments.append(("-", _slice(old, a, i1, i2), a[i1][1]))
        if j2 > j1:
            segments.append(("+", _slice(new, b, j1, j2), b[j1][1] if i2 == i1 else False))
    return segments


def _tokens(text: str) -> list[tuple[str, bool, int]]:
    """(token, spaced before, start) of each word, sign and line break of ``text``."""
    return [
        (match.group(0), match.start() > 0 and text[match.start() - 1].isspace(), match.start())
        for match in _TOKEN.finditer(text)
    ]


def _slice(text: str, tokens: list[tuple[str, bool, int]], start: int, end: int) -> str:
    """The text of tokens ``start``..``end`` as written, line breaks shown as NEWLINE."""
    if start >= end:
        return ""
    first, last = tokens[start], tokens[end - 1]
    written = text[first[2]:last[2] + len(last[0])]
    return _SPACES.sub(lambda m: f" {NEWLINE} " if "\n" in m.group(0) else " ", written).strip()


def plain(segments: list[Segment]) -> str:
    """A diff as ``git diff --word-diff=plain`` writes it: ``kept [-removed-]{+added+} kept``."""
    out = ""
    for kind, text, spaced in segments:
        part = {"-": f"[-{text}-]", "+": f"{{+{text}+}}", ELLIPSIS: ELLIPSIS}.get(kind, text)
        out += (" " if spaced and out else "") + part
    return out
