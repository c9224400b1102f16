"""Rules of calculators.present, the Web Worker's entry point (handle_json) and
the build's prerendering: results and errors in each locale of the site.

Expectations come from outside the code under test: the seeds' worked example,
figures checked by hand, and Babel (CLDR), the site's reference for numbers.
Babel does not run in Pyodide, so the expected values are written here and the
``test_babel_*`` tests check them against Babel on the host (they are the only
ones that skip in Pyodide).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from calculator_texts import texts as _texts
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import present, registry

LOCALES = {"fr": "fr", "en": "en", "de": "de", "it": "it", "es": "es"}
NBSP, NNBSP = "\u00a0", "\u202f"

# What scripts/render/formatting.spec(lang) hands the widgets (checked against it below).
SPECS = {
    "fr": {"locale": "fr", "decimal": ",", "group": NNBSP, "groups": [NNBSP], "grouping": 3, "money": {"prefix": "", "suffix": NBSP + "¤"},
           "percent": {"prefix": "", "suffix": NBSP + "%"}, "symbols": {"CHF": "CHF", "EUR": "€"}},
    "en": {"locale": "en", "decimal": ".", "group": ",", "groups": [","], "grouping": 3, "money": {"prefix": "¤", "suffix": ""},
           "percent": {"prefix": "", "suffix": "%"}, "symbols": {"CHF": "CHF", "EUR": "€"}},
    "de": {"locale": "de", "decimal": ",", "group": ".", "groups": ["."], "grouping": 3, "money": {"prefix": "", "suffix": NBSP + "¤"},
           "percent": {"prefix": "", "suffix": NBSP + "%"}, "symbols": {"CHF": "CHF", "EUR": "€"}},
    "it": {"locale": "it", "decimal": ",", "group": ".", "groups": ["."], "grouping": 3, "money": {"prefix": "", "suffix": NBSP + "¤"},
           "percent": {"prefix": "", "suffix": "%"}, "symbols": {"CHF": "CHF", "EUR": "€"}},
    "es": {"locale": "es", "decimal": ",", "group": ".", "groups": ["."], "grouping": 3, "money": {"prefix": "", "suffix": NBSP + "¤"},
           "percent": {"prefix": "", "suffix": NBSP + "%"}, "symbols": {"CHF": "CHF", "EUR": "€"}},
}  # fmt: skip



def _setup(lang: str, name: str) -> dict:
    """What the page hands the worker: the widget texts and the locale's spec."""
    return {"texts": _texts(lang, name), "spec": SPECS[lang]}


# read_number: what a reader types, read in the page's locale or refused: tests/calculators/test_reading.py.


def test_babel_specs_are_the_builds():
    """The specs used here are the ones the build hands the widgets."""
    formatting = pytest.importorskip("scripts.render.formatting")
    assert {lang: formatting.spec(lang) for lang in LOCALES} == SPECS


# handle / handle_json: the seeds' worked example, in every locale.

# 35 web hostings, 20 % partner discount, 25 % degressive rate: normal, after discount, final.
EXAMPLE = {"CHF": ("347.20", "277.76", "208.32"), "EUR": ("201.25", "161.00", "120.75")}
EXAMPLE_TEXTS = {
    "fr": {"CHF": ("347,20\u00a0CHF", "277,76\u00a0CHF", "208,32\u00a0CHF"), "EUR": ("201,25\u00a0€", "161,00\u00a0€", "120,75\u00a0€")},
    "en": {"CHF": ("CHF\u00a0347.20", "CHF\u00a0277.76", "CHF\u00a0208.32"), "EUR": ("€201.25", "€161.00", "€120.75")},
    "de": {"CHF": ("347,20\u00a0CHF", "277,76\u00a0CHF", "208,32\u00a0CHF"), "EUR": ("201,25\u00a0€", "161,00\u00a0€", "120,75\u00a0€")},
    "it": {"CHF": ("347,20\u00a0CHF", "277,76\u00a0CHF", "208,32\u00a0CHF"), "EUR": ("201,25\u00a0€", "161,00\u00a0€", "120,75\u00a0€")},
    "es": {"CHF": ("347,20\u00a0CHF", "277,76\u00a0CHF", "208,32\u00a0CHF"), "EUR": ("201,25\u00a0€", "161,00\u00a0€", "120,75\u00a0€")},
}  # fmt: skip
# The rates of the example, 25 % and 40 % in total.
RATE_TEXTS = {
    "fr": ("25\u00a0%", "40\u00a0%"), "en": ("25%", "40%"), "de": ("25\u00a0%", "40\u00a0%"), "it": ("25%", "40%"), "es": ("25\u00a0%", "40\u00a0%"),
}  # fmt: skip
AMOUNTS = ("normal_total", "after_discount", "final_total")
CASES = [(lang, currency) for lang in LOCALES for currency in EXAMPLE]


def _example(currency: str) -> dict[str, str]:
    return {"quantity": "35", "currency": currency, "partner_discount": "20", "product": "web-hosting"}


def _currency_spacing(text: str) -> str:
    """CLDR's currencySpacing, which Babel does not apply (ICU does): a no-break space between a
    currency sign ending or starting with a letter and a digit ("CHF347.20" -> "CHF 347.20" in en)."""
    return re.sub(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])", NBSP, text)


def test_babel_formats_the_expected_texts():
    """The expected texts above are what Babel writes for those amounts and rates (with CLDR's currency spacing)."""
    numbers = pytest.importorskip("babel.numbers")
    for lang, locale in LOCALES.items():
        for currency, amounts in EXAMPLE.items():
            written = tuple(_currency_spacing(numbers.format_currency(Decimal(a), currency, locale=locale)) for a in amounts)
            assert written == EXAMPLE_TEXTS[lang][currency], (lang, currency)
        assert (numbers.format_percent(Decimal("0.25"), locale=locale), numbers.format_percent(Decimal("0.4"), locale=locale)) == RATE_TEXTS[lang]
        assert _currency_spacing(numbers.format_currency(Decimal("227.85"), "CHF", locale=locale)) == DISCOUNT_12_5_FINAL[lang][1]
        assert numbers.format_decimal(100000, locale=locale) == QUANTITY_MAX[lang]


@pytest.mark.parametrize(("lang", "currency"), CASES)
def test_handle_gives_the_worked_example_in_the_readers_format(lang, currency):
    """35 web hostings at 20 %: CHF 347.20 -> 277.76 -> 208.32, EUR 201.25 -> 161.00 -> 120.75, as the locale writes them."""
    answer = present.handle("pricing", _example(currency), _setup(lang, "pricing"))
    assert tuple(answer["result"][name] for name in AMOUNTS) == EXAMPLE[currency]
    assert tuple(answer["view"][name]["value"] for name in AMOUNTS) == EXAMPLE[currency]
    assert tuple(answer["view"][name]["text"] for name in AMOUNTS) == EXAMPLE_TEXTS[lang][currency]
    assert (answer["view"]["degressive_rate"]["text"], answer["view"]["total_reduction"]["text"]) == RATE_TEXTS[lang]


@pytest.mark.parametrize(("lang", "currency"), CASES)
def test_handle_json_is_handle_through_json(lang, currency):
    """The worker's call (JSON strings in, a JSON string out) gives handle's answer."""
    setup = _setup(lang, "pricing")
    reply = present.handle_json("pricing", json.dumps(_example(currency)), json.dumps(setup))
    answer = json.loads(reply)
    assert answer == present.handle("pricing", _example(currency), setup)
    assert answer["view"]["final_total"] == {"value": EXAMPLE[currency][2], "text": EXAMPLE_TEXTS[lang][currency][2]}


# A partner discount of 12.5 % written as the locale writes it: 347.20 x 0.875 x 0.75 = 227.85.
DISCOUNT_12_5_FINAL = {
    "fr": ("12,5", "227,85\u00a0CHF"),
    "en": ("12.5", "CHF\u00a0227.85"),
    "de": ("12,5", "227,85\u00a0CHF"),
    "it": ("12,5", "227,85\u00a0CHF"),
    "es": ("12,5", "227,85\u00a0CHF"),
}


@pytest.mark.parametrize("lang", LOCALES)
def test_handle_reads_a_decimal_written_the_locales_way(lang):
    """12.5 % typed with the locale's decimal sign gives CHF 227.85."""
    typed, shown = DISCOUNT_12_5_FINAL[lang]
    answer = present.handle("pricing", _example("CHF") | {"partner_discount": typed}, _setup(lang, "pricing"))
    assert answer["result"]["partner_discount"] == "12.5"
    assert answer["view"]["final_total"] == {"value": "227.85", "text": shown}


@pytest.mark.parametrize("lang", LOCALES)
def test_handle_reads_the_annual_volume_with_the_locales_group_sign(lang):
    """CHF 2000 a year, typed with the locale's own group sign, meets the minimum volume."""
    typed = "2" + SPECS[lang]["group"] + "000"
    answer = present.handle("eligibility", {"annual_volume": typed, "currency": "CHF"}, _setup(lang, "eligibility"))
    assert answer["result"]["annual_volume"] == "2000"
    assert "minimum_volume" not in answer["result"]["unmet"]
    assert answer["result"]["volume_shortfall"] == "0.00"


# "2.000" typed for a quantity: 2000 where the dot groups thousands (de, it, es), refused where it
# could be 2 or 2000 (never the price of 2 hostings); "12.5" where the dot is not this language's decimal sign.
MISREADS = [
    ("es", "2.000", {"quantity": 2000}),
    ("de", "2.000", {"quantity": 2000}),
    ("it", "2.000", {"quantity": 2000}),
    ("es", "2,000", ("number.ambiguous", {"value": "2,000", "thousands": "2.000", "decimals": "2"})),
    ("de", "2,000", ("number.ambiguous", {"value": "2,000", "thousands": "2.000", "decimals": "2"})),
    ("en", "2.000", ("number.ambiguous", {"value": "2.000", "thousands": "2,000", "decimals": "2"})),
    ("en", "2,000", {"quantity": 2000}),
    ("fr", "2.000", ("number.ambiguous", {"value": "2.000", "thousands": f"2{NNBSP}000", "decimals": "2"})),
    ("fr", "12.5", ("number.format", {"value": "12.5", "decimal": ",", "example": "12,5"})),
    ("de", "12.5", ("number.format", {"value": "12.5", "decimal": ",", "example": "12,5"})),
    ("en", "12,5", ("number.format", {"value": "12,5", "decimal": ".", "example": "12.5"})),
    ("fr", "1e3", ("quantity.not_a_number", {"value": "1e3"})),
]


@pytest.mark.parametrize(("lang", "typed", "expected"), MISREADS)
def test_handle_never_misreads_a_quantity(lang, typed, expected):
    answer = present.handle("pricing", {"quantity": typed}, _setup(lang, "pricing"))
    if isinstance(expected, dict):
        assert answer["result"]["quantity"] == expected["quantity"]
    else:
        error = answer["error"]
        assert (error["field"], error["key"], error["params"]) == ("quantity", *expected)
        assert error["message"]


@pytest.mark.parametrize("lang", LOCALES)
def test_an_error_echoes_what_the_reader_typed(lang):
    """2.5 hostings, typed with the locale's decimal sign, is not_integer and the message repeats the reader's text."""
    typed = "2" + SPECS[lang]["decimal"] + "5"
    answer = present.handle("pricing", {"quantity": typed}, _setup(lang, "pricing"))
    error = answer["error"]
    assert (error["field"], error["key"], error["params"]) == ("quantity", "quantity.not_integer", {"value": typed})
    assert typed in error["message"]
    assert "{" not in error["message"]


# The most hostings one quote takes (100 000), as the locale writes it.
QUANTITY_MAX = {"fr": f"100{NNBSP}000", "en": "100,000", "de": "100.000", "it": "100.000", "es": "100.000"}


@pytest.mark.parametrize("lang", LOCALES)
def test_an_error_shows_its_bound_in_the_readers_format(lang):
    """Too many hostings: the message names the maximum as the locale writes numbers; the payload keeps it plain."""
    answer = present.handle("pricing", {"quantity": "100001"}, _setup(lang, "pricing"))
    error = answer["error"]
    assert (error["key"], error["params"]["max"]) == ("quantity.too_large", "100000")
    assert QUANTITY_MAX[lang] in error["message"]


@pytest.mark.parametrize("lang", LOCALES)
def test_every_calculator_answers_its_defaults_in_every_locale(lang):
    """What the build prerenders: each calculator's defaults give a view of every output, in text."""
    for name in registry.NAMES:
        answer = present.handle(name, registry.get(name).defaults, _setup(lang, name))
        assert set(registry.get(name).outputs) - {"unmet"} <= set(answer["view"]), name
        assert all(isinstance(entry["text"], str) for entry in answer["view"].values())


def test_an_unknown_calculator_is_an_error_not_an_exception():
    answer = present.handle("mortgage", {}, _setup("fr", "pricing"))
    assert answer["error"]["key"] == "calculator.unknown"


@pytest.mark.parametrize("inputs_json", ["", "not json", "[1, 2]", "null", "42"])
def test_handle_json_answers_inputs_that_are_not_an_object(inputs_json):
    """Inputs that are not a JSON object are the error inputs.wrong_type, with its message."""
    reply = json.loads(present.handle_json("pricing", inputs_json, json.dumps(_setup("en", "pricing"))))
    assert reply["error"]["key"] == "inputs.wrong_type"
    assert reply["error"]["message"] and "{" not in reply["error"]["message"]


# Issue 11: hostile messages from a page's script; the German message comes from docs/de/calculators/pricing.yml.
_HOSTILE_INPUTS = {
    "unclosed": "{",
    "empty": "",
    "deeply-nested": "[" * 100_000 + "]" * 100_000,
    "5000-digit-integer": "1" * 5000,
    "10-mb-of-group-signs": json.dumps({"quantity": "1" + "." * 10_000_000}),
    "not-a-string": ["quantity"],
}


@pytest.mark.parametrize("inputs_json", _HOSTILE_INPUTS.values(), ids=_HOSTILE_INPUTS.keys())
def test_a_hostile_inputs_message_gets_a_translated_error_and_keeps_the_setup(inputs_json):
    setup = _setup("de", "pricing")
    reply = json.loads(present.handle_json("pricing", inputs_json, json.dumps(setup)))
    assert reply["error"]["key"] == "inputs.wrong_type"
    assert reply["error"]["message"] == setup["texts"]["errors"]["inputs.wrong_type"]
    # The next, valid message is answered as usual: nothing of the setup was lost.
    good = json.loads(present.handle_json("pricing", json.dumps(_example("CHF")), json.dumps(setup)))
    assert good["view"]["final_total"]["value"] == EXAMPLE["CHF"][2]


def test_a_list_as_calculator_name_is_an_unknown_calculator():
    reply = json.loads(present.handle_json(["pricing"], "{}", json.dumps(_setup("fr", "pricing"))))
    assert reply["error"]["key"] == "calculator.unknown"


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@settings(deadline=None, max_examples=150)
@given(
    calculator=st.one_of(st.sampled_from(registry.NAMES), st.text(max_size=10), st.integers(), st.none()),
    inputs=st.one_of(
        st.text(max_size=20),
        st.dictionaries(st.sampled_from(["quantity", "currency", "partner_discount", "annual_volume", "access", "x"]),
                        st.one_of(st.text(max_size=10), st.integers(), st.booleans()), max_size=4).map(json.dumps),
    ),
    setup=st.one_of(st.text(max_size=20), _JSON_VALUES.map(json.dumps), st.just(json.dumps({"spec": SPECS["es"]}))),
)  # fmt: skip
def test_handle_json_always_answers_with_json(calculator, inputs, setup):
    """Whatever the worker passes, the answer is JSON holding a result or an error, never an exception."""
    reply = json.loads(present.handle_json(calculator, inputs, setup))
    assert ("result" in reply) != ("error" in reply)
    assert isinstance(reply.get("error", {}).get("message", ""), str)
