"""The calculators in the page, in every language, as a prospect uses them.

Each rule is checked against the Python API (``calculators.api.run`` and
``calculators.present``), never against numbers typed here: the result is in the
HTML before Python runs, the live form gives the same values as the API, a bad
field is explained in the reader's language, the URL holds the inputs, and nothing
is fetched from another origin. What the reader types is read with Babel (CLDR),
not with the calculators' own number reading. How long the runtime blocks the
page is a figure of ``python -m benchmarks.calculators``, not a test.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from babel.numbers import NumberFormatError, get_decimal_symbol, parse_decimal

from calculators import api, present, registry
from calculators.errors import InputError
from scripts.render import formatting
from scripts.sources.loader import load
from scripts.sources.tree import CALCULATORS, LANGUAGES, REFERENCE, Tree

pytestmark = pytest.mark.browser
TREE = Tree()

READY_MS = 120_000  # the runtime's first start, with room for a busy, shared machine
REPLY_MS = 30_000
FORM = "form[data-calculator]"
DESKTOP = {"width": 1280, "height": 900}

# Registered before any script of the page runs: each state the form goes through, in order.
RECORDER = """
(() => {
  const kb = (window.__kb = { states: [] });
  new MutationObserver((records) => {
    for (const r of records) kb.states.push(r.target.getAttribute("data-state"));
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
})();
"""

# Every named control of the form: its value as shown, and whether it is sent.
FORM_STATE = """form => Object.fromEntries([...form.querySelectorAll("input[name], select[name]")].map((e) =>
  [e.name, { value: e.type === "checkbox" ? String(e.checked) : e.value, disabled: e.disabled }]))"""
OUTPUTS = """form => Object.fromEntries([...form.querySelectorAll("output[name]")].map((o) =>
  [o.getAttribute("name"), [o.dataset.value, o.textContent]]))"""
CONDITIONAL = """form => [...form.querySelectorAll("[data-show-when], [data-current-when]")].map((e) =>
  [e.dataset.showWhen || null, e.dataset.currentWhen || null, e.hidden, e.getAttribute("aria-current") === "true"])"""


@dataclass(frozen=True)
class Step:
    """One change made by keyboard: type text into a field, choose an option, or tick/untick a box."""

    field: str
    action: str  # "type" | "choose" | "tick"
    value: str


@dataclass(frozen=True)
class Scenario:
    steps: tuple[Step, ...]  # each step is one entry in the browser history
    inputs: dict[str, str]  # what the API must be asked after the steps
    bad: tuple[Step, ...]  # each a bad value, then put back


def decimal_sign(lang: str) -> str:
    return get_decimal_symbol(LANGUAGES[lang])


def scenario(name: str, lang: str) -> Scenario:
    if name == "pricing":
        return Scenario(
            # The reader writes the discount with their own decimal sign ("15,5" in French).
            steps=(Step("quantity", "type", "12"), Step("currency", "choose", "EUR"), Step("partner_discount", "type", f"15{decimal_sign(lang)}5")),
            inputs={"quantity": "12", "currency": "EUR", "partner_discount": "15.5", "product": "web-hosting", "unit_price": "", "degressive_rate": ""},
            # unit_price: an <output> has the same name as this field.
            bad=(Step("quantity", "type", "abc"), Step("partner_discount", "type", "99"), Step("unit_price", "type", "0")),
        )
    if name == "eligibility":
        return Scenario(
            steps=(Step("registered_company", "tick", "true"), Step("active_website", "tick", "true"), Step("currency", "choose", "EUR"),
                   Step("provides_support", "tick", "true"), Step("annual_volume", "type", "1500")),
            inputs={"registered_company": "true", "active_website": "true", "annual_volume": "1500", "currency": "EUR",
                    "provides_support": "true", "handles_invoices": "false", "exclusive_products": "false",
                    "accepts_conditions": "false", "is_affiliate": "false"},
            bad=(Step("annual_volume", "type", "-5"),),
        )
    assert name == "access"
    return Scenario(
        # Limited access last: the payment field is then disabled and no longer sent.
        steps=(Step("payment", "choose", "client"), Step("access", "choose", "limited")),
        inputs={"access": "limited", "orderer": "partner"},
        bad=(),  # every access field is a list of valid choices; see the hand-edited link test
    )


def url(site_url: str, lang: str, path: str) -> str:
    return f"{site_url}/{path}" if lang == REFERENCE else f"{site_url}/{lang}/{path}"


def built_page(site: Path, lang: str, name: str) -> str:
    folder = site if lang == REFERENCE else site / lang
    return (folder / "calculators" / name / "index.html").read_text(encoding="utf-8")


def texts_of(lang: str, name: str) -> dict:
    return {k: v for k, v in load(TREE.calculator_source(lang, name), "calculator").data.items() if k != "source_hash"}


def read_number(text: str, lang: str) -> str:
    """A number as the reader wrote it, read by Babel in the reader's locale ("15,5" in fr -> "15.5"); else as written."""
    try:
        return str(parse_decimal(text, locale=LANGUAGES[lang]))
    except NumberFormatError:
        return text


def api_inputs(name: str, form_state: dict, lang: str) -> dict[str, str]:
    """What the form sends (enabled fields, ticked boxes as "true"/"false"), numbers read in the reader's locale."""
    sent = {field: state["value"] for field, state in form_state.items() if not state["disabled"]}
    return {field: read_number(value, lang) if field in registry.get(name).number_fields else value for field, value in sent.items()}


def expected_view(name: str, inputs: dict, lang: str) -> dict[str, dict[str, str]]:
    return present.view(name, api.run(name, inputs), texts_of(lang, name), formatting.spec(lang))


def expected_error(name: str, inputs: dict, lang: str, typed: str) -> tuple[str, str]:
    """The field and the translated message of the error the API gives for ``inputs``."""
    with pytest.raises(InputError) as caught:
        api.run(name, inputs)
    payload = api.error_payload(caught.value)
    if "value" in payload["params"]:
        payload["params"]["value"] = typed  # the message quotes what the reader typed
    return payload["field"], present.error_message(payload, texts_of(lang, name), formatting.spec(lang))


def holds(condition: str, view: dict) -> bool:
    """``name=value`` (several joined by ``&``) holds for the view's raw values."""
    return all(view.get(n, {}).get("value") == v for n, _, v in (part.partition("=") for part in condition.split("&")))


# --- reading the page -------------------------------------------------------


class _Outputs(HTMLParser):
    """``<output name data-value>text</output>`` and the conditional elements of the raw HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.outputs: dict[str, list[str]] = {}
        self.conditional: list[tuple[str | None, str | None, bool, bool]] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "output":
            self._open = attributes["name"]
            self.outputs[self._open] = [attributes.get("data-value"), ""]
        if "data-show-when" in attributes or "data-current-when" in attributes:
            self.conditional.append((attributes.get("data-show-when"), attributes.get("data-current-when"),
                                     "hidden" in attributes, attributes.get("aria-current") == "true"))

    def handle_endtag(self, tag):
        if tag == "output":
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.outputs[self._open][1] += data


def parse_widget(page_html: str) -> _Outputs:
    start = page_html.index("<form class=\"kb-calculator\"")
    parser = _Outputs()
    parser.feed(page_html[start:page_html.index("</form>", start)])
    return parser


def assert_outputs_are(actual: dict[str, list[str]], view: dict, name: str) -> None:
    """Each <output> shows the view's raw value and text; every result the API names is in the page."""
    expected = {key: [entry["value"], entry["text"]] for key, entry in view.items() if key in actual}
    assert {key: list(value) for key, value in actual.items()} == expected
    assert {key for key in registry.get(name).outputs if key in view} <= set(actual)


def assert_conditional_agree(conditional: list, view: dict) -> None:
    """Blocks shown, and rows or columns highlighted, exactly where the result says."""
    for show_when, current_when, hidden, current in conditional:
        if show_when:
            assert hidden is not holds(show_when, view), f"data-show-when={show_when!r}: hidden={hidden}"
        if current_when:
            assert current is holds(current_when, view), f"data-current-when={current_when!r}: aria-current={current}"


def wait_for_outputs(page, view: dict, name: str) -> None:
    """Wait until the live form shows ``view``, then compare in full (a clear diff on failure)."""
    wanted = {key: entry["value"] for key, entry in view.items()}
    try:
        page.wait_for_function(
            """([sel, wanted]) => [...document.querySelectorAll(sel + " output[name]")].every(
                 (o) => !(o.getAttribute("name") in wanted) || o.dataset.value === wanted[o.getAttribute("name")])""",
            arg=[FORM, wanted], timeout=REPLY_MS,
        )
    except Exception:  # noqa: BLE001, S110 - the comparison below says what differs
        pass
    form = page.locator(FORM)
    assert_outputs_are(form.evaluate(OUTPUTS), view, name)
    assert_conditional_agree(form.evaluate(CONDITIONAL), view)


def wait_until_ready(page) -> None:
    page.wait_for_selector(f"{FORM}[data-state=ready], {FORM}[data-state=error]", state="attached", timeout=READY_MS)
    assert page.locator(FORM).get_attribute("data-state") == "ready", page.locator(".kb-status").inner_text()


def wait_for_message(page, field, message: str) -> None:
    """Wait until an element that describes ``field`` (aria-describedby) reads ``message``."""
    page.wait_for_function(
        """([e, message]) => (e.getAttribute("aria-describedby") || "").split(" ")
             .some((id) => document.getElementById(id)?.textContent === message)""",
        arg=[field.element_handle(), message], timeout=REPLY_MS,
    )


def control(page, field: str):
    return page.locator(f"{FORM} :is(input, select)[name={field}]")


def do(page, step: Step) -> None:
    """One change by keyboard: focus the field, then keys only."""
    element = control(page, step.field)
    element.focus()
    if step.action == "type":
        page.keyboard.press("ControlOrMeta+A")
        if step.value:
            page.keyboard.type(step.value)
        else:
            page.keyboard.press("Delete")
        page.keyboard.press("Tab")  # leaving the field commits the edit
    elif step.action == "choose":
        options = element.evaluate("s => [...s.options].map((o) => o.value)")
        moves = options.index(step.value) - max(element.evaluate("s => s.selectedIndex"), 0)
        for _ in range(abs(moves)):
            page.keyboard.press("ArrowDown" if moves > 0 else "ArrowUp")
    else:
        if str(element.is_checked()).lower() != step.value:
            page.keyboard.press("Space")
    assert element.evaluate("e => e === document.activeElement") or step.action == "type"


def query(page_url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page_url).query, keep_blank_values=True))


# --- fixtures ------------------------------------------------------------------


@pytest.fixture
def context(browser, site_url):
    """A fresh browser context that records the form's states and every request leaving the site."""
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(RECORDER)
    context.foreign_requests = []
    context.on("request", lambda r: None if r.url.startswith((site_url, "data:", "blob:")) else context.foreign_requests.append(r.url))
    yield context
    context.close()


# --- the rules -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CALCULATORS)
def test_the_prerendered_widget_is_the_python_result_for_the_defaults(built_site, lang, name):
    """Before any Python runs in the browser, the HTML already holds the API's result, as present.view shows it."""
    page_html = built_page(built_site, lang, name)
    widget = parse_widget(page_html)
    view = expected_view(name, api.defaults(name), lang)
    assert_outputs_are(widget.outputs, view, name)
    assert_conditional_agree(widget.conditional, view)
    texts = texts_of(lang, name)
    assert f'data-calculator="{name}" data-state="static"' in page_html
    # Compared as text: the page is re-serialized by the sanitizer (an apostrophe is no longer written &#x27;).
    assert 'role="status"' in page_html and texts["status"]["loading"] in html.unescape(page_html)
    if name == "eligibility":  # a blank form: an individual, pointed to the Affiliate Program
        assert view["suggest_affiliate_program"]["value"] == "true"
        assert ("data-show-when=\"suggest_affiliate_program=true\">" + texts["messages"]["affiliate_program"]) in html.unescape(page_html)
    if name == "pricing":  # the seeds' worked example: 35 web hostings, CHF, 20 %
        assert widget.outputs["final_total"][0] == "208.32"
        assert widget.outputs["normal_total"][0] == "347.20"
        assert widget.outputs["after_discount"][0] == "277.76"


def test_the_runtime_wheel_is_locked_with_its_sha256(built_site):
    """The worker loads the calculators wheel with checkIntegrity against the hash in the site's own lock file."""
    runtime = built_site / "assets" / "runtime"
    lock = json.loads((runtime / "pyodide-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["calculators"]
    assert entry["sha256"] == hashlib.sha256((runtime / entry["file_name"]).read_bytes()).hexdigest()
    assert set(lock["packages"]) == {"calculators"}
    worker = (built_site / "assets" / "javascripts" / "calculator-worker.mjs").read_text(encoding="utf-8")
    assert "checkIntegrity: true" in worker


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CALCULATORS)
def test_the_live_calculator_agrees_with_python(context, site_url, lang, name):
    """Loads without leaving the site, gets ready, follows keyboard changes with the API's
    values, flags a bad field with its translated message, keeps the inputs in the URL and the history."""
    page = context.new_page()
    start_url = url(site_url, lang, f"calculators/{name}/")
    page.goto(start_url)
    form = page.locator(FORM)
    defaults_view = expected_view(name, api.defaults(name), lang)

    # Accessible as written: labelled inputs, descriptions that exist, live results and status.
    problems = form.evaluate("""form => [...form.querySelectorAll("input, select")].flatMap((e) => [
        ...(e.id && form.querySelector(`label[for="${e.id}"]`) ? [] : [`${e.name}: no label[for]`]),
        ...(e.getAttribute("aria-describedby") || "").split(" ").filter((id) => !document.getElementById(id)).map((id) => `${e.name}: no #${id}`),
      ])""")
    assert problems == []
    assert form.locator(".kb-results").get_attribute("aria-live") == "polite"
    assert form.locator(".kb-status").get_attribute("role") == "status"

    wait_until_ready(page)
    texts = texts_of(lang, name)
    # Once ready, the form computes its inputs at once: the status says "pending" until that answer is shown.
    page.wait_for_function("([s, t]) => document.querySelector(s).textContent === t", arg=[".kb-status", texts["status"]["ready"]], timeout=REPLY_MS)
    assert page.evaluate("window.__kb.states")[:2] == ["loading", "ready"]
    assert_outputs_are(form.evaluate(OUTPUTS), defaults_view, name)

    # Every field is reached with Tab, in order.
    fields = [f for f, state in form.evaluate(FORM_STATE).items() if not state["disabled"]]
    control(page, fields[0]).focus()
    reached = [page.evaluate("document.activeElement.name")]
    for _ in fields[1:]:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.name"))
    assert reached == fields

    # Changes by keyboard: the API's values, and the inputs in the URL.
    initial_state = form.evaluate(FORM_STATE)
    plan = scenario(name, lang)
    before_last = None
    for step in plan.steps:
        before_last = form.evaluate(FORM_STATE)
        do(page, step)
    state = form.evaluate(FORM_STATE)
    assert api_inputs(name, state, lang) == plan.inputs
    changed_view = expected_view(name, plan.inputs, lang)
    wait_for_outputs(page, changed_view, name)
    result, shown = api.run(name, plan.inputs), form.evaluate(OUTPUTS)
    for key in registry.get(name).outputs:  # the raw values are the API's own, as text
        if not isinstance(result[key], list):
            # An unknown value (no sourced degressive rate for 12 hostings) has an empty data-value.
            raw = "" if result[key] is None else str(result[key]).lower() if isinstance(result[key], bool) else str(result[key])
            assert shown[key][0] == raw, key
    changed_url = page.url
    assert query(changed_url) == {f: s["value"] for f, s in state.items() if not s["disabled"]}
    check_what_the_result_says(page, name, lang, changed_view)
    # The URL is the calculation: opened again (checked at the end, it loads meanwhile), it gives the same result.
    shared = context.new_page()
    shared.goto(changed_url)

    # Back: the values before the last change, then the defaults; forward: the change again.
    page.go_back()
    page.wait_for_function("([sel, value]) => document.querySelector(sel).value === value",
                           arg=[f"{FORM} :is(input, select)[name={plan.steps[-1].field}]", before_last[plan.steps[-1].field]["value"]])
    assert form.evaluate(FORM_STATE) == before_last
    wait_for_outputs(page, expected_view(name, api_inputs(name, before_last, lang), lang), name)
    # Back to where the reader came in (a URL without inputs): the build's defaults again.
    for _ in plan.steps[1:]:
        page.go_back()
    page.wait_for_url(start_url)
    wait_for_outputs(page, defaults_view, name)
    assert form.evaluate(FORM_STATE) == initial_state
    for _ in plan.steps:
        page.go_forward()
    page.wait_for_url(changed_url)
    wait_for_outputs(page, changed_view, name)

    # A bad value: the field is marked, its message (in the reader's language) is what describes it; put back, all clears.
    for step in plan.bad:
        good = form.evaluate(FORM_STATE)[step.field]["value"]
        do(page, step)
        field, message = expected_error(name, {**plan.inputs, step.field: step.value}, lang, step.value)
        assert field == step.field
        bad = control(page, step.field)
        wait_for_message(page, bad, message)
        assert bad.get_attribute("aria-invalid") == "true"
        described = [page.locator(f"#{ident}") for ident in bad.get_attribute("aria-describedby").split()]
        assert message in [d.inner_text() for d in described if d.is_visible()]
        do(page, Step(step.field, "type", good))
        page.wait_for_function("e => !e.hasAttribute('aria-invalid')", arg=bad.element_handle(), timeout=REPLY_MS)
        assert all(d.inner_text() == "" and not d.is_visible() for d in described if "error" in (d.get_attribute("id") or ""))
        wait_for_outputs(page, changed_view, name)

    page.close()

    wait_until_ready(shared)
    assert api_inputs(name, shared.locator(FORM).evaluate(FORM_STATE), lang) == plan.inputs
    wait_for_outputs(shared, changed_view, name)
    shared.close()

    assert context.foreign_requests == []


def check_what_the_result_says(page, name: str, lang: str, view: dict) -> None:
    """What each calculator must tell the reader, beyond the values."""
    texts = texts_of(lang, name)
    form = page.locator(FORM)
    if name == "pricing":
        # The reader's tier is the one row highlighted, in the visible table.
        current = form.locator("tr[aria-current=true]")
        tier = api.run("pricing", scenario(name, lang).inputs)["tier"]
        if tier is None:
            # No sourced rate covers 12 hostings: no row is the reader's, and the final price says what is missing.
            final = form.locator("output[name='final_total']").first
            assert current.count() == 0 and final.get_attribute("data-value") == "" and "12" in final.inner_text()
        else:
            assert current.count() == 1 and current.is_visible()
            assert current.locator("td").first.inner_text() == str(tier["min_quantity"])
    elif name == "eligibility":
        # Each condition met or not; every unmet one with its reason.
        unmet = set(api.run("eligibility", scenario(name, lang).inputs)["unmet"])
        assert unmet
        for condition in texts["conditions"]:
            reason = form.locator(f"output[name=condition_reason_{condition}]")
            assert form.locator(f"output[name=condition_{condition}]").get_attribute("data-value") == str(condition not in unmet).lower()
            assert reason.is_visible() is (condition in unmet)
            if condition in unmet:
                assert reason.inner_text() == view[f"condition_reason_{condition}"]["text"] != ""
        # A registered company is not pointed to the Affiliate Program (the defaults, an individual, are).
        affiliate = form.locator(".kb-note", has_text=texts["messages"]["affiliate_program"])
        assert affiliate.is_visible() is (view["suggest_affiliate_program"]["value"] == "true") is False
    else:
        # Limited access: no payment methods to choose, and the partner cannot order.
        assert control(page, "payment").is_disabled()
        assert view["allowed"]["value"] == "false"
        note = form.locator(".kb-note", has_text=texts["messages"]["not_allowed"])
        assert note.is_visible()
        assert form.locator(".kb-compare th[aria-current=true]").inner_text() == texts["columns"]["limited"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_hand_edited_access_link_is_flagged_then_fixed_by_keyboard(context, site_url, lang):
    """An access type that does not exist in a shared link: the field says what to do, in the reader's language."""
    page = context.new_page()
    page.goto(url(site_url, lang, "calculators/access/") + "?access=everyone&orderer=partner")
    wait_until_ready(page)
    field, message = expected_error("access", {"access": "", "orderer": "partner"}, lang, "")
    assert field == "access"
    access = control(page, "access")
    wait_for_message(page, access, message)
    assert access.get_attribute("aria-invalid") == "true"
    assert page.locator("#access-access-error").inner_text() == message
    assert "access-access-error" in access.get_attribute("aria-describedby").split()
    do(page, Step("access", "choose", "full"))
    page.wait_for_function("e => !e.hasAttribute('aria-invalid')", arg=access.element_handle(), timeout=REPLY_MS)
    assert not page.locator("#access-access-error").is_visible()
    wait_for_outputs(page, expected_view("access", api_inputs("access", page.locator(FORM).evaluate(FORM_STATE), lang), lang), "access")
    assert context.foreign_requests == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CALCULATORS)
def test_without_the_runtime_the_prerendered_result_stays_and_the_page_says_so(context, site_url, lang, name):
    """The WebAssembly runtime cannot be fetched: the form goes to "error", the status says so, the result stays."""
    context.route("**/assets/runtime/pyodide.asm.wasm", lambda route: route.abort())
    page = context.new_page()
    page.goto(url(site_url, lang, f"calculators/{name}/"))
    page.wait_for_selector(f"{FORM}[data-state=error]", state="attached", timeout=READY_MS)
    assert page.locator(".kb-status").inner_text() == texts_of(lang, name)["status"]["error"]
    assert_outputs_are(page.locator(FORM).evaluate(OUTPUTS), expected_view(name, api.defaults(name), lang), name)


def test_a_tampered_wheel_is_refused(context, site_url, built_site):
    """Integrity checking is on: a wheel whose bytes differ from the lock's sha256 never runs."""
    wheel = next((built_site / "assets" / "runtime").glob("calculators-*.whl"))
    body = bytearray(wheel.read_bytes())
    body[-1] ^= 0xFF  # one bit pattern changed: still a file of the right size
    body = bytes(body)
    context.route("**/assets/runtime/calculators-*.whl", lambda route: route.fulfill(status=200, content_type="application/zip", body=body))
    page = context.new_page()
    page.goto(url(site_url, REFERENCE, "calculators/pricing/"))
    page.wait_for_selector(f"{FORM}[data-state=error], {FORM}[data-state=ready]", state="attached", timeout=READY_MS)
    assert page.locator(FORM).get_attribute("data-state") == "error"
    assert page.locator(".kb-results output[name=final_total]").get_attribute("data-value") == "208.32"


def test_pages_without_a_calculator_load_none_of_the_runtime(context, site_url):
    """A guide page fetches neither the glue, the worker nor Pyodide."""
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(url(site_url, REFERENCE, "guides/add-a-client/"))
    page.wait_for_load_state("networkidle")
    assert [u for u in fetched if re.search(r"calculators\.js|calculator-worker|/assets/runtime/", u)] == []
