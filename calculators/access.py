"""Limited or full access, client's or partner's payment methods: who may do what.

One table, ``CAPABILITIES``, holds the rules of the access-types,
payment-methods and discount-and-cashback guides; :func:`scenario` reads one
column of it and :func:`compare` returns all of it, so the two cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculators._inputs import Choice, Field, Optional, parse_all
from calculators.errors import InputError

ACCESS_TYPES = ("limited", "full")
PARTIES = ("client", "partner")

FIELDS: dict[str, Field] = {
    "access": Choice(ACCESS_TYPES),
    "payment": Optional(Choice(PARTIES)),  # whose payment methods; full access only
    "orderer": Choice(PARTIES),
}
OTHER_ERROR_KEYS = ("payment.required", "payment.not_with_limited")

# Column id -> (access, payment): the three settings a partnership can have.
COLUMNS: dict[str, tuple[str, str | None]] = {
    "limited": ("limited", None),
    "full_client_payment": ("full", "client"),
    "full_partner_payment": ("full", "partner"),
}

# Capability id -> its value in each column, in COLUMNS order. Values are
# language-neutral: booleans, or ids the widget texts translate ("none": no one,
# nothing). Sources: access-types, payment-methods, discount-and-cashback guides.
_RULES: dict[str, tuple[bool | str, bool | str, bool | str]] = {
    # Limited: chosen products; full: the whole organisation.
    "product_scope": ("chosen_products", "all_products", "all_products"),
    # Several limited partners if they manage different products; one full partner.
    "partners_allowed": ("several", "one", "one"),
    "partner_manages_users": (True, True, True),
    "client_can_order": (True, True, True),
    # With limited access the partner cannot order or renew.
    "partner_can_order": (False, True, True),
    # Full access: client and partner choose whose payment methods are used.
    "payment_methods_chosen_by": ("none", "client_and_partner", "client_and_partner"),
    "payer_when_client_orders": ("client", "client", "client"),
    "payer_when_partner_orders": ("none", "client", "partner"),
    # Cashback when the public price is paid; the discount only when the partner
    # pays with its own payment methods. Limited: cashback on managed products only.
    "benefit_when_client_orders": ("cashback", "cashback", "cashback"),
    "benefit_when_partner_orders": ("none", "cashback", "discount"),
    "products_installed_in": ("client", "client", "client"),
    "access_type_changed_by": ("client", "client", "client"),
}

# The whole table: the rules, each payer row followed by its invoices row, since
# invoices live in the organisation whose payment methods pay the order.
CAPABILITIES: dict[str, tuple[bool | str, ...]] = {}
for _capability, _values in _RULES.items():
    CAPABILITIES[_capability] = _values
    if _capability.startswith("payer_when_"):
        CAPABILITIES[_capability.replace("payer_when_", "invoices_when_")] = _values
BENEFITS = ("cashback", "discount", "none")


@dataclass(frozen=True)
class Scenario:
    """One order by ``orderer`` under one access setting.

    ``allowed``: whether ``orderer`` may order and renew; ``payer`` and
    ``invoices_visible_to`` are ``"none"`` when not. ``capabilities`` is the
    whole column of :func:`compare` for this setting.
    """

    access: str
    payment: str | None
    orderer: str
    column: str
    allowed: bool
    payer: str
    partner_benefit: str
    invoices_visible_to: str
    products_installed_in: str
    access_type_changed_by: str
    capabilities: dict[str, bool | str]


def _column(access: str, payment: str | None) -> str:
    return next(column for column, setting in COLUMNS.items() if setting == (access, payment))


def scenario(*, access: Any, payment: Any = None, orderer: Any) -> Scenario:
    """What happens when ``orderer`` orders or renews a product under ``access``
    (``payment``: whose payment methods, full access only).

    Raises :class:`~calculators.errors.InputError` for any bad input, a payment
    given with limited access, or none given with full access.
    """
    values = parse_all(FIELDS, {"access": access, "payment": payment, "orderer": orderer})
    if values["access"] == "limited" and values["payment"] is not None:
        raise InputError("payment", "payment.not_with_limited", {"value": values["payment"]})
    if values["access"] == "full" and values["payment"] is None:
        raise InputError("payment", "payment.required")
    column = _column(values["access"], values["payment"])
    index = list(COLUMNS).index(column)
    capabilities = {capability: row[index] for capability, row in CAPABILITIES.items()}
    orderer = values["orderer"]
    return Scenario(
        access=values["access"],
        payment=values["payment"],
        orderer=orderer,
        column=column,
        allowed=bool(capabilities[f"{orderer}_can_order"]),
        payer=str(capabilities[f"payer_when_{orderer}_orders"]),
        partner_benefit=str(capabilities[f"benefit_when_{orderer}_orders"]),
        invoices_visible_to=str(capabilities[f"invoices_when_{orderer}_orders"]),
        products_installed_in=str(capabilities["products_installed_in"]),
        access_type_changed_by=str(capabilities["access_type_changed_by"]),
        capabilities=capabilities,
    )


def compare() -> dict[str, list]:
    """The whole capability table as plain data, for a table with translated labels.

    ``{"columns": [{"id", "access", "payment"}, ...],
    "rows": [{"id": capability, "values": [one per column]}, ...]}``
    """
    return {
        "columns": [
            {"id": column, "access": access, "payment": payment} for column, (access, payment) in COLUMNS.items()
        ],
        "rows": [{"id": capability, "values": list(values)} for capability, values in CAPABILITIES.items()],
    }
