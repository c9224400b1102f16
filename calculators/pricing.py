"""What N hostings cost: partner discount, then degressive rate, in CHF or EUR.

The formula (discount-and-cashback guide): the degressive rate applies to what
is left after the partner discount::

    normal_total   = unit_price x quantity
    after_discount = normal_total x (1 - partner_discount)
    final_total    = after_discount x (1 - degressive_rate)

Each amount is computed exactly and rounded once to the cent (see
:mod:`calculators.money`). The degressive rate is the caller's, or the one a
sourced row of ``facts.DEGRESSIVE_TIERS`` gives for the quantity; without
either there is no final price (``None``), never a guessed one. No cashback
amount either: the seeds do not say whether the degressive rate is part of the
public price, so only the cashback rule is known (the widget says it in words).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from calculators import facts
from calculators._inputs import Choice, Field, Integer, Number, Optional
from calculators.errors import InputError
from calculators.facts import Tier
from calculators.money import CONTEXT, normalized, to_cents

# Input bounds that are not program facts: they keep every amount exact and
# catch typing slips (no partner orders 100 001 hostings in one go).
MAX_QUANTITY = 100_000
MAX_UNIT_PRICE = Decimal("100000")
UNIT_PRICE_PLACES = 4
PERCENT_PLACES = 2
_HUNDRED = Decimal(100)

FIELDS: dict[str, Field] = {
    "quantity": Integer(minimum=1, maximum=MAX_QUANTITY),
    "currency": Choice(facts.CURRENCIES),
    "partner_discount": Number(Decimal(0), facts.MAX_PARTNER_DISCOUNT, places=PERCENT_PLACES),
    "product": Choice(facts.PRODUCTS),
    "unit_price": Optional(Number(Decimal(0), MAX_UNIT_PRICE, places=UNIT_PRICE_PLACES, exclusive_minimum=True)),
    # The rate of the reader's price list, 0-100 %; blank: the sourced table's, where it has one.
    "degressive_rate": Optional(Number(Decimal(0), _HUNDRED, places=PERCENT_PLACES)),
}
# Problems that involve more than one field: the unit price a product lacks.
OTHER_ERROR_KEYS = ("unit_price.required",)


@dataclass(frozen=True)
class Quote:
    """The price of ``quantity`` hostings; money rounded to the cent, rates in percent.

    ``degressive_rate`` is the caller's rate, or the sourced table's row for
    ``quantity`` (``tier``); when neither exists it is ``None``, and so are the
    amounts that depend on it (``final_total``, ``final_per_hosting``,
    ``total_reduction``): no rate is invented.
    """

    product: str
    currency: str
    quantity: int
    partner_discount: Decimal
    unit_price: Decimal
    unit_price_given: bool  # True: the caller's unit_price, not the program's
    normal_total: Decimal
    after_discount: Decimal
    degressive_rate: Decimal | None
    degressive_rate_given: bool  # True: the caller's rate, not the table's
    final_total: Decimal | None
    final_per_hosting: Decimal | None
    total_reduction: Decimal | None  # percent off normal_total, exact
    tier: Tier | None  # the table's row used, if any

    @property
    def rate_known(self) -> bool:
        """Whether there is a degressive rate, so a final price."""
        return self.degressive_rate is not None


def tiers(product: Any = facts.EXAMPLE_PRODUCT) -> tuple[Tier, ...]:
    """The sourced degressive-rate rows of ``product``, for display next to a result."""
    return facts.DEGRESSIVE_TIERS[FIELDS["product"].parse("product", product)]


def tier_for(product: str, quantity: int) -> Tier | None:
    """The sourced row of ``product``'s table that covers ``quantity``; ``None`` when no row does."""
    for tier in facts.DEGRESSIVE_TIERS[product]:
        if tier.min_quantity <= quantity and (tier.max_quantity is None or quantity <= tier.max_quantity):
            return tier
    return None


def quote(
    *,
    quantity: Any,
    currency: Any = "CHF",
    partner_discount: Any = facts.DEFAULT_PARTNER_DISCOUNT,
    product: Any = facts.EXAMPLE_PRODUCT,
    unit_price: Any = None,
    degressive_rate: Any = None,
) -> Quote:
    """Price ``quantity`` hostings of ``product`` with the partner discount and the
    degressive rate. ``unit_price`` (monthly, excl. VAT) overrides the program's
    price and is required for products whose price the seeds do not give.
    ``degressive_rate`` (percent) is used as given; without it, the sourced
    table's rate for ``quantity``, if a row covers it, else no final price.

    Raises :class:`~calculators.errors.InputError` for any bad input.
    """
    quantity = FIELDS["quantity"].parse("quantity", quantity)
    currency = FIELDS["currency"].parse("currency", currency)
    discount = FIELDS["partner_discount"].parse("partner_discount", partner_discount)
    product = FIELDS["product"].parse("product", product)
    given = FIELDS["unit_price"].parse("unit_price", unit_price)
    given_rate = FIELDS["degressive_rate"].parse("degressive_rate", degressive_rate)

    if given is None:
        known = facts.UNIT_PRICES.get(product)
        if known is None:
            raise InputError("unit_price", "unit_price.required", {"product": product})
        price = known[currency]
    else:
        price = given
    tier = tier_for(product, quantity) if given_rate is None else None
    rate = given_rate if given_rate is not None else (tier.rate if tier is not None else None)

    with localcontext(CONTEXT):
        normal = price * quantity
        after_discount = normal * (_HUNDRED - discount) / _HUNDRED
        if rate is not None:
            final = after_discount * (_HUNDRED - rate) / _HUNDRED
            reduction = _HUNDRED - (_HUNDRED - discount) * (_HUNDRED - rate) / _HUNDRED
            per_hosting = final / quantity

    return Quote(
        product=product,
        currency=currency,
        quantity=quantity,
        partner_discount=normalized(discount),
        unit_price=price,
        unit_price_given=given is not None,
        normal_total=to_cents(normal),
        after_discount=to_cents(after_discount),
        degressive_rate=None if rate is None else normalized(rate),
        degressive_rate_given=given_rate is not None,
        final_total=None if rate is None else to_cents(final),
        final_per_hosting=None if rate is None else to_cents(per_hosting),
        total_reduction=None if rate is None else normalized(reduction),
        tier=tier,
    )
