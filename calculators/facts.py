"""The Partner Program's facts, written once: data only.

Every figure comes from the seed documents (../shared/seeds) and says which
guide states it. Of the degressive-rate table the seeds give one point (35 web
hostings -> 25 %): ``DEGRESSIVE_TIERS`` holds that row only, and grows when
Infomaniak's published rates are added to it, one sourced row at a time.

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
class Source:
    """Where a fact comes from: the guide of the seed documents that states it
    (its id on this site) and the statement itself, quoted or paraphrased from
    the French seed (the reference). For the code and its tests, never shown."""

    guide: str
    statement: str


@dataclass(frozen=True)
class Tier:
    """One sourced row of a degressive-rate table: ``rate`` percent off for a
    quantity from ``min_quantity`` to ``max_quantity`` (``None``: no upper bound)."""

    min_quantity: int
    max_quantity: int | None
    rate: Decimal
    source: Source


# Degressive rate by product and quantity: sourced rows only. A quantity no row
# covers has no known rate, and the calculator asks for it instead of guessing.
# The program's owner extends a table with one ``Tier`` per published row
# (rows of one product must not overlap; gaps are allowed).
DEGRESSIVE_TIERS: dict[str, tuple[Tier, ...]] = {
    "web-hosting": (
        Tier(
            35,
            35,
            Decimal("25"),
            Source(
                "discount-and-cashback",
                "Avec 35 hébergements Web [...] tarif partenaire final avec tarif dégressif de 25%: CHF 208,32",
            ),
        ),
    ),
    # The seeds say mail hosting has degressive rates ("La remise se cumule au
    # tarif dégressif des hébergements Web/Mail") but give none of them.
    "mail-hosting": (),
    # Other products: the seeds give no degressive rate (nor say there is none):
    # the reader types the rate of their price list, 0 if it has none.
    "other": (),
}
PRODUCTS = tuple(DEGRESSIVE_TIERS)


@dataclass(frozen=True)
class Fact:
    """A figure a guide shows through a ``{{ name }}`` placeholder."""

    kind: Literal["money", "percent", "count"]
    value: Decimal
    currency: str | None = None
