"""Cross-language checks: where a language disagrees with the reference (fr).

Every source is loaded with the strict loader (``scripts.sources``, through
``scripts.fastload``, which gives the same verdicts faster); every mistake
becomes a ``Finding`` that names the file, the line, the check and, after
" — ", the fix. ``run(tree)`` (or ``report(tree)``, which also keeps the files)
is the one entry point: ``kb check``, ``kb status`` and the build all call it.
Translations are compared with fr; fr itself gets the checks that need no
reference (syntax, schema, encoding, placeholders, links, terminology).

| check        | severity | what it finds                                                        |
|--------------|----------|----------------------------------------------------------------------|
| missing      | error    | a file of fr (guide, site texts, glossary, widget texts) absent here |
| syntax       | error    | what the strict YAML reader refuses (tabs, duplicate keys, "no"...)  |
| schema       | error    | what the JSON Schema refuses                                         |
| encoding     | error    | not UTF-8, byte-order mark, control characters, mojibake             |
| structure    | error    | keys, list lengths, ids, roles, tables, audience, related vs fr      |
| placeholders | error    | a {{ fact }} missing, added, unknown or malformed                    |
| numbers      | error    | a figure fr does not have at the same place (locale-aware)           |
| links        | error    | a link to no guide, a link target or external URL that differs       |
| terminology  | error    | a forbidden variant of a glossary term                               |
| untranslated | error    | a non-trivial text identical to fr                                   |
| unsafe       | error    | executable markup: raw HTML, {attribute lists}, javascript: links (scripts/render/safety.py) |
| stale        | warning  | fr changed since the translation was stamped (or it never was)       |

Only ``stale`` is a warning: a translation made from an older fr text is
still a correct page, and it stays readable until the translator catches up.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from ftfy import badness

from scripts.render import safety
from scripts.render.formatting import PLACEHOLDER
from scripts.sources.corpus import Corpus, File
from scripts.sources.corpus import load as load_corpus
from scripts.sources.hashing import KEY as HASH_KEY
from scripts.sources.tree import CALCULATORS, REFERENCE, Tree

SEVERITIES: dict[str, str] = {
    "missing": "error",
    "syntax": "error",
    "schema": "error",
    "encoding": "error",
    "structure": "error",
    "placeholders": "error",
    "numbers": "error",
    "links": "error",
    "terminology": "error",
    "untranslated": "error",
    "unsafe": "error",
    "stale": "warning",
}
CHECKS = tuple(SEVERITIES)

# Values that are the same in every language, by kind of source and JSON path
# ("*" is any list index): compared with fr for equality, never read as text.
NEUTRAL_PATHS = {
    "guide": ("id", "audience", "related", "sections.*.id", "sections.*.table", "sections.*.variants.*.role"),
    "site": (),
    "glossary": ("terms.*.id",),
    "calculator": ("calculator",),
}
# Each language's own lists, not compared with fr: the glossary's wrong words.
LANGUAGE_SPECIFIC_PATHS = {"glossary": ("terms.*.forbidden",)}

# Names kept as they are in every language: a text made only of these (plus
# placeholders, links and punctuation) is not "untranslated".
UNTRANSLATED_ALLOWED = (
    "Infomaniak", "Manager", "Swiss Backup", "Acronis", "kDrive", "kMail", "kSuite", "kChat",
    "Elegant Themes", "Divi", "WordPress", "Support Premium", "Premium", "Cashback", "VIP",
    "Web", "Mail", "CHF", "EUR", "SIRET", "CSV", "IBAN", "PayPal", "Twint", "TWINT",
)
# An identical text is reported when what is left of it has this many words or letters.
UNTRANSLATED_MIN_WORDS = 3
UNTRANSLATED_MIN_LETTERS = 20

# External URLs must equal fr's, unless a localized page is declared here:
# fr URL -> {language: URL of the same page in that language}.
LOCALIZED_URLS: dict[str, dict[str, str]] = {}

# The letters and signs of the five languages. Their UTF-8 bytes read in a
# legacy code page give the mis-decoded forms ("rĂ©seau" for "réseau").
LETTERS = {
    "fr": "àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ",
    "en": "",
    "de": "äöüßÄÖÜẞ",
    "it": "àèéìíîòóùúÀÈÉÌÍÎÒÓÙÚ",
    "es": "áéíñóúüÁÉÍÑÓÚÜ¡¿",
}
SIGNS = "’‘“”„‚«»‹›–—…€°·•⋮×→\u00a0\u202f"
LEGACY_ENCODINGS = {"cp1250": "Windows-1250", "cp1252": "Windows-1252", "latin-1": "Latin-1"}
# Characters nobody sees that copy-paste brings along: zero-width spaces and
# joiners, a byte-order mark inside the text, bidirectional controls.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# What the schema of each kind of source is called (schemas/<name>.schema.json).
SCHEMAS = {"guide": "guide", "site": "site", "glossary": "glossary", "calculator": "calculator"}
# Lists whose items carry an id: aligned with fr by id, not by position.
ID_LISTS = {"sections": "section", "terms": "term"}


def _mojibake_table() -> dict[str, tuple[str, str]]:
    """Mis-decoded form -> (the character it was, the code page that misread it)."""
    table: dict[str, tuple[str, str]] = {}
    for char in dict.fromkeys("".join(LETTERS.values()) + SIGNS):
        raw = char.encode("utf-8")
        for encoding, name in LEGACY_ENCODINGS.items():
            try:
                form = raw.decode(encoding)
            except UnicodeDecodeError:
                continue  # a byte this code page leaves undefined
            variants = [form, form[:-1] + " "] if form.endswith("\u00a0") else [form]
            for variant in variants:  # the no-break space is often turned into a space
                _char, names = table.get(variant, (char, ""))
                table[variant] = (char, f"{names} or {name}" if names else name)
    return table


MOJIBAKE = _mojibake_table()
_LETTERS_ALL = frozenset("".join(LETTERS.values()))
# A first byte whose partner byte got lost ("ContabilitĂ"): only those that
# are no letter of the five languages, so "â" in "grâce" stays innocent. The
# lead of every Latin-1 letter (byte C3: "Ă", "Ã") is wrong anywhere; the
# others ("Å", "Ĺ") only at the end of a word, as "Å" starts Nordic names.
_LONE_LEADS: dict[str, str] = {}
for _form, (_char, _name) in MOJIBAKE.items():
    if _form[0] not in _LETTERS_ALL and not _form[0].isascii():
        _LONE_LEADS.setdefault(_form[0], _name)
_LATIN1_LEADS = {b"\xc3".decode(encoding) for encoding in LEGACY_ENCODINGS}
_MOJIBAKE_RE = re.compile(
    "|".join(re.escape(f) for f in sorted(MOJIBAKE, key=len, reverse=True))
    + "|(?P<lone>[" + re.escape("".join(sorted(set(_LONE_LEADS) & _LATIN1_LEADS))) + "]"
    + "|[" + re.escape("".join(sorted(set(_LONE_LEADS) - _LATIN1_LEADS))) + r"](?![^\W\d_]))"
)
# What text worth a closer look has: a character no language here uses, or
# the first two characters of a mis-decoded form. A fast first pass.
_SECOND_CHARS: dict[str, set[str]] = {}
for _form in MOJIBAKE:
    if len(_form) > 1:
        _SECOND_CHARS.setdefault(_form[0], set()).add(_form[1])
_SUSPECT = re.compile(
    "[^\\x00-\\x7f" + re.escape("".join(sorted(_LETTERS_ALL | set(SIGNS)))) + "]|"
    + "|".join(f"{re.escape(lead)}[{re.escape(''.join(sorted(seconds)))}]" for lead, seconds in _SECOND_CHARS.items())
)

# Markdown and text patterns.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_INTERNAL = re.compile(r"^(guide|calculator):([a-z0-9-]*)(?:#([A-Za-z0-9_-]+))?$")
_EXTERNAL = re.compile(r"^(?:https?://\S+|mailto:\S+)$")
_URL = re.compile(r"\bhttps?://[^\s)>\]\"]+|\bmailto:[^\s)>\]]+|[\w.+-]+@[\w-]+\.[\w.-]+")
_BRACES = re.compile(r"\{\{|\}\}")
# The widgets' own placeholders ({value}, {min}): filled in the browser, named like fr's.
_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")
_SEPARATORS = " \u00a0\u202f’'.,"
_NUMBER = re.compile(r"(?<![\w.,’'])(\d+(?:[" + _SEPARATORS + r"]\d+)*)(?:[ \u00a0\u202f]?%)?")
_SPLIT_NUMBER = re.compile("([" + _SEPARATORS + "])")
_SEPARATOR_CLASS = {" ": " ", "\u00a0": " ", "\u202f": " ", "’": "'", "'": "'", ".": ".", ",": ","}
_WORD = re.compile(r"[^\W\d_]{2,}")
_SPACES = re.compile(r"\s+")


class CannotRun(Exception):
    """The checker could not run at all (no project tree, no reference language)."""


@dataclass(frozen=True, order=True)
class Finding:
    """One disagreement: ``path:line: severity[check]: what is wrong — how to fix it``."""

    path: str
    line: int
    lang: str
    guide: str | None
    check: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}[{self.check}]: {self.message}"

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


# --- Texts ----------------------------------------------------------------------


class _Trie(dict):
    """JSON path patterns as a tree of steps ("*" for any list index); ``end`` marks a whole pattern."""

    end = False

    def step(self, part: str | int) -> _Trie | None:
        return self.get("*" if isinstance(part, int) else part)


def _trie(*specs: str) -> _Trie:
    root = _Trie()
    for spec in specs:
        node = root
        for part in spec.split("."):
            node = node.setdefault(part, _Trie())
        node.end = True
    return root


_NEUTRAL = {kind: _trie(*specs) for kind, specs in NEUTRAL_PATHS.items()}
_SPECIFIC = {kind: _trie(*LANGUAGE_SPECIFIC_PATHS.get(kind, ())) for kind in NEUTRAL_PATHS}
_NOT_TEXT = {kind: _trie(*specs, HASH_KEY) for kind, specs in NEUTRAL_PATHS.items()}
_NOT_TEXT_NOR_SPECIFIC = {
    kind: _trie(*specs, HASH_KEY, *LANGUAGE_SPECIFIC_PATHS.get(kind, ())) for kind, specs in NEUTRAL_PATHS.items()
}


def _texts(file: File, *, with_specific: bool = True) -> list[tuple[tuple, str]]:
    """The translated texts of a loaded file (not its ids and choices), listed once per file."""
    assert file.source is not None
    cache = file.__dict__.setdefault("_texts", {})
    if with_specific not in cache:
        skip = (_NOT_TEXT if with_specific else _NOT_TEXT_NOR_SPECIFIC)[file.kind]
        cache[with_specific] = list(_leaves(file.source.data, skip=skip))
    return cache[with_specific]


def _leaves(data: Any, where: tuple = (), *, skip: _Trie | None = None) -> Iterator[tuple[tuple, str]]:
    """Every string under ``data``: (JSON path, text), except those under the ``skip`` patterns."""
    if isinstance(data, dict):
        for key, value in data.items():
            below = skip.step(key) if skip else None
            if below is None or not below.end:
                yield from _leaves(value, (*where, key), skip=below)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*where, index), skip=skip.step(index) if skip else None)
    elif isinstance(data, str):
        yield where, data


def _dotted(where: tuple) -> str:
    return ".".join(map(str, where)) or "top level"


def _prose(text: str) -> str:
    """The words a reader sees: without placeholders, link targets, URLs and e-mail addresses."""
    if "{" in text:
        text = _FIELD.sub(" ", PLACEHOLDER.sub(" ", text))
    if "](" in text:
        text = _LINK.sub("] ", text)
    if "@" in text or "://" in text or "mailto:" in text:
        text = _URL.sub(" ", text)
    return text


Pair = tuple[tuple, tuple, str, str]  # fr path, translation path, fr text, translated text


def check_structure(ref: File, file: File) -> list[Pair]:
    """Compare the language-neutral shape with fr; return the aligned texts.

    Lists of sections and glossary terms are aligned by id, other lists by
    position; a list whose length differs from fr's is reported and its
    texts are not compared further (they would not line up).
    """
    assert ref.source is not None and file.source is not None
    pairs: list[Pair] = []
    _Comparison(ref, file, pairs).walk(
        ref.source.data, file.source.data, (), (), _NEUTRAL[file.kind], _SPECIFIC[file.kind]
    )
    return pairs


def check_ids(file: File) -> None:
    """A guide's id is its file name (and its URL), in every language."""
    assert file.source is not None
    if file.kind == "guide" and file.source.data.get("id") != file.guide:
        file.add(
            "structure", file.line_of(("id",)),
            f"id '{file.source.data.get('id')}' differs from the file name {file.key}"
            f" — write id: {file.guide} (ids are never translated)",
        )


def _shape_word(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping of keys" if set(value) != {"text", "substeps"} else "a step with substeps"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text"
    return f"the value {value!r}"


@dataclass
class _Comparison:
    """One translation walked beside its fr original."""

    ref: File
    file: File
    pairs: list[Pair]

    def structure(self, where: tuple, message: str, fpath: tuple, fix: str, *, line_at: tuple | None = None) -> None:
        self.file.add(
            "structure", self.file.line_of(where if line_at is None else line_at),
            f"{_dotted(where)}: {message} ({self.ref.shown}:{self.ref.line_of(fpath)}) — {fix}",
        )

    def walk(self, fr: Any, tr: Any, fpath: tuple, tpath: tuple, neutral: _Trie | None, specific: _Trie | None) -> None:
        if type(fr) is not type(tr) and not (isinstance(fr, (int, float)) and isinstance(tr, (int, float))):
            self.structure(tpath, f"{_shape_word(tr)} here, but fr has {_shape_word(fr)}", fpath, "use the same form as fr")
            return
        if isinstance(fr, dict):
            self._mapping(fr, tr, fpath, tpath, neutral, specific)
        elif isinstance(fr, list):
            self._list(fr, tr, fpath, tpath, neutral, specific)
        elif neutral is not None and neutral.end:
            if fpath == ("id",) and self.file.kind == "guide":
                return  # compared with the file name by check_ids, in every language
            if fr != tr:
                key = next((part for part in reversed(tpath) if isinstance(part, str)), "")
                self.structure(
                    tpath, f"'{tr}' differs from fr '{fr}'", fpath,
                    f"write {key}: {fr} (ids and choices are never translated)",
                )
        elif isinstance(fr, str):
            self.pairs.append((fpath, tpath, fr, tr))
        elif fr != tr:
            self.structure(tpath, f"{tr!r} differs from fr {fr!r}", fpath, f"write {fr!r} as fr does")

    def _mapping(self, fr: dict, tr: dict, fpath: tuple, tpath: tuple, neutral, specific) -> None:
        for name in fr:
            below = specific.step(name) if specific else None
            if (not fpath and name == HASH_KEY) or (below is not None and below.end):
                continue
            if name not in tr:
                self.structure(tpath, f"key '{name}' is missing", (*fpath, name), f"translate fr's '{name}' here")
            else:
                self.walk(
                    fr[name], tr[name], (*fpath, name), (*tpath, name), neutral.step(name) if neutral else None, below
                )
        for name in tr:
            below = specific.step(name) if specific else None
            if name not in fr and not (not tpath and name == HASH_KEY) and not (below is not None and below.end):
                self.structure(
                    tpath, f"key '{name}' is not in fr", fpath, "remove it, or add it to fr first", line_at=(*tpath, name)
                )

    def _list(self, fr: list, tr: list, fpath: tuple, tpath: tuple, neutral, specific) -> None:
        if neutral is not None and neutral.end:
            if fr != tr:
                self.structure(
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
            self.structure(
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
                self.structure(
                    tpath, f"{noun} '{item_id}' of fr is missing", (*fpath, index),
                    f"translate it here with id: {item_id}",
                )
        for index, item_id in enumerate(tr_ids):
            if item_id not in fr_index:
                close = get_close_matches(item_id, [i for i in fr_ids if i not in tr_index], n=1)
                fix = f"write id: {close[0]} if it translates that {noun}" if close else "remove it, or add it to fr first"
                self.structure(tpath, f"{noun} '{item_id}' is not in fr", fpath, fix, line_at=(*tpath, index, "id"))
        common_fr = [i for i in fr_ids if i in tr_index]
        common_tr = [i for i in tr_ids if i in fr_index]
        if common_fr != common_tr:
            self.structure(
                tpath, f"the {noun}s are in another order than fr's ({', '.join(common_fr)})", fpath,
                "keep fr's order",
            )
        for item_id in common_fr:
            i, j = fr_index[item_id], tr_index[item_id]
            self.walk(fr[i], tr[j], (*fpath, i), (*tpath, j), neutral, specific)


def _all_have_ids(items: list) -> bool:
    return all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in items)


# --- Placeholders -------------------------------------------------------------


def check_placeholders(file: File, facts: Collection[str], ref: File | None = None, pairs: list[Pair] = ()) -> None:
    """Unknown or malformed {{ placeholders }} anywhere; against fr, missing or added ones."""
    assert file.source is not None
    known = ", ".join(sorted(facts))
    for where, text in _texts(file):
        if "{" not in text and "}" not in text:
            continue
        for name in PLACEHOLDER.findall(text):
            if name not in facts:
                close = get_close_matches(name, list(facts), n=1)
                fix = f"write {{{{ {close[0]} }}}}" if close else f"use one of: {known}"
                file.add(
                    "placeholders", file.line_of(where, name or "{{"),
                    f"{_dotted(where)}: unknown placeholder {{{{ {name} }}}} — {fix}",
                )
        rest = PLACEHOLDER.sub("", text)
        if _BRACES.search(rest):
            bad = _BRACES.search(rest).group()
            file.add(
                "placeholders", file.line_of(where, bad),
                f"{_dotted(where)}: a placeholder is not closed or opened properly ('{bad}' alone)"
                " — write {{ name }} with two braces on each side",
            )
    if ref is None:
        return
    for fpath, tpath, fr_text, tr_text in pairs:
        if "{" not in fr_text and "{" not in tr_text:
            continue
        where = f"{ref.shown}:{ref.line_of(fpath)}"
        for pattern, (left, right) in ((PLACEHOLDER, ("{{ ", " }}")), (_FIELD, ("{", "}"))):
            fr_names = Counter(pattern.findall(fr_text))
            tr_names = Counter(pattern.findall(tr_text))
            for name in sorted((fr_names - tr_names).elements()):
                file.add(
                    "placeholders", file.line_of(tpath),
                    f"{_dotted(tpath)}: {left}{name}{right} is missing ({where} has it)"
                    f" — write {left}{name}{right} where fr does (placeholders are never translated)",
                )
            for name in sorted((tr_names - fr_names).elements()):
                if pattern is _FIELD or name in facts:  # an unknown fact is reported above
                    file.add(
                        "placeholders", file.line_of(tpath, name),
                        f"{_dotted(tpath)}: {left}{name}{right} is not in fr ({where})"
                        " — remove it, or use the placeholder fr uses here",
                    )


# --- Numbers ------------------------------------------------------------------


def numbers(text: str) -> list[tuple[str, frozenset[Decimal]]]:
    """Each figure written in ``text`` with the values it can mean in any of the five locales.

    "2 000", "2’000", "2.000", "2,000" and "2000" all can mean 2000 ("2.000"
    can also mean 2); "35 %" and "35%" are 35; "347,20" and "347.20" are 347.20.
    """
    found = []
    for match in _NUMBER.finditer(_prose(text)):
        values = _number_values(match.group(1))
        if values:
            found.append((match.group(), values))  # shown as written, "35 %" included
        else:  # "1 2": separate figures
            found.extend((part, frozenset({Decimal(part)})) for part in _SPLIT_NUMBER.split(match.group(1))[0::2])
    return found


def _number_values(token: str) -> frozenset[Decimal]:
    parts = _SPLIT_NUMBER.split(token)
    digits, separators = parts[0::2], [_SEPARATOR_CLASS[s] for s in parts[1::2]]
    if not separators:
        return frozenset({Decimal(token)})
    values = set()
    if _grouped(digits, separators):
        values.add(Decimal("".join(digits)))
    if separators[-1] in ".,":
        head, head_separators = digits[:-1], separators[:-1]
        if not head_separators or (_grouped(head, head_separators) and separators[-1] not in head_separators):
            values.add(Decimal("".join(head) + "." + digits[-1]))
    return frozenset(values)


def _grouped(digits: list[str], separators: list[str]) -> bool:
    return (
        len(set(separators)) == 1
        and 1 <= len(digits[0]) <= 3
        and all(len(group) == 3 for group in digits[1:])
    )


def check_numbers(ref: File, file: File, pairs: list[Pair]) -> None:
    """A figure of the translation that fr does not have at the same place, or the reverse."""
    for fpath, tpath, fr_text, tr_text in pairs:
        if not (_has_digit(fr_text) or _has_digit(tr_text)):
            continue
        fr_numbers, tr_numbers = numbers(fr_text), numbers(tr_text)
        unmatched_fr = list(fr_numbers)
        extra = []
        for token, values in tr_numbers:
            match = next((i for i, (_t, fr_values) in enumerate(unmatched_fr) if values & fr_values), None)
            if match is None:
                extra.append(token)
            else:
                unmatched_fr.pop(match)
        where = f"{ref.shown}:{ref.line_of(fpath)}"
        for token in extra:
            if unmatched_fr:
                fr_token = unmatched_fr.pop(0)[0]
                file.add(
                    "numbers", file.line_of(tpath, token),
                    f"{_dotted(tpath)}: {token} where fr has {fr_token} ({where}) — write fr's figure ({fr_token})",
                )
            else:
                file.add(
                    "numbers", file.line_of(tpath, token),
                    f"{_dotted(tpath)}: {token} is not in fr here ({where}) — remove it, or check the figure against fr",
                )
        for fr_token, _values in unmatched_fr:
            file.add(
                "numbers", file.line_of(tpath),
                f"{_dotted(tpath)}: fr has {fr_token} here ({where}), this text has no such figure — add {fr_token}",
            )


_DIGIT = re.compile(r"\d")


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


# --- Links --------------------------------------------------------------------


@dataclass
class Language:
    """What links of one language can point to."""

    lang: str
    guides: dict[str, File]
    calculators: set[str]

    def sections(self, guide: str) -> set[str] | None:
        file = self.guides.get(guide)
        if file is None or file.source is None:
            return None
        return {section.get("id") for section in file.source.data.get("sections", []) if isinstance(section, dict)}


def _language(files: dict[str, File], lang: str) -> Language:
    guides = {file.guide: file for file in files.values() if file.kind == "guide"}
    calculators = {Path(key).stem for key, file in files.items() if file.kind == "calculator"}
    return Language(lang, guides, calculators & set(CALCULATORS))


def check_links(file: File, language: Language, reference: Language, ref: File | None = None, pairs=()) -> None:
    """Links point to guides and calculators that exist; fr's links and URLs are kept."""
    assert file.source is not None
    related = file.source.data.get("related") if file.kind == "guide" else None
    if isinstance(related, list):
        for index, target in enumerate(related):
            if isinstance(target, str):
                problem = _guide_problem(target, None, language, reference)
                if problem:
                    file.add("links", file.line_of(("related", index)), f"related: {problem}")
    for where, text in _texts(file):
        if "](" not in text:
            continue
        for target in _LINK.findall(text):
            problem = _target_problem(target, language, reference)
            if problem:
                file.add("links", file.line_of(where, target), f"{_dotted(where)}: {problem}")
    if ref is None:
        return
    for fpath, tpath, fr_text, tr_text in pairs:
        if "](" not in fr_text and "](" not in tr_text and "://" not in fr_text + tr_text:
            continue
        fr_targets = Counter(_link_targets(fr_text))
        tr_targets = Counter(_link_targets(tr_text))
        fr_line = f"{ref.shown}:{ref.line_of(fpath)}"
        missing = sorted((fr_targets - tr_targets).elements())
        for target in sorted((tr_targets - fr_targets).elements()):
            variant = next((m for m in missing if LOCALIZED_URLS.get(m, {}).get(file.lang) == target), None)
            if variant is not None:
                missing.remove(variant)
                continue
            if _EXTERNAL.match(target):
                fix = (
                    f"use fr's URL ({', '.join(missing)}), or declare this page as its localized variant in "
                    "LOCALIZED_URLS (scripts/checks)" if missing else "link what fr links here, or remove it"
                )
            else:
                fix = f"link {', '.join(missing)} as fr does" if missing else "remove it: fr has no such link here"
            file.add(
                "links", file.line_of(tpath, target),
                f"{_dotted(tpath)}: links to {target}, fr does not here ({fr_line}) — {fix}",
            )
            missing = []  # already named in the fix
        for target in missing:
            file.add(
                "links", file.line_of(tpath),
                f"{_dotted(tpath)}: fr links to {target} here ({fr_line}), this text does not — add the link",
            )


def _link_targets(text: str) -> list[str]:
    targets = _LINK.findall(text)
    bare = _URL.findall(_LINK.sub("] ", text)) if "://" in text else []
    return targets + [url for url in bare if "://" in url]


def _target_problem(target: str, language: Language, reference: Language) -> str:
    internal = _INTERNAL.match(target)
    if internal is None:
        if _EXTERNAL.match(target):
            return ""
        return (
            f"link target '{target}' is not a guide, a calculator or a full URL"
            " — write [text](guide:<guide-id>), [text](calculator:<name>) or [text](https://...)"
        )
    kind, name, anchor = internal.groups()
    if kind == "guide":
        return _guide_problem(name, anchor, language, reference)
    if name not in language.calculators:
        if name in CALCULATORS:
            return (
                f"calculator '{name}' has no texts in {language.lang}"
                f" — translate docs/{REFERENCE}/calculators/{name}.yml into docs/{language.lang}/calculators/{name}.yml"
            )
        return f"no calculator '{name}' — use one of: {', '.join(CALCULATORS)}"
    return ""


def _closest(name: str, known: Collection[str]) -> str | None:
    """The known id nearest to a mistyped one (among ids of about its length: quick with 1000 guides)."""
    near = [other for other in known if abs(len(other) - len(name)) <= 3]
    found = get_close_matches(name, near, n=1)
    return found[0] if found else None


def _guide_problem(name: str, anchor: str | None, language: Language, reference: Language) -> str:
    if name not in language.guides:
        if name in reference.guides and language.lang != reference.lang:
            return (
                f"guide '{name}' does not exist in {language.lang} yet"
                f" — translate docs/{REFERENCE}/guides/{name}.yml into docs/{language.lang}/guides/{name}.yml"
            )
        close = _closest(name, language.guides)
        return f"no guide '{name}' — " + (f"did you mean {close}?" if close else "link a guide that exists")
    if anchor:
        sections = language.sections(name)
        if sections is not None and anchor not in sections:
            return f"guide '{name}' has no section '{anchor}' — use one of: {', '.join(sorted(map(str, sections)))}"
    return ""


# --- Terminology ---------------------------------------------------------------


@dataclass(frozen=True)
class Terms:
    """The forbidden variants of one language's glossary, as one pattern over lowercased text."""

    pattern: re.Pattern | None
    approved: dict[str, tuple[str, str, int]]  # variant (folded) -> term, term id, glossary line
    glossary: str

    def find(self, text: str) -> Iterator[str]:
        """Each forbidden variant in ``text``, as a whole word, in any case."""
        if self.pattern is None:
            return
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lowercase is longer: report the lowercase
            text = lowered
        position = 0
        # The word-start test is done here, not in the pattern: a lookbehind
        # there would make the regex engine try every position (5x slower).
        while (match := self.pattern.search(lowered, position)) is not None:
            start = match.start()
            if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
                position = start + 1
                continue
            yield text[start:match.end()]
            position = match.end()


def terms(glossary: File | None) -> Terms:
    if glossary is None or glossary.source is None:
        return Terms(None, {}, "")
    approved = {}
    for index, term in enumerate(glossary.source.data.get("terms", [])):
        for variant in term.get("forbidden", []):
            approved[_fold(variant)] = (term["term"], term["id"], glossary.line_of(("terms", index, "forbidden")))
    if not approved:
        return Terms(None, {}, glossary.shown)
    alternatives = [
        r"\s+".join(re.escape(word).replace("'", "['’]").replace("’", "['’]") for word in variant.split())
        for variant in sorted(approved, key=len, reverse=True)
    ]
    return Terms(re.compile("(?:" + "|".join(alternatives) + r")(?!\w)"), approved, glossary.shown)


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.replace("’", "'")).lower().strip()


def check_terminology(file: File, glossary_terms: Terms) -> None:
    """A forbidden variant of a glossary term, as a whole word, in any case."""
    if glossary_terms.pattern is None or file.source is None or next(glossary_terms.find(file.text), None) is None:
        return
    for where, text in _texts(file, with_specific=False):
        for found in glossary_terms.find(_prose(text)):
            term, term_id, line = glossary_terms.approved[_fold(found)]
            file.add(
                "terminology", file.line_of(where, found.split()[0]),
                f"{_dotted(where)}: '{found}' is a forbidden variant of '{term}'"
                f" ({glossary_terms.glossary}:{line}, term {term_id}) — write '{term}'",
            )


# --- Untranslated ---------------------------------------------------------------

_ALLOWED_RE = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, UNTRANSLATED_ALLOWED)) + r")(?!\w)")


def check_untranslated(ref: File, file: File, pairs: list[Pair]) -> None:
    """A text identical to fr that still has words to translate."""
    for fpath, tpath, fr_text, tr_text in pairs:
        if fr_text != tr_text and (
            fr_text.split(None, 1)[:1] != tr_text.split(None, 1)[:1] or fr_text.split() != tr_text.split()
        ):
            continue  # (the first word first: most texts differ there, and it is cheap)
        words = _WORD.findall(_ALLOWED_RE.sub(" ", _prose(tr_text)))
        if len(words) >= UNTRANSLATED_MIN_WORDS or sum(map(len, words)) >= UNTRANSLATED_MIN_LETTERS:
            excerpt = tr_text if len(tr_text) <= 60 else tr_text[:57] + "..."
            file.add(
                "untranslated", file.line_of(tpath),
                f"{_dotted(tpath)}: '{_SPACES.sub(' ', excerpt)}' is the fr text ({ref.shown}:{ref.line_of(fpath)})"
                f" — translate it; a name that stays as is goes in UNTRANSLATED_ALLOWED (scripts/checks)",
            )


# --- Encoding (mojibake) -----------------------------------------------------


def mojibake(text: str) -> list[tuple[str, str, str]]:
    """Each mis-decoded word: (as written, as it should be, the code page that misread it)."""
    found = []
    for match in _MOJIBAKE_RE.finditer(text):
        start = max(text.rfind(space, 0, match.start()) for space in " \n\u00a0") + 1
        end = match.end()
        if text[end - 1].isspace():
            end -= 1  # a form ending in the space that replaced a no-break space
        else:
            while end < len(text) and not text[end].isspace():
                end += 1
        word = text[start:end]
        lead = match.group("lone")
        name = _LONE_LEADS[lead] if lead else MOJIBAKE[match.group()][1]
        fixed = _MOJIBAKE_RE.sub(_repair, text[start:max(end, match.end())]).strip()
        found.append((word, fixed if fixed != word else "", name))
    return list(dict.fromkeys(found))


def _repair(match: re.Match) -> str:
    lead = match.group("lone")
    if lead:
        return _lone_guess(lead) or lead
    char = MOJIBAKE[match.group()][0]
    return char + " " if match.group().endswith(" ") and char != " " and char != "\u00a0" else char


def _lone_guess(lead: str) -> str:
    """The letter a lead whose partner byte (a no-break space, lost) belonged to: 'Ă' -> 'à'."""
    for encoding in LEGACY_ENCODINGS:
        try:
            char = (lead + "\u00a0").encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if char in _LETTERS_ALL:
            return char
    return ""


def check_encoding(file: File) -> None:
    """Mis-decoded text (UTF-8 read in a legacy code page), from the derived table, then ftfy;
    replacement and invisible characters."""
    if file.parsed is None or not _SUSPECT.search(file.text):
        return
    for where, text in _leaves(file.parsed.data):
        if not _SUSPECT.search(text):
            continue
        found = mojibake(text)
        for word, fixed, name in found:
            fix = f"write '{fixed}'" if fixed else "retype the accented letters"
            file.add(
                "encoding", file.line_of(where, word),
                f"{_dotted(where)}: mis-decoded text '{word}' (UTF-8 read as {name}) — {fix}",
            )
        invisible = next((char for char in text if char in INVISIBLE), None)
        if invisible is not None:
            file.add(
                "encoding", file.line_of(where, invisible),
                f"{_dotted(where)}: invisible character U+{ord(invisible):04X} — remove it"
                " (retype the words around it if unsure where it is)",
            )
        if "\ufffd" in text:
            file.add(
                "encoding", file.line_of(where, "\ufffd"),
                f"{_dotted(where)}: replacement character U+FFFD (a letter was lost in decoding)"
                " — retype the letter",
            )
        elif not found and badness.is_bad(text):
            fixed = _ftfy_fix(text)
            file.add(
                "encoding", file.line_of(where),
                f"{_dotted(where)}: the text looks mis-decoded (ftfy) — "
                + (f"ftfy suggests '{fixed}'" if fixed else "retype the accented letters"),
            )


def _ftfy_fix(text: str) -> str:
    from ftfy import fix_text

    fixed = fix_text(text)
    if fixed == text:
        return ""
    start = next((i for i, (a, b) in enumerate(zip(text, fixed, strict=False)) if a != b), 0)
    return fixed[max(0, start - 20):start + 40].strip()


# --- Stale ----------------------------------------------------------------------


def check_stale(ref: File, file: File) -> None:
    """The translation records the hash of the fr text it was made from; fr changed since."""
    assert ref.source is not None and file.source is not None
    current = ref.data_hash
    recorded = file.source.data.get(HASH_KEY)
    stamp = f"python -m scripts.kb stamp {file.shown}"
    if recorded is None:
        file.add(
            "stale", 1,
            f"no {HASH_KEY}: nothing records which fr text this translation follows"
            f" — when it matches {ref.shown}, run {stamp}",
        )
    elif recorded != current:
        file.add(
            "stale", file.line_of((HASH_KEY,)),
            f"{ref.shown} changed since this translation was made ({HASH_KEY} {recorded}, fr is now {current})"
            f" — bring the translation up to date with fr (git log -p {ref.shown}), then run {stamp}",
        )


# --- Everything ---------------------------------------------------------------


@dataclass
class Report:
    """What ``run`` found: the files of every language and every finding."""

    tree: Tree
    files: dict[str, dict[str, File]]
    findings: list[Finding]
    corpus: Corpus | None = None

    @property
    def file_count(self) -> int:
        return sum(len(files) for files in self.files.values())

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def known_facts() -> frozenset[str]:
    """The names a {{ placeholder }} may use: the ones the build fills (calculators.facts)."""
    try:
        from calculators.facts import placeholders
    except ImportError as exc:
        raise CannotRun(f"the calculators package could not be imported ({exc}) — run make setup") from exc
    return frozenset(placeholders())


def report(source: Tree | Corpus | None = None, *, facts: Collection[str] | None = None) -> Report:
    """Run every check on a loaded corpus (or load ``source``'s tree, the project by default).

    Call it once per corpus: the checks record their problems on the corpus' files.
    """
    corpus = source if isinstance(source, Corpus) else None
    tree = corpus.tree if corpus is not None else (source or Tree())
    if not tree.root.is_dir():
        raise CannotRun(f"{tree.root} is not a folder — give --root the folder that holds docs/")
    if not tree.lang_dir(REFERENCE).is_dir():
        raise CannotRun(f"{tree.lang_dir(REFERENCE)} does not exist — the reference language ({REFERENCE}) is needed")
    facts = known_facts() if facts is None else frozenset(facts)
    if corpus is None:
        corpus = load_corpus(tree)
    files = corpus.files
    if not files[REFERENCE]:
        raise CannotRun(f"no source in {tree.lang_dir(REFERENCE)} — nothing to compare with")
    reference = _language(files[REFERENCE], REFERENCE)
    missing: list[Finding] = []
    for lang, lang_files in files.items():
        language = _language(lang_files, lang) if lang != REFERENCE else reference
        glossary_terms = terms(lang_files.get("glossary.yml"))
        if lang != REFERENCE:
            missing.extend(check_missing(files[REFERENCE], lang_files, tree, lang))
        for key, file in lang_files.items():
            check_encoding(file)
            if file.source is None:
                continue
            ref = files[REFERENCE].get(key) if lang != REFERENCE else None
            if ref is not None and ref.source is None:
                ref = None  # fr itself is broken: its own findings say so
            pairs: list[Pair] = []
            if ref is not None:
                pairs = check_structure(ref, file)
            check_ids(file)
            check_placeholders(file, facts, ref, pairs)
            check_links(file, language, reference, ref, pairs)
            check_terminology(file, glossary_terms)
            check_unsafe(file)
            if ref is not None:
                check_numbers(ref, file, pairs)
                check_untranslated(ref, file, pairs)
                check_stale(ref, file)
    findings = missing + [
        Finding(file.shown, p.line, file.lang, file.guide, p.check, SEVERITIES[p.check], p.message)
        for lang_files in files.values() for file in lang_files.values() for p in file.problems
    ]
    return Report(tree, files, sorted(set(findings)), corpus)


def check_unsafe(file: File) -> None:
    """Executable markup in a text (raw HTML, attribute lists, javascript: links): the build's own rule."""
    for error in safety.problems(file.source):
        file.add("unsafe", error.line, error.message)


def check_missing(reference: dict[str, File], files: dict[str, File], tree: Tree, lang: str) -> list[Finding]:
    """Set differences against fr: a file fr has and this language lacks, or the reverse."""
    found = []
    for key in sorted(set(reference) - set(files)):
        ref = reference[key]
        expected = File(tree, lang, key, ref.kind)
        what = {"guide": f"guide '{ref.guide}'", "calculator": f"widget texts '{Path(key).stem}'"}.get(
            ref.kind, f"{ref.kind} texts"
        )
        found.append(Finding(
            expected.shown, 1, lang, ref.guide, "missing", SEVERITIES["missing"],
            f"{what}: {ref.shown} has no {lang} translation"
            f" — copy {ref.shown} to {expected.shown} and translate its texts",
        ))
    for key in sorted(set(files) - set(reference)):
        file = files[key]
        found.append(Finding(
            file.shown, 1, lang, file.guide, "structure", SEVERITIES["structure"],
            f"{key} has no fr original ({REFERENCE}/{key} does not exist)"
            f" — remove it, or rename it after the fr file it translates",
        ))
    return found


def run(tree: Tree | None = None, *, facts: Collection[str] | None = None) -> list[Finding]:
    """Every finding of every check on ``tree``, sorted by path and line."""
    return report(tree, facts=facts).findings
