"""Facts in the reader's locale: ``{{ name }}`` placeholders filled from ``calculators``.

Babel (CLDR data) is the reference for number formats. It is used here, at
build time, to make a small ``spec`` per language; the formatting itself is
``calculators.numbers``, the same code the widgets run in the browser, so a
number reads the same in a guide and in a calculator.
"""

from __future__ import annotations

import functools
import re

from babel import Locale
from babel.numbers import get_currency_symbol, parse_pattern

from calculators import numbers
from calculators.grammar import FACT
from scripts.sources.tree import LANGUAGES

CURRENCIES = ("CHF", "EUR")


def _affixes(pattern: str) -> dict[str, str]:
    parsed = parse_pattern(pattern)
    return {"prefix": parsed.prefix[0], "suffix": parsed.suffix[0]}


def _groups(locale: Locale, decimal: str, group: str) -> list[str]:
    """The signs read as group separators (calculators.reading): the locale's own, and the
    language's usual one where it is not this locale's decimal sign (a regional locale such as
    en-CH would give ’ and the comma; the site's general locales give their one sign)."""
    usual = Locale.parse(locale.language).number_symbols["latn"]["group"]
    return [group] + ([usual] if usual not in (group, decimal) else [])


@functools.cache
def spec(lang: str) -> dict:
    """The CLDR number conventions of ``lang``'s locale, as calculators.numbers expects them."""
    locale = Locale.parse(LANGUAGES[lang])
    symbols = locale.number_symbols["latn"] if "latn" in locale.number_symbols else locale.number_symbols
    return {
        "locale": str(locale).replace("_", "-"),
        "decimal": symbols["decimal"],
        "group": symbols["group"],
        "groups": _groups(locale, symbols["decimal"], symbols["group"]),
        "grouping": parse_pattern(locale.decimal_formats[None].pattern).grouping[0],
        "money": _affixes(locale.currency_formats["standard"].pattern),
        "percent": _affixes(locale.percent_formats[None].pattern),
        "symbols": {c: get_currency_symbol(c, locale=locale) for c in CURRENCIES},
    }


def fact_text(fact, lang: str) -> str:
    """Format one ``calculators.facts.Fact`` for ``lang``."""
    if fact.kind == "money":
        return numbers.money(fact.value, fact.currency, spec(lang))
    if fact.kind == "percent":
        return numbers.percent(fact.value, spec(lang))
    return numbers.number(fact.value, spec(lang))


def fill(text: str, lang: str, facts: dict) -> str:
    """Replace every ``{{ name }}``; raise KeyError naming the first unknown one."""

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in facts:
            raise KeyError(name)
        return fact_text(facts[name], lang)

    return FACT.sub(one, text)
