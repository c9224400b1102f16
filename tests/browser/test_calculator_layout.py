"""Issue 13, "Calculators": where the result is, what a phone shows, and what the page does with the URL.

Each rule in every language, on a wide screen (1280x800) and on a phone (390x844) where it is about
the phone: the result beside the inputs and in view after a change; a summary of the main result in
view while the phone scrolls the inputs (same name, hidden from assistive technologies); the access
comparison within a phone's width; nothing judged before the eligibility form is answered; one history
step per committed value, not per keystroke; the language switcher carrying the calculation; the
pricing pictures following the result, with the result's numbers as their text. Expected values come
from the Python API (``calculators.api`` and ``present``), the translators' YAML and Babel, never
from the page itself.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from babel.numbers import get_decimal_symbol

from calculators import api
from scripts.sources.tree import CALCULATORS, LANGUAGES, REFERENCE
from tests.browser.test_calculators import FORM, READY_MS, REPLY_MS, expected_view, texts_of, url

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# The main result of each calculator (what the phone's summary repeats).
MAIN = {"pricing": "final_total", "eligibility": "eligible", "access": "allowed"}
# A change made on the last field of each form (the one furthest from the result), by keyboard.
LAST_CHANGE = {"pricing": ("degressive_rate", "30"), "eligibility": ("is_affiliate", None), "access": ("orderer", "client")}
RED = "rgb(176, 0, 32)"  # the colour widgets.css gives a failed condition and an error


@pytest.fixture
def open_page(browser, site_url):
    """``open_page(lang, name, viewport, query="")``: a fresh context on a calculator page; closed after the test."""
    contexts = []

    def open_(lang: str, name: str, viewport: dict, query: str = "", *, ready: bool = True):
        phone = viewport["width"] < 600
        context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
        contexts.append(context)
        page = context.new_page()
        page.goto(url(site_url, lang, f"calculators/{name}/") + query)
        if ready:
            page.wait_for_selector(f"{FORM}[data-state=ready]", state="attached", timeout=READY_MS)
            page.wait_for_function("s => !document.querySelector(s).dataset.stale", arg=FORM, timeout=REPLY_MS)
        return page

    yield open_
    for context in contexts:
        context.close()


def box(locator) -> dict:
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, w: r.width, h: r.height}; }")


def in_view(found: dict, viewport: dict) -> bool:
    inside = found["x"] >= 0 and found["y"] >= 0 and found["right"] <= viewport["width"] and found["bottom"] <= viewport["height"]
    return found["w"] > 0 and found["h"] > 0 and inside


def change_last_field(page, name: str) -> None:
    field, value = LAST_CHANGE[name]
    element = page.locator(f"{FORM} :is(input, select)[name={field}]")
    element.focus()
    if value is None:
        page.keyboard.press("Space")
    elif element.evaluate("e => e.tagName") == "SELECT":
        element.select_option(value)
    else:
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(value)
        page.keyboard.press("Enter")  # committed, the focus stays in the field


def wait_value(page, selector: str, value: str) -> None:
    page.wait_for_function("([s, v]) => document.querySelector(s)?.dataset.value === v", arg=[selector, value], timeout=REPLY_MS)


def query(page_url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page_url).query, keep_blank_values=True))


# --- 1. the result beside the inputs, and kept in view ------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CALCULATORS)
def test_on_a_wide_screen_the_result_is_beside_the_inputs_and_in_view_after_a_change(open_page, lang, name):
    page = open_page(lang, name, DESKTOP)
    change_last_field(page, name)
    inputs = page.evaluate("() => Object.fromEntries(new URLSearchParams(location.search))")
    wait_value(page, f"{FORM} .kb-results output[name={MAIN[name]}]", expected_view(name, inputs, lang)[MAIN[name]]["value"])
    result = page.locator(f"{FORM} .kb-results output[name={MAIN[name]}]")
    assert in_view(box(result), DESKTOP), box(result)
    # Beside, not below: the result starts right of the inputs' box, and the focused field is in view too.
    assert box(result)["x"] >= box(page.locator(f"{FORM} fieldset.kb-inputs"))["right"]
    assert in_view(box(page.locator(":focus")), DESKTOP)


# --- 1b. the phone's summary --------------------------------------------------------------------

ACCESSIBLE_NAME = "e => (e.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent.trim()).join(' ')"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CALCULATORS)
def test_on_a_phone_a_summary_of_the_main_result_stays_in_view_while_the_inputs_scroll(open_page, lang, name):
    page = open_page(lang, name, PHONE)
    summary = page.locator(f"{FORM} .kb-summary")
    full = page.locator(f"{FORM} .kb-results output[name={MAIN[name]}]")
    copy = summary.locator(f"output[name={MAIN[name]}]")
    # The same output name and accessible name as the full result; said once: the copy is hidden from AT.
    assert copy.count() == 1 and summary.get_attribute("aria-hidden") == "true"
    assert copy.evaluate(ACCESSIBLE_NAME) == full.evaluate(ACCESSIBLE_NAME) == texts_of(lang, name)["results"][MAIN[name]]["label"]
    last = page.locator(f"{FORM} fieldset :is(input, select):not([disabled])").last
    for target in (page.locator(f"{FORM} fieldset :is(input, select)").first, last):
        target.scroll_into_view_if_needed()
        assert in_view(box(summary), PHONE), box(summary)
        assert in_view(box(target), PHONE)  # the field itself is not under the summary
        assert box(target)["bottom"] <= box(summary)["y"] or box(target)["y"] >= box(summary)["bottom"]
    change_last_field(page, name)
    inputs = page.evaluate("() => Object.fromEntries(new URLSearchParams(location.search))")
    view = expected_view(name, inputs, lang)
    wait_value(page, f"{FORM} .kb-summary output[name={MAIN[name]}]", view[MAIN[name]]["value"])
    assert copy.inner_text() == full.inner_text() == view[MAIN[name]]["text"]
    assert in_view(box(summary), PHONE)


def test_on_a_wide_screen_the_summary_is_not_shown(open_page):
    page = open_page(REFERENCE, "pricing", DESKTOP, ready=False)
    assert not page.locator(f"{FORM} .kb-summary").is_visible()


# --- 3. the access comparison on a phone ---------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_access_comparison_fits_a_phone_with_the_readers_column_whole(open_page, lang):
    page = open_page(lang, "access", PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wider = page.evaluate("""() => [...document.querySelectorAll('.md-content *')].filter((e) => {
        const r = e.getBoundingClientRect();
        return e.getClientRects().length && r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5);
      }).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert wider == []
    texts = texts_of(lang, "access")
    for column, inputs in (("limited", {"access": "limited", "orderer": "partner"}),
                           ("full_partner_payment", {"access": "full", "payment": "partner", "orderer": "partner"})):
        page.locator(f"{FORM} select[name=access]").select_option(inputs["access"])
        if "payment" in inputs:
            page.locator(f"{FORM} select[name=payment]").select_option(inputs["payment"])
        view = expected_view("access", inputs, lang)
        wait_value(page, f"{FORM} .kb-results output[name=allowed]", view["allowed"]["value"])
        current = page.locator(f"{FORM} [aria-current=true]:visible")
        assert current.count() == 1
        assert current.locator(".kb-card-title").inner_text() == texts["columns"][column] == texts["columns"][view["column"]["value"]]
        found = box(current)
        assert found["x"] >= 0 and found["right"] <= PHONE["width"], found
        # Every capability of the column is there, label and value.
        assert current.locator("dt").count() == len(texts["capabilities"])


# --- 4. eligibility: nothing judged before an answer ---------------------------------------------

JUDGED = """(form, red) => [...form.querySelectorAll('*')].filter((e) => e.getClientRects().length).filter((e) =>
  getComputedStyle(e).color === red || getComputedStyle(e, '::before').color === red
  || (e.matches('output') && ['true', 'false'].includes(e.dataset.value)) || e.matches('.kb-reason')
).map((e) => e.tagName + '[' + (e.getAttribute('name') || e.className) + ']')"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_eligibility_form_judges_nothing_before_the_reader_answers(open_page, lang):
    page = open_page(lang, "eligibility", DESKTOP, ready=False)
    form = page.locator(FORM)
    texts = texts_of(lang, "eligibility")
    assert form.evaluate(JUDGED, RED) == []  # as built, before any script
    page.wait_for_selector(f"{FORM}[data-state=ready]", state="attached", timeout=READY_MS)
    page.wait_for_function("s => !document.querySelector(s).dataset.stale", arg=FORM, timeout=REPLY_MS)
    assert form.evaluate(JUDGED, RED) == []
    results = form.locator(".kb-results").inner_text()
    assert texts["values"]["false"] not in results.split()
    unanswered = form.locator(".kb-conditions .kb-unanswered:visible")
    assert unanswered.count() == len(texts["conditions"])
    assert set(unanswered.all_inner_texts()) == {texts["messages"]["unanswered"]}
    # The first answer: the verdict and every unmet condition, with its reason, as the API says.
    page.locator(f"{FORM} input[name=registered_company]").focus()
    page.keyboard.press("Space")
    inputs = {**api.defaults("eligibility"), "registered_company": "true"}
    unmet = api.run("eligibility", inputs)["unmet"]
    wait_value(page, f"{FORM} output[name=condition_registered_company]", "true")
    judged = form.evaluate(JUDGED, RED)
    assert unmet and all(f"OUTPUT[condition_{c}]" in judged for c in unmet)
    assert form.locator(".kb-unanswered:visible").count() == 0
    assert form.locator(".kb-reason:visible").count() == len(unmet)


# --- 5. the URL follows the inputs, one history step per committed value ---------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_typing_replaces_the_url_and_committing_adds_one_history_step(open_page, lang):
    page = open_page(lang, "pricing", DESKTOP)
    start = page.url
    length = page.evaluate("history.length")
    quantity = page.locator(f"{FORM} input[name=quantity]")
    quantity.focus()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("12345")
    wait_value(page, f"{FORM} .kb-results output[name=normal_total]", expected_view("pricing", {"quantity": "12345"}, lang)["normal_total"]["value"])
    assert page.evaluate("history.length") == length  # five keystrokes, no step
    assert query(page.url)["quantity"] == "12345"  # but the URL follows them
    page.keyboard.press("Tab")  # committed
    page.wait_for_function("n => history.length === n", arg=length + 1, timeout=REPLY_MS)
    assert query(page.url)["quantity"] == "12345"
    # A list choice is committed at once: one more step.
    page.locator(f"{FORM} select[name=currency]").select_option("EUR")
    page.wait_for_function("n => history.length === n", arg=length + 2, timeout=REPLY_MS)
    # Back: each committed value, then the page as it was opened.
    page.go_back()
    page.wait_for_function("() => new URLSearchParams(location.search).get('currency') === 'CHF'", timeout=REPLY_MS)
    assert quantity.input_value() == "12345"
    page.go_back()
    page.wait_for_url(start)
    assert quantity.input_value() == api.defaults("pricing")["quantity"]
    # A shared URL restores the inputs.
    shared = open_page(lang, "pricing", DESKTOP, "?quantity=70&currency=EUR&partner_discount=10&product=web-hosting&unit_price=&degressive_rate=")
    assert shared.locator(f"{FORM} input[name=quantity]").input_value() == "70"
    view = expected_view("pricing", {"quantity": "70", "currency": "EUR", "partner_discount": "10"}, lang)
    wait_value(shared, f"{FORM} .kb-results output[name=after_discount]", view["after_discount"]["value"])


# --- 6. the language switcher keeps the calculation -------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switcher_opens_the_same_calculation_in_the_other_language(open_page, lang, site_url):
    page = open_page(lang, "pricing", DESKTOP)
    discount = page.locator(f"{FORM} input[name=partner_discount]")
    discount.focus()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(f"15{get_decimal_symbol(LANGUAGES[lang])}5")
    page.keyboard.press("Tab")
    page.locator(f"{FORM} select[name=currency]").select_option("EUR")
    inputs = {"quantity": "35", "currency": "EUR", "partner_discount": "15.5", "product": "web-hosting", "unit_price": "", "degressive_rate": ""}
    view = expected_view("pricing", inputs, lang)
    wait_value(page, f"{FORM} .kb-results output[name=final_total]", view["final_total"]["value"])
    page.wait_for_function("() => !document.querySelector('form[data-calculator]').dataset.stale", timeout=REPLY_MS)
    links = page.locator("a.md-select__link[hreflang]")
    assert links.count() == len(LANGUAGES)
    for index in range(links.count()):
        link = links.nth(index)
        other = link.get_attribute("hreflang")
        href = link.evaluate("a => a.href")
        assert urlsplit(href).path == urlsplit(url(site_url, other, "calculators/pricing/")).path
        # The same inputs, the number written as the other language writes it.
        assert query(href) == {**inputs, "partner_discount": f"15{get_decimal_symbol(LANGUAGES[other])}5"}, other
    other = next(code for code in LANGUAGES if code != lang)
    page.locator(f"a.md-select__link[hreflang={other}]").evaluate("a => a.click()")
    page.wait_for_url(lambda u: urlsplit(u).path == urlsplit(url(site_url, other, "calculators/pricing/")).path)
    page.wait_for_selector(f"{FORM}[data-state=ready]", state="attached", timeout=READY_MS)
    wait_value(page, f"{FORM} .kb-results output[name=final_total]", view["final_total"]["value"])
    assert page.locator(f"{FORM} .kb-results output[name=final_total]").inner_text() == expected_view("pricing", inputs, other)["final_total"]["text"]


# --- 2. the pricing pictures ------------------------------------------------------------------------

PICTURES = """(form) => ({
  bars: Object.fromEntries([...form.querySelectorAll('rect[data-bar]')].map((r) => [r.dataset.bar, r.getBoundingClientRect().width])),
  track: form.querySelector('rect.kb-svg-track').getBoundingClientRect().width,
  mark: form.querySelector('.kb-picture-tiers:not([hidden]) line[data-at]').getBoundingClientRect().x,
  tier: (({x, width}) => x + width / 2)(form.querySelector('.kb-picture-tiers:not([hidden]) rect[data-from]').getBoundingClientRect()),
  axis: (({x, width}) => [x, width])(form.querySelector('.kb-picture-tiers:not([hidden]) line.kb-svg-axis').getBoundingClientRect()),
  tiers: form.querySelectorAll('.kb-picture-tiers:not([hidden]) rect[data-from]').length,
  captions: [...form.querySelectorAll('.kb-picture figcaption')].map((c) => c.textContent),
  hidden: [...form.querySelectorAll('.kb-picture svg')].every((s) => s.getAttribute('aria-hidden') === 'true'),
})"""


def assert_pictures_say(found: dict, view: dict, lang: str) -> None:
    texts = texts_of(lang, "pricing")
    unknown = texts["messages"]["unknown"]
    breakdown, tiers = found["captions"]
    for name in ("normal_total", "after_discount", "final_total"):
        shown = view[name]["text"] if view[name]["value"] else unknown
        assert f"{texts['results'][name]['label']} {shown}" in breakdown, name
        # Each bar is as long as its amount against the normal price (0 when not known).
        share = float(view[name]["value"]) / float(view["normal_total"]["value"]) if view[name]["value"] else 0
        assert found["bars"][name] == pytest.approx(share * found["track"], abs=1.5), name
    assert f"{texts['inputs']['quantity']['label']} {view['quantity']['text']}" in tiers
    rate = view["degressive_rate"]["text"] if view["degressive_rate"]["value"] else unknown
    assert f"{texts['results']['degressive_rate']['label']} {rate}" in tiers
    assert found["hidden"]  # the caption is the text; the drawing is not read out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pricing_pictures_follow_the_result_and_their_text_holds_its_numbers(open_page, lang):
    page = open_page(lang, "pricing", DESKTOP)
    form = page.locator(FORM)
    before = form.evaluate(PICTURES)
    assert_pictures_say(before, expected_view("pricing", api.defaults("pricing"), lang), lang)
    # Only the sourced rows are drawn: the seeds give one (35 web hostings).
    assert before["tiers"] == 1
    assert before["mark"] == pytest.approx(before["tier"], abs=2)  # 35 hostings: the mark is on the sourced row
    for quantity in ("12", "140"):
        page.locator(f"{FORM} input[name=quantity]").fill(quantity)
        page.keyboard.press("Tab")
        view = expected_view("pricing", {"quantity": quantity}, lang)
        wait_value(page, f"{FORM} .kb-results output[name=normal_total]", view["normal_total"]["value"])
        page.wait_for_function("s => !document.querySelector(s).dataset.stale", arg=FORM, timeout=REPLY_MS)
        after = form.evaluate(PICTURES)
        assert_pictures_say(after, view, lang)
        # The reader's mark moved: on the axis, mark and sourced row (35) are where their quantities put them.
        start, length = after["axis"]
        assert (after["mark"] - start) / (after["tier"] - start) == pytest.approx(int(quantity) / 35, rel=0.02)
        assert (after["mark"] < after["tier"]) is (int(quantity) < 35)
        assert (after["mark"], after["tier"]) != pytest.approx((before["mark"], before["tier"]), abs=1)
        assert start <= after["mark"] <= start + length
        assert after["tiers"] == 1
