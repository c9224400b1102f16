"""Rules of calculators.pricing: the seeds' worked example, the degressive-rate
table, the rounding rule, bad inputs, and properties that hold for any input."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, facts, pricing
from calculators.pricing import quote

PROPERTY = settings(deadline=None, max_examples=150)
MONEY_FIELDS = ("normal_total", "after_discount", "final_total", "final_per_hosting", "cashback")


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


def test_cashback_is_the_public_price_minus_the_partner_price():
    """When the public price is paid, the partner earns normal - final: CHF 138.88, EUR 80.50."""
    assert quote(quantity=35).cashback == Decimal("138.88")
    assert quote(quantity=35, currency="EUR").cashback == Decimal("80.50")


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


# The degressive-rate table.


@pytest.mark.parametrize("product", facts.PRODUCTS)
def test_tier_table_covers_every_quantity_once(product):
    """Rows start at 1, follow each other without gap or overlap, and the last has no upper bound."""
    rows = pricing.tiers(product)
    assert rows[0].min_quantity == 1
    for before, after in zip(rows, rows[1:], strict=False):
        assert before.max_quantity is not None
        assert after.min_quantity == before.max_quantity + 1
    assert rows[-1].max_quantity is None


@pytest.mark.parametrize("product", facts.PRODUCTS)
def test_tier_rates_never_decrease_and_stay_below_100_percent(product):
    """More hostings never get a smaller degressive rate."""
    rates = [row.rate for row in pricing.tiers(product)]
    assert rates == sorted(rates)
    assert all(Decimal(0) <= rate < Decimal(100) for rate in rates)


@pytest.mark.parametrize("product", facts.PRODUCTS)
def test_every_tier_names_its_source(product):
    """Each row says where its rate comes from; provisional rows say so."""
    for row in pricing.tiers(product):
        assert row.source.strip()
        assert row.provisional == row.source.startswith("provisional")


def test_seed_point_35_web_hostings_is_25_percent_and_not_provisional():
    """The one point the seeds give: 35 web hostings -> 25 %."""
    row = pricing.tier_for("web-hosting", 35)
    assert row.rate == Decimal("25")
    assert not row.provisional
    assert "35" in row.source


def test_only_the_seed_row_of_web_hosting_is_confirmed():
    """Every web-hosting row except the seed's is marked provisional."""
    confirmed = [row for row in pricing.tiers("web-hosting") if not row.provisional]
    assert len(confirmed) == 1
    assert confirmed[0].min_quantity <= 35 <= confirmed[0].max_quantity


def test_quote_reports_the_row_it_used():
    """The result carries the matched tier, for display next to the result."""
    result = quote(quantity=12)
    assert result.tier.min_quantity <= 12 <= result.tier.max_quantity
    assert result.degressive_rate == result.tier.rate
    assert result.provisional is result.tier.provisional


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
currencies = st.sampled_from(facts.CURRENCIES)
unit_prices = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("10000"), places=4)
priced_products = st.one_of(
    st.tuples(st.just("web-hosting"), st.none()),
    st.tuples(st.sampled_from(facts.PRODUCTS), unit_prices),
)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@PROPERTY
@given(quantity=quantities, discount=discounts, currency=currencies, priced=priced_products)
def test_final_never_exceeds_after_discount_which_never_exceeds_normal(quantity, discount, currency, priced):
    """final_total <= after_discount <= normal_total, whatever the inputs."""
    product, unit_price = priced
    result = quote(
        quantity=quantity, currency=currency, partner_discount=discount, product=product, unit_price=unit_price
    )
    assert Decimal(0) <= result.final_total <= result.after_discount <= result.normal_total


@PROPERTY
@given(quantity=quantities, discount=discounts, currency=currencies, priced=priced_products)
def test_the_formula_holds(quantity, discount, currency, priced):
    """final = unit x N x (1 - discount) x (1 - degressive rate), each shown amount rounded once."""
    product, unit_price = priced
    result = quote(
        quantity=quantity, currency=currency, partner_discount=discount, product=product, unit_price=unit_price
    )
    unit = unit_price if unit_price is not None else facts.UNIT_PRICES[product][currency]
    rate = pricing.tier_for(product, quantity).rate
    normal = unit * quantity
    after = normal * (100 - discount) / 100
    final = after * (100 - rate) / 100
    assert result.normal_total == _cents(normal)
    assert result.after_discount == _cents(after)
    assert result.final_total == _cents(final)
    assert result.final_per_hosting == _cents(final / quantity)
    assert result.degressive_rate == rate
    assert result.total_reduction == 100 - (100 - discount) * (100 - rate) / 100
    assert result.cashback == result.normal_total - result.final_total


@PROPERTY
@given(quantity=quantities, discount=discounts, currency=currencies, priced=priced_products)
def test_every_amount_is_whole_cents(quantity, discount, currency, priced):
    """Every amount of money has exactly two decimals."""
    product, unit_price = priced
    result = quote(
        quantity=quantity, currency=currency, partner_discount=discount, product=product, unit_price=unit_price
    )
    for name in MONEY_FIELDS:
        amount = getattr(result, name)
        assert isinstance(amount, Decimal)
        assert amount.as_tuple().exponent == -2, name


@PROPERTY
@given(quantity=quantities, first=discounts, second=discounts, currency=currencies, priced=priced_products)
def test_more_discount_never_costs_more_per_hosting(quantity, first, second, currency, priced):
    """A bigger partner discount never raises the price per hosting nor the total."""
    product, unit_price = priced
    low, high = sorted((first, second))
    common = {"quantity": quantity, "currency": currency, "product": product, "unit_price": unit_price}
    small, big = quote(partner_discount=low, **common), quote(partner_discount=high, **common)
    assert big.final_per_hosting <= small.final_per_hosting
    assert big.final_total <= small.final_total


@PROPERTY
@given(first=quantities, second=quantities, discount=discounts, currency=currencies, priced=priced_products)
def test_more_hostings_never_cost_more_per_hosting(first, second, discount, currency, priced):
    """Ordering more hostings never raises the price per hosting."""
    product, unit_price = priced
    fewer, more = sorted((first, second))
    common = {"partner_discount": discount, "currency": currency, "product": product, "unit_price": unit_price}
    assert quote(quantity=more, **common).final_per_hosting <= quote(quantity=fewer, **common).final_per_hosting


@PROPERTY
@given(
    quantity=st.one_of(st.integers(), st.text(max_size=12), st.decimals(), st.floats(), st.booleans(), st.none()),
    discount=st.one_of(st.integers(), st.text(max_size=12), st.decimals(), st.floats(), st.none()),
    currency=st.one_of(st.sampled_from(facts.CURRENCIES), st.text(max_size=5), st.integers()),
    product=st.one_of(st.sampled_from(facts.PRODUCTS), st.text(max_size=12)),
    unit_price=st.one_of(st.none(), st.text(max_size=12), st.decimals(), st.integers()),
)
def test_any_input_gives_a_quote_or_an_input_error(quantity, discount, currency, product, unit_price):
    """Nothing but a Quote or an InputError leaves quote(), for any value of any type."""
    try:
        result = quote(
            quantity=quantity, partner_discount=discount, currency=currency, product=product, unit_price=unit_price
        )
    except InputError as error:
        assert error.key.startswith(f"{error.field}.")
    else:
        assert isinstance(result, pricing.Quote)
