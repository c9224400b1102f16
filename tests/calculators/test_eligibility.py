"""Rules of calculators.eligibility: every unmet condition is reported, in a fixed
order, the volume thresholds are inclusive, and bad inputs are InputErrors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, check
from calculators.eligibility import CONDITIONS, FIELDS

PROPERTY = settings(deadline=None, max_examples=150)
YES_NO = [name for name in FIELDS if name not in ("annual_volume", "currency")]

QUALIFIED = {
    "registered_company": True,
    "active_website": True,
    "annual_volume": Decimal("2000"),
    "currency": "CHF",
    "provides_support": True,
    "handles_invoices": True,
    "exclusive_products": True,
    "accepts_conditions": True,
    "is_affiliate": False,
}
# The input that breaks each condition, alone.
BREAKS = {
    "registered_company": {"registered_company": False},
    "active_website": {"active_website": False},
    "minimum_volume": {"annual_volume": Decimal("1999.99")},
    "provides_support": {"provides_support": False},
    "handles_invoices": {"handles_invoices": False},
    "exclusive_products": {"exclusive_products": False},
    "accepts_conditions": {"accepts_conditions": False},
    "not_affiliate": {"is_affiliate": True},
}


def test_a_company_meeting_every_condition_is_eligible():
    """All conditions met: eligible, nothing unmet, every condition listed as met."""
    result = check(**QUALIFIED)
    assert result.eligible is True
    assert result.unmet == []
    assert result.met == list(CONDITIONS)


def test_breaks_table_covers_every_condition():
    """The tests below break each condition the calculator knows."""
    assert set(BREAKS) == set(CONDITIONS)


@pytest.mark.parametrize("condition", CONDITIONS)
def test_each_condition_alone_makes_the_company_ineligible(condition):
    """Missing any one condition is enough to be ineligible, and it is the one reported."""
    result = check(**(QUALIFIED | BREAKS[condition]))
    assert result.eligible is False
    assert result.unmet == [condition]


def test_every_unmet_condition_is_reported_not_only_the_first():
    """A prospect missing everything learns about every condition, in the fixed order."""
    broken = dict(QUALIFIED)
    for change in BREAKS.values():
        broken |= change
    result = check(**broken)
    assert result.unmet == list(CONDITIONS)
    assert result.met == []


@pytest.mark.parametrize(
    ("currency", "volume", "met"),
    [
        ("CHF", "1999.99", False),
        ("CHF", "2000", True),
        ("CHF", "2000.00", True),
        ("CHF", "2000.01", True),
        ("CHF", "0", False),
        ("CHF", "1800", False),
        ("EUR", "1799.99", False),
        ("EUR", "1800", True),
        ("EUR", "1800.01", True),
        ("EUR", "1999.99", True),
    ],
)
def test_minimum_volume_is_chf_2000_or_eur_1800_a_year_inclusive(currency, volume, met):
    """The annual threshold is CHF 2000 or EUR 1800; reaching it exactly is enough."""
    result = check(**(QUALIFIED | {"currency": currency, "annual_volume": volume}))
    assert ("minimum_volume" not in result.unmet) is met
    assert result.min_volume == {"CHF": Decimal("2000"), "EUR": Decimal("1800")}[currency]


def test_shortfall_is_what_is_missing_to_reach_the_threshold():
    """Below the threshold the result says how much is missing; at or above, nothing."""
    assert check(**(QUALIFIED | {"annual_volume": "1500"})).volume_shortfall == Decimal("500.00")
    assert check(**(QUALIFIED | {"annual_volume": "2500"})).volume_shortfall == Decimal("0.00")


def test_no_registered_company_points_to_the_affiliate_program():
    """An individual (no registered company) is told about the Affiliate Program."""
    assert check(**(QUALIFIED | {"registered_company": False})).suggest_affiliate_program is True
    assert check(**QUALIFIED).suggest_affiliate_program is False


def test_an_affiliate_cannot_also_be_a_partner():
    """Being an Affiliate is itself an unmet condition: one cannot be both."""
    result = check(**(QUALIFIED | {"is_affiliate": True}))
    assert result.unmet == ["not_affiliate"]


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("on", True),
        ("true", True),
        ("TRUE", True),
        ("yes", True),
        ("1", True),
        ("", False),
        ("false", False),
        ("off", False),
        ("no", False),
        ("0", False),
    ],
)
def test_yes_no_fields_accept_form_values(text, meaning):
    """Checkbox and form texts read as yes or no; an empty value is no."""
    result = check(**(QUALIFIED | {"active_website": text}))
    assert ("active_website" in result.met) is meaning


def test_currency_is_read_in_any_case():
    """'eur' is EUR."""
    assert check(**(QUALIFIED | {"currency": " eur "})).currency == "EUR"


BAD_INPUTS = (
    [
        ({"annual_volume": "-1"}, "annual_volume", "annual_volume.too_small"),
        ({"annual_volume": "abc"}, "annual_volume", "annual_volume.not_a_number"),
        ({"annual_volume": "NaN"}, "annual_volume", "annual_volume.not_a_number"),
        ({"annual_volume": "Infinity"}, "annual_volume", "annual_volume.not_finite"),
        ({"annual_volume": "2000.001"}, "annual_volume", "annual_volume.too_many_decimals"),
        ({"annual_volume": "1e13"}, "annual_volume", "annual_volume.too_large"),
        ({"annual_volume": ""}, "annual_volume", "annual_volume.missing"),
        ({"annual_volume": 2000.0}, "annual_volume", "annual_volume.wrong_type"),
        ({"annual_volume": True}, "annual_volume", "annual_volume.wrong_type"),
        ({"currency": "USD"}, "currency", "currency.unknown"),
        ({"currency": None}, "currency", "currency.wrong_type"),
        ({"currency": ""}, "currency", "currency.missing"),
    ]
    + [({name: "maybe"}, name, f"{name}.not_a_boolean") for name in YES_NO]
    + [({name: None}, name, f"{name}.wrong_type") for name in YES_NO]
    + [({name: 1}, name, f"{name}.wrong_type") for name in YES_NO]
)


@pytest.mark.parametrize(("change", "field", "key"), BAD_INPUTS)
def test_bad_input_raises_input_error_naming_field_and_key(change, field, key):
    """Every bad input is an InputError naming its field and message key."""
    with pytest.raises(InputError) as error:
        check(**(QUALIFIED | change))
    assert (error.value.field, error.value.key) == (field, key)


@PROPERTY
@given(
    flags=st.fixed_dictionaries({name: st.booleans() for name in YES_NO}),
    volume=st.decimals(min_value=0, max_value=10_000, places=2),
    currency=st.sampled_from(["CHF", "EUR"]),
)
def test_unmet_is_exactly_the_conditions_not_satisfied_in_fixed_order(flags, volume, currency):
    """unmet and met split CONDITIONS in order; eligible iff nothing is unmet."""
    result = check(annual_volume=volume, currency=currency, **flags)
    assert sorted(result.unmet + result.met, key=CONDITIONS.index) == list(CONDITIONS)
    assert result.unmet == [c for c in CONDITIONS if c in result.unmet]
    assert result.eligible is (result.unmet == [])
    expected_unmet = {c for c in CONDITIONS if c in FIELDS and not flags[c]}
    expected_unmet |= {"not_affiliate"} if flags["is_affiliate"] else set()
    expected_unmet |= {"minimum_volume"} if volume < {"CHF": 2000, "EUR": 1800}[currency] else set()
    assert set(result.unmet) == expected_unmet


@PROPERTY
@given(
    values=st.fixed_dictionaries(
        {name: st.one_of(st.booleans(), st.text(max_size=6), st.none(), st.integers(), st.floats()) for name in FIELDS}
    )
)
def test_any_input_gives_an_answer_or_an_input_error(values):
    """Nothing but an answer or an InputError leaves check(), for any value of any type."""
    try:
        result = check(**values)
    except InputError as error:
        assert error.key.startswith(f"{error.field}.")
    else:
        assert result.eligible is (result.unmet == [])
