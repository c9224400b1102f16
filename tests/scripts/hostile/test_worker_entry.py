"""Family (f), issue 11 finding 8: the worker's entry point (calculators.present.handle_json) gets deep,
huge or broken messages: it never raises, answers in the page's language, and keeps the setup."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import present, registry
from tests.calculators.calculator_texts import texts as calculator_texts
from tests.scripts.hostile.support import HOSTILE, SPEC_EN


@st.composite
def hostile_message(draw) -> str | object:
    kind = draw(st.sampled_from(["deep", "huge-string", "huge-number", "not-json", "not-a-string", "unicode"]))
    if kind == "deep":
        depth = draw(st.integers(17, 200_000))
        opener = draw(st.sampled_from(["[", '{"a":']))
        closer = "]" if opener == "[" else "}"
        return opener * depth + "1" + closer * draw(st.integers(0, depth))
    if kind == "huge-string":
        return json.dumps({"quantity": "1" * draw(st.integers(17_000, 2_000_000))})
    if kind == "huge-number":
        return "9" * draw(st.integers(4_000, 100_000))
    if kind == "not-json":
        return draw(st.sampled_from(["{", "", "}", "[1,", "{'quantity': 1}", "NaN", "\ud800", '{"quantity": "1"']))
    if kind == "unicode":
        return json.dumps({"quantity": draw(st.text(min_size=1, max_size=20))}, ensure_ascii=draw(st.booleans()))
    return draw(st.sampled_from([None, 42, ["quantity"], {"quantity": 1}, b"{}"]))


@pytest.fixture(scope="module")
def setups() -> dict[str, str]:
    return {name: json.dumps({"texts": calculator_texts("en", name), "spec": SPEC_EN}) for name in registry.NAMES}


@settings(HOSTILE, max_examples=25)
@given(name=st.sampled_from(registry.NAMES), message=hostile_message(), calculator_is_a_list=st.booleans())
def test_a_hostile_message_gets_an_answer_in_the_pages_language_and_the_setup_stays(setups, name, message, calculator_is_a_list):
    calculator = [name] if calculator_is_a_list else name
    reply = json.loads(present.handle_json(calculator, message, setups[name]))
    assert ("result" in reply) != ("error" in reply)
    texts = json.loads(setups[name])["texts"]
    if "error" in reply:
        error = reply["error"]
        # A key the page translates, and its message in the page's words: the setup was kept.
        assert error["key"] in texts["errors"], error
        assert error["message"] and error["message"] != error["key"] and not re.search(r"\{\w+\}", error["message"]), error
    # The next, valid message is answered with the same setup.
    good = json.loads(present.handle_json(name, json.dumps(registry.get(name).defaults), setups[name]))
    assert "result" in good and "view" in good
