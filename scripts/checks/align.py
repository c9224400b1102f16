"""A translation walked beside its fr original: the texts both have, and where its shape differs.

Lists of sections and glossary terms are aligned by id, other lists by
position; a list whose length differs from fr's is a difference and its
texts are not paired (they would not line up). The structure check reports
the differences; the checks that compare texts with fr read the pairs.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any, NamedTuple

from scripts.checks.text import NEUTRAL, SPECIFIC, Pair, Trie, dotted
from scripts.sources.corpus import File
from scripts.sources.hashing import KEY as HASH_KEY

# Lists whose items carry an id: aligned with fr by id, not by position.
ID_LISTS = {"sections": "section", "terms": "term"}


class Alignment(NamedTuple):
    pairs: list[Pair]
    differences: list[tuple[int, str]]  # (line in the translation, "what differs — fix")


def align(ref: File, file: File) -> Alignment:
    """Pair the texts of ``file`` with those of its fr original ``ref``; list where their shapes differ."""
    assert ref.source is not None and file.source is not None
    walk = _Walk(ref, file, Alignment([], []))
    walk.walk(ref.source.data, file.source.data, (), (), NEUTRAL[file.kind], SPECIFIC[file.kind])
    return walk.found


def _shape_word(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping of keys" if set(value) != {"text", "substeps"} else "a step with substeps"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text"
    return f"the value {value!r}"


def _all_have_ids(items: list) -> bool:
    return all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in items)


class _Walk:
    """One translation walked beside its fr original."""

    def __init__(self, ref: File, file: File, found: Alignment) -> None:
        self.ref, self.file, self.found = ref, file, found

    def differs(self, where: tuple, message: str, fpath: tuple, fix: str, *, line_at: tuple | None = None) -> None:
        self.found.differences.append((
            self.file.line_of(where if line_at is None else line_at),
            f"{dotted(where)}: {message} ({self.ref.shown}:{self.ref.line_of(fpath)}) — {fix}",
        ))

    def walk(self, fr: Any, tr: Any, fpath: tuple, tpath: tuple, neutral: Trie | None, specific: Trie | None) -> None:
        if type(fr) is not type(tr) and not (isinstance(fr, (int, float)) and isinstance(tr, (int, float))):
            self.differs(tpath, f"{_shape_word(tr)} here, but fr has {_shape_word(fr)}", fpath, "use the same form as fr")
            return
        if isinstance(fr, dict):
            self._mapping(fr, tr, fpath, tpath, neutral, specific)
        elif isinstance(fr, list):
            self._list(fr, tr, fpath, tpath, neutral, specific)
        elif neutral is not None and neutral.end:
            if fpath == ("id",) and self.file.kind == "guide":
                return  # compared with the file name by the structure check, in every language
            if fr != tr:
                key = next((part for part in reversed(tpath) if isinstance(part, str)), "")
                self.differs(
                    tpath, f"'{tr}' differs from fr '{fr}'", fpath,
                    f"write {key}: {fr} (ids and choices are never translated)",
                )
        elif isinstance(fr, str):
            self.found.pairs.append((fpath, tpath, fr, tr))
        elif fr != tr:
            self.differs(tpath, f"{tr!r} differs from fr {fr!r}", fpath, f"write {fr!r} as fr does")

    def _mapping(self, fr: dict, tr: dict, fpath: tuple, tpath: tuple, neutral, specific) -> None:
        for name in fr:
            below = specific.step(name) if specific else None
            if (not fpath and name == HASH_KEY) or (below is not None and below.end):
                continue
            if name not in tr:
                self.differs(tpath, f"key '{name}' is missing", (*fpath, name), f"translate fr's '{name}' here")
            else:
                self.walk(
                    fr[name], tr[name], (*fpath, name), (*tpath, name), neutral.step(name) if neutral else None, below
                )
        for name in tr:
            below = specific.step(name) if specific else None
            if name not in fr and not (not tpath and name == HASH_KEY) and not (below is not None and below.end):
                self.differs(
                    tpath, f"key '{name}' is not in fr", fpath, "remove it, or add it to fr first", line_at=(*tpath, name)
                )

    def _list(self, fr: list, tr: list, fpath: tuple, tpath: tuple, neutral, specific) -> None:
        if neutral is not None and neutral.end:
            if fr != tr:
                self.differs(
                    tpath, f"[{', '.join(map(str, tr))}] differs from fr [{', '.join(map(str, fr))}]", fpath,
                    "write fr's list",
                )
            return
        neutral, specific = (neutral.step(0) if neutral else None), (specific.step(0) if specific else None)
        key = tpath[-1] if tpath else ""
        if key in ID_LISTS and _all_have_ids(fr) and _all_have_ids(tr):
            self._by_id(fr, tr, fpath, tpath, neutral, specific, ID_LISTS[key])
            return
        if len(fr) != len(tr):
            self.differs(
                tpath, f"{len(tr)} item(s), fr has {len(fr)}", fpath,
                "translate each item of fr, one for one, in the same order",
            )
            return
        for index, (fr_item, tr_item) in enumerate(zip(fr, tr, strict=True)):
            self.walk(fr_item, tr_item, (*fpath, index), (*tpath, index), neutral, specific)

    def _by_id(self, fr: list, tr: list, fpath: tuple, tpath: tuple, neutral, specific, noun: str) -> None:
        fr_ids = [item["id"] for item in fr]
        tr_ids = [item["id"] for item in tr]
        fr_index = {item_id: index for index, item_id in enumerate(fr_ids)}
        tr_index = {item_id: index for index, item_id in enumerate(tr_ids)}
        for index, item_id in enumerate(fr_ids):
            if item_id not in tr_index:
                self.differs(
                    tpath, f"{noun} '{item_id}' of fr is missing", (*fpath, index),
                    f"translate it here with id: {item_id}",
                )
        for index, item_id in enumerate(tr_ids):
            if item_id not in fr_index:
                close = get_close_matches(item_id, [i for i in fr_ids if i not in tr_index], n=1)
                fix = f"write id: {close[0]} if it translates that {noun}" if close else "remove it, or add it to fr first"
                self.differs(tpath, f"{noun} '{item_id}' is not in fr", fpath, fix, line_at=(*tpath, index, "id"))
        common_fr = [i for i in fr_ids if i in tr_index]
        common_tr = [i for i in tr_ids if i in fr_index]
        if common_fr != common_tr:
            self.differs(
                tpath, f"the {noun}s are in another order than fr's ({', '.join(common_fr)})", fpath,
                "keep fr's order",
            )
        for item_id in common_fr:
            i, j = fr_index[item_id], tr_index[item_id]
            self.walk(fr[i], tr[j], (*fpath, i), (*tpath, j), neutral, specific)
