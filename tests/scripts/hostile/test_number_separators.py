"""Family (g), issue 11 finding 8: a number followed by many group separators (up to megabytes) is
refused, quickly and in the page's words, never read as the number before them."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import present
from calculators.pricing import MAX_QUANTITY
from tests.calculators.calculator_texts import texts as calculator_texts
from tests.scripts.hostile.support import HOSTILE, SPEC_EN

SEPARATORS = [",", ".", " ", "'", "\u2019", "\u00a0", "\u202f", "_"]
# How English writes a quantity: digits, optionally grouped by threes with ","; nothing else is that number.
_WELL_FORMED_EN = re.compile(r"[0-9]{1,3}(,[0-9]{3})*|[0-9]+")


@st.composite
def separated(draw) -> str:
    digits = draw(st.from_regex(r"[1-9][0-9]{0,3}", fullmatch=True))
    run = draw(st.sampled_from(SEPARATORS)) * draw(st.integers(2, 3_000_000))
    tail = draw(st.sampled_from(["", "5", "000", "1"]))
    return digits + run + tail


@settings(HOSTILE, max_examples=15)
@given(quantity=separated(), through_json=st.booleans())
def test_a_run_of_separators_is_never_read_as_the_number_before_it(quantity, through_json):
    assert not _WELL_FORMED_EN.fullmatch(quantity)  # two separators in a row: no locale writes a number so
    setup = {"texts": calculator_texts("en", "pricing"), "spec": SPEC_EN}
    if through_json:
        reply = json.loads(present.handle_json("pricing", json.dumps({"quantity": quantity}), json.dumps(setup)))
    else:
        reply = present.handle("pricing", {"quantity": quantity}, setup)
    assert "error" in reply, reply.get("result")
    assert reply["error"]["key"] in setup["texts"]["errors"]
    assert reply["error"]["message"] and len(reply["error"]["message"]) < 2_000  # the echo of the input is bounded


@settings(HOSTILE, max_examples=10)
@given(value=st.integers(1, MAX_QUANTITY))
def test_a_well_grouped_quantity_is_still_read(value):
    setup = {"texts": calculator_texts("en", "pricing"), "spec": SPEC_EN}
    reply = present.handle("pricing", {"quantity": f"{value:,}"}, setup)
    assert "result" in reply, reply.get("error")
    assert Decimal(str(reply["result"]["quantity"])) == value
