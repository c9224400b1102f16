"""Rules of calculators.reading (through present.read_number): what a reader types in the
page's locale, read as CLDR writes numbers there, or refused; never a silent misread.

Expected values are written by hand; the ``test_babel_*`` tests check every accepted
reading against Babel's strict ``parse_decimal`` in the site's locale, and every place
where this reader and Babel part ways has its reason below (they skip in Pyodide).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import numbers, present, reading
from calculators.errors import InputError

LOCALES = {"fr": "fr", "en": "en", "de": "de", "it": "it", "es": "es"}
NBSP, NNBSP, RSQ = "\u00a0", "\u202f", "\u2019"
# What scripts/render/formatting.spec(lang) gives for reading (checked against it below).
SPECS = {
    "fr": {"decimal": ",", "group": NNBSP, "groups": [NNBSP], "grouping": 3},
    "en": {"decimal": ".", "group": ",", "groups": [","], "grouping": 3},
    "de": {"decimal": ",", "group": ".", "groups": ["."], "grouping": 3},
    "it": {"decimal": ",", "group": ".", "groups": ["."], "grouping": 3},
    "es": {"decimal": ",", "group": ".", "groups": ["."], "grouping": 3},
}
# Each language's own group sign, as the hints write numbers.
GROUP = {"fr": NNBSP, "en": ",", "de": ".", "it": ".", "es": "."}


def ambiguous(thousands: str, decimals: str) -> tuple:
    return ("number.ambiguous", {"thousands": thousands, "decimals": decimals})


def wrong(decimal: str, example: str) -> tuple:
    return ("number.format", {"decimal": decimal, "example": example})


NAN = ("quantity.not_a_number", {})
MISSING = ("quantity.missing", {})

# (lang, typed, expected): the Decimal read (as its str) or (key, some params) refused.
READINGS = []
for _lang in LOCALES:
    _d, _g = SPECS[_lang]["decimal"], GROUP[_lang]
    READINGS += [
        (_lang, "35", "35"), (_lang, "2000", "2000"), (_lang, " 2000 ", "2000"), (_lang, "-5", "-5"),
        (_lang, "007", "7"), (_lang, "-0", "0"), (_lang, "123456789012345678901234567890", "123456789012345678901234567890"),
        # Spaces and apostrophes are never a decimal sign: a group sign in every locale.
        (_lang, "2 000", "2000"), (_lang, f"2{NBSP}000", "2000"), (_lang, f"2{NNBSP}000", "2000"),
        (_lang, "2'000", "2000"), (_lang, f"2{RSQ}000", "2000"), (_lang, f"1{RSQ}234{RSQ}567", "1234567"),
        # Not numbers.
        (_lang, "", MISSING), (_lang, "   ", MISSING),
        (_lang, "1e3", NAN), (_lang, "1E3", NAN), (_lang, "+5", NAN), (_lang, "--5", NAN), (_lang, "5-", NAN),
        (_lang, "0x1F", NAN), (_lang, "∞", NAN), (_lang, "-∞", NAN), (_lang, "NaN", NAN), (_lang, "Infinity", NAN),
        (_lang, "12 €", NAN), (_lang, "CHF 12", NAN), (_lang, "٢٠", NAN), (_lang, "½", NAN), (_lang, "-", NAN),
        (_lang, _d, NAN), (_lang, "1234567890123456789012345678901", NAN),  # 31 characters: longer than anyone types
        # Group signs: groups of exactly three after the first, one kind per number.
        (_lang, f"20{RSQ}00", wrong(_d, f"2{_g}000")),
        (_lang, f"2{RSQ}0000", wrong(_d, f"20{_g}000")),
        (_lang, f"0{RSQ}500", wrong(_d, "500")),
        (_lang, f"2 000{RSQ}000", wrong(_d, f"2{_g}000{_g}000")),
        (_lang, f"2{RSQ}{RSQ}000", wrong(_d, f"2{_g}000")),
        (_lang, f"{RSQ}000", wrong(_d, "0")),
        (_lang, f"2{RSQ}", wrong(_d, "2")),
        (_lang, f"5{_d}", wrong(_d, "5")),
    ]  # fmt: skip
READINGS += [
    ("fr", "15,5", "15.5"), ("fr", "0,5", "0.5"), (("fr", ",5", "0.5")), ("fr", "0,500", "0.500"),
    ("fr", f"2{NNBSP}000,50", "2000.50"), ("fr", "2 000,50", "2000.50"), ("fr", "2'000,50", "2000.50"),
    ("fr", "2,000", ambiguous(f"2{NNBSP}000", "2")), ("fr", "2.000", ambiguous(f"2{NNBSP}000", "2")),
    ("fr", "2,500", ambiguous(f"2{NNBSP}500", "2,5")), ("fr", "1,125", ambiguous(f"1{NNBSP}125", "1,1250")),
    ("fr", "-2,000", ambiguous(f"2{NNBSP}000", "2")),
    ("fr", "12.5", wrong(",", "12,5")), ("fr", "2.00", wrong(",", "2,00")), ("fr", "0.500", wrong(",", "0,500")),
    ("fr", "1.234.567", wrong(",", f"1{NNBSP}234{NNBSP}567")), ("fr", "1,234,567", wrong(",", f"1{NNBSP}234{NNBSP}567")),
    ("fr", "2.000,50", wrong(",", f"2{NNBSP}000,50")), ("fr", "2,000.50", wrong(",", f"2{NNBSP}000,50")),
    ("fr", f"2{RSQ}000.50", wrong(",", f"2{NNBSP}000,50")), ("fr", "1,5,6", wrong(",", "15,6")),
    ("en", "15.5", "15.5"), ("en", "12.5", "12.5"), ("en", "2.5", "2.5"), ("en", "2.00", "2.00"), ("en", "0.500", "0.500"),
    ("en", ".5", "0.5"), ("en", "2,000", "2000"), ("en", "2,500", "2500"), ("en", "1,234,567", "1234567"),
    ("en", "2,000.50", "2000.50"), ("en", "2,000.500", "2000.500"), ("en", "-1,234.5", "-1234.5"),
    ("en", f"2{RSQ}000.50", "2000.50"), ("en", "2'000.50", "2000.50"), ("en", f"1{RSQ}234.567", "1234.567"),
    ("en", "2.000", ambiguous("2,000", "2")), ("en", "2.500", ambiguous("2,500", "2.5")),
    ("en", "1.125", ambiguous("1,125", "1.1250")), ("en", "100.000", ambiguous("100,000", "100")),
    ("en", "12,5", wrong(".", "12.5")), ("en", "2,00", wrong(".", "2.00")), ("en", "2,0000", wrong(".", "2.0000")),
    ("en", "2.000,50", wrong(".", "2,000.50")), ("en", "1.234.567", wrong(".", "1,234,567")),
    ("en", f"2{RSQ}000,50", wrong(".", "2,000.50")), ("en", ",5", wrong(".", "0.5")),
    ("en", f"2,000{RSQ}000", wrong(".", "2,000,000")),
]  # fmt: skip
for _lang in ("de", "it", "es"):
    READINGS += [
        (_lang, "15,5", "15.5"), (_lang, "12,5", "12.5"), (_lang, "0,5", "0.5"), (_lang, ",5", "0.5"), (_lang, "0,500", "0.500"),
        (_lang, "2.000", "2000"), (_lang, "2.500", "2500"), (_lang, "1.234.567", "1234567"), (_lang, "2.000,50", "2000.50"),
        (_lang, "-1.234,5", "-1234.5"), (_lang, f"2{RSQ}000,50", "2000.50"), (_lang, "2'000,50", "2000.50"),
        (_lang, "2,000", ambiguous("2.000", "2")), (_lang, "2,500", ambiguous("2.500", "2,5")),
        (_lang, "1,125", ambiguous("1.125", "1,1250")),
        (_lang, "12.5", wrong(",", "12,5")), (_lang, "2.5", wrong(",", "2,5")), (_lang, "2.00", wrong(",", "2,00")),
        (_lang, "0.500", wrong(",", "0,500")), (_lang, "2.0000", wrong(",", "2,0000")), (_lang, "20.00", wrong(",", "20,00")),
        (_lang, "1.234.56", wrong(",", "1.234,56")), (_lang, "1,234,567", wrong(",", "1.234.567")),
        (_lang, "2,000.50", wrong(",", "2.000,50")), (_lang, f"2{RSQ}000.50", wrong(",", "2.000,50")), (_lang, ".5", wrong(",", "0,5")),
    ]  # fmt: skip

# Where Babel's strict parse_decimal (same locale) and this reader part ways, and why.
_SPACE = "a space is never a decimal sign: read as a group sign in every locale (Babel takes only CLDR's own group sign)"
_APOSTROPHE = "an apostrophe is never a decimal sign: ' and ’ are group signs in every locale (Swiss writing)"
_AMBIGUOUS = "one sign followed by exactly three digits is a decimal here but thousands in other conventions: refused"
_OTHER = "the sign this language does not use for decimals is refused, not reinterpreted (Babel is lenient here)"
_TRAILING = "a decimal sign with no digit after it is an unfinished number"
BABEL_DIFFERS = {}
_ACCEPTED = {(lang, typed) for lang, typed, expected in READINGS if isinstance(expected, str)}
for _lang, _group in GROUP.items():
    for _typed, _reason in (("2 000", _SPACE), (f"2{NBSP}000", _SPACE), (f"2{NNBSP}000", _SPACE), ("2'000", _APOSTROPHE),
                            (f"2{RSQ}000", _APOSTROPHE), (f"1{RSQ}234{RSQ}567", _APOSTROPHE), ("2 000,50", _SPACE),
                            ("2'000,50", _APOSTROPHE), (f"2{RSQ}000,50", _APOSTROPHE), ("2'000.50", _APOSTROPHE),
                            (f"2{RSQ}000.50", _APOSTROPHE), (f"1{RSQ}234.567", _APOSTROPHE)):
        if _group not in _typed and (_lang, _typed) in _ACCEPTED:
            BABEL_DIFFERS[_lang, _typed] = _reason
    BABEL_DIFFERS[_lang, "1e3"] = BABEL_DIFFERS[_lang, "1E3"] = "exponent notation is refused"
    BABEL_DIFFERS[_lang, "+5"] = "only a leading minus is a sign"
    BABEL_DIFFERS[_lang, "NaN"] = "NaN is not a number"
    BABEL_DIFFERS[_lang, "Infinity"] = "an infinity is not a number anyone orders"
    BABEL_DIFFERS[_lang, "-0"] = "minus zero is zero"
    BABEL_DIFFERS[_lang, "٢٠"] = "the pages write Latin digits (CLDR latn); other digits are refused, not converted"
    BABEL_DIFFERS[_lang, "1234567890123456789012345678901"] = "longer than reading.LIMIT (30) characters: refused unread"
    BABEL_DIFFERS[_lang, f"5{SPECS[_lang]['decimal']}"] = _TRAILING
for _key in (
    [("fr", "2,000"), ("fr", "2,500"), ("fr", "1,125"), ("fr", "-2,000")]
    + [(lang, typed) for lang in ("de", "it", "es") for typed in ("2,000", "2,500", "1,125")]
    + [("en", typed) for typed in ("2.000", "2.500", "1.125", "100.000")]
):
    BABEL_DIFFERS[_key] = _AMBIGUOUS
BABEL_DIFFERS["fr", "2.000"] = _AMBIGUOUS + " (Babel reads the dot as fr's decimal sign: 2.000)"
for _typed in ("12.5", "2.00", "0.500"):
    BABEL_DIFFERS["fr", _typed] = _OTHER


def _expected(expected):
    return ("ok", expected) if isinstance(expected, str) else expected


@pytest.mark.parametrize(("lang", "typed", "expected"), READINGS)
def test_read_number_reads_or_refuses_what_a_reader_types(lang, typed, expected):
    try:
        read = present.read_number(typed, SPECS[lang], "quantity")
    except InputError as error:
        assert error.field == "quantity"
        key, params = _expected(expected)
        assert error.key == key, (error.key, error.params)
        assert params.items() <= error.params.items(), error.params
        if error.key in reading.KEY_PARAMS:
            assert set(error.params) == set(reading.KEY_PARAMS[error.key])
        if error.key != "quantity.missing":
            assert error.params["value"] == (typed.strip() if len(typed) <= 40 else typed.strip()[:39] + "…")
    else:
        assert isinstance(read, Decimal)
        assert ("ok", str(read)) == _expected(expected)


class _Watched(str):
    """A text that records every way of reading its characters (its length is not one)."""

    looked: list[str]

    def _look(self, how: str) -> None:
        self.looked.append(how)

    def strip(self, *args):  # noqa: D102
        self._look("strip")
        return super().strip(*args)

    def __iter__(self):
        self._look("iter")
        return super().__iter__()

    def __getitem__(self, key):
        self._look(f"[{key!r}]")
        return super().__getitem__(key)

    def __contains__(self, part):
        self._look("in")
        return super().__contains__(part)


def test_a_long_text_is_refused_before_it_is_looked_at():
    """A "1" followed by 10 MB of group signs is refused from its length, before any character is read."""
    text = _Watched("1" + RSQ * 10_000_000)
    text.looked = []
    with pytest.raises(InputError) as error:
        present.read_number(text, SPECS["de"], "quantity")
    # Only the echo of the refused value reads the text: its first characters, once.
    assert [how for how in text.looked if not how.startswith("[slice(None, ")] == []
    assert error.value.key == "quantity.not_a_number"
    assert len(error.value.params["value"]) <= 40


def test_not_text_is_not_a_number():
    with pytest.raises(InputError) as error:
        present.read_number(12, SPECS["fr"], "quantity")  # type: ignore[arg-type]
    assert (error.value.key, error.value.params) == ("quantity.not_a_number", {"value": "int"})


def test_a_spec_without_groups_still_reads_its_own_group_sign():
    """Specs made before ``groups`` existed: the locale's group sign (and spaces, apostrophes)."""
    old = {key: value for key, value in SPECS["es"].items() if key != "groups"}
    assert present.read_number("1.234.567,5", old) == Decimal("1234567.5")


_SETTINGS = settings(max_examples=300, deadline=None)


@_SETTINGS
@given(lang=st.sampled_from(sorted(LOCALES)), value=st.decimals(min_value=-10**12, max_value=10**12, places=3))
def test_what_the_site_writes_it_reads_back_unless_ambiguous(lang, value):
    """numbers.number's own writing reads back as the same number; the only exception is
    "d.ddd" with no group sign (1 to 3 digits, then 3 decimals), which is refused as ambiguous."""
    for shown in {numbers.number(value, SPECS[lang]), numbers.number(value.normalize() if value else value, SPECS[lang])}:
        whole, _, fraction = shown.lstrip("-").partition(SPECS[lang]["decimal"])
        try:
            read = present.read_number(shown, SPECS[lang])
        except InputError as error:
            assert error.key == "number.ambiguous", (shown, error)
            assert len(fraction) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0")
        else:
            assert read == value


@_SETTINGS
@given(text=st.text(alphabet=st.sampled_from("0123456789.,'’  \u202f-e+"), max_size=40) | st.text(max_size=40))
def test_any_text_is_a_decimal_or_an_input_error(text):
    for spec in SPECS.values():
        try:
            read = present.read_number(text, spec, "quantity")
        except InputError as error:
            assert error.key in {"quantity.missing", "quantity.not_a_number", *reading.KEY_PARAMS}
        else:
            assert isinstance(read, Decimal) and read.is_finite()


def test_babel_specs_are_the_builds():
    """The reading specs used here are what the build hands the widgets."""
    formatting = pytest.importorskip("scripts.render.formatting")
    for lang, spec in SPECS.items():
        assert {key: formatting.spec(lang)[key] for key in spec} == spec


def _babel(typed: str, lang: str) -> str | None:
    babel_numbers = pytest.importorskip("babel.numbers")
    try:
        return str(babel_numbers.parse_decimal(typed, locale=LOCALES[lang], strict=True))
    except (babel_numbers.NumberFormatError, ValueError, ArithmeticError):
        return None


@pytest.mark.parametrize(("lang", "typed", "expected"), READINGS)
def test_babel_agrees_or_the_difference_has_a_reason(lang, typed, expected):
    """Every accepted reading is Babel's strict parse_decimal in the site's locale; where Babel
    reads something this reader refuses (or the other way round), BABEL_DIFFERS says why."""
    babel = _babel(typed, lang)
    ours = expected if isinstance(expected, str) else None
    if (lang, typed) in BABEL_DIFFERS:
        assert babel is not None or ours is not None, "listed as different, but both refuse it"
        assert babel != ours or babel is None, ("listed as different, but Babel agrees", babel)
        return
    if ours is None:
        assert babel is None, f"Babel reads {typed!r} in {LOCALES[lang]} as {babel}: give the reason it is refused"
    else:
        assert babel is not None and Decimal(babel) == Decimal(ours) and babel == ours, (babel, ours)


def test_every_listed_babel_difference_is_a_reading_of_the_table():
    rows = {(lang, typed) for lang, typed, _ in READINGS}
    assert set(BABEL_DIFFERS) <= rows, set(BABEL_DIFFERS) - rows
