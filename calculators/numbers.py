"""Numbers in the reader's locale, with the standard library only.

The CLDR data (separators, where the currency sign and the percent sign go)
comes from Babel at build time as a small ``spec`` dict (``scripts/formatting``
makes it). The guides, the prerendered widgets and the live widgets in Pyodide
all format with the functions below, so a number looks the same everywhere.

spec = {"decimal": ",", "group": "\u202f", "grouping": 3,
        "money": {"prefix": "", "suffix": " ¤"}, "percent": {"prefix": "", "suffix": " %"},
        "symbols": {"CHF": "CHF", "EUR": "€"}}
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from calculators.money import ROUNDING

# CLDR's currencySpacing (root, the same in every locale of the site): a currency sign that
# ends (or starts) with a letter, written against a digit, is kept apart from it by a no-break
# space: "CHF 2,000.00" but "€2,000.00" in English. Babel does not apply it; ICU does.
CURRENCY_SPACE = "\u00a0"


def _touches(char: str) -> bool:
    """CLDR's currencyMatch [[:^S:]&[:^Z:]]: a character that is neither a symbol nor a space."""
    return unicodedata.category(char)[0] not in "SZ"


def _digits(value: Decimal, places: int, spec: dict) -> str:
    quantum = Decimal(1).scaleb(-places)
    text = format(abs(value).quantize(quantum, rounding=ROUNDING), "f")  # the one rounding rule (money.py)
    whole, _, fraction = text.partition(".")
    size = spec["grouping"]
    groups = []
    while len(whole) > size:
        groups.insert(0, whole[-size:])
        whole = whole[:-size]
    groups.insert(0, whole)
    out = spec["group"].join(groups)
    sign = "-" if value < 0 and Decimal(text) != 0 else ""
    return sign + out + (spec["decimal"] + fraction if fraction else "")


def places_of(value: Decimal) -> int:
    """Decimal places as written: Decimal("2000") has 0, Decimal("161.00") has 2."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def money(value: Decimal, currency: str, spec: dict, *, places: int | None = None) -> str:
    """An amount with its currency sign, by default with as many decimals as it is written with."""
    pattern = spec["money"]
    body = _digits(value, places_of(value) if places is None else places, spec)
    symbol = spec["symbols"].get(currency, currency)
    prefix, suffix = pattern["prefix"].replace("¤", symbol), pattern["suffix"].replace("¤", symbol)
    if symbol and pattern["prefix"].endswith("¤") and _touches(symbol[-1]) and body[:1].isdigit():
        prefix += CURRENCY_SPACE
    if symbol and pattern["suffix"].startswith("¤") and _touches(symbol[0]) and body[-1:].isdigit():
        suffix = CURRENCY_SPACE + suffix
    return prefix + body + suffix


def percent(value: Decimal, spec: dict) -> str:
    """A percentage given in percent: 35 -> "35 %" or "35%"; 20.5 -> "20,5 %"."""
    pattern = spec["percent"]
    normal = value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1))
    return pattern["prefix"] + _digits(normal, places_of(normal), spec) + pattern["suffix"]


def number(value: Decimal, spec: dict) -> str:
    return _digits(value, places_of(value), spec)
