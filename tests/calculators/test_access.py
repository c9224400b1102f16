"""Rules of calculators.access: the scenarios of the seeds (cashback or discount by
access type, payment methods and orderer), the capability table, bad inputs."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, compare, scenario
from calculators.access import ACCESS_TYPES, BENEFITS, CAPABILITIES, COLUMNS, PARTIES

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
    # Full, partner's payment methods: cashback when the client orders...
    ("full", "partner", "client"): (True, "cashback", "client", "client"),
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


def test_invoices_live_where_the_payment_methods_are():
    """In every column, invoices are seen by whoever pays."""
    for orderer in PARTIES:
        assert CAPABILITIES[f"invoices_when_{orderer}_orders"] == CAPABILITIES[f"payer_when_{orderer}_orders"]


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
