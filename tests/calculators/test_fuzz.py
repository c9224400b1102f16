"""Whatever reaches a calculator, only a result or an InputError comes out.

The per-calculator tests feed arbitrary types; these add the values that break
number parsing elsewhere: huge numbers (past int's 4300-digit string limit),
huge exponents, Unicode digits, NaN and signalling NaN, infinities, floats.
Standard library and Hypothesis only: this file also runs inside Pyodide.
"""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, api, check, quote, registry, scenario

FUZZ = settings(deadline=None, max_examples=200)

_NUMBER_TEXTS = st.sampled_from([
    "NaN", "-nan", "sNaN", "Infinity", "-inf", "1e999999999", "-1e999999999", "1e-999999999", "9" * 5000,
    "1" + "0" * 4301, "0e99999", "-0", "1_000", "0x1F", "35\x00", " \u00a035\u2003", "٣٥", "３５", "३५", "𝟑𝟓",
    "35.000000000000000000001", "1E+2", "Ⅻ", "½", "²", "",
])  # fmt: skip
_UNICODE_DIGITS = st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=12)
_HUGE_TEXT = st.one_of(
    st.builds(lambda digits, sign: sign + "9" * digits, st.integers(1, 6000), st.sampled_from(["", "-", "+"])),
    st.builds(lambda mantissa, exponent: f"{mantissa}e{exponent}", st.integers(-99, 99), st.integers(-(10**18), 10**18)),
)
# Past 4300 digits an int cannot even be printed (sys.get_int_max_str_digits).
_HUGE = st.one_of(st.integers(min_value=-(10**5000), max_value=10**5000), _HUGE_TEXT)
ANYTHING = st.one_of(
    _NUMBER_TEXTS, _UNICODE_DIGITS, _HUGE,
    st.floats(), st.decimals(), st.decimals(allow_nan=True, places=None).map(lambda d: Decimal("sNaN") if d.is_nan() else d),
    st.text(max_size=30), st.binary(max_size=8), st.booleans(), st.none(), st.complex_numbers(),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.just(object()),
)  # fmt: skip


def _only_result_or_input_error(function, **kwargs):
    try:
        return function(**kwargs)
    except InputError as error:
        assert error.key.startswith(f"{error.field}."), error.key
        return None


@FUZZ
@given(quantity=ANYTHING, currency=ANYTHING, partner_discount=ANYTHING, product=ANYTHING, unit_price=ANYTHING)
def test_quote_gives_a_quote_or_an_input_error(quantity, currency, partner_discount, product, unit_price):
    result = _only_result_or_input_error(
        quote, quantity=quantity, currency=currency, partner_discount=partner_discount, product=product, unit_price=unit_price
    )
    if result is not None:
        assert Decimal(0) <= result.final_total <= result.normal_total


@FUZZ
@given(values=st.fixed_dictionaries({name: ANYTHING for name in registry.get("eligibility").fields}))
def test_check_gives_an_answer_or_an_input_error(values):
    result = _only_result_or_input_error(check, **values)
    if result is not None:
        assert result.eligible is (result.unmet == [])


@FUZZ
@given(access=ANYTHING, payment=ANYTHING, orderer=ANYTHING)
def test_scenario_gives_a_scenario_or_an_input_error(access, payment, orderer):
    _only_result_or_input_error(scenario, access=access, payment=payment, orderer=orderer)


@st.composite
def _forms(draw):
    """What a browser could post: any subset of the fields, each a text (numbers in every script) or anything else."""
    calculator = draw(st.sampled_from(registry.NAMES))
    fields = sorted(registry.get(calculator).fields)
    names = draw(st.sets(st.sampled_from(fields)))
    return calculator, {name: draw(st.one_of(_NUMBER_TEXTS, _UNICODE_DIGITS, _HUGE_TEXT, ANYTHING)) for name in names}


@FUZZ
@given(form=_forms())
def test_the_widget_entry_gives_json_or_a_listed_input_error(form):
    calculator, inputs = form
    try:
        result = api.run(calculator, inputs)
    except InputError as error:
        assert error.key in api.error_keys(calculator), error.key
    else:
        json.dumps(result)
