"""What N hostings cost: partner discount, then degressive rate, in CHF or EUR.

The formula (discount-and-cashback guide): the degressive rate applies to what
is left after the partner discount::

    normal_total   = unit_price x quantity
    after_discount = normal_total x (1 - partner_discount)
    final_total    = after_discount x (1 - degressive_rate)

Each amount is computed exactly and rounded once to the cent (see
:mod:`calculators.money`). ``cashback`` is for the case where the public price
is paid (by the client, or by the partner with the client's payment methods):
the public price minus the partner's preferential price, i.e. ``normal_total -
final_total`` as shown, credited to the partner's prepaid account.
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
}
# Problems that involve more than one field: the unit price a product lacks.
OTHER_ERROR_KEYS = ("unit_price.required",)


@dataclass(frozen=True)
class Quote:
    """The price of ``quantity`` hostings; money rounded to the cent, rates in percent."""

    product: str
    currency: str
    quantity: int
    partner_discount: Decimal
    unit_price: Decimal
    unit_price_given: bool  # True: the caller's unit_price, not the program's
    normal_total: Decimal
    after_discount: Decimal
    degressive_rate: Decimal
    final_total: Decimal
    final_per_hosting: Decimal
    total_reduction: Decimal  # percent off normal_total, exact
    cashback: Decimal
    tier: Tier

    @property
    def provisional(self) -> bool:
        """Whether the degressive rate used is a placeholder, not a known fact."""
        return self.tier.provisional


def tiers(product: Any = facts.EXAMPLE_PRODUCT) -> tuple[Tier, ...]:
    """The degressive-rate table of ``product``, for display next to a result."""
    return facts.DEGRESSIVE_TIERS[FIELDS["product"].parse("product", product)]


def tier_for(product: str, quantity: int) -> Tier:
    """The row of ``product``'s table that holds ``quantity`` (already checked)."""
    for tier in facts.DEGRESSIVE_TIERS[product]:
        if tier.min_quantity <= quantity and (tier.max_quantity is None or quantity <= tier.max_quantity):
            return tier
    raise AssertionError(f"no degressive tier for {quantity} x {product}")  # the table tests forbid gaps


def quote(
    *,
    quantity: Any,
    currency: Any = "CHF",
    partner_discount: Any = facts.DEFAULT_PARTNER_DISCOUNT,
    product: Any = facts.EXAMPLE_PRODUCT,
    unit_price: Any = None,
) -> Quote:
    """Price ``quantity`` hostings of ``product`` with the partner discount and the
    degressive rate. ``unit_price`` (monthly, excl. VAT) overrides the program's
    price and is required for products whose price the seeds do not give.

    Raises :class:`~calculators.errors.InputError` for any bad input.
    """
    quantity = FIELDS["quantity"].parse("quantity", quantity)
    currency = FIELDS["currency"].parse("currency", currency)
    discount = FIELDS["partner_discount"].parse("partner_discount", partner_discount)
    product = FIELDS["product"].parse("product", product)
    given = FIELDS["unit_price"].parse("unit_price", unit_price)

    if given is None:
        known = facts.UNIT_PRICES.get(product)
        if known is None:
            raise InputError("unit_price", "unit_price.required", {"product": product})
        price = known[currency]
    else:
        price = given
    tier = tier_for(product, quantity)

    with localcontext(CONTEXT):
        normal = price * quantity
        after_discount = normal * (_HUNDRED - discount) / _HUNDRED
        final = after_discount * (_HUNDRED - tier.rate) / _HUNDRED
        reduction = _HUNDRED - (_HUNDRED - discount) * (_HUNDRED - tier.rate) / _HUNDRED
        per_hosting = final / quantity

    normal_total, final_total = to_cents(normal), to_cents(final)
    return Quote(
        product=product,
        currency=currency,
        quantity=quantity,
        partner_discount=normalized(discount),
        unit_price=price,
        unit_price_given=given is not None,
        normal_total=normal_total,
        after_discount=to_cents(after_discount),
        degressive_rate=normalized(tier.rate),
        final_total=final_total,
        final_per_hosting=to_cents(per_hosting),
        total_reduction=normalized(reduction),
        # The difference of the two amounts shown, so that they add up.
        cashback=normal_total - final_total,
        tier=tier,
    )
