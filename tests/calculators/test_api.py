"""Rules of calculators.api, what the widgets call in Pyodide: form text in,
JSON-able data out, every error a translatable key, nothing else escaping."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, api, error_payload, quote, registry, run, tiers
from calculators._inputs import Boolean, Choice, Integer, Number, Optional
from calculators.errors import params_of

PROPERTY = settings(deadline=None, max_examples=150)


@pytest.mark.parametrize("calculator", registry.NAMES)
def test_defaults_prerender_every_calculator(calculator):
    """The form's default inputs give a result: that is what the page shows before Pyodide loads."""
    result = run(calculator, api.defaults(calculator))
    json.dumps(result)
    assert set(registry.get(calculator).outputs) <= set(result)


def test_pricing_defaults_are_the_worked_example():
    """The pricing widget opens on 35 web hostings at 20 %, CHF 208.32."""
    result = run("pricing", api.defaults("pricing"))
    assert (result["normal_total"], result["after_discount"], result["final_total"]) == ("347.20", "277.76", "208.32")
    assert result["total_reduction"] == "40"


def test_run_gives_the_same_figures_as_the_python_function():
    """run() is quote() with form text in and strings out."""
    result = run("pricing", {"quantity": "35", "currency": "EUR", "partner_discount": "12.5"})
    direct = quote(quantity=35, currency="EUR", partner_discount=Decimal("12.5"))
    for name in ("normal_total", "after_discount", "final_total", "final_per_hosting", "degressive_rate"):
        assert result[name] == str(getattr(direct, name))
    assert (result["unit_price_given"], result["degressive_rate_given"], result["rate_known"]) == (False, False, True)
    assert result["tier"]["rate"] == str(direct.tier.rate)
    assert result["tier"]["source"]["guide"] == "discount-and-cashback"
    assert [row["min_quantity"] for row in result["tiers"]] == [row.min_quantity for row in tiers()]


def test_run_without_a_known_rate_sends_null_for_what_it_does_not_know():
    """12 web hostings: no published rate, so no final price; the amounts before it are given."""
    result = run("pricing", {"quantity": "12", "currency": "EUR", "partner_discount": "12.5", "degressive_rate": ""})
    assert (result["normal_total"], result["after_discount"]) == ("69.00", "60.38")  # 12 x 5.75; x 0.875 = 60.375
    assert [result[name] for name in ("degressive_rate", "final_total", "final_per_hosting", "total_reduction", "tier")] == [None] * 5
    assert result["rate_known"] is False
    json.dumps(result)


def test_run_reads_the_readers_degressive_rate():
    """The form's degressive_rate field is quote()'s keyword argument."""
    result = run("pricing", {"quantity": "120", "degressive_rate": "30"})
    assert (result["degressive_rate"], result["final_total"], result["degressive_rate_given"]) == ("30", "666.62", True)


def test_decimals_leave_as_plain_strings_without_exponent():
    """A Decimal is sent as fixed-point text, so JavaScript never rounds it."""
    result = run("pricing", {"quantity": "1e2", "partner_discount": "2E+1", "degressive_rate": "1E+1"})
    assert result["partner_discount"] == "20"
    assert result["normal_total"] == "992.00"
    for name in registry.get("pricing").outputs:
        assert isinstance(result[name], str) and "E" not in result[name]


def test_unticked_checkboxes_are_no():
    """A yes/no input absent from the form (an unticked checkbox) is no."""
    result = run("eligibility", {"annual_volume": "5000", "currency": "CHF", "registered_company": "on"})
    assert result["unmet"] == [
        "active_website", "provides_support", "handles_invoices", "exclusive_products", "accepts_conditions",
    ]  # fmt: skip
    assert result["eligible"] is False


def test_access_scenario_is_json():
    """The access result, capabilities included, is JSON as is."""
    result = run("access", {"access": "limited", "orderer": "partner", "payment": ""})
    assert json.loads(json.dumps(result))["allowed"] is False
    assert result["payment"] is None


def test_missing_required_input_is_named():
    """A required input absent from the form is <field>.missing."""
    with pytest.raises(InputError) as error:
        run("pricing", {})
    assert (error.value.field, error.value.key) == ("quantity", "quantity.missing")


def test_absent_optional_input_takes_the_functions_default():
    """An optional input absent from the form takes the Python default."""
    assert run("pricing", {"quantity": "35"})["currency"] == "CHF"


def test_unknown_calculator_is_an_input_error():
    """The calculator name is checked too."""
    with pytest.raises(InputError) as error:
        run("mortgage", {})
    assert (error.value.field, error.value.key, error.value.params["value"]) == (
        "calculator",
        "calculator.unknown",
        "mortgage",
    )


def test_unknown_input_is_named():
    """An input the calculator does not take is refused, named in the error's field."""
    with pytest.raises(InputError) as error:
        run("pricing", {"quantity": "3", "coupon": "X"})
    assert (error.value.field, error.value.key) == ("coupon", "inputs.unknown_field")


def test_inputs_must_be_a_mapping():
    """inputs that are not a mapping are inputs.wrong_type."""
    with pytest.raises(InputError) as error:
        run("pricing", ["quantity", "3"])  # type: ignore[arg-type]
    assert error.value.key == "inputs.wrong_type"


def test_error_payload_of_an_input_error():
    """error_payload gives the widget the field, the key and the params."""
    with pytest.raises(InputError) as error:
        run("pricing", {"quantity": "2.5"})
    assert error_payload(error.value) == {
        "field": "quantity",
        "key": "quantity.not_integer",
        "params": {"value": "2.5"},
    }


def test_error_payload_of_any_other_exception_is_an_internal_error():
    """A bug still reaches the widget as a translatable key."""
    assert error_payload(ZeroDivisionError()) == {
        "field": None, "key": "calculator.internal_error", "params": {"type": "ZeroDivisionError"},
    }  # fmt: skip


# Every key each calculator can produce has an example, and nothing else is produced.

_PROBLEM_VALUES = {
    "missing": lambda field: "",
    "wrong_type": lambda field: 1.5,
    "not_a_number": lambda field: "abc",
    "not_finite": lambda field: "Infinity",
    "not_integer": lambda field: "2.5",
    "too_small": lambda field: str(field.minimum if getattr(field, "exclusive_minimum", False) else field.minimum - 1),
    "too_large": lambda field: str(field.maximum + 1),
    "too_many_decimals": lambda field: "1." + "1" * (field.places + 1),
    "not_a_boolean": lambda field: "maybe",
    "unknown": lambda field: "nope",
}
_SPECIAL_CASES = {
    "unit_price.required": ("pricing", {"quantity": "3", "product": "other"}),
    "payment.required": ("access", {"access": "full", "orderer": "client"}),
    "payment.not_with_limited": ("access", {"access": "limited", "payment": "client", "orderer": "client"}),
    "inputs.unknown_field": (None, {"nonsense": "1"}),
    "inputs.wrong_type": (None, "not a mapping"),
}


def _examples(calculator):
    """(key, inputs) for every key of error_keys(calculator) that a run can produce."""
    defaults = api.defaults(calculator)
    for name, field in registry.get(calculator).fields.items():
        inner = field.inner if isinstance(field, Optional) else field
        for problem in field.problems:
            yield f"{name}.{problem}", defaults | {name: _PROBLEM_VALUES[problem](inner)}
    for key, (owner, inputs) in _SPECIAL_CASES.items():
        if owner in (None, calculator):
            yield key, inputs


@pytest.mark.parametrize("calculator", registry.NAMES)
def test_every_listed_error_key_is_produced_by_some_input(calculator):
    """error_keys() lists only keys that really occur, each with the params its messages may use."""
    produced = set()
    for key, inputs in _examples(calculator):
        with pytest.raises(InputError) as error:
            run(calculator, inputs)
        assert error.value.key == key
        assert set(error.value.params) == set(params_of(key)), key
        produced.add(key)
    with pytest.raises(InputError) as error:
        run("nope", {})
    produced.add(error.value.key)
    produced.add(error_payload(RuntimeError())["key"])
    assert produced == api.error_keys(calculator)


def _field_values(field):
    kind = field.inner if isinstance(field, Optional) else field
    plausible = {
        Integer: st.integers(min_value=-5, max_value=200).map(str),
        Number: st.decimals(min_value=-5, max_value=3000, places=3).map(str),
        Boolean: st.sampled_from(["on", "", "true", "false", "yes"]),
        Choice: st.sampled_from(getattr(kind, "choices", ("x",))),
    }[type(kind)]
    anything = st.one_of(
        st.text(max_size=20), st.integers(), st.floats(), st.decimals(), st.booleans(), st.none(),
        st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
    )  # fmt: skip
    return st.one_of(plausible, anything)


@st.composite
def _requests(draw):
    calculator = draw(st.sampled_from(registry.NAMES))
    fields = registry.get(calculator).fields
    names = draw(st.sets(st.sampled_from(sorted(fields))))
    inputs = {name: draw(_field_values(fields[name])) for name in names}
    return calculator, inputs


@PROPERTY
@given(request=_requests())
def test_any_form_input_gives_json_or_a_listed_input_error(request):
    """run() returns JSON-able data or raises an InputError whose key the texts translate."""
    calculator, inputs = request
    try:
        result = run(calculator, inputs)
    except InputError as error:
        assert error.key in api.error_keys(calculator)
        json.dumps(error_payload(error))
    else:
        json.dumps(result)
