"""The pricing pictures drawn at build time (scripts/render/pictures.py): sourced rows only, the result's
numbers as their text, lengths and positions by the rules the glue redraws them with."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest
import yaml

from calculators import api, present
from calculators.facts import DEGRESSIVE_TIERS, Source, Tier
from scripts.render import formatting, pictures
from scripts.sources.tree import LANGUAGES, ROOT


def texts(lang: str) -> dict:
    data = yaml.safe_load((ROOT / "docs" / lang / "calculators" / "pricing.yml").read_text(encoding="utf-8"))
    data.pop("source_hash", None)
    return data


def shown(lang: str, **inputs: str) -> dict:
    return present.view("pricing", api.run("pricing", inputs), texts(lang), formatting.spec(lang))


def words(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_a_bar_is_its_amount_against_the_scale_and_empty_when_unknown():
    assert pictures.bar_percent("277.76", "347.20") == Decimal("80")
    assert pictures.bar_percent("", "347.20") == 0
    assert pictures.bar_percent("5", "0") == 0
    assert pictures.bar_percent("500", "100") == 100  # never longer than the track


def test_the_axis_holds_the_largest_quantity_drawn_with_room_after_it():
    row = (Tier(35, 35, Decimal("25"), Source("discount-and-cashback", "")),)
    assert pictures.axis_end(row, "12") == Decimal("43.75")  # 35 x 1.25
    assert pictures.axis_end(row, "200") == Decimal("250")
    assert pictures.axis_percent(0, Decimal(100)) == pictures.AXIS_START
    assert pictures.axis_percent(100, Decimal(100)) == pictures.AXIS_END
    assert pictures.axis_percent(50, Decimal(100)) == Decimal(50)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_breakdown_caption_holds_the_seeds_example_in_the_readers_words(lang):
    words_of = texts(lang)
    view = shown(lang, quantity="35")
    html = pictures.breakdown(words_of, view)
    caption = words(html.partition("<figcaption>")[2])
    for name in ("normal_total", "after_discount", "final_total"):
        assert " ".join(f"{words_of['results'][name]['label']} {view[name]['text']}".split()) in caption
    assert view["final_total"]["value"] == "208.32"  # the worked example: CHF 347.20 -> 277.76 -> 208.32
    assert 'width="80%"' in html and 'width="60%"' in html  # 277.76 and 208.32 of 347.20
    assert '<svg class="kb-svg" height="138" aria-hidden="true">' in html


def test_an_unknown_final_price_is_an_empty_bar_and_the_unknown_word():
    words_of = texts("en")
    view = shown("en", quantity="12")
    html = pictures.breakdown(words_of, view)
    assert re.search(r'<rect [^>]*width="0%"[^>]*data-bar="final_total"', html)
    assert f"{words_of['results']['final_total']['label']} {words_of['messages']['unknown']}" in words(html)


@pytest.mark.parametrize("quantity", ["12", "35", "400"])
def test_the_tiers_picture_draws_the_sourced_rows_only_and_marks_the_quantity(quantity):
    rows = DEGRESSIVE_TIERS["web-hosting"]
    view = shown("fr", quantity=quantity)
    html = pictures.tiers(rows, texts("fr"), view, formatting.spec("fr"), "")
    assert html.count("<rect") == len(rows) == 1
    assert html.count('data-at="quantity"') == 2  # the mark and its number
    end = pictures.axis_end(rows, quantity)
    at = pictures.axis_percent(quantity, end)
    assert f'x1="{pictures._pc(at)}"' in html
    assert ("35 → 25\u00a0%" in unescape(html)) and "Nombre d'hébergements " + quantity in words(html)


def test_a_table_with_more_rows_gets_one_mark_per_row():
    rows = (Tier(10, 19, Decimal("5"), Source("g", "")), Tier(20, None, Decimal("10"), Source("g", "")))
    html = pictures.tiers(rows, texts("en"), shown("en", quantity="35"), formatting.spec("en"), "")
    assert html.count("<rect") == 2
    assert 'data-to="end"' in html and "20+ → 10%" in unescape(html) and "10–19 → 5%" in unescape(html)
