"""Locale formatting: our stdlib formatter (run in the browser too) agrees with Babel, the CLDR reference.

One difference, by design: CLDR's currencySpacing (a no-break space between a currency sign
ending or starting with a letter and a digit: "CHF 2,000.00", but "€2,000.00" in en), which
ICU applies and Babel does not; Babel's text gets it here before the comparison."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal, format_percent
from hypothesis import given
from hypothesis import strategies as st

from calculators import numbers
from scripts.render import formatting
from scripts.sources.tree import LANGUAGES


def _currency_spacing(text: str) -> str:
    return re.sub(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])", "\xa0", text)


AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("currency", formatting.CURRENCIES)
@given(amount=AMOUNTS)
def test_money_reads_as_babel_writes_it(lang, currency, amount):
    assert numbers.money(amount, currency, formatting.spec(lang)) == _currency_spacing(
        format_currency(amount, currency, locale=formatting.LANGUAGES[lang])
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
    [("fr", "2\u202f000\xa0CHF"), ("en", "CHF\xa02,000"), ("de", "2.000\xa0CHF"), ("it", "2.000\xa0CHF"), ("es", "2.000\xa0CHF")],
)
def test_a_threshold_written_without_cents_is_shown_without_them(lang, expected):
    assert numbers.money(Decimal("2000"), "CHF", formatting.spec(lang)) == expected


def test_an_amount_written_in_cents_keeps_them():
    assert numbers.money(Decimal("161.00"), "EUR", formatting.spec("fr")) == "161,00\xa0€"


def test_english_writes_the_euro_against_the_amount_and_chf_apart():
    """CLDR en: "€120.75" (a symbol touches the digits), "CHF 120.75" (letters do not)."""
    assert numbers.money(Decimal("120.75"), "EUR", formatting.spec("en")) == "€120.75"
    assert numbers.money(Decimal("120.75"), "CHF", formatting.spec("en")) == "CHF\xa0120.75"


def test_german_writes_numbers_as_germany_does():
    """de, not de-CH: "2.000,50 €", "12,5 %" (issue 10: numbers as each language writes them)."""
    assert numbers.money(Decimal("2000.50"), "EUR", formatting.spec("de")) == "2.000,50\xa0€"
    assert numbers.percent(Decimal("12.5"), formatting.spec("de")) == "12,5\xa0%"


def test_no_page_writes_swiss_apostrophes():
    """Swiss writing (2’000) is read everywhere but written nowhere."""
    for lang in LANGUAGES:
        assert "’" not in numbers.money(Decimal("1234567.89"), "CHF", formatting.spec(lang))
