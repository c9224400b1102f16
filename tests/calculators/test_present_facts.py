"""What the widgets show of the calculators' truth: money always with its cents,
no final price (and what is missing for it) without a known degressive rate,
"not stated" where the seeds do not say, and no developer note in any text."""

from __future__ import annotations

import re

import pytest
from calculator_texts import ROOT
from calculator_texts import texts as _texts

from calculators import present, registry

LANGUAGES = ("fr", "en", "de", "it", "es")
NBSP = "\u00a0"
# en as scripts/render/formatting.spec("en") gives it (the widgets get it from the page).
EN = {"locale": "en", "decimal": ".", "group": ",", "grouping": 3, "money": {"prefix": "¤", "suffix": ""},
      "percent": {"prefix": "", "suffix": "%"}, "symbols": {"CHF": "CHF", "EUR": "€"}}  # fmt: skip



def _en(name: str, inputs: dict) -> dict:
    answer = present.handle(name, inputs, {"texts": _texts("en", name), "spec": EN})
    assert "error" not in answer, answer
    return answer["view"]


# Volume rates only where known.


def test_36_hostings_show_the_amounts_before_the_rate_and_what_is_missing_for_the_final_price():
    """No published rate for 36: normal and after-discount amounts, an empty final price saying what to type."""
    view = _en("pricing", {"quantity": "36", "currency": "CHF", "partner_discount": "20", "degressive_rate": ""})
    assert view["normal_total"] == {"value": "357.12", "text": f"CHF{NBSP}357.12"}
    assert view["after_discount"] == {"value": "285.70", "text": f"CHF{NBSP}285.70"}
    assert view["final_total"] == {
        "value": "",
        "text": "No volume discount is published in this documentation for a quantity of 36: "
        "enter the one from your price list to see the final price.",
    }
    for name in ("degressive_rate", "final_per_hosting", "total_reduction"):
        assert view[name] == {"value": "", "text": "Unknown"}, name
    assert (view["rate_known"]["value"], view["tier_index"]["value"]) == ("false", "")


def test_the_readers_rate_gives_the_final_price():
    """120 hostings at the reader's 30 %: CHF 1,190.40 -> 952.32 -> 666.62, 44 % in total."""
    view = _en("pricing", {"quantity": "120", "degressive_rate": "30"})
    assert view["final_total"] == {"value": "666.62", "text": f"CHF{NBSP}666.62"}
    assert view["normal_total"]["text"] == f"CHF{NBSP}1,190.40"
    assert (view["degressive_rate"]["text"], view["total_reduction"]["text"]) == ("30%", "44%")
    assert (view["rate_known"]["value"], view["tier_index"]["value"]) == ("true", "")


def test_the_seeds_row_is_marked_for_35_hostings():
    """35 web hostings: the table's one row, 25 %, and the seeds' CHF 208.32."""
    view = _en("pricing", {"quantity": "35"})
    assert view["final_total"] == {"value": "208.32", "text": f"CHF{NBSP}208.32"}
    assert (view["degressive_rate"]["text"], view["tier_index"]["value"]) == ("25%", "0")


def test_no_cashback_amount_is_shown():
    """The cashback rule is a sentence; its amount is no output."""
    assert "cashback" not in registry.get("pricing").outputs
    assert "cashback" not in _en("pricing", {"quantity": "35"})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_missing_rate_message_names_the_quantity_in_every_language(lang):
    texts = _texts(lang, "pricing")
    answer = present.handle("pricing", {"quantity": "1234"}, {"texts": texts, "spec": EN})
    text = answer["view"]["final_total"]["text"]
    assert "1,234" in text and "{" not in text
    assert answer["view"]["final_total"]["value"] == ""


# Money with two decimals.


def test_a_unit_price_typed_with_one_decimal_is_shown_with_two():
    """CHF 9.50, never CHF 9.5; the currency is written once, by the amount."""
    view = _en("pricing", {"quantity": "2", "product": "other", "unit_price": "9.5"})
    assert view["unit_price"]["text"] == f"CHF{NBSP}9.50"
    assert view["unit_price_note"]["text"] == f"Unit price you entered: CHF{NBSP}9.50 per month."
    assert view["normal_total"]["text"] == f"CHF{NBSP}19.00"


def test_the_eligibility_threshold_is_shown_with_its_cents():
    view = _en("eligibility", {"annual_volume": "500", "currency": "EUR"})
    assert view["min_volume"]["text"] == "€1,800.00"
    assert view["volume_shortfall"]["text"] == "€1,300.00"
    assert view["condition_text_minimum_volume"]["text"] == "Managed products worth at least €1,800.00 a year"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_asks_for_a_currency_parameter(lang):
    """Amounts carry their currency: no text writes {currency} after them."""
    for name in registry.NAMES:
        assert "{currency}" not in (ROOT / "docs" / lang / "calculators" / f"{name}.yml").read_text(encoding="utf-8")


# Not stated.


def test_who_pays_when_the_client_orders_with_the_partners_payment_methods_is_not_stated():
    view = _en("access", {"access": "full", "payment": "partner", "orderer": "client"})
    assert view["payer"] == {"value": "not_stated", "text": "Not stated in Infomaniak's documentation"}
    assert view["invoices_visible_to"] == {"value": "not_stated", "text": "Not stated in Infomaniak's documentation"}
    assert view["partner_benefit"] == {"value": "cashback", "text": "Cashback"}


def test_with_the_partners_payment_methods_the_partners_orders_are_invoiced_to_the_partner():
    view = _en("access", {"access": "full", "payment": "partner", "orderer": "partner"})
    assert [view[name]["value"] for name in ("allowed", "payer", "partner_benefit", "invoices_visible_to")] == [
        "true", "partner", "discount", "partner"]  # fmt: skip


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_stated_has_a_text_in_every_language(lang):
    texts = _texts(lang, "access")
    assert texts["values"]["not_stated"].strip() and texts["messages"]["not_stated"].strip()


# No developer note.

DEVELOPER_NOTES = re.compile(r"(?i:provisional|provisoire|provvisori|vorläufig|\bseeds?\b|placeholder)|\bTODO\b|FIXME")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_developer_note_in_any_calculator_text(lang):
    for name in registry.NAMES:
        text = (ROOT / "docs" / lang / "calculators" / f"{name}.yml").read_text(encoding="utf-8")
        assert not DEVELOPER_NOTES.search(text), (lang, name, DEVELOPER_NOTES.search(text))
