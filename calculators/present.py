"""What a widget shows: results and errors in the reader's words and number format.

The build prerenders each widget with :func:`view` (``scripts/render/widgets.py``) and
the browser's Web Worker calls :func:`handle_json` on every input change, so
the page shows the same text before and after Python runs in the browser.

``texts`` is one ``docs/<lang>/calculators/<name>.yml`` as data; ``spec`` the
locale's number conventions (see ``calculators.numbers``). A view maps each
``<output name>`` to ``{"value": raw, "text": shown}``; the glue script also
uses the raw values to show or hide ``[data-show-when="name=value"]`` blocks.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from calculators import access, api, numbers, reading, registry
from calculators._inputs import _echo
from calculators.errors import InputError
from calculators.grammar import fill_parameters

# Output name -> how to show it; anything else is a value id the texts label.
_MONEY = frozenset(
    {"unit_price", "normal_total", "after_discount", "final_total", "final_per_hosting", "cashback",
     "min_volume", "volume_shortfall"}
)
_PERCENT = frozenset({"degressive_rate", "total_reduction", "partner_discount"})
# Error parameters that are bounds: shown in the reader's number format.
_BOUNDS = ("min", "max")
# Blanks a translator may leave in a sentence (not the no-break spaces of amounts).
_BLANKS = str.maketrans("\t\r\n", "   ")
# Money is always shown with at least this many decimals.
_CENTS = 2


def _label(texts: dict, value: Any) -> str:
    key = str(value).lower() if isinstance(value, bool) else str(value)
    return texts.get("values", {}).get(key, key)


def _money(value: Any, currency: str, spec: dict) -> str:
    """An amount in the reader's format, always with the cents ("CHF 9.50", never "CHF 9.5")."""
    amount = Decimal(value)
    return numbers.money(amount, currency, spec, places=max(_CENTS, numbers.places_of(amount)))


def _shown(name: str, value: Any, texts: dict, spec: dict, currency: str | None) -> str:
    if value is None:  # not known (a degressive rate no source gives): the texts say so
        return texts.get("messages", {}).get("unknown", "")
    if name in _MONEY:
        return _money(value, currency or "", spec)
    if name in _PERCENT:
        return numbers.percent(Decimal(value), spec)
    return _label(texts, value)


def _raw(value: Any) -> str:
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _entry(value: Any, text: str) -> dict[str, str]:
    return {"value": _raw(value), "text": text}


def view(calculator: str, result: dict[str, Any], texts: dict, spec: dict) -> dict[str, dict[str, str]]:
    """The outputs of one result, each as its raw value and its text in the reader's language."""
    currency = result.get("currency")
    out = {
        name: _entry(result.get(name), _shown(name, result.get(name), texts, spec, currency))
        for name in registry.get(calculator).outputs
        if name in result and not isinstance(result[name], list)
    }
    out.update(_VIEWS[calculator](result, texts, spec))
    return out


def _view_pricing(result: dict, texts: dict, spec: dict) -> dict[str, dict[str, str]]:
    messages = texts["messages"]
    params = {"unit_price": _money(result["unit_price"], result["currency"], spec), "quantity": numbers.number(Decimal(result["quantity"]), spec)}
    key = "unit_price_given" if result["unit_price_given"] else "unit_price_program"
    tier = result["tier"]
    index = "" if tier is None else next(i for i, t in enumerate(result["tiers"]) if t == tier)
    out = {
        "unit_price_note": _entry(key, _tidy(fill_parameters(messages[key], params))),
        "rate_known": _entry(result["rate_known"], ""),
        "product": _entry(result["product"], texts["inputs"]["product"]["options"].get(result["product"], "")),
        "tier_index": _entry(index, str(index)),
        # The quantity as Python read it, in the reader's format: the pictures mark it on the rates' axis.
        "quantity": _entry(result["quantity"], params["quantity"]),
    }
    if not result["rate_known"]:
        # No final price without a rate: the result says what is missing for it.
        missing = _tidy(fill_parameters(messages["rate_missing"], params))
        out["final_total"] = _entry(None, missing)
    return out


def _view_eligibility(result: dict, texts: dict, spec: dict) -> dict[str, dict[str, str]]:
    currency = result["currency"]
    params = {
        "min_volume": _money(result["min_volume"], currency, spec),
        "volume_shortfall": _money(result["volume_shortfall"], currency, spec),
    }
    out = {"suggest_affiliate_program": _entry(result["suggest_affiliate_program"], "")}
    for condition, words in texts["conditions"].items():
        met = condition not in result["unmet"]
        out[f"condition_{condition}"] = _entry(met, _label(texts, met))
        out[f"condition_text_{condition}"] = _entry(condition, _tidy(fill_parameters(words["text"], params)))
        out[f"condition_reason_{condition}"] = _entry(condition, _tidy(fill_parameters(words.get("reason", ""), params)))
    return out


def _tidy(text: str) -> str:
    """``text`` on one line, its blanks collapsed; the no-break spaces of a formatted amount are kept."""
    return " ".join(part for part in text.translate(_BLANKS).split(" ") if part)


def _view_access(result: dict, texts: dict, spec: dict) -> dict[str, dict[str, str]]:
    return {"column": _entry(result["column"], texts.get("columns", {}).get(result["column"], result["column"]))}


# What each calculator shows besides its outputs: the function ``_view_<name>`` above, one per registered calculator.
_VIEWS = {name: globals()[f"_view_{name}"] for name in registry.NAMES}


def error_message(payload: dict[str, Any], texts: dict, spec: dict | None = None) -> str:
    """The translated message of an ``api.error_payload``, its ``{params}`` filled
    (bounds such as ``{max}`` in the reader's number format when ``spec`` is given)."""
    template = texts.get("errors", {}).get(payload["key"]) or texts.get("errors", {}).get(
        "calculator.internal_error", payload["key"]
    )
    params = {k: str(v) for k, v in payload.get("params", {}).items()}
    for name in _BOUNDS:
        if spec and name in params:
            try:
                params[name] = numbers.number(Decimal(params[name]), spec)
            except ArithmeticError:
                pass  # not a number: shown as it came
    return fill_parameters(template, params)


def read_number(text: str, spec: dict, field: str = "number") -> Decimal:
    """A number as a reader of ``spec``'s locale writes it (``"2.000,50"`` in de, it, es,
    ``"2,000.50"`` in en, ``"2 000,50"`` in fr, Swiss ``"2’000.50"`` in en and ``"2’000,50"``
    elsewhere), as a ``Decimal``: see :mod:`calculators.reading` for the rule.

    Refusals are :class:`InputError` on ``field``: ``<field>.missing``, ``<field>.not_a_number``,
    or ``number.ambiguous`` (``"2.000"`` where it could be 2 or 2000) and ``number.format``
    (a sign the language does not use that way), whose params say what was understood."""
    try:
        return reading.read(text, spec)
    except reading.Unreadable as refusal:
        key = f"number.{refusal.problem}" if f"number.{refusal.problem}" in reading.KEY_PARAMS else f"{field}.{refusal.problem}"
        raise InputError(field, key, refusal.params) from None


def _read_inputs(calculator: str, inputs: Any, spec: dict) -> tuple[Any, dict[str, str]]:
    """``inputs`` with its number fields read by :func:`read_number` (blank ones are left to the
    calculators: "not given" or ``missing``); also the originals, as the reader typed them."""
    if not isinstance(inputs, dict) or not spec:
        return inputs, {}
    read, originals = dict(inputs), {}
    for name in registry.get(calculator).number_fields:
        value = inputs.get(name)
        if isinstance(value, str) and value.strip():
            read[name], originals[name] = read_number(value, spec, name), value
    return read, originals


def comparison(texts: dict) -> dict[str, Any]:
    """The access comparison table in the reader's words: column titles and labelled rows."""
    table = access.compare()
    return {
        "columns": [(c["id"], texts["columns"][c["id"]]) for c in table["columns"]],
        "rows": [
            (row["id"], texts["capabilities"][row["id"]], [_label(texts, v) for v in row["values"]])
            for row in table["rows"]
        ],
    }


def handle(calculator: str, inputs: dict[str, Any], setup: dict[str, Any]) -> dict[str, Any]:
    """One widget request: ``{"result", "view"}`` or ``{"error"}``; never raises.

    ``setup`` is ``{"texts", "spec"}``: the page's widget texts and its locale's
    number conventions. Number inputs are read as the reader wrote them
    (:func:`read_number`); an error about one echoes the reader's own writing.
    """
    texts, spec = _mapping(setup, "texts"), _mapping(setup, "spec")
    originals: dict[str, str] = {}
    try:
        read, originals = _read_inputs(calculator, inputs, spec)
        result = api.run(calculator, read)
        return {"result": result, "view": view(calculator, result, texts, spec)}
    except Exception as exc:  # noqa: BLE001 - the page must always get an answer (api.error_payload sorts bugs out)
        payload = api.error_payload(exc)
    if payload["field"] in originals and "value" in payload["params"]:
        payload["params"]["value"] = _echo(originals[payload["field"]])  # the reader's own writing, echoed as _inputs does
    try:
        message = error_message(payload, texts, spec)
    except Exception:  # noqa: BLE001 - texts of the wrong shape: the key itself is still an answer
        message = payload["key"]
    return {"error": {**payload, "message": message}}


def _mapping(setup: Any, key: str) -> dict:
    value = setup.get(key) if isinstance(setup, dict) else None
    return value if isinstance(value, dict) else {}


# Bounds checked before any parsing: a form's inputs are a few short strings, its setup (texts and
# number symbols) some kilobytes; neither nests more than a few levels.
MAX_INPUTS_CHARS = 16 * 1024
MAX_SETUP_CHARS = 1024 * 1024
MAX_JSON_DEPTH = 16


def _bounded_json(text: Any, limit: int) -> Any:
    """``json.loads(text)`` if ``text`` is a string within ``limit`` characters and nesting; None otherwise."""
    if not isinstance(text, str) or len(text) > limit:
        return None
    depth = deepest = 0
    for char in text:  # brackets inside strings count too: an upper bound is enough here
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if deepest > MAX_JSON_DEPTH:
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None


def handle_json(calculator: Any, inputs_json: Any, setup_json: Any) -> str:
    """The Web Worker's entry point: JSON in, JSON out (:func:`handle`'s answer); never raises.

    Inputs and setup are read separately: inputs that are not JSON (or too large or deep) are
    answered with a translated error from a setup that is still good.
    """
    inputs = _bounded_json(inputs_json, MAX_INPUTS_CHARS)
    setup = _bounded_json(setup_json, MAX_SETUP_CHARS)
    return json.dumps(handle(calculator, inputs, setup if isinstance(setup, dict) else {}), ensure_ascii=False)
