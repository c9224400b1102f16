"""Facts in the reader's locale: ``{{ name }}`` placeholders filled from ``calculators``.

Babel (CLDR data) is the reference for number formats; the guide text never
holds a program figure, so a changed rate changes every language at once.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_currency, format_decimal, format_percent, get_currency_symbol, parse_pattern
from babel import Locale

from scripts.project import LANGUAGES

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_.-]*)\s*\}\}")


def locale_of(lang: str) -> str:
    return LANGUAGES[lang]


def money(value: Decimal, currency: str, lang: str) -> str:
    """An amount with its currency.

    A value written without cents (``Decimal("2000")``, a threshold) is shown
    without them (CHF 2 000); an amount in cents keeps them (161,00 €).
    """
    locale = locale_of(lang)
    if value.as_tuple().exponent >= 0:
        pattern = parse_pattern(Locale.parse(locale).currency_formats["standard"].pattern)
        pattern.frac_prec = (0, 0)
        return pattern.apply(value, Locale.parse(locale), currency=currency, currency_digits=False)
    return format_currency(value, currency, locale=locale)


def percent(value: Decimal, lang: str) -> str:
    """A percentage given in percent (35 -> "35 %" or "35%", by locale)."""
    return format_percent(value / 100, locale=locale_of(lang), decimal_quantization=False)


def number(value: Decimal, lang: str) -> str:
    return format_decimal(value, locale=locale_of(lang), decimal_quantization=False)


def fact_text(fact, lang: str) -> str:
    """Format one ``calculators.facts.Fact`` for ``lang``."""
    if fact.kind == "money":
        return money(fact.value, fact.currency, lang)
    if fact.kind == "percent":
        return percent(fact.value, lang)
    return number(fact.value, lang)


def placeholder_names(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def fill(text: str, lang: str, facts: dict) -> str:
    """Replace every ``{{ name }}``; raise KeyError naming the first unknown one."""

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in facts:
            raise KeyError(name)
        return fact_text(facts[name], lang)

    return PLACEHOLDER.sub(one, text)


def currency_symbol(currency: str, lang: str) -> str:
    return get_currency_symbol(currency, locale=locale_of(lang))
