"""A forbidden variant of a glossary term (Weblate's glossary check), each language with its own list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import ahocorasick_rs

from scripts.checks.base import Check, Context, register
from scripts.checks.text import SPACES, dotted, prose, texts
from scripts.sources.corpus import File


@dataclass(frozen=True)
class Terms:
    """The forbidden variants of one language's glossary, as one pattern over lowercased text."""

    pattern: re.Pattern | None
    approved: dict[str, tuple[str, str, int]]  # variant (folded) -> term, term id, glossary line
    glossary: str
    # (needle, alternative of ``pattern``) for each variant, in the pattern's order. The
    # needle is a piece of the variant that any match holds as is: a variant whose needle
    # is not in the text cannot match there, so only the others are searched for. One
    # alternation tried at every position of a file costs more than a few ``in`` tests.
    alternatives: tuple[tuple[str, str], ...] = ()
    _patterns: dict[tuple[str, ...], re.Pattern] = field(default_factory=dict, compare=False, repr=False)
    # The first pieces of the variants (up to a space or an apostrophe), all found in one pass over a file:
    # a match of ``pattern`` starts with one of them. None when a variant has no such piece.
    starts: ahocorasick_rs.AhoCorasick | None = None

    def in_file(self, text: str) -> bool:
        """Whether ``find(text)`` finds anything: tried only where a variant's first piece starts a word."""
        if self.pattern is None:
            return False
        if self.starts is None:
            return next(self.find(text), None) is not None
        lowered = text.lower()
        match = self.pattern.match
        for _index, start, _end in self.starts.find_matches_as_indexes(lowered, overlapping=True):
            if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
                continue  # inside a word: find() skips it too
            if match(lowered, start) is not None:
                return True
        return False

    def find(self, text: str) -> Iterator[str]:
        """Each forbidden variant in ``text``, as a whole word, in any case."""
        if self.pattern is None:
            return
        lowered = text.lower()
        pattern = self._pattern_for(lowered)
        if pattern is None:
            return
        if len(lowered) != len(text):  # a letter whose lowercase is longer: report the lowercase
            text = lowered
        position = 0
        # The word-start test is done here, not in the pattern: a lookbehind
        # there would make the regex engine try every position (5x slower).
        while (match := pattern.search(lowered, position)) is not None:
            start = match.start()
            if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
                position = start + 1
                continue
            yield text[start:match.end()]
            position = match.end()

    def _pattern_for(self, lowered: str) -> re.Pattern | None:
        """``pattern`` without the variants that cannot match in ``lowered`` (it matches the same); None if none can."""
        if not self.alternatives:
            return self.pattern
        chosen = tuple(alternative for needle, alternative in self.alternatives if needle in lowered)
        if not chosen:
            return None
        if chosen not in self._patterns:
            self._patterns[chosen] = _compiled(chosen)
        return self._patterns[chosen]


def terms(glossary: File | None) -> Terms:
    """The forbidden variants of ``glossary`` (a language's glossary.yml), ready to search."""
    if glossary is None or glossary.source is None:
        return Terms(None, {}, "")
    approved = {}
    for index, term in enumerate(glossary.source.data.get("terms", [])):
        for variant in term.get("forbidden", []):
            approved[_fold(variant)] = (term["term"], term["id"], glossary.line_of(("terms", index, "forbidden")))
    if not approved:
        return Terms(None, {}, glossary.shown)
    alternatives = tuple(
        (_needle(variant), r"\s+".join(re.escape(word).replace("'", "['’]").replace("’", "['’]") for word in variant.split()))
        for variant in sorted(approved, key=len, reverse=True)
    )
    firsts = {_FIRST_PIECE.match(variant).group() for variant in approved}
    starts = ahocorasick_rs.AhoCorasick(sorted(firsts), implementation=ahocorasick_rs.Implementation.DFA) if all(firsts) else None
    return Terms(_compiled([pattern for _needle, pattern in alternatives]), approved, glossary.shown, alternatives, starts=starts)


_FIRST_PIECE = re.compile(r"[^\s']*")


def _compiled(alternatives) -> re.Pattern:
    return re.compile("(?:" + "|".join(alternatives) + r")(?!\w)")


def _needle(variant: str) -> str:
    """The longest piece of ``variant`` (folded) that its pattern matches literally: no space, no apostrophe."""
    return max(variant.replace("'", " ").split(), key=len, default="")


def _fold(text: str) -> str:
    return SPACES.sub(" ", text.replace("’", "'")).lower().strip()


def _language_terms(files: dict[str, File], _lang: str) -> Terms:
    return terms(files.get("glossary.yml"))


@register
class Terminology(Check):
    id = "terminology"
    description = "a forbidden variant of a glossary term"

    def run(self, context: Context) -> None:
        file = context.file
        found = context.run.per_language(_language_terms, file.lang)
        if not found.in_file(file.text):
            return
        for where, text in texts(file, with_specific=False):
            for variant in found.find(prose(text)):
                term, term_id, line = found.approved[_fold(variant)]
                self.add(
                    context, file.line_of(where, variant.split()[0]),
                    f"{dotted(where)}: '{variant}' is a forbidden variant of '{term}'"
                    f" ({found.glossary}:{line}, term {term_id}) — write '{term}'",
                )
