"""The facts a guide names with ``{{ name }}``: the tables of :mod:`calculators.facts`
and the worked example's figures, computed by :func:`calculators.pricing.quote`
so that a guide's text and the calculator cannot differ.

The build fills every placeholder from :func:`placeholders` in the page's
locale (``scripts/site/generate.py``) and the checker accepts exactly its names
(``scripts/checks/runner.py``).
"""

from __future__ import annotations

from decimal import Decimal

from calculators import facts
from calculators.facts import Fact
from calculators.money import CENT
from calculators.pricing import quote

# The amounts of the worked example that a guide shows, in each currency.
_EXAMPLE_AMOUNTS = ("normal_total", "after_discount", "final_total", "final_per_hosting")


def _money(value: Decimal, currency: str) -> Fact:
    """A money fact written with its cents, so that every page shows them ("CHF 2'000.00", never "CHF 2'000")."""
    exponent = value.as_tuple().exponent
    cents = value if isinstance(exponent, int) and exponent <= CENT.as_tuple().exponent else value.quantize(CENT)
    return Fact("money", cents, currency)


def placeholders() -> dict[str, Fact]:
    """Every fact a guide may name, by its placeholder name."""
    found = {
        "min_volume_chf": _money(facts.MIN_ANNUAL_VOLUME["CHF"], "CHF"),
        "min_volume_eur": _money(facts.MIN_ANNUAL_VOLUME["EUR"], "EUR"),
        "max_partner_discount": Fact("percent", facts.MAX_PARTNER_DISCOUNT),
        "example_quantity": Fact("count", Decimal(facts.EXAMPLE_QUANTITY)),
        "example_partner_discount": Fact("percent", facts.EXAMPLE_PARTNER_DISCOUNT),
    }
    for currency in facts.CURRENCIES:
        example = quote(
            quantity=facts.EXAMPLE_QUANTITY,
            currency=currency,
            partner_discount=facts.EXAMPLE_PARTNER_DISCOUNT,
            product=facts.EXAMPLE_PRODUCT,
        )
        code = currency.lower()
        found[f"unit_price_{code}"] = _money(example.unit_price, currency)
        for name in _EXAMPLE_AMOUNTS:
            found[f"example_{code}_{name}"] = _money(getattr(example, name), currency)
        # The rates do not depend on the currency; the last loop's are kept.
        found["example_degressive_rate"] = Fact("percent", example.degressive_rate)
        found["example_total_reduction"] = Fact("percent", example.total_reduction)
    return found
