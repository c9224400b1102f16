"""What the calculator pages and the guides' computed tables show: sourced rows
only, money with its cents, "not stated" where the seeds do not say, and no
developer note in any language."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from calculators import api, present, registry
from scripts.render import formatting, tables, widgets

ROOT = Path(__file__).resolve().parents[3]
LANGUAGES = ("fr", "en", "de", "it", "es")
DEVELOPER_NOTES = re.compile(r"(?i:provisional|provisoire|provvisori|vorläufig|\bseeds?\b|placeholder)|\bTODO\b|FIXME")


def _texts(lang: str) -> dict[str, dict]:
    found = {}
    for name in registry.NAMES:
        data = yaml.safe_load((ROOT / "docs" / lang / "calculators" / f"{name}.yml").read_text(encoding="utf-8"))
        data.pop("source_hash", None)
        found[name] = data
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pricing_form_has_a_degressive_rate_input_and_the_seeds_final_price(lang):
    html = widgets.form("pricing", _texts(lang)["pricing"], lang)
    assert '<form class="kb-calculator" novalidate data-calculator="pricing" data-state="static"' in html
    assert re.search(r'<input [^>]*name="degressive_rate" value=""', html)
    assert re.search(r'<output name="final_total" data-value="208\.32"[ >]', html)  # then its name (aria-labelledby)
    assert 'name="cashback"' not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_tier_tables_list_the_sourced_rows_only(lang):
    """Web hosting: the one row of the seeds (35 -> 25 %); mail hosting: no table; no source note in an attribute."""
    texts = _texts(lang)["pricing"]
    html = widgets.form("pricing", texts, lang)
    web = re.search(r'<table class="kb-tiers" data-show-when="product=web-hosting">.*?</table>', html).group(0)
    assert web.count("<tr data-current-when") == 1
    assert "<td>35</td><td>35</td>" in web and 'aria-current="true"' in web
    assert texts["tiers"]["sources"]["discount-and-cashback"] in unescape(web)
    assert "product=mail-hosting" not in html
    assert "title=" not in html


def test_an_unknown_rate_leaves_final_total_empty_and_says_what_is_missing():
    texts, spec = _texts("en")["pricing"], formatting.spec("en")
    shown = present.view("pricing", api.run("pricing", {"quantity": "36"}), texts, spec)
    html = widgets.RESULTS["pricing"](texts, shown, spec)
    assert re.search(r'<output name="final_total" data-value=""[^>]*>No volume discount is published in this documentation for a quantity of 36',
                     unescape(html))
    assert '<output name="normal_total" data-value="357.12">CHF\u00a0357.12</output>' in html
    assert 'aria-current="true"' not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_developer_note_reaches_a_calculator_page(lang):
    texts = _texts(lang)
    for name in registry.NAMES:
        html = widgets.form(name, texts[name], lang)
        visible = re.sub(r'<script type="application/json" class="kb-setup">.*?</script>', "", html)
        assert not DEVELOPER_NOTES.search(visible), (name, DEVELOPER_NOTES.search(visible))


# The guides' tables.


def test_the_access_table_says_not_stated_where_the_seeds_do_not_say():
    table = tables.access_comparison(_texts("en"), "en")
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines()}
    assert rows["Who pays when the Client orders"].endswith("| Client | Client | Not stated in Infomaniak's documentation |")
    assert rows["Invoices when the Client orders"].endswith("| Client | Client | Not stated in Infomaniak's documentation |")
    assert rows["Invoices when the Partner orders"].endswith("| — | Client | Partner |")
    assert rows["Partner's benefit when it orders itself"].endswith("| — | Cashback | Discount |")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_payment_methods_table_reads_the_same_rules(lang):
    texts = _texts(lang)
    table = tables.payment_methods(texts, lang)
    assert table.count(texts["access"]["values"]["not_stated"]) == 2


@pytest.mark.parametrize(
    ("lang", "chf", "eur"),
    [
        ("fr", ("347,20\u00a0CHF", "277,76\u00a0CHF", "208,32\u00a0CHF"), ("201,25\u00a0€", "161,00\u00a0€", "120,75\u00a0€")),
        ("en", ("CHF\u00a0347.20", "CHF\u00a0277.76", "CHF\u00a0208.32"), ("€201.25", "€161.00", "€120.75")),
        ("de", ("347,20\u00a0CHF", "277,76\u00a0CHF", "208,32\u00a0CHF"), ("201,25\u00a0€", "161,00\u00a0€", "120,75\u00a0€")),
    ],
)
def test_the_worked_example_table_has_the_seeds_figures_with_cents(lang, chf, eur):
    table = tables.pricing_example(_texts(lang), lang)
    for amount in (*chf, *eur):
        assert amount in table, amount
