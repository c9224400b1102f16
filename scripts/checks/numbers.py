"""A figure the translation does not share with fr at the same place, whatever the locale writes.

"2 000", "2’000", "2.000", "2,000" and "2000" all can mean 2000 ("2.000" can
also mean 2); "35 %" and "35%" are 35; "347,20" and "347.20" are 347.20.
"""

from __future__ import annotations

import re
from decimal import Decimal

from scripts.checks.base import Check, Context, register
from scripts.checks.text import dotted, prose, unusual_in
from scripts.sources.corpus import File

_SEPARATORS = " \u00a0\u202f’'.,"
# A figure starts with a digit not preceded by a letter, digit, '.', ',' or apostrophe: (?<![\w.,’'])\d+..., with the
# look-behind written after the first digit, so that the regex engine looks for a digit first instead of trying
# the look-behind at every character.
_FIGURE = r"\d(?<![\w.,’']\d)\d*(?:[" + _SEPARATORS + r"]\d+)*"
_NUMBER = re.compile(r"(" + _FIGURE + r")(?:[ \u00a0\u202f]?%)?")
# The same matches, as written (no group): two texts with the same list of them have the same figures.
_WRITTEN = re.compile(_FIGURE + r"(?:[ \u00a0\u202f]?%)?")
_SPLIT_NUMBER = re.compile("([" + _SEPARATORS + "])")
_SEPARATOR_CLASS = {" ": " ", "\u00a0": " ", "\u202f": " ", "’": "'", "'": "'", ".": ".", ",": ","}
_DIGIT = re.compile(r"\d")
_UNSEEN = object()


def numbers(text: str) -> list[tuple[str, frozenset[Decimal]]]:
    """Each figure written in ``text`` with the values it can mean in any of the five locales."""
    found = []
    for match in _NUMBER.finditer(prose(text)):
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


def _fr_numbers(ref: File, fpath: tuple, fr_text: str) -> list[tuple[str, frozenset[Decimal]]]:
    """``numbers(fr_text)``, read once per run for the four translations that compare with it."""
    memo = ref.__dict__.setdefault("_numbers", {})
    if fpath not in memo:
        memo[fpath] = numbers(fr_text)
    return memo[fpath]


@register
class Numbers(Check):
    id = "numbers"
    description = "a figure fr does not have at the same place (locale-aware)"
    needs = "translation"

    def run(self, context: Context) -> None:
        ref, file = context.ref, context.file
        assert ref is not None
        # fr's figures as written, once per run for the four translations (None: fr's text has no digit at all).
        written = ref.__dict__.setdefault("_figures_written", {})
        # A decimal digit other than 0-9 (Arabic-Indic, fullwidth...) can only be in a text if the file has one
        # (or a YAML escape): without, a digit is one of ten substring searches, not a regex over the text.
        other_digits = "\\" in file.text or _DIGIT.search(unusual_in(file)) is not None
        for fpath, tpath, fr_text, tr_text in context.pairs:
            fr_written = written.get(fpath, _UNSEEN)
            if fr_written is _UNSEEN:
                fr_written = written[fpath] = _WRITTEN.findall(prose(fr_text)) if _DIGIT.search(fr_text) else None
            if fr_written is None and not (
                "0" in tr_text or "1" in tr_text or "2" in tr_text or "3" in tr_text or "4" in tr_text
                or "5" in tr_text or "6" in tr_text or "7" in tr_text or "8" in tr_text or "9" in tr_text
                or (other_digits and _DIGIT.search(tr_text) is not None)
            ):
                continue  # no digit in either text
            if _WRITTEN.findall(prose(tr_text)) == (fr_written or []):
                continue  # fr's figures, written the same, in the same order: each matches its own
            unmatched_fr = list(_fr_numbers(ref, fpath, fr_text))
            extra = []
            for token, values in numbers(tr_text):
                match = next((i for i, (_t, fr_values) in enumerate(unmatched_fr) if values & fr_values), None)
                if match is None:
                    extra.append(token)
                else:
                    unmatched_fr.pop(match)
            where = f"{ref.shown}:{ref.line_of(fpath)}"
            for token in extra:
                if unmatched_fr:
                    fr_token = unmatched_fr.pop(0)[0]
                    self.add(
                        context, file.line_of(tpath, token),
                        f"{dotted(tpath)}: {token} where fr has {fr_token} ({where}) — write fr's figure ({fr_token})",
                    )
                else:
                    self.add(
                        context, file.line_of(tpath, token),
                        f"{dotted(tpath)}: {token} is not in fr here ({where}) — remove it, or check the figure against fr",
                    )
            for fr_token, _values in unmatched_fr:
                self.add(
                    context, file.line_of(tpath),
                    f"{dotted(tpath)}: fr has {fr_token} here ({where}), this text has no such figure — add {fr_token}",
                )
