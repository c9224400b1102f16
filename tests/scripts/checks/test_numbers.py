"""numbers: a translation has fr's figures at the same place, whichever way its locale writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scripts.checks.numbers import numbers
from tests.scripts.checks.support import GUIDE, line_of, only, replace, rewrite, run, where


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2 000", "2000"), ("2\u00a0000", "2000"), ("2\u202f000", "2000"), ("2’000", "2000"), ("2'000", "2000"),
        ("2.000", "2000"), ("2,000", "2000"), ("2000", "2000"), ("35 %", "35"), ("35%", "35"), ("35\u00a0%", "35"),
        ("9,92", "9.92"), ("9.92", "9.92"), ("1 234,56", "1234.56"), ("1,234.56", "1234.56"), ("1.234,56", "1234.56"),
    ],
)
def test_a_figure_means_the_same_value_in_every_locale(written, value):
    [(token, values)] = numbers(f"soit {written} par an")
    assert Decimal(value) in values


def test_figures_in_placeholders_urls_and_link_targets_are_not_figures():
    assert numbers("{{ example_2 }} [x](https://x.ch/p/2024) https://y.ch/3 IPv6 kDrive2") == []


@pytest.mark.parametrize(
    "figure",
    ["2 000", "2\u00a0000", "2\u202f000", "2’000", "2'000", "2.000", "2,000", "2000"],
)
def test_a_thousands_separator_of_any_locale_is_not_a_different_number(tree, figure):
    note = f"Das Mindestvolumen beträgt CHF {figure} pro Jahr ({{{{ min_volume_chf }}}}), also CHF 9,92 pro Monat."
    rewrite(tree, "de", GUIDE, note_volume=note)
    assert run(tree, "numbers") == []


def test_a_different_figure_is_reported_with_fr_s(tree):
    text = rewrite(
        tree, "de", GUIDE,
        note_volume="Das Mindestvolumen beträgt CHF 2’500 pro Jahr ({{ min_volume_chf }}), also CHF 9.92 pro Monat.",
    )
    finding = only(run(tree, "numbers"))
    assert where(finding) == (f"docs/de/{GUIDE}", line_of(text, "2’500"), "numbers")
    assert "2’500 where fr has 2 000" in finding.message
    assert "write fr's figure (2 000)" in finding.message


def test_a_figure_fr_does_not_have_is_reported(tree):
    rewrite(tree, "en", GUIDE, step_wizard="Follow the 3 screens of the wizard.")
    assert "3 is not in fr here" in only(run(tree, "numbers")).message


def test_a_figure_of_fr_missing_in_the_translation_is_reported(tree):
    rewrite(tree, "es", GUIDE, add_summary="Cómo invitar a un cliente; el descuento alcanza {{ max_partner_discount }}.")
    assert "fr has 35 % here" in only(run(tree, "numbers")).message


@pytest.mark.parametrize(
    ("wizard", "expected"),
    [
        ("Follow the \u0663 screens of the wizard.", "\u0663 is not in fr here"),  # Arabic-Indic 3
        ("Follow the \uff13 screens of the wizard.", "\uff13 is not in fr here"),  # fullwidth 3
        ("Follow the DIGIT screens of the wizard.", "\u0663 is not in fr here"),  # the same, as a YAML escape
    ],
    ids=["arabic-indic", "fullwidth", "escaped"],
)
def test_a_decimal_digit_other_than_0_9_is_a_figure_too(tree, wizard, expected):
    rewrite(tree, "en", GUIDE, step_wizard=wizard)
    if "DIGIT" in wizard:
        replace(tree, "en", GUIDE, "DIGIT", "\\u0663")  # in the double-quoted text: the file holds no such digit
    assert expected in only(run(tree, "numbers")).message


def test_fr_s_figure_written_with_other_digits_is_the_same_figure(tree):
    rewrite(tree, "en", GUIDE, add_summary="How to invite a client; the discount reaches {{ max_partner_discount }}, that is \u0663\u0665%.")
    assert run(tree, "numbers") == []


@pytest.mark.parametrize(
    ("volume", "expected"),
    [
        # fr: "2 000 CHF ... 9,92 CHF": the same figures written alike, or another way, pass; others do not.
        ("CHF 2 000 a year ({{ min_volume_chf }}), or CHF 9,92 a month.", None),
        ("CHF 9,92 a month ({{ min_volume_chf }}), or CHF 2 000 a year.", None),
        ("CHF 2 000 a year ({{ min_volume_chf }}), or CHF 9,93 a month.", "9,93 where fr has 9,92"),
        ("CHF 2 000 a year ({{ min_volume_chf }}), or CHF 9,92 a month, 12 times.", "12 is not in fr here"),
        ("CHF 2 000 a year ({{ min_volume_chf }}).", "fr has 9,92 here"),
    ],
)
def test_figures_written_as_fr_writes_them_are_compared_too(tree, volume, expected):
    rewrite(tree, "en", GUIDE, note_volume=f"The minimum volume is {volume}")
    found = run(tree, "numbers")
    if expected is None:
        assert found == []
    else:
        assert expected in only(found).message
