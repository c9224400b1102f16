"""Rules of calculators.pricing: the seeds' worked example, the degressive-rate
table (sourced rows only, no guessed rate), a rate given by the reader, the
rounding rule, bad inputs, and properties that hold for any input."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, facts, pricing
from calculators.pricing import quote

PROPERTY = settings(deadline=None, max_examples=150)
MONEY_FIELDS = ("normal_total", "after_discount", "final_total", "final_per_hosting")


# The seeds' worked example (discount-and-cashback guide), to the cent.


def test_worked_example_in_chf_matches_the_seeds_to_the_cent():
    """35 web hostings, 20 % partner discount: CHF 347.20 -> 277.76 -> (-25 %) 208.32, -40 % in total."""
    result = quote(quantity=35, currency="CHF", partner_discount=Decimal("20"))
    assert result.normal_total == Decimal("347.20")
    assert result.after_discount == Decimal("277.76")
    assert result.degressive_rate == Decimal("25")
    assert result.final_total == Decimal("208.32")
    assert result.total_reduction == Decimal("40")


def test_worked_example_in_eur_matches_the_seeds_to_the_cent():
    """35 web hostings, 20 % partner discount: EUR 201.25 -> 161.00 -> (-25 %) 120.75, -40 % in total."""
    result = quote(quantity=35, currency="EUR", partner_discount=Decimal("20"))
    assert result.normal_total == Decimal("201.25")
    assert result.after_discount == Decimal("161.00")
    assert result.degressive_rate == Decimal("25")
    assert result.final_total == Decimal("120.75")
    assert result.total_reduction == Decimal("40")


def test_defaults_are_the_worked_example_in_chf():
    """Only the quantity is required: CHF, 20 % and web hosting are the defaults."""
    assert quote(quantity=35) == quote(
        quantity=35, currency="CHF", partner_discount=Decimal("20"), product="web-hosting"
    )


def test_degressive_rate_applies_to_what_is_left_after_the_discount():
    """20 % then 25 % is 40 % off, not 45 %: the rates multiply, they do not add."""
    result = quote(quantity=35)
    assert result.final_total == result.normal_total * Decimal("0.80") * Decimal("0.75")
    assert result.total_reduction != Decimal("45")


def test_unit_prices_are_the_example_totals_divided_by_35():
    """CHF 9.92 and EUR 5.75 per web hosting and month (the seeds' totals are for 35 hostings)."""
    assert quote(quantity=1).unit_price == Decimal("9.92")
    assert quote(quantity=1, currency="EUR").unit_price == Decimal("5.75")


def test_final_per_hosting_is_the_final_total_shared_by_the_hostings():
    """CHF 208.32 / 35 = 5.952 -> 5.95; EUR 120.75 / 35 = 3.45."""
    assert quote(quantity=35).final_per_hosting == Decimal("5.95")
    assert quote(quantity=35, currency="EUR").final_per_hosting == Decimal("3.45")


def test_no_cashback_amount_is_given():
    """The cashback amount depends on whether the degressive rate is part of the public price,
    which the seeds do not say: the quote gives none (the widget states the rule in words)."""
    assert not hasattr(quote(quantity=35), "cashback")


def test_the_example_through_a_given_rate_is_the_same_to_the_cent():
    """Typing the seeds' 25 % gives the seeds' figures too: CHF 347.20 -> 277.76 -> 208.32, EUR 201.25 -> 161.00 -> 120.75."""
    chf = quote(quantity=35, degressive_rate="25")
    eur = quote(quantity=35, currency="EUR", degressive_rate=Decimal("25"))
    assert (chf.normal_total, chf.after_discount, chf.final_total, chf.total_reduction) == (
        Decimal("347.20"), Decimal("277.76"), Decimal("208.32"), Decimal("40"))
    assert (eur.normal_total, eur.after_discount, eur.final_total, eur.total_reduction) == (
        Decimal("201.25"), Decimal("161.00"), Decimal("120.75"), Decimal("40"))
    assert (chf.degressive_rate_given, chf.tier) == (True, None)


def test_money_is_rounded_half_up_to_the_cent():
    """Half a cent rounds up (0.005 -> 0.01), never to even."""
    result = quote(quantity=1, product="other", unit_price="0.005", partner_discount="0")
    assert result.normal_total == Decimal("0.01")
    result = quote(quantity=1, product="other", unit_price="0.0149", partner_discount="0")
    assert result.normal_total == Decimal("0.01")


def test_amounts_are_rounded_once_from_exact_values():
    """after_discount comes from the exact normal price, not from the rounded one shown."""
    result = quote(quantity=1, product="other", unit_price="0.0155", partner_discount="20")
    assert result.normal_total == Decimal("0.02")  # 0.0155 shown
    assert result.after_discount == Decimal("0.01")  # 0.0155 x 0.8 = 0.0124; 0.02 x 0.8 would give 0.02


# The degressive-rate table: sourced rows only.


def test_the_only_web_hosting_row_is_the_seeds_35_hostings_at_25_percent():
    """The seeds give one point of the table (discount-and-cashback guide): 35 web hostings -> 25 %."""
    (row,) = pricing.tiers("web-hosting")
    assert (row.min_quantity, row.max_quantity, row.rate) == (35, 35, Decimal("25"))
    assert row.source.guide == "discount-and-cashback"
    assert "35 hébergements Web" in row.source.statement and "25%" in row.source.statement


def test_mail_hosting_has_no_known_rate():
    """The seeds say mail hosting has degressive rates but give none of them."""
    assert pricing.tiers("mail-hosting") == ()


def test_other_products_have_no_known_rate_and_none_is_invented():
    """The seeds give no degressive rate for other products, nor say they have none: the reader gives it."""
    assert pricing.tiers("other") == ()
    unknown = pricing.quote(quantity=3, product="other", unit_price=Decimal("10"))
    assert (unknown.degressive_rate, unknown.final_total, unknown.after_discount) == (None, None, Decimal("24.00"))
    given = pricing.quote(quantity=3, product="other", unit_price=Decimal("10"), degressive_rate=Decimal("0"))
    assert given.final_total == Decimal("24.00")


@pytest.mark.parametrize("product", facts.PRODUCTS)
def test_rows_never_overlap_and_every_row_names_its_source(product):
    """A quantity is covered by one row at most; each row says which guide states it and how."""
    rows = pricing.tiers(product)
    for before, after in zip(rows, rows[1:], strict=False):
        assert before.max_quantity is not None and after.min_quantity > before.max_quantity
    for row in rows:
        assert row.min_quantity >= 1 and (row.max_quantity is None or row.max_quantity >= row.min_quantity)
        assert Decimal(0) <= row.rate < Decimal(100)
        assert row.source.guide and row.source.statement.strip()


@pytest.mark.parametrize("quantity", [1, 9, 10, 20, 34, 36, 49, 50, 120])
def test_no_rate_is_invented_for_a_quantity_no_row_covers(quantity):
    """Without a sourced row nor a given rate there is no final price, but normal and after-discount are given."""
    result = quote(quantity=quantity)
    assert (result.degressive_rate, result.final_total, result.final_per_hosting, result.total_reduction) == (None,) * 4
    assert (result.tier, result.rate_known) == (None, False)
    assert result.normal_total == Decimal("9.92") * quantity
    assert result.after_discount == (Decimal("9.92") * quantity * Decimal("0.8")).quantize(Decimal("0.01"))


def test_36_web_hostings_without_a_rate_give_normal_and_after_discount_only():
    """36 x CHF 9.92 = 357.12, -20 % = 285.696 -> 285.70; the rate for 36 is not published: no final price."""
    result = quote(quantity=36)
    assert (result.normal_total, result.after_discount) == (Decimal("357.12"), Decimal("285.70"))
    assert (result.degressive_rate, result.final_total, result.total_reduction) == (None, None, None)


def test_120_web_hostings_with_a_given_rate_of_30_percent():
    """120 x CHF 9.92 = 1190.40; -20 % = 952.32; -30 % = 666.624 -> 666.62; 666.624 / 120 = 5.5552 -> 5.56;
    in total 100 - 80 x 70 / 100 = 44 % off."""
    result = quote(quantity=120, degressive_rate=30)
    assert (result.normal_total, result.after_discount, result.degressive_rate) == (Decimal("1190.40"), Decimal("952.32"), Decimal("30"))
    assert (result.final_total, result.final_per_hosting, result.total_reduction) == (Decimal("666.62"), Decimal("5.56"), Decimal("44"))
    assert (result.degressive_rate_given, result.tier, result.rate_known) == (True, None, True)


def test_a_given_rate_wins_over_the_table():
    """The reader's price list rate is used as given, even where the table has a row."""
    result = quote(quantity=35, degressive_rate="10")
    assert (result.degressive_rate, result.final_total) == (Decimal("10"), Decimal("249.98"))  # 277.76 x 0.9 = 249.984


@pytest.mark.parametrize("rate", ["0", "100", "12.5", Decimal("99.99"), 0, 100])
def test_a_given_rate_from_0_to_100_percent_is_accepted(rate):
    """0 % and 100 % included, up to two decimals."""
    assert quote(quantity=2, degressive_rate=rate).degressive_rate == Decimal(str(rate))


def test_a_blank_rate_means_the_tables():
    """The form sends an empty field when the reader types no rate."""
    assert quote(quantity=35, degressive_rate="  ") == quote(quantity=35)


def test_mail_hosting_needs_the_readers_rate_for_a_final_price():
    """No published mail-hosting rate: the final price comes with the reader's rate only."""
    assert quote(quantity=35, product="mail-hosting", unit_price="2").final_total is None
    assert quote(quantity=35, product="mail-hosting", unit_price="2", degressive_rate="25").final_total == Decimal("42.00")


def test_quote_reports_the_row_it_used():
    """The result carries the matched row, for display next to the result."""
    result = quote(quantity=35)
    assert (result.tier, result.degressive_rate, result.degressive_rate_given) == (pricing.tier_for("web-hosting", 35), Decimal("25"), False)


def test_tiers_refuses_an_unknown_product():
    """tiers() validates its product like quote() does."""
    with pytest.raises(InputError) as error:
        pricing.tiers("hosting")
    assert error.value.key == "product.unknown"


# Unit prices.


def test_given_unit_price_is_used_and_reported():
    """A unit price passed in replaces the program's and the result says it was given."""
    result = quote(quantity=10, unit_price="12.50")
    assert result.unit_price == Decimal("12.50")
    assert result.unit_price_given is True
    assert result.normal_total == Decimal("125.00")
    assert quote(quantity=10).unit_price_given is False


@pytest.mark.parametrize("product", ["mail-hosting", "other"])
def test_products_without_a_known_price_require_a_unit_price(product):
    """Only web hosting has a price in the seeds; other products need unit_price."""
    with pytest.raises(InputError) as error:
        quote(quantity=3, product=product)
    assert (error.value.field, error.value.key, error.value.params) == (
        "unit_price",
        "unit_price.required",
        {"product": product},
    )
    assert quote(quantity=3, product=product, unit_price="4").unit_price_given


# Limits of valid input.


@pytest.mark.parametrize("discount", ["0", "35", "20.5", "34.99", Decimal("0.01"), 0, 35])
def test_partner_discount_from_0_to_35_percent_inclusive_is_accepted(discount):
    """The partner discount goes from 0 % to 35 %, both included, with up to 2 decimals."""
    assert quote(quantity=1, partner_discount=discount).partner_discount == Decimal(str(discount))


@pytest.mark.parametrize("quantity", [1, "1", "35.0", "3.5e1", pricing.MAX_QUANTITY, " 35 "])
def test_whole_quantities_from_1_up_to_the_maximum_are_accepted(quantity):
    """A quantity is a whole number of hostings, written any way Decimal reads it."""
    assert quote(quantity=quantity).quantity == int(Decimal(str(quantity).strip()))


# Every kind of bad input.

BAD_INPUTS = [
    # (keyword arguments, field, key)
    ({"quantity": 0}, "quantity", "quantity.too_small"),
    ({"quantity": -1}, "quantity", "quantity.too_small"),
    ({"quantity": "-35"}, "quantity", "quantity.too_small"),
    ({"quantity": "2.5"}, "quantity", "quantity.not_integer"),
    ({"quantity": Decimal("0.5")}, "quantity", "quantity.not_integer"),
    ({"quantity": "1e-30"}, "quantity", "quantity.not_integer"),
    ({"quantity": pricing.MAX_QUANTITY + 1}, "quantity", "quantity.too_large"),
    ({"quantity": "1e999999"}, "quantity", "quantity.too_large"),
    ({"quantity": "NaN"}, "quantity", "quantity.not_a_number"),
    ({"quantity": Decimal("sNaN")}, "quantity", "quantity.not_a_number"),
    ({"quantity": "Infinity"}, "quantity", "quantity.not_finite"),
    ({"quantity": Decimal("-Infinity")}, "quantity", "quantity.not_finite"),
    ({"quantity": "thirty-five"}, "quantity", "quantity.not_a_number"),
    ({"quantity": "35,0"}, "quantity", "quantity.not_a_number"),
    ({"quantity": ""}, "quantity", "quantity.missing"),
    ({"quantity": True}, "quantity", "quantity.wrong_type"),
    ({"quantity": 35.0}, "quantity", "quantity.wrong_type"),
    ({"quantity": None}, "quantity", "quantity.wrong_type"),
    ({"quantity": [35]}, "quantity", "quantity.wrong_type"),
    ({"quantity": 35, "currency": "USD"}, "currency", "currency.unknown"),
    ({"quantity": 35, "currency": 756}, "currency", "currency.wrong_type"),
    ({"quantity": 35, "currency": " "}, "currency", "currency.missing"),
    ({"quantity": 35, "partner_discount": "35.01"}, "partner_discount", "partner_discount.too_large"),
    ({"quantity": 35, "partner_discount": "-0.01"}, "partner_discount", "partner_discount.too_small"),
    ({"quantity": 35, "partner_discount": "20.125"}, "partner_discount", "partner_discount.too_many_decimals"),
    ({"quantity": 35, "partner_discount": "nan"}, "partner_discount", "partner_discount.not_a_number"),
    ({"quantity": 35, "partner_discount": "-inf"}, "partner_discount", "partner_discount.not_finite"),
    ({"quantity": 35, "partner_discount": 0.2}, "partner_discount", "partner_discount.wrong_type"),
    ({"quantity": 35, "partner_discount": False}, "partner_discount", "partner_discount.wrong_type"),
    ({"quantity": 35, "product": "vps"}, "product", "product.unknown"),
    ({"quantity": 35, "product": None}, "product", "product.wrong_type"),
    ({"quantity": 35, "unit_price": "0"}, "unit_price", "unit_price.too_small"),
    ({"quantity": 35, "unit_price": "-9.92"}, "unit_price", "unit_price.too_small"),
    ({"quantity": 35, "unit_price": "9.92001"}, "unit_price", "unit_price.too_many_decimals"),
    ({"quantity": 35, "unit_price": "100000.01"}, "unit_price", "unit_price.too_large"),
    ({"quantity": 35, "unit_price": "Infinity"}, "unit_price", "unit_price.not_finite"),
    ({"quantity": 35, "unit_price": "NaN"}, "unit_price", "unit_price.not_a_number"),
    ({"quantity": 35, "unit_price": 9.92}, "unit_price", "unit_price.wrong_type"),
    ({"quantity": 35, "degressive_rate": "100.01"}, "degressive_rate", "degressive_rate.too_large"),
    ({"quantity": 35, "degressive_rate": "-1"}, "degressive_rate", "degressive_rate.too_small"),
    ({"quantity": 35, "degressive_rate": "25.125"}, "degressive_rate", "degressive_rate.too_many_decimals"),
    ({"quantity": 35, "degressive_rate": "abc"}, "degressive_rate", "degressive_rate.not_a_number"),
    ({"quantity": 35, "degressive_rate": "inf"}, "degressive_rate", "degressive_rate.not_finite"),
    ({"quantity": 35, "degressive_rate": 0.25}, "degressive_rate", "degressive_rate.wrong_type"),
]


@pytest.mark.parametrize(("kwargs", "field", "key"), BAD_INPUTS)
def test_bad_input_raises_input_error_naming_field_and_key(kwargs, field, key):
    """Every bad input is an InputError that names its field and a message key."""
    with pytest.raises(InputError) as error:
        quote(**kwargs)
    assert (error.value.field, error.value.key) == (field, key)
    assert all(isinstance(value, str) for value in error.value.params.values())


def test_error_params_carry_the_limits_for_the_message():
    """The message of an out-of-range value can name the limit."""
    with pytest.raises(InputError) as error:
        quote(quantity=35, partner_discount="40")
    assert error.value.params == {"value": "40", "max": "35"}


def test_input_error_is_a_value_error():
    """Callers that catch ValueError also catch InputError."""
    with pytest.raises(ValueError):
        quote(quantity="x")


# Properties.

quantities = st.integers(min_value=1, max_value=pricing.MAX_QUANTITY)
discounts = st.decimals(min_value=0, max_value=35, places=2)
rates = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2))
currencies = st.sampled_from(facts.CURRENCIES)
unit_prices = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("10000"), places=4)
priced_products = st.one_of(
    st.tuples(st.just("web-hosting"), st.none()),
    st.tuples(st.sampled_from(facts.PRODUCTS), unit_prices),
)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _quote(quantity, discount, currency, priced, rate):
    product, unit_price = priced
    return quote(
        quantity=quantity, currency=currency, partner_discount=discount, product=product, unit_price=unit_price,
        degressive_rate=rate,
    )


@PROPERTY
@given(quantity=quantities, discount=discounts, currency=currencies, priced=priced_products, rate=rates)
def test_final_never_exceeds_after_discount_which_never_exceeds_normal(quantity, discount, currency, priced, rate):
    """final_total <= after_discount <= normal_total, whatever the inputs (when there is a final price)."""
    result = _quote(quantity, discount, currency, priced, rate)
    assert Decimal(0) <= result.after_discount <= result.normal_total
    assert result.final_total is None or Decimal(0) <= result.final_total <= result.after_discount


@PROPERTY
@given(quantity=quantities, discount=discounts, currency=currencies, priced=priced_products, rate=rates)
def test_the_formula_holds(quantity, discount, currency, priced, rate):
    """final = unit x N x (1 - discount) x (1 - degressive rate), each shown amount rounded once;
    the rate is the one given, else the sourced row's, else there is no final price."""
    product, unit_price = priced
    result = _quote(quantity, discount, currency, priced, rate)
    unit = unit_price if unit_price is not None else facts.UNIT_PRICES[product][currency]
    row = pricing.tier_for(product, quantity)
    used = rate if rate is not None else (row.rate if row is not None else None)
    normal = unit * quantity
    after = normal * (100 - discount) / 100
    assert result.normal_total == _cents(normal)
    assert result.after_discount == _cents(after)
    assert result.degressive_rate == used
    if used is None:
        assert (result.final_total, result.final_per_hosting, result.total_reduction) == (None, None, None)
    else:
        final = after * (100 - used) / 100
        assert result.final_total == _cents(final)
        assert result.final_per_hosting == _cents(final / quantity)
        assert result.total_reduction == 100 - (100 - discount) * (100 - used) / 100


@PROPERTY
@given(quantity=quantities, discount=discounts, currency=currencies, priced=priced_products, rate=rates)
def test_every_amount_is_whole_cents(quantity, discount, currency, priced, rate):
    """Every amount of money there is has exactly two decimals."""
    result = _quote(quantity, discount, currency, priced, rate)
    for name in MONEY_FIELDS:
        amount = getattr(result, name)
        if amount is not None:
            assert isinstance(amount, Decimal)
            assert amount.as_tuple().exponent == -2, name


@PROPERTY
@given(quantity=quantities, first=discounts, second=discounts, currency=currencies, priced=priced_products, rate=rates)
def test_more_discount_never_costs_more_per_hosting(quantity, first, second, currency, priced, rate):
    """A bigger partner discount never raises the price per hosting nor the total."""
    low, high = sorted((first, second))
    small, big = _quote(quantity, low, currency, priced, rate), _quote(quantity, high, currency, priced, rate)
    assert big.after_discount <= small.after_discount
    if small.final_total is not None:
        assert big.final_per_hosting <= small.final_per_hosting
        assert big.final_total <= small.final_total


@PROPERTY
@given(first=quantities, second=quantities, discount=discounts, currency=currencies, priced=priced_products,
       rate=st.decimals(min_value=0, max_value=100, places=2))
def test_more_hostings_never_cost_more_per_hosting_at_one_rate(first, second, discount, currency, priced, rate):
    """At the same degressive rate, ordering more hostings never raises the price per hosting."""
    fewer, more = sorted((first, second))
    assert _quote(more, discount, currency, priced, rate).final_per_hosting <= _quote(fewer, discount, currency, priced, rate).final_per_hosting


@PROPERTY
@given(
    quantity=st.one_of(st.integers(), st.text(max_size=12), st.decimals(), st.floats(), st.booleans(), st.none()),
    discount=st.one_of(st.integers(), st.text(max_size=12), st.decimals(), st.floats(), st.none()),
    currency=st.one_of(st.sampled_from(facts.CURRENCIES), st.text(max_size=5), st.integers()),
    product=st.one_of(st.sampled_from(facts.PRODUCTS), st.text(max_size=12)),
    unit_price=st.one_of(st.none(), st.text(max_size=12), st.decimals(), st.integers()),
    rate=st.one_of(st.none(), st.text(max_size=12), st.decimals(), st.integers(), st.floats()),
)
def test_any_input_gives_a_quote_or_an_input_error(quantity, discount, currency, product, unit_price, rate):
    """Nothing but a Quote or an InputError leaves quote(), for any value of any type."""
    try:
        result = quote(
            quantity=quantity, partner_discount=discount, currency=currency, product=product, unit_price=unit_price,
            degressive_rate=rate,
        )
    except InputError as error:
        assert error.key.startswith(f"{error.field}.")
    else:
        assert isinstance(result, pricing.Quote)
