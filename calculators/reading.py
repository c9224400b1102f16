"""Reading a number as a reader types it in the page's locale, with the standard library only.

The rule (issue 10, point 3: never a silent misread):

- Only digits, one leading minus (``-`` or ``−``), the locale's decimal sign and
  group signs. Anything else (``1e3``, ``+5``, ``0x1F``, ``∞``, ``NaN``, a
  currency sign) is :data:`NOT_A_NUMBER`; the empty text is :data:`MISSING`.
  The text is bounded (:data:`LIMIT` characters) before anything else is done.
- Group signs: the locale's (``spec["groups"]``, from CLDR at build time: the
  locale's own group sign, and the language's usual one where a regional locale
  has another that is not its decimal sign), and, in every locale, spaces
  (U+0020, U+00A0, U+202F, U+2009) and apostrophes (``'``, ``’``, Swiss writing),
  which are never a decimal sign. One number uses one kind of group sign, and it
  must separate groups of exactly ``spec["grouping"]`` digits after a first group
  of 1 to ``grouping`` digits, not starting with 0 (``2.000`` in de, it and es,
  ``2,000`` in en, ``2 000`` in fr, ``2’000`` everywhere).
- The decimal sign is the locale's (``spec["decimal"]``), once, after the groups,
  followed by at least one digit (``,5`` is 0.5).
- Ambiguous, refused as :data:`AMBIGUOUS`: a lone decimal sign, or a lone ``.``
  or ``,`` that is not this locale's, followed by exactly ``grouping`` digits
  (``2.000``, ``2,000``) where another convention would read thousands: in en
  ``2.000`` is 2 but 2000 for a reader from Germany; in de, it and es ``2,000`` is
  2 but 2000 for an English reader; in fr, which groups with a space, both are.
  The message offers both unambiguous writings (``2.000`` or ``2`` in de).
  A lone group sign of the locale is no decimal sign there: ``2.000`` is 2000 in
  de, it and es, ``2,000`` is 2000 in en.
- Any other misuse (the other sign as a decimal sign: ``12.5`` in fr, de, it and
  es, ``12,5`` in en; groups of the wrong size; mixed or repeated signs) is :data:`FORMAT`,
  whose message says which decimal sign the language uses, with the reader's
  number rewritten as a suggestion (never used as the value).

:func:`read` returns a ``Decimal`` (never a float) or raises :class:`Unreadable`.
"""

from __future__ import annotations

from decimal import Decimal

from calculators import numbers
from calculators.errors import READING_KEY_PARAMS

LIMIT = 30  # characters: no one types a longer number; checked before any other work
MISSING, NOT_A_NUMBER, AMBIGUOUS, FORMAT = "missing", "not_a_number", "ambiguous", "format"
# The message keys of the two refusals that only reading makes, with their parameters
# (the others are each field's own ``<field>.missing`` / ``<field>.not_a_number``).
KEY_PARAMS = READING_KEY_PARAMS

_SPACES = frozenset(" \u00a0\u202f\u2009")
_APOSTROPHES = frozenset("'\u2019")
_MINUS = frozenset("-\u2212")
_DIGITS = frozenset("0123456789")
_ECHO = 40


class Unreadable(ValueError):
    """A text that is not a number in the locale: ``problem`` and its message params."""

    def __init__(self, problem: str, params: dict[str, str]) -> None:
        self.problem = problem
        self.params = params
        super().__init__(f"{problem} {params}")


def _echo(text: str) -> str:
    text = text.strip() if len(text) <= 4 * _ECHO else text[: 4 * _ECHO].strip()
    return text if len(text) <= _ECHO else text[: _ECHO - 1] + "…"


def _kind(sign: str) -> str:
    """Signs of one kind may stand for one another: every space, every apostrophe."""
    if sign in _SPACES:
        return " "
    if sign in _APOSTROPHES:
        return "'"
    return sign


def _groups(spec: dict) -> frozenset[str]:
    return frozenset(_kind(s) for s in spec.get("groups") or (spec["group"],)) | {" ", "'"}


def _shown(digits: str, spec: dict) -> str:
    """A number (digits, at most one '.') written as the locale writes it."""
    return numbers.number(Decimal(digits), spec)


def _split(body: str) -> tuple[list[str], list[str]]:
    """Digit runs and the separators between them: "2.000,5" -> (["2", "000", "5"], [".", ","])."""
    runs, seps, current = [], [], []
    for char in body:
        if char in _DIGITS:
            current.append(char)
        else:
            runs.append("".join(current))
            seps.append(char)
            current = []
    runs.append("".join(current))
    return runs, seps


def _suggestion(runs: list[str], seps: list[str], spec: dict) -> str:
    """The number the reader most likely meant, written in the locale: a hint, never the value.

    A ``.`` or ``,`` that is the last sign is a decimal sign when other signs come before
    it or when it is not followed by a group's worth of digits; every other sign is a group."""
    marks = [i for i, s in enumerate(seps) if s in ".,"]
    last = marks and marks[-1] == len(seps) - 1
    if last and (len(set(seps)) > 1 or len(runs[-1]) != spec["grouping"] or runs[0].startswith("0")):
        whole, fraction = "".join(runs[: marks[-1] + 1]), "".join(runs[marks[-1] + 1 :])
    else:
        whole, fraction = "".join(runs), ""
    return _shown((whole or "0") + ("." + fraction if fraction else ""), spec)


def read(text: str, spec: dict) -> Decimal:
    """``text`` as a reader of ``spec``'s locale means it; :class:`Unreadable` when it is not
    a number, or when it could mean two numbers."""
    if not isinstance(text, str) or len(text) > 2 * LIMIT:
        raise Unreadable(NOT_A_NUMBER, {"value": _echo(text) if isinstance(text, str) else type(text).__name__})
    typed = text.strip()
    if not typed:
        raise Unreadable(MISSING, {})
    value = {"value": _echo(typed)}
    if len(typed) > LIMIT:
        raise Unreadable(NOT_A_NUMBER, value)
    negative = typed[0] in _MINUS
    body = typed[1:] if negative else typed
    decimal, size = spec["decimal"], spec["grouping"]
    if not body or any(c not in _DIGITS and c not in ".," and _kind(c) not in " '" for c in body):
        raise Unreadable(NOT_A_NUMBER, value)
    runs, seps = _split(body)
    if all(not run for run in runs):
        raise Unreadable(NOT_A_NUMBER, value)
    as_typed = (runs, seps)

    def wrong() -> Unreadable:
        return Unreadable(FORMAT, value | {"decimal": decimal, "example": _suggestion(*as_typed, spec)})

    if any(not run for run in runs[1:]) or (not runs[0] and seps[0] != decimal):
        raise wrong()  # two signs in a row, a sign at the end, or a group sign first
    # The decimal sign: at most once, last.
    fraction = ""
    if decimal in seps:
        if seps.count(decimal) > 1 or seps[-1] != decimal:
            raise wrong()
        fraction, runs, seps = runs[-1], runs[:-1], seps[:-1]
    groups = _groups(spec)
    kinds = {_kind(s) for s in seps}
    lone = len(seps) == 1 and seps[0] in ".," and len(runs[0]) <= size and not runs[0].startswith("0")
    if lone and not fraction and len(runs[1]) == size and seps[0] not in groups:
        # "2.000" where the dot is not a group sign here (but is one elsewhere).
        raise _ambiguous(runs[0], runs[1], value, spec)
    if seps and (len(kinds) > 1 or not kinds <= groups):
        raise wrong()
    if seps and (not 1 <= len(runs[0]) <= size or runs[0].startswith("0") or any(len(r) != size for r in runs[1:])):
        raise wrong()
    whole = "".join(runs) or "0"
    if fraction and not seps and len(fraction) == size and 1 <= len(whole) <= size and not whole.startswith("0"):
        # "2.000" where the dot is the decimal sign here (but a group sign elsewhere).
        raise _ambiguous(whole, fraction, value, spec)
    number = Decimal(("-" if negative else "") + whole + ("." + fraction if fraction else ""))
    return Decimal(0) if number == 0 else number  # -0 is 0


def _ambiguous(head: str, tail: str, value: dict[str, str], spec: dict) -> Unreadable:
    """Both readings of "2.000", each written so that it can be read only one way."""
    fraction = tail.rstrip("0")
    decimals = head + ("." + (fraction if len(fraction) != spec["grouping"] else fraction + "0") if fraction else "")
    return Unreadable(AMBIGUOUS, value | {"thousands": _shown(head + tail, spec), "decimals": _shown(decimals, spec)})
