"""The Partner Program's facts, written once: data only.

Every figure comes from the seed documents (../shared/seeds), except the
degressive-rate rows marked ``provisional``: the seeds give one point of that
table (35 web hostings -> 25 %). Replace ``DEGRESSIVE_TIERS`` when the real
table is known; the tests check its shape, not its guesses.

Percentages are in percent (``Decimal("35")`` is 35 %); money is ``Decimal``
per month, excluding VAT. This module imports nothing from the package, so
every other module can read it; the figures derived from these tables (the
worked example's totals) are in :mod:`calculators.placeholders`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

# Eligibility (partner-program guide).
CURRENCIES = ("CHF", "EUR")
MIN_ANNUAL_VOLUME = {"CHF": Decimal("2000"), "EUR": Decimal("1800")}  # inclusive

# Partner discount or cashback (partner-program and discount-and-cashback guides).
MAX_PARTNER_DISCOUNT = Decimal("35")

# The worked example of the discount-and-cashback guide: its inputs only; the
# figures it shows are computed by pricing.quote (see calculators.placeholders).
EXAMPLE_QUANTITY = 35
EXAMPLE_PARTNER_DISCOUNT = Decimal("20")
EXAMPLE_PRODUCT = "web-hosting"

# The pricing calculator opens on the worked example.
DEFAULT_PARTNER_DISCOUNT = EXAMPLE_PARTNER_DISCOUNT

# Monthly unit price excl. VAT by product and currency. The seeds give only
# web hosting, through the example's totals (CHF 347.20 and EUR 201.25 for 35).
UNIT_PRICES: dict[str, dict[str, Decimal]] = {
    "web-hosting": {"CHF": Decimal("9.92"), "EUR": Decimal("5.75")},
}


@dataclass(frozen=True)
class Tier:
    """One row of a degressive-rate table: ``rate`` percent off for a quantity
    from ``min_quantity`` to ``max_quantity`` (``None``: no upper bound)."""

    min_quantity: int
    max_quantity: int | None
    rate: Decimal
    source: str
    provisional: bool


_SEED_POINT = (
    "seeds, discount-and-cashback guide (fr, en, de, es): 35 web hostings -> 25 %;"
    " the rate is confirmed at 35, the row's other quantities are assumed"
)
_GUESS = "provisional: not in the seeds, a placeholder until Infomaniak's published rate"
_NONE = "seeds: degressive rates exist only for web and mail hosting"

_WEB_HOSTING_TIERS = (
    Tier(1, 9, Decimal("0"), _GUESS, provisional=True),
    Tier(10, 19, Decimal("10"), _GUESS, provisional=True),
    Tier(20, 34, Decimal("20"), _GUESS, provisional=True),
    Tier(35, 49, Decimal("25"), _SEED_POINT, provisional=False),
    Tier(50, None, Decimal("30"), _GUESS, provisional=True),
)

# Degressive rate by product and quantity. The seeds say mail hosting has
# degressive rates too but give none: it mirrors web hosting, all provisional.
DEGRESSIVE_TIERS: dict[str, tuple[Tier, ...]] = {
    "web-hosting": _WEB_HOSTING_TIERS,
    "mail-hosting": tuple(
        Tier(t.min_quantity, t.max_quantity, t.rate, _GUESS + " (mirrors web hosting)", provisional=True)
        for t in _WEB_HOSTING_TIERS
    ),
    "other": (Tier(1, None, Decimal("0"), _NONE, provisional=False),),
}
PRODUCTS = tuple(DEGRESSIVE_TIERS)


@dataclass(frozen=True)
class Fact:
    """A figure a guide shows through a ``{{ name }}`` placeholder."""

    kind: Literal["money", "percent", "count"]
    value: Decimal
    currency: str | None = None
