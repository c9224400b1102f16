"""A result is never shown as the answer to inputs it does not answer (issue 10, point 4).

Whenever the form shows other inputs than those the result was computed for (a shared
link before or without Python, a field with a mistake, a recomputation under way), the
results are aria-busy and the status line says so in the page's language. The words
expected are read from the translators' YAML with plain PyYAML; the amounts are the
seed's unit price times the quantity, worked out by hand.
"""

from __future__ import annotations

import pytest
import yaml
from babel.numbers import format_decimal

from scripts.sources.tree import LANGUAGES, REFERENCE, Tree

pytestmark = pytest.mark.browser
TREE = Tree()
READY_MS = 120_000
REPLY_MS = 30_000
FORM = "form[data-calculator='pricing']"
SHARED = "?quantity=120&currency=EUR&partner_discount=25&degressive_rate=30"


def status_texts(lang: str) -> dict[str, str]:
    return yaml.safe_load(TREE.calculator_source(lang, "pricing").read_text(encoding="utf-8"))["status"]


def url(site_url: str, lang: str, query: str = "") -> str:
    prefix = "" if lang == REFERENCE else f"/{lang}"
    return f"{site_url}{prefix}/calculators/pricing/{query}"


def wait_status(page, text: str, timeout: int) -> None:
    page.wait_for_function(
        "([form, text]) => document.querySelector(form + ' .kb-status').textContent === text", arg=[FORM, text], timeout=timeout
    )


def busy(page) -> str | None:
    return page.get_attribute(f"{FORM} .kb-results", "aria-busy")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shared_link_without_the_runtime_shows_its_inputs_and_says_the_result_is_not_theirs(page, site_url, lang):
    page.route("**/assets/runtime/**", lambda route: route.abort())
    page.goto(url(site_url, lang, SHARED))
    assert page.input_value(f"{FORM} input[name='quantity']") == "120"
    assert page.input_value(f"{FORM} input[name='degressive_rate']") == "30"
    assert busy(page) == "true"
    texts = status_texts(lang)
    page.wait_for_selector(f"{FORM}[data-state='error']", timeout=READY_MS)
    wait_status(page, texts["unavailable"], REPLY_MS)
    assert busy(page) == "true"
    # The prerendered figures (35 hostings, CHF) are still there, never passed off as the link's.
    assert page.get_attribute(f"{FORM} output[name='final_total']", "data-value") == "208.32"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_number_typed_as_the_language_writes_it_then_a_mistake_then_its_fix(page, site_url, lang):
    texts = status_texts(lang)
    page.goto(url(site_url, lang))
    page.wait_for_selector(f"{FORM}[data-state='ready']", timeout=READY_MS)
    wait_status(page, texts["ready"], REPLY_MS)
    quantity = page.locator(f"{FORM} input[name='quantity']")
    # 2000 hostings written the page's way ("2 000", "2,000", "2.000", ...): 2000 x CHF 9.92 = CHF 19,840.00.
    quantity.fill("")
    quantity.press_sequentially(format_decimal(2000, locale=LANGUAGES[lang]))
    page.wait_for_function(
        "form => document.querySelector(form + ' output[name=\"normal_total\"]').dataset.value === '19840.00'", arg=FORM, timeout=REPLY_MS
    )
    wait_status(page, texts["ready"], REPLY_MS)
    assert busy(page) is None
    quantity.fill("")
    quantity.press_sequentially("abc")
    wait_status(page, texts["invalid"], REPLY_MS)
    assert busy(page) == "true"
    assert page.get_attribute(f"{FORM} input[name='quantity']", "aria-invalid") == "true"
    # The last valid result stays, marked as not answering the field.
    assert page.get_attribute(f"{FORM} output[name='normal_total']", "data-value") == "19840.00"
    quantity.fill("")
    quantity.press_sequentially("35")
    wait_status(page, texts["ready"], REPLY_MS)
    assert busy(page) is None
    assert page.get_attribute(f"{FORM} output[name='final_total']", "data-value") == "208.32"
