"""A translation walked beside its fr original: the texts both have, and where its shape differs.

Lists of sections and glossary terms are aligned by id, other lists by
position; a list whose length differs from fr's is a difference and its
texts are not paired (they would not line up). The structure check reports
the differences; the checks that compare texts with fr read the pairs.
"""

from __future__ import annotations

from difflib import get_close_matches
from operator import itemgetter
from typing import Any, NamedTuple

from scripts.checks.text import NEUTRAL, SPECIFIC, Pair, Trie, dotted, strings
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
    same = _same_shape(ref, file)
    if same is not None:
        return same
    walk = _Walk(ref, file, Alignment([], []))
    walk.walk(ref.source.data, file.source.data, (), (), NEUTRAL[file.kind], SPECIFIC[file.kind])
    return walk.found


# --- A translation of fr's very shape, without walking both -----------------------------------
#
# Most translations have fr's shape: the same keys in the same order, the same list lengths, the same ids
# and choices, only other words. For those, the walk finds no difference and pairs each text of fr with the
# translation's text at the same path. What the walk would do is worked out once per fr file (a ``_Plan``:
# which of fr's strings are texts, which must be equal, which lists are aligned by id), and a translation
# takes that path when the loader's records of it show fr's shape: its strings at fr's paths, in fr's
# order, and no other node (``Source.lines`` holds one line per node). Anything else is walked.

_HASH_PATH = (HASH_KEY,)


class _Plan(NamedTuple):
    nodes: int  # fr's nodes, its top-level hash aside
    paths: list[tuple]  # the path of each of fr's strings, in document order (the hash aside)
    values: list[str]
    texts: list[int]  # the strings the walk pairs (indexes into paths)
    # The strings the translation must have as fr has them: the ids and choices the walk compares, and the ids
    # of the lists it aligns by id (fr's ids, all different: the same ones in the same order align by position).
    equal: list[int]


def _plan(ref: File) -> _Plan | None:
    """What ``_Walk`` does with ``ref``'s data, for a translation of the same shape; None when fr holds what the
    plan leaves to the walk: a value other than a text (a number, an empty list...), the same id twice in a list
    aligned by id, each language's own values (not compared), a hash that is not a text."""
    assert ref.parsed is not None and ref.source is not None
    data = ref.source.data
    if SPECIFIC[ref.kind] or not isinstance(data, dict):
        return None
    category: dict[tuple, str] = {}
    ids_at: set[tuple] = set()  # the path of each id of a list aligned by id

    def visit(node: Any, path: tuple, neutral: Trie | None, compared: bool) -> bool:
        # ``compared``: under a list the walk compares as a whole (a neutral list such as related).
        if isinstance(node, dict):
            if not node:
                return False
            for name, value in node.items():
                if not path and name == HASH_KEY:
                    if not isinstance(value, str):
                        return False
                    continue
                if not visit(value, (*path, name), neutral.get(name) if neutral and not compared else None, compared):
                    return False
            return True
        if isinstance(node, list):
            if not node:
                return False
            if not compared and neutral is not None and neutral.end:
                compared = True  # _list: fr != tr, as a whole
            below = neutral.get("*") if neutral and not compared else None
            if not compared and (path[-1] if path else "") in ID_LISTS and _all_have_ids(node):
                if len({item["id"] for item in node}) != len(node):
                    return False  # an id twice: _by_id pairs its last item with each
                ids_at.update((*path, index, "id") for index in range(len(node)))
            return all(visit(item, (*path, index), below, compared) for index, item in enumerate(node))
        if not isinstance(node, str):
            return False
        if compared or (neutral is not None and neutral.end):
            category[path] = "skip" if not compared and path == ("id",) and ref.kind == "guide" else "equal"
        else:
            category[path] = "text"
        return True

    if not visit(data, (), NEUTRAL[ref.kind], False):
        return None
    paths, values, texts, equal = [], [], [], []
    for where, text in strings(ref):
        if where == _HASH_PATH:
            continue
        kind = category.pop(where, None)
        if kind is None:
            return None  # (the loader's strings and the data disagree: leave it to the walk)
        if kind == "text":
            texts.append(len(paths))
        if kind == "equal" or where in ids_at:
            equal.append(len(paths))
        paths.append(where)
        values.append(text)
    if category:
        return None
    lines = ref.parsed.lines
    return _Plan(len(lines) - (_HASH_PATH in lines), paths, values, texts, equal)


def _same_shape(ref: File, file: File) -> Alignment | None:
    """The walk's alignment of a translation that has fr's shape, without the walk; None when it may not."""
    plan = ref.__dict__.get("_alignment_plan", _NO_PLAN)
    if plan is _NO_PLAN:  # once per run, for the four translations
        plan = ref.__dict__["_alignment_plan"] = _plan(ref)
    if plan is None or file.parsed is None or file.kind != ref.kind or not isinstance(file.source.data, dict):
        return None
    lines = file.parsed.lines
    hashed = _HASH_PATH in lines
    if len(lines) - hashed != plan.nodes:
        return None
    found = strings(file)
    if hashed and found and found[0][0] == _HASH_PATH:
        found = found[1:]  # (kb stamp writes the hash first; anywhere else, it is walked)
    if list(map(_FIRST, found)) != plan.paths:
        return None
    # Every string at fr's path, and as many nodes as fr: every other node is one of fr's (a key or a list
    # item on the way to a string), so the keys, their order and the lengths of lists are fr's; the items
    # of a list aligned by id all have a text id, as fr's do.
    fr_values = plan.values
    for i in plan.equal:
        if found[i][1] != fr_values[i]:
            return None
    fr_paths = plan.paths
    return Alignment([(fr_paths[i], fr_paths[i], fr_values[i], found[i][1]) for i in plan.texts], [])


_NO_PLAN = object()
_FIRST = itemgetter(0)


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
        if neutral is None and specific is None:
            self._plain(fr, tr, fpath, tpath)
            return
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

    def _plain(self, fr: Any, tr: Any, fpath: tuple, tpath: tuple) -> None:
        """``walk`` where no neutral or language-specific pattern reaches (titles, steps, notes: most of a file).

        The same outcome as ``walk``'s, with fewer steps for each value: the types are read once, a key's path
        is one tuple when fr's and the translation's paths are the same (they differ only after sections
        aligned by id at other places), and a text is paired at once.
        """
        kind = type(fr)
        if kind is str:
            if type(tr) is str:
                self.found.pairs.append((fpath, tpath, fr, tr))
                return
        elif kind is dict:
            if type(tr) is dict:
                same = fpath == tpath
                append = self.found.pairs.append
                matched = 0
                for name, value in fr.items():
                    if name in tr:
                        matched += 1
                        other = tr[name]
                        where = (*fpath, name)
                        if type(value) is str and type(other) is str:  # a text: paired here, without a call
                            append((where, where if same else (*tpath, name), value, other))
                        else:
                            self._plain(value, other, where, where if same else (*tpath, name))
                    else:
                        self.differs(tpath, f"key '{name}' is missing", (*fpath, name), f"translate fr's '{name}' here")
                if matched != len(tr):  # (each key of the translation is one of fr's otherwise)
                    for name in tr:
                        if name not in fr:
                            self.differs(
                                tpath, f"key '{name}' is not in fr", fpath, "remove it, or add it to fr first",
                                line_at=(*tpath, name),
                            )
                return
        elif kind is list:
            if type(tr) is list:
                self._list(fr, tr, fpath, tpath, None, None)
                return
        self._generic(fr, tr, fpath, tpath)

    def _generic(self, fr: Any, tr: Any, fpath: tuple, tpath: tuple) -> None:
        """``walk`` without patterns, for what ``_plain`` does not take itself (other types, types that differ)."""
        if type(fr) is not type(tr) and not (isinstance(fr, (int, float)) and isinstance(tr, (int, float))):
            self.differs(tpath, f"{_shape_word(tr)} here, but fr has {_shape_word(fr)}", fpath, "use the same form as fr")
        elif isinstance(fr, dict):
            self._mapping(fr, tr, fpath, tpath, None, None)
        elif isinstance(fr, list):
            self._list(fr, tr, fpath, tpath, None, None)
        elif isinstance(fr, str):
            self.found.pairs.append((fpath, tpath, fr, tr))
        elif fr != tr:
            self.differs(tpath, f"{tr!r} differs from fr {fr!r}", fpath, f"write {fr!r} as fr does")

    def _mapping(self, fr: dict, tr: dict, fpath: tuple, tpath: tuple, neutral, specific) -> None:
        for name in fr:
            below = specific.get(name) if specific else None  # keys are words: a step is a look-up
            if (not fpath and name == HASH_KEY) or (below is not None and below.end):
                continue
            if name not in tr:
                self.differs(tpath, f"key '{name}' is missing", (*fpath, name), f"translate fr's '{name}' here")
                continue
            step = neutral.get(name) if neutral else None
            if step is None and below is None:
                value, other = fr[name], tr[name]
                if type(value) is str and type(other) is str:  # a text: paired here, without a call
                    self.found.pairs.append(((*fpath, name), (*tpath, name), value, other))
                else:
                    self._plain(value, other, (*fpath, name), (*tpath, name))
            else:
                self.walk(fr[name], tr[name], (*fpath, name), (*tpath, name), step, below)
        for name in tr:
            if name in fr:
                continue  # (fr's keys were all seen above)
            below = specific.get(name) if specific else None
            if not (not tpath and name == HASH_KEY) and not (below is not None and below.end):
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
        if neutral is None and specific is None:
            plain, append, same = self._plain, self.found.pairs.append, fpath == tpath
            for index, (fr_item, tr_item) in enumerate(zip(fr, tr, strict=True)):
                where = (*fpath, index)
                if type(fr_item) is str and type(tr_item) is str:  # a text: paired here, without a call
                    append((where, where if same else (*tpath, index), fr_item, tr_item))
                else:
                    plain(fr_item, tr_item, where, where if same else (*tpath, index))
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
