"""Limited or full access, client's or partner's payment methods: who may do what.

One table, ``RULES``, holds the rules of the access-types, payment-methods and
discount-and-cashback guides, each cell with the seed statement it rests on;
a cell the seeds do not state is :data:`NOT_STATED`, never a guess.
:func:`scenario` reads one column of it and :func:`compare` returns all of it
(the guides' tables and the widget), so they cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculators._inputs import Choice, Field, Optional, parse_all
from calculators.errors import InputError
from calculators.facts import Source

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

# A cell the seeds do not state: shown as such ("not stated in Infomaniak's
# documentation"), never filled with a guess.
NOT_STATED = "not_stated"

# The seed guides (their ids on this site) the rules come from.
_ACCESS = "access-types"
_PAYMENT = "payment-methods"
_CASHBACK = "discount-and-cashback"
_PROGRAM = "partner-program"

Value = bool | str


@dataclass(frozen=True)
class Cell:
    """One value of the table and the seed statement it rests on (``None`` only when not stated)."""

    value: Value
    source: Source | None


def _cell(value: Value, guide: str, statement: str) -> Cell:
    return Cell(value, Source(guide, statement))


_UNSTATED = Cell(NOT_STATED, None)

# Statements of the French seed (the reference), quoted or shortened.
_LIMITED_CANNOT_ORDER = "Accès limité: le Partenaire ne peut pas commander et renouveler des produits pour son Client"
_FULL_CAN_ORDER = "Accès complet: le Partenaire peut commander et renouveler des produits pour son Client"
_BILLING_WITH_FULL = (
    "vos Clients peuvent choisir de vous laisser gérer des produits précis ou tout leur compte, y compris leur"
    " facturation (seul l'accès complet confie la facturation)"
)
_CLIENT_PAYS = "moyens de paiement du Client: le Client gère la facturation et règle les commandes et les renouvellements"
_CLIENT_INVOICES = (
    "moyens de paiement du Client: les factures ne seront accessibles qu'au sein de l'organisation du Client,"
    " et le Partenaire n'y aura pas accès"
)
_PARTNER_PAYS = (
    "moyens de paiement du Partenaire: le Partenaire gère la facturation et règle les commandes et les"
    " renouvellements faits pour son client"
)
_PARTNER_INVOICES = (
    "moyens de paiement du Partenaire: les factures ne seront disponibles qu'au sein de l'organisation du"
    " Partenaire, et le Client n'y aura pas accès"
)

# Capability id -> one cell per column, in COLUMNS order (limited, full with the
# client's payment methods, full with the partner's). Values are
# language-neutral: booleans, ids the widget texts translate ("none": no one,
# nothing), or NOT_STATED.
RULES: dict[str, tuple[Cell, Cell, Cell]] = {
    "product_scope": (
        _cell("chosen_products", _ACCESS, "Accès limité: le Client accorde à son Partenaire l'accès spécifiquement à certains produits"),
        _cell("all_products", _ACCESS, "Accès complet: le Client accorde à son Partenaire l'accès à tous ses produits"),
        _cell("all_products", _ACCESS, "Accès complet: le Client accorde à son Partenaire l'accès à tous ses produits"),
    ),
    "partners_allowed": (
        _cell("several", _ACCESS, "peut avoir plusieurs Partenaires en accès limité sur son Organisation à condition qu'ils gèrent des produits différents"),
        _cell("one", _ACCESS, "ne peut avoir qu'un seul Partenaire en accès complet sur son Organisation"),
        _cell("one", _ACCESS, "ne peut avoir qu'un seul Partenaire en accès complet sur son Organisation"),
    ),
    "partner_manages_users": (
        _cell(True, _ACCESS, "Accès limité: le Partenaire peut gérer les utilisateurs et les équipes de travail du Client"),
        _cell(True, _ACCESS, "Accès complet: le Partenaire peut gérer les utilisateurs et les équipes de travail du Client"),
        _cell(True, _ACCESS, "Accès complet: le Partenaire peut gérer les utilisateurs et les équipes de travail du Client"),
    ),
    "client_can_order": (
        _cell(True, _ACCESS, "Accès limité: le Partenaire perçoit un revenu lorsque le Client effectue des achats ou renouvelle des produits"),
        _cell(True, _CASHBACK, "accès complet (moyens de paiement du Client): quand le Client effectue une commande ou un renouvellement de produit"),
        _cell(True, _CASHBACK, "accès complet (moyens de paiement du Partenaire): quand le Client effectue une commande ou un renouvellement de produit"),
    ),
    "partner_can_order": (
        _cell(False, _ACCESS, _LIMITED_CANNOT_ORDER),
        _cell(True, _ACCESS, _FULL_CAN_ORDER),
        _cell(True, _ACCESS, _FULL_CAN_ORDER),
    ),
    "payment_methods_chosen_by": (
        _cell("none", _PAYMENT, "les deux types de modes de paiement possibles au sein d'un partenariat (avec accès complet accordé au partenaire)"),
        _cell(
            "client_and_partner",
            _ACCESS,
            "le Client & le Partenaire peuvent définir quels seront les moyens de paiement utilisés pour les"
            " commandes et les renouvellements",
        ),
        _cell(
            "client_and_partner",
            _ACCESS,
            "le Client & le Partenaire peuvent définir quels seront les moyens de paiement utilisés pour les"
            " commandes et les renouvellements",
        ),
    ),
    "payer_when_client_orders": (
        _cell("client", _PROGRAM, _BILLING_WITH_FULL),
        _cell("client", _PAYMENT, _CLIENT_PAYS),
        # The seeds say who pays what the partner orders, not what the client orders itself.
        _UNSTATED,
    ),
    "invoices_when_client_orders": (
        _cell("client", _PROGRAM, _BILLING_WITH_FULL),
        _cell("client", _PAYMENT, _CLIENT_INVOICES),
        _UNSTATED,
    ),
    "payer_when_partner_orders": (
        _cell("none", _ACCESS, _LIMITED_CANNOT_ORDER),
        _cell("client", _PAYMENT, "moyens de paiement du Client: le Client règle les commandes et les renouvellements effectués par le Partenaire"),
        _cell("partner", _PAYMENT, _PARTNER_PAYS),
    ),
    "invoices_when_partner_orders": (
        _cell("none", _ACCESS, _LIMITED_CANNOT_ORDER),
        _cell("client", _PAYMENT, _CLIENT_INVOICES),
        _cell("partner", _PAYMENT, _PARTNER_INVOICES),
    ),
    "benefit_when_client_orders": (
        _cell(
            "cashback",
            _CASHBACK,
            "Partenariat en accès limité: le Client effectue une commande ou un renouvellement de produit dont le"
            " Partenaire a la gestion",
        ),
        _cell(
            "cashback",
            _CASHBACK,
            "Partenariat en accès complet (moyens de paiement du Client): quand le Client effectue une commande"
            " ou un renouvellement de produit",
        ),
        _cell(
            "cashback",
            _CASHBACK,
            "Partenariat en accès complet (moyens de paiement du Partenaire): quand le Client effectue une"
            " commande ou un renouvellement de produit",
        ),
    ),
    "benefit_when_partner_orders": (
        _cell("none", _ACCESS, _LIMITED_CANNOT_ORDER),
        _cell(
            "cashback",
            _CASHBACK,
            "quand le Partenaire effectue une commande ou un renouvellement de produit pour le compte de son"
            " client en utilisant les moyens de paiement de son client",
        ),
        _cell(
            "discount",
            _CASHBACK,
            "La remise s'applique [...] quand le Partenaire effectue une commande ou un renouvellement de produit"
            " pour le compte de son client en utilisant ses moyens de paiement",
        ),
    ),
    "products_installed_in": (
        _cell(
            "client",
            _ACCESS,
            "Accès limité: le Partenaire gère uniquement les produits dont le Client lui a attribué la gestion"
            " (ceux de l'Organisation du Client)",
        ),
        _cell("client", _PAYMENT, "moyens de paiement du Client: les produits seront installés directement au sein de l'Organisation du client"),
        _cell("client", _PAYMENT, "moyens de paiement du Partenaire: les produits seront installés directement au sein de l'organisation du client"),
    ),
    "access_type_changed_by": (
        _cell("client", _ACCESS, "Le type d'autorisation accordé au Partenaire peut être modifié en tout temps, et ce par le Client uniquement"),
        _cell("client", _ACCESS, "Le type d'autorisation accordé au Partenaire peut être modifié en tout temps, et ce par le Client uniquement"),
        _cell("client", _ACCESS, "Le type d'autorisation accordé au Partenaire peut être modifié en tout temps, et ce par le Client uniquement"),
    ),
}  # fmt: skip

# The values alone, row by row: what the comparison table and the scenarios read.
CAPABILITIES: dict[str, tuple[Value, ...]] = {
    capability: tuple(cell.value for cell in cells) for capability, cells in RULES.items()
}
BENEFITS = ("cashback", "discount", "none")


@dataclass(frozen=True)
class Scenario:
    """One order by ``orderer`` under one access setting.

    ``allowed``: whether ``orderer`` may order and renew; ``payer`` and
    ``invoices_visible_to`` are ``"none"`` when not, and :data:`NOT_STATED`
    where the seeds do not say. ``capabilities`` is the whole column of
    :func:`compare` for this setting.
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
