"""Rules of calculators.access: the scenarios of the seeds (cashback or discount by
access type, payment methods and orderer), every rule of the capability table
with the seed statement it rests on, the cells the seeds do not state, bad inputs."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, compare, scenario
from calculators.access import ACCESS_TYPES, BENEFITS, CAPABILITIES, COLUMNS, NOT_STATED, PARTIES, RULES

PROPERTY = settings(deadline=None, max_examples=150)
SETTINGS = [("limited", None), ("full", "client"), ("full", "partner")]

# (access, payment, orderer) -> (allowed, partner_benefit, payer, invoices_visible_to),
# as the discount-and-cashback and payment-methods guides describe them.
SEED_SCENARIOS = {
    # Limited: the client orders products the partner manages -> cashback.
    ("limited", None, "client"): (True, "cashback", "client", "client"),
    # Limited: the partner cannot order or renew.
    ("limited", None, "partner"): (False, "none", "none", "none"),
    # Full, client's payment methods: cashback whoever orders; invoices at the client.
    ("full", "client", "client"): (True, "cashback", "client", "client"),
    ("full", "client", "partner"): (True, "cashback", "client", "client"),
    # Full, partner's payment methods: cashback when the client orders; who pays and
    # where the invoice lives when the client orders itself, the seeds do not say.
    ("full", "partner", "client"): (True, "cashback", "not_stated", "not_stated"),
    # ... and the discount only when the partner orders with its own payment methods.
    ("full", "partner", "partner"): (True, "discount", "partner", "partner"),
}


@pytest.mark.parametrize(("setting", "expected"), SEED_SCENARIOS.items(), ids=lambda v: "-".join(map(str, v)))
def test_every_seed_scenario(setting, expected):
    """Who may order, the partner's benefit, who pays and who sees the invoices, per seed scenario."""
    access, payment, orderer = setting
    result = scenario(access=access, payment=payment, orderer=orderer)
    assert (result.allowed, result.partner_benefit, result.payer, result.invoices_visible_to) == expected


def test_seed_scenarios_cover_every_valid_combination():
    """The table above leaves no setting untested."""
    combinations = {(access, payment, orderer) for access, payment in SETTINGS for orderer in PARTIES}
    assert set(SEED_SCENARIOS) == combinations


def test_discount_only_with_full_access_partner_payment_and_partner_ordering():
    """The partner gets the discount in exactly one case; otherwise cashback, or nothing if it cannot order."""
    for (access, payment), orderer in itertools.product(SETTINGS, PARTIES):
        benefit = scenario(access=access, payment=payment, orderer=orderer).partner_benefit
        if (access, payment, orderer) == ("full", "partner", "partner"):
            assert benefit == "discount"
        else:
            assert benefit in ("cashback", "none")


@pytest.mark.parametrize(("access", "payment"), SETTINGS)
def test_the_client_can_always_order_and_the_partner_gets_cashback(access, payment):
    """Whatever the access type, the client may order or renew, earning the partner cashback."""
    result = scenario(access=access, payment=payment, orderer="client")
    assert result.allowed is True
    assert result.partner_benefit == "cashback"


@pytest.mark.parametrize(("access", "payment"), SETTINGS)
def test_products_are_always_installed_in_the_clients_organisation(access, payment):
    """Products live in the client's organisation, whoever pays."""
    for orderer in PARTIES:
        assert scenario(access=access, payment=payment, orderer=orderer).products_installed_in == "client"


@pytest.mark.parametrize(("access", "payment"), SETTINGS)
def test_only_the_client_changes_the_access_type(access, payment):
    """The access type can be changed by the client only."""
    assert scenario(access=access, payment=payment, orderer="client").access_type_changed_by == "client"


def test_limited_allows_several_partners_and_full_only_one():
    """Several limited partners (on different products); one full partner."""
    assert scenario(access="limited", orderer="client").capabilities["partners_allowed"] == "several"
    assert scenario(access="full", payment="client", orderer="client").capabilities["partners_allowed"] == "one"


def test_limited_covers_chosen_products_and_full_all_products():
    """Limited access: the products the client chose; full access: all of them."""
    assert scenario(access="limited", orderer="client").capabilities["product_scope"] == "chosen_products"
    assert scenario(access="full", payment="partner", orderer="client").capabilities["product_scope"] == "all_products"


@pytest.mark.parametrize(("access", "payment"), SETTINGS)
def test_the_partner_manages_users_with_either_access(access, payment):
    """With limited or full access the partner may manage the client's users and teams."""
    assert scenario(access=access, payment=payment, orderer="client").capabilities["partner_manages_users"] is True


def test_payment_methods_are_chosen_only_with_full_access():
    """Client and partner choose the payment methods with full access; there is no such choice with limited."""
    assert scenario(access="limited", orderer="client").capabilities["payment_methods_chosen_by"] == "none"
    for payment in PARTIES:
        capabilities = scenario(access="full", payment=payment, orderer="client").capabilities
        assert capabilities["payment_methods_chosen_by"] == "client_and_partner"


# Every rule of the table: (capability, column) -> (value, guide, words of the
# seed statement it rests on). "not_stated": the seeds do not say, no source.
LIMITED, FULL_CLIENT, FULL_PARTNER = "limited", "full_client_payment", "full_partner_payment"
SEED_RULES = {
    ("product_scope", LIMITED): ("chosen_products", "access-types", "l'accès spécifiquement à certains produits"),
    ("product_scope", FULL_CLIENT): ("all_products", "access-types", "l'accès à tous ses produits"),
    ("product_scope", FULL_PARTNER): ("all_products", "access-types", "l'accès à tous ses produits"),
    ("partners_allowed", LIMITED): ("several", "access-types", "plusieurs Partenaires en accès limité"),
    ("partners_allowed", FULL_CLIENT): ("one", "access-types", "qu'un seul Partenaire en accès complet"),
    ("partners_allowed", FULL_PARTNER): ("one", "access-types", "qu'un seul Partenaire en accès complet"),
    ("partner_manages_users", LIMITED): (True, "access-types", "gérer les utilisateurs et les équipes de travail"),
    ("partner_manages_users", FULL_CLIENT): (True, "access-types", "gérer les utilisateurs et les équipes de travail"),
    ("partner_manages_users", FULL_PARTNER): (True, "access-types", "gérer les utilisateurs et les équipes de travail"),
    ("client_can_order", LIMITED): (True, "access-types", "lorsque le Client effectue des achats ou renouvelle"),
    ("client_can_order", FULL_CLIENT): (True, "discount-and-cashback", "quand le Client effectue une commande"),
    ("client_can_order", FULL_PARTNER): (True, "discount-and-cashback", "quand le Client effectue une commande"),
    ("partner_can_order", LIMITED): (False, "access-types", "ne peut pas commander et renouveler"),
    ("partner_can_order", FULL_CLIENT): (True, "access-types", "peut commander et renouveler"),
    ("partner_can_order", FULL_PARTNER): (True, "access-types", "peut commander et renouveler"),
    ("payment_methods_chosen_by", LIMITED): ("none", "payment-methods", "avec accès complet"),
    ("payment_methods_chosen_by", FULL_CLIENT): ("client_and_partner", "access-types", "le Client & le Partenaire peuvent définir"),
    ("payment_methods_chosen_by", FULL_PARTNER): ("client_and_partner", "access-types", "le Client & le Partenaire peuvent définir"),
    ("payer_when_client_orders", LIMITED): ("client", "partner-program", "y compris leur facturation"),
    ("payer_when_client_orders", FULL_CLIENT): ("client", "payment-methods", "le Client gère la facturation et règle les commandes"),
    ("payer_when_client_orders", FULL_PARTNER): ("not_stated", None, None),
    ("invoices_when_client_orders", LIMITED): ("client", "partner-program", "y compris leur facturation"),
    ("invoices_when_client_orders", FULL_CLIENT): ("client", "payment-methods", "qu'au sein de l'organisation du Client"),
    ("invoices_when_client_orders", FULL_PARTNER): ("not_stated", None, None),
    ("payer_when_partner_orders", LIMITED): ("none", "access-types", "ne peut pas commander et renouveler"),
    ("payer_when_partner_orders", FULL_CLIENT): ("client", "payment-methods", "règle les commandes et les renouvellements effectués par le Partenaire"),
    ("payer_when_partner_orders", FULL_PARTNER): ("partner", "payment-methods", "le Partenaire gère la facturation et règle les commandes"),
    ("invoices_when_partner_orders", LIMITED): ("none", "access-types", "ne peut pas commander et renouveler"),
    ("invoices_when_partner_orders", FULL_CLIENT): ("client", "payment-methods", "le Partenaire n'y aura pas accès"),
    ("invoices_when_partner_orders", FULL_PARTNER): ("partner", "payment-methods", "organisation du Partenaire, et le Client n'y aura pas accès"),
    ("benefit_when_client_orders", LIMITED): ("cashback", "discount-and-cashback", "dont le Partenaire a la gestion"),
    ("benefit_when_client_orders", FULL_CLIENT): ("cashback", "discount-and-cashback", "(moyens de paiement du Client): quand le Client effectue"),
    ("benefit_when_client_orders", FULL_PARTNER): ("cashback", "discount-and-cashback", "(moyens de paiement du Partenaire): quand le Client effectue"),
    ("benefit_when_partner_orders", LIMITED): ("none", "access-types", "ne peut pas commander et renouveler"),
    ("benefit_when_partner_orders", FULL_CLIENT): ("cashback", "discount-and-cashback", "en utilisant les moyens de paiement de son client"),
    ("benefit_when_partner_orders", FULL_PARTNER): ("discount", "discount-and-cashback", "La remise s'applique"),
    ("products_installed_in", LIMITED): ("client", "access-types", "produits dont le Client lui a attribué la gestion"),
    ("products_installed_in", FULL_CLIENT): ("client", "payment-methods", "installés directement au sein de l'Organisation du client"),
    ("products_installed_in", FULL_PARTNER): ("client", "payment-methods", "installés directement au sein de l'organisation du client"),
    ("access_type_changed_by", LIMITED): ("client", "access-types", "par le Client uniquement"),
    ("access_type_changed_by", FULL_CLIENT): ("client", "access-types", "par le Client uniquement"),
    ("access_type_changed_by", FULL_PARTNER): ("client", "access-types", "par le Client uniquement"),
}  # fmt: skip


@pytest.mark.parametrize(("rule", "expected"), SEED_RULES.items(), ids=lambda v: "-".join(map(str, v[:2])))
def test_every_rule_rests_on_its_seed_statement(rule, expected):
    """Each cell has its seed value and names the guide and statement it comes from; unstated cells have no source."""
    capability, column = rule
    value, guide, words = expected
    cell = RULES[capability][list(COLUMNS).index(column)]
    assert cell.value == value
    if value == NOT_STATED:
        assert cell.source is None
    else:
        assert (cell.source.guide, words in cell.source.statement) == (guide, True)


def test_seed_rules_cover_the_whole_table():
    """No cell of the table escapes the test above."""
    assert set(SEED_RULES) == {(capability, column) for capability in RULES for column in COLUMNS}


def test_only_the_client_ordering_with_the_partners_payment_methods_is_not_stated():
    """The seeds give every cell but who pays, and where the invoice lives, when the client
    orders itself while the partner's payment methods are set."""
    unstated = {(capability, column) for capability in RULES for column, cell in zip(COLUMNS, RULES[capability], strict=True)
                if cell.value == NOT_STATED}  # fmt: skip
    assert unstated == {("payer_when_client_orders", FULL_PARTNER), ("invoices_when_client_orders", FULL_PARTNER)}


def test_with_the_partners_payment_methods_the_partner_pays_and_holds_the_invoices():
    """Payment-methods guide: with the partner's payment methods, the partner settles orders and renewals
    and invoices are only in the partner's organisation, the client has no access to them."""
    result = scenario(access="full", payment="partner", orderer="partner")
    assert (result.payer, result.invoices_visible_to, result.partner_benefit) == ("partner", "partner", "discount")


def test_the_client_ordering_with_the_partners_payment_methods_is_not_stated():
    """Nowhere do the seeds say who pays, nor where the invoice is, when the client itself orders
    while the partner's payment methods are set: not stated, not the client."""
    result = scenario(access="full", payment="partner", orderer="client")
    assert (result.payer, result.invoices_visible_to) == ("not_stated", "not_stated")


def test_invoices_live_where_the_payment_methods_are():
    """Wherever the seeds state both, invoices are seen by whoever pays."""
    for orderer in PARTIES:
        for payer, invoices in zip(CAPABILITIES[f"payer_when_{orderer}_orders"], CAPABILITIES[f"invoices_when_{orderer}_orders"], strict=True):
            assert payer == invoices


# The capability table.


def test_compare_has_the_three_columns_in_order():
    """Columns: limited, full with the client's payment methods, full with the partner's."""
    table = compare()
    assert [column["id"] for column in table["columns"]] == ["limited", "full_client_payment", "full_partner_payment"]
    assert [(c["access"], c["payment"]) for c in table["columns"]] == SETTINGS


def test_compare_is_plain_data_without_prose():
    """Every cell is a bool or a lower-case id, and the table is JSON as is."""
    table = compare()
    json.dumps(table)
    for row in table["rows"]:
        assert re.fullmatch(r"[a-z_]+", row["id"])
        assert len(row["values"]) == len(COLUMNS)
        for value in row["values"]:
            assert isinstance(value, bool) or re.fullmatch(r"[a-z_]+", value)


def test_compare_and_scenario_agree_everywhere():
    """scenario() returns exactly its column of compare(), for every setting and orderer."""
    table = compare()
    for index, column in enumerate(table["columns"]):
        for orderer in PARTIES:
            result = scenario(access=column["access"], payment=column["payment"], orderer=orderer)
            assert result.column == column["id"]
            assert result.capabilities == {row["id"]: row["values"][index] for row in table["rows"]}
            assert result.allowed is result.capabilities[f"{orderer}_can_order"]


def test_benefits_are_cashback_discount_or_none():
    """The partner's benefit is one of three ids."""
    for (access, payment), orderer in itertools.product(SETTINGS, PARTIES):
        assert scenario(access=access, payment=payment, orderer=orderer).partner_benefit in BENEFITS


# Bad inputs.

BAD_INPUTS = [
    ({"access": "limited", "payment": "client", "orderer": "client"}, "payment", "payment.not_with_limited"),
    ({"access": "limited", "payment": "partner", "orderer": "partner"}, "payment", "payment.not_with_limited"),
    ({"access": "full", "orderer": "client"}, "payment", "payment.required"),
    ({"access": "full", "payment": "", "orderer": "client"}, "payment", "payment.required"),
    ({"access": "partial", "orderer": "client"}, "access", "access.unknown"),
    ({"access": "", "orderer": "client"}, "access", "access.missing"),
    ({"access": None, "orderer": "client"}, "access", "access.wrong_type"),
    ({"access": "full", "payment": "reseller", "orderer": "client"}, "payment", "payment.unknown"),
    ({"access": "full", "payment": 1, "orderer": "client"}, "payment", "payment.wrong_type"),
    ({"access": "full", "payment": "client", "orderer": "infomaniak"}, "orderer", "orderer.unknown"),
    ({"access": "full", "payment": "client", "orderer": True}, "orderer", "orderer.wrong_type"),
    ({"access": "full", "payment": "client", "orderer": "  "}, "orderer", "orderer.missing"),
]


@pytest.mark.parametrize(("kwargs", "field", "key"), BAD_INPUTS)
def test_bad_input_raises_input_error_naming_field_and_key(kwargs, field, key):
    """Every bad input, including a payment given with limited access, is an InputError."""
    with pytest.raises(InputError) as error:
        scenario(**kwargs)
    assert (error.value.field, error.value.key) == (field, key)


def test_choices_are_read_in_any_case():
    """' FULL ' is full."""
    assert scenario(access=" FULL ", payment="Partner", orderer="PARTNER").partner_benefit == "discount"


@PROPERTY
@given(
    access=st.one_of(st.sampled_from(ACCESS_TYPES), st.text(max_size=8), st.none(), st.integers()),
    payment=st.one_of(st.sampled_from(PARTIES), st.none(), st.text(max_size=8), st.booleans()),
    orderer=st.one_of(st.sampled_from(PARTIES), st.text(max_size=8), st.floats()),
)
def test_any_input_gives_a_scenario_or_an_input_error(access, payment, orderer):
    """Nothing but a scenario or an InputError leaves scenario(), for any value of any type."""
    try:
        result = scenario(access=access, payment=payment, orderer=orderer)
    except InputError as error:
        assert error.key.startswith(f"{error.field}.")
    else:
        assert result.partner_benefit in BENEFITS
