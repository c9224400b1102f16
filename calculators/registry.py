"""The calculators, listed once: what each takes, gives, opens on and can refuse.

Everything that names the calculators reads :data:`CALCULATORS`: the form API
(:mod:`calculators.api`), the widget views (:mod:`calculators.present`), the
prerendered forms (``scripts/render/widgets.py``) and the build's list of
calculator pages (``scripts/sources/tree.py``). A new calculator is one new
entry here (its page, texts and views then follow, or their checks fail).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from calculators import access, eligibility, facts, pricing
from calculators._inputs import Boolean, Field, Integer, Number, Optional
from calculators.errors import READING_KEY_PARAMS, InputError
from calculators.money import plain

# Keys any call can produce, whichever the calculator.
CALL_ERROR_KEYS = ("calculator.unknown", "inputs.wrong_type", "inputs.unknown_field", "calculator.internal_error")


@dataclass(frozen=True)
class Calculator:
    """One calculator as the widgets see it.

    ``fields``: the form inputs, named like ``function``'s keyword arguments;
    ``outputs``: the widget's ``<output name>`` elements, each labelled in the
    texts; ``defaults``: the form's initial inputs, as the form sends them
    (text); ``other_error_keys``: the keys of rules involving several fields;
    ``extras``: result data beyond the function's own attributes.
    """

    name: str
    function: Callable[..., Any]
    fields: Mapping[str, Field]
    outputs: tuple[str, ...]
    defaults: Mapping[str, str]
    other_error_keys: tuple[str, ...] = ()
    extras: Callable[[Any], dict[str, Any]] = field(default=lambda result: {})

    @property
    def error_keys(self) -> frozenset[str]:
        """Every message key that a call of this calculator can produce."""
        keys = {f"{name}.{problem}" for name, kind in self.fields.items() for problem in kind.problems}
        return frozenset(keys | set(self.other_error_keys) | set(CALL_ERROR_KEYS))

    @property
    def widget_error_keys(self) -> frozenset[str]:
        """What the widget may show: the call's keys, and reading's own when a field holds a number."""
        return self.error_keys | (frozenset(READING_KEY_PARAMS) if self.number_fields else frozenset())

    @property
    def number_fields(self) -> frozenset[str]:
        """The inputs that hold a number, which a reader may write in their locale ("15,5", "2 000")."""
        return frozenset(
            name for name, kind in self.fields.items() if isinstance(kind.inner if isinstance(kind, Optional) else kind, (Integer, Number))
        )


def _pricing_extras(result: pricing.Quote) -> dict[str, Any]:
    return {"rate_known": result.rate_known, "tiers": pricing.tiers(result.product)}


_ALL = (
    Calculator(
        "eligibility",
        eligibility.check,
        eligibility.FIELDS,
        ("eligible", "unmet", "min_volume", "volume_shortfall"),
        # A blank form: each condition is unmet until the prospect ticks it.
        {"annual_volume": "0", "currency": facts.CURRENCIES[0]}
        | {name: "" for name, kind in eligibility.FIELDS.items() if isinstance(kind, Boolean)},
        eligibility.OTHER_ERROR_KEYS,
    ),
    Calculator(
        "access",
        access.scenario,
        access.FIELDS,
        ("allowed", "payer", "partner_benefit", "invoices_visible_to", "products_installed_in", "access_type_changed_by"),
        # The one setting where the partner gets the discount.
        {"access": "full", "payment": "partner", "orderer": "partner"},
        access.OTHER_ERROR_KEYS,
    ),
    Calculator(
        "pricing",
        pricing.quote,
        pricing.FIELDS,
        ("unit_price", "normal_total", "after_discount", "degressive_rate", "final_total", "final_per_hosting",
         "total_reduction"),
        # The worked example of the discount-and-cashback guide.
        {
            "quantity": str(facts.EXAMPLE_QUANTITY),
            "currency": facts.CURRENCIES[0],
            "partner_discount": plain(facts.EXAMPLE_PARTNER_DISCOUNT),
            "product": facts.EXAMPLE_PRODUCT,
            "unit_price": "",
            # Blank: the rate of the sourced table, where a row covers the quantity.
            "degressive_rate": "",
        },
        pricing.OTHER_ERROR_KEYS,
        _pricing_extras,
    ),
)  # fmt: skip
CALCULATORS: dict[str, Calculator] = {calculator.name: calculator for calculator in _ALL}
# The names, in the order the site lists them (also the URL of each page: /calculators/<name>/).
NAMES = tuple(CALCULATORS)


def get(name: Any) -> Calculator:
    """The calculator called ``name``; :class:`InputError` ``calculator.unknown`` for anything else."""
    if isinstance(name, str) and name in CALCULATORS:
        return CALCULATORS[name]
    value = name if isinstance(name, str) else type(name).__name__
    raise InputError("calculator", "calculator.unknown", {"value": value[:40], "choices": ", ".join(NAMES)})
