"""Can a company join the Partner Program? Every unmet condition, not only the first.

The conditions (partner-program guide): a company registered with the Swiss
commercial register, SIRET or equivalent; an active website; products managed
under the program worth at least CHF 2000 or EUR 1800 a year; the partner
supports its clients and is responsible for their invoices; only Infomaniak
products for contracts won through the call-for-tenders platform; the reseller
conditions accepted; and not an Affiliate, since one cannot be both.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from calculators import facts
from calculators._inputs import Boolean, Choice, Field, Number, parse_all
from calculators.money import CONTEXT, to_cents

# Input bound, not a program fact: keeps the amount printable and exact.
MAX_ANNUAL_VOLUME = Decimal("1000000000000")

FIELDS: dict[str, Field] = {
    "registered_company": Boolean(),
    "active_website": Boolean(),
    "annual_volume": Number(Decimal(0), MAX_ANNUAL_VOLUME, places=2),
    "currency": Choice(facts.CURRENCIES),
    "provides_support": Boolean(),
    "handles_invoices": Boolean(),
    "exclusive_products": Boolean(),
    "accepts_conditions": Boolean(),
    "is_affiliate": Boolean(),
}
OTHER_ERROR_KEYS: tuple[str, ...] = ()

# Condition ids, in the order they are listed to the user. The widget texts
# translate each id (docs/<lang>/calculators/eligibility.yml, ``conditions``).
CONDITIONS = (
    "registered_company",
    "active_website",
    "minimum_volume",
    "provides_support",
    "handles_invoices",
    "exclusive_products",
    "accepts_conditions",
    "not_affiliate",
)


@dataclass(frozen=True)
class Eligibility:
    """The answer: ``eligible`` when ``unmet`` is empty.

    ``suggest_affiliate_program``: no registered company (an individual, say),
    so the Affiliate Program is the one to look at.
    """

    eligible: bool
    unmet: list[str]
    met: list[str]
    currency: str
    annual_volume: Decimal
    min_volume: Decimal  # the threshold for ``currency``, inclusive
    volume_shortfall: Decimal  # what is missing to reach it, 0 when reached
    suggest_affiliate_program: bool


def check(
    *,
    registered_company: Any,
    active_website: Any,
    annual_volume: Any,
    currency: Any,
    provides_support: Any,
    handles_invoices: Any,
    exclusive_products: Any,
    accepts_conditions: Any,
    is_affiliate: Any,
) -> Eligibility:
    """Check every condition of the Partner Program; raises
    :class:`~calculators.errors.InputError` for any bad input."""
    values = parse_all(FIELDS, locals())  # locals(): exactly the keyword arguments
    min_volume = facts.MIN_ANNUAL_VOLUME[values["currency"]]
    satisfied = {
        "registered_company": values["registered_company"],
        "active_website": values["active_website"],
        "minimum_volume": values["annual_volume"] >= min_volume,
        "provides_support": values["provides_support"],
        "handles_invoices": values["handles_invoices"],
        "exclusive_products": values["exclusive_products"],
        "accepts_conditions": values["accepts_conditions"],
        "not_affiliate": not values["is_affiliate"],
    }
    with localcontext(CONTEXT):
        shortfall = max(min_volume - values["annual_volume"], Decimal(0))
    unmet = [condition for condition in CONDITIONS if not satisfied[condition]]
    return Eligibility(
        eligible=not unmet,
        unmet=unmet,
        met=[condition for condition in CONDITIONS if satisfied[condition]],
        currency=values["currency"],
        annual_volume=values["annual_volume"],
        min_volume=min_volume,
        volume_shortfall=to_cents(shortfall),
        suggest_affiliate_program=not values["registered_company"],
    )
