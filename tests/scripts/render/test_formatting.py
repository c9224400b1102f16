"""Locale formatting: our stdlib formatter (run in the browser too) agrees with Babel, the CLDR reference."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal, format_percent
from hypothesis import given
from hypothesis import strategies as st

from calculators import numbers
from scripts.render import formatting
from scripts.sources.tree import LANGUAGES

AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("currency", formatting.CURRENCIES)
@given(amount=AMOUNTS)
def test_money_reads_as_babel_writes_it(lang, currency, amount):
    assert numbers.money(amount, currency, formatting.spec(lang)) == format_currency(
        amount, currency, locale=formatting.LANGUAGES[lang]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@given(value=st.integers(min_value=0, max_value=100))
def test_percent_reads_as_babel_writes_it(lang, value):
    assert numbers.percent(Decimal(value), formatting.spec(lang)) == format_percent(
        Decimal(value) / 100, locale=formatting.LANGUAGES[lang]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@given(value=st.integers(min_value=0, max_value=10**7))
def test_counts_read_as_babel_writes_them(lang, value):
    assert numbers.number(Decimal(value), formatting.spec(lang)) == format_decimal(value, locale=formatting.LANGUAGES[lang])


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "2\u202f000\xa0CHF"), ("en", "CHF\xa02’000"), ("de", "CHF\xa02’000"), ("it", "CHF\xa02’000"), ("es", "2.000\xa0CHF")],
)
def test_a_threshold_written_without_cents_is_shown_without_them(lang, expected):
    assert numbers.money(Decimal("2000"), "CHF", formatting.spec(lang)) == expected


def test_an_amount_written_in_cents_keeps_them():
    assert numbers.money(Decimal("161.00"), "EUR", formatting.spec("fr")) == "161,00\xa0€"


def test_german_writes_the_euro_as_eur():
    assert numbers.money(Decimal("120.75"), "EUR", formatting.spec("de")) == "EUR\xa0120.75"
