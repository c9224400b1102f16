"""What every check is and what it is given: ``Check``, ``REGISTRY``, ``Context``, ``Finding``.

A check is a small class with an ``id``, a ``severity`` and a one-line
``description``, registered once with ``@register`` (Weblate's
``weblate/checks/base.py``). The runner calls ``check.run(context)`` for each
file, in the order the checks were registered; the README's table of checks
(``table_markdown``) is read from the same registry.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar, TypeVar

from scripts.checks.align import Alignment, align
from scripts.sources.corpus import Corpus, File
from scripts.sources.tree import REFERENCE

SEVERITIES = ("error", "warning")
# What a file must be for a check to look at it, from the least to the most:
# "anything": every file, and every file fr has that this language lacks (``Context.absent``);
# "parsed": read and parsed as YAML; "source": also valid against its schema;
# "translation": a valid source of a language other than fr, whose fr original is valid too;
# "loader": never run: the corpus records these problems as it loads (scripts/sources/corpus.py).
NEEDS = ("anything", "parsed", "source", "translation", "loader")

T = TypeVar("T")

# What no translator text may hold, and no message may print raw: C0 and C1 controls (a newline aside),
# bidirectional controls and marks, invisible formatting characters, tag characters, lone surrogates.
# An ESC in a message would let a source rewrite the terminal line that reports it.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
)


def shown_safely(text: str) -> str:
    """``text`` with every forbidden character written as its code (\\u202e), for a terminal or a log."""
    if FORBIDDEN_CHARACTERS.search(text) is None:
        return text
    return FORBIDDEN_CHARACTERS.sub(lambda m: f"\\u{ord(m.group(0)):04x}" if ord(m.group(0)) <= 0xFFFF else f"\\U{ord(m.group(0)):08x}", text)


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
    changes: tuple = field(default=(), compare=False)  # stale: what fr changed, one dict per field (json only when given)

    def __str__(self) -> str:
        return shown_safely(f"{self.path}:{self.line}: {self.severity}[{self.check}]: {self.message}")

    def as_json(self) -> dict[str, Any]:
        data = {name: shown_safely(value) if isinstance(value, str) else value for name, value in asdict(self).items()}
        if self.changes:
            data["changes"] = [{k: shown_safely(v) if isinstance(v, str) else v for k, v in c.items()} for c in self.changes]
        else:
            del data["changes"]
        return data

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass
class Run:
    """What one run of the checker shares: the corpus, the known facts, what is worked out once per language."""

    corpus: Corpus
    facts: frozenset[str]
    _per_language: dict[tuple[Callable, str], Any] = field(default_factory=dict)

    def per_language(self, make: Callable[[dict[str, File], str], T], lang: str) -> T:
        """``make(files of lang, lang)``, computed once per run (a language's guides, its glossary terms)."""
        key = (make, lang)
        if key not in self._per_language:
            self._per_language[key] = make(self.corpus.files.get(lang, {}), lang)
        return self._per_language[key]


@dataclass
class Context:
    """One file as a check sees it: the file, its fr original, their aligned texts, the run."""

    run: Run
    file: File  # for a file fr has and this language lacks: the file expected, never read
    fr: File | None  # fr's file with the same key (None in fr itself, or when fr has none)
    absent: bool = False

    @property
    def lang(self) -> str:
        return self.file.lang

    @property
    def facts(self) -> frozenset[str]:
        return self.run.facts

    @functools.cached_property
    def ref(self) -> File | None:
        """fr's original when both it and this translation are valid: what the translation is compared with."""
        if self.fr is None or self.fr.source is None or self.file.source is None or self.lang == REFERENCE:
            return None
        return self.fr

    @functools.cached_property
    def alignment(self) -> Alignment:
        """The translation walked beside fr: its texts paired with fr's, and where its shape differs."""
        return align(self.ref, self.file) if self.ref is not None else Alignment([], [])

    @property
    def pairs(self) -> list[tuple[tuple, tuple, str, str]]:
        """(fr path, translation path, fr text, translated text) of every text both have."""
        return self.alignment.pairs

    @functools.cached_property
    def meets(self) -> frozenset[str]:
        """The ``NEEDS`` this file meets."""
        if self.absent:
            return frozenset({"anything"})
        met = {"anything"}
        if self.file.parsed is not None:
            met.add("parsed")
        if self.file.source is not None:
            met.add("source")
        if self.ref is not None:
            met.add("translation")
        return frozenset(met)


class Check:
    """One check: what it finds (``description``), how bad it is (``severity``), where it looks (``needs``)."""

    id: ClassVar[str]
    severity: ClassVar[str] = "error"
    description: ClassVar[str]
    needs: ClassVar[str] = "source"

    def run(self, context: Context) -> None:
        """Record each mistake on ``context.file`` (``file.add(self.id, line, "what — fix")``)."""

    def add(self, context: Context, line: int, message: str, changes: tuple = ()) -> None:
        context.file.add(self.id, line, message, changes)


# Every check, by id, in the order the runner runs them and the README lists them.
REGISTRY: dict[str, Check] = {}


def register(cls: type[Check]) -> type[Check]:
    """Add one instance of ``cls`` to ``REGISTRY`` (once: an id is never registered twice)."""
    if cls.id in REGISTRY:
        raise ValueError(f"check '{cls.id}' is registered twice — give {cls.__name__} another id")
    if cls.severity not in SEVERITIES or cls.needs not in NEEDS:
        raise ValueError(f"check '{cls.id}': severity one of {SEVERITIES}, needs one of {NEEDS}")
    REGISTRY[cls.id] = cls()
    return cls


def table_markdown(registry: dict[str, Check] | None = None) -> str:
    """The ``| check | severity | what it finds |`` table of every registered check (README.md holds it)."""
    rows = [("check", "severity", "what it finds")] + [
        (check.id, check.severity, check.description) for check in (REGISTRY if registry is None else registry).values()
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(rows[0]), rule, *map(line, rows[1:])]) + "\n"
