"""A forbidden variant of a glossary term (Weblate's glossary check), each language with its own list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from scripts.checks.base import Check, Context, register
from scripts.checks.text import SPACES, dotted, prose, texts
from scripts.sources.corpus import File


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
    """The forbidden variants of ``glossary`` (a language's glossary.yml), ready to search."""
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
        if found.pattern is None or next(found.find(file.text), None) is None:
            return
        for where, text in texts(file, with_specific=False):
            for variant in found.find(prose(text)):
                term, term_id, line = found.approved[_fold(variant)]
                self.add(
                    context, file.line_of(where, variant.split()[0]),
                    f"{dotted(where)}: '{variant}' is a forbidden variant of '{term}'"
                    f" ({found.glossary}:{line}, term {term_id}) — write '{term}'",
                )
