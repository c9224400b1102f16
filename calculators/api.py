"""The calculators as the widgets call them: form text in, JSON-able data out.

The browser's Web Worker calls :func:`run_json` (or :func:`run` and
:func:`error_payload`) inside Pyodide; the build calls :func:`run` with
:func:`defaults` to prerender each widget. Inputs are named like the keyword
arguments of the calculator functions; outputs like the ``<output name>``
elements of the widget (:data:`OUTPUTS`). Decimals leave as plain strings
(``"208.32"``), so JavaScript never rounds them.

An input absent from the form is *no* for a yes/no field (an unticked checkbox
sends nothing), the function's default where it has one, and otherwise the
error ``<field>.missing``.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from calculators import access, eligibility, facts, pricing
from calculators._inputs import Boolean, Field
from calculators.errors import InputError
from calculators.money import plain

# Keys any call can produce, whichever the calculator.
CALL_ERROR_KEYS = ("calculator.unknown", "inputs.wrong_type", "inputs.unknown_field", "calculator.internal_error")


@dataclass(frozen=True)
class _Calculator:
    function: Callable[..., Any]
    fields: dict[str, Field]
    other_error_keys: tuple[str, ...]
    serialise: Callable[[Any], dict[str, Any]]
    defaults: dict[str, str]


def _json(value: Any) -> Any:
    """``value`` with every ``Decimal`` as plain text and tuples as lists."""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(item) for item in value]
    return value


def _tier(tier: facts.Tier) -> dict[str, Any]:
    return _json(vars(tier))


def _quote(result: pricing.Quote) -> dict[str, Any]:
    data = {name: _json(getattr(result, name)) for name in vars(result) if name != "tier"}
    data["provisional"] = result.provisional
    data["tier"] = _tier(result.tier)
    data["tiers"] = [_tier(tier) for tier in pricing.tiers(result.product)]
    return data


def _flat(result: Any) -> dict[str, Any]:
    return _json(dict(vars(result)))


_CALCULATORS: dict[str, _Calculator] = {
    "eligibility": _Calculator(
        eligibility.check,
        eligibility.FIELDS,
        eligibility.OTHER_ERROR_KEYS,
        _flat,
        # A blank form: each condition is unmet until the prospect ticks it.
        {"annual_volume": "0", "currency": facts.CURRENCIES[0]}
        | {name: "" for name, field in eligibility.FIELDS.items() if isinstance(field, Boolean)},
    ),
    "access": _Calculator(
        access.scenario,
        access.FIELDS,
        access.OTHER_ERROR_KEYS,
        _flat,
        # The one setting where the partner gets the discount.
        {"access": "full", "payment": "partner", "orderer": "partner"},
    ),
    "pricing": _Calculator(
        pricing.quote,
        pricing.FIELDS,
        pricing.OTHER_ERROR_KEYS,
        _quote,
        # The worked example of the discount-and-cashback guide.
        {
            "quantity": str(facts.EXAMPLE_QUANTITY),
            "currency": facts.CURRENCIES[0],
            "partner_discount": plain(facts.EXAMPLE_PARTNER_DISCOUNT),
            "product": facts.EXAMPLE_PRODUCT,
            "unit_price": "",
        },
    ),
}
CALCULATORS = tuple(_CALCULATORS)

# The names of each widget's <output> elements, each labelled in the texts.
OUTPUTS: dict[str, tuple[str, ...]] = {
    "eligibility": ("eligible", "unmet", "min_volume", "volume_shortfall"),
    "access": (
        "allowed",
        "payer",
        "partner_benefit",
        "invoices_visible_to",
        "products_installed_in",
        "access_type_changed_by",
    ),
    "pricing": (
        "unit_price",
        "normal_total",
        "after_discount",
        "degressive_rate",
        "final_total",
        "final_per_hosting",
        "total_reduction",
        "cashback",
    ),
}


def _get(calculator: Any) -> _Calculator:
    if isinstance(calculator, str) and calculator in _CALCULATORS:
        return _CALCULATORS[calculator]
    value = calculator if isinstance(calculator, str) else type(calculator).__name__
    raise InputError("calculator", "calculator.unknown", {"value": value[:40], "choices": ", ".join(CALCULATORS)})


def error_keys(calculator: str) -> frozenset[str]:
    """Every message key that a call of ``calculator`` can produce."""
    spec = _get(calculator)
    keys = {f"{name}.{problem}" for name, field in spec.fields.items() for problem in field.problems}
    return frozenset(keys | set(spec.other_error_keys) | set(CALL_ERROR_KEYS))


def defaults(calculator: str) -> dict[str, str]:
    """The form's initial inputs, as the form sends them (text)."""
    return dict(_get(calculator).defaults)


def run(calculator: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Run ``calculator`` on form ``inputs``; a JSON-able dict, or :class:`InputError`."""
    spec = _get(calculator)
    if not isinstance(inputs, Mapping):
        raise InputError("inputs", "inputs.wrong_type", {"received": type(inputs).__name__})
    for name in inputs:
        if name not in spec.fields:
            field = name[:40] if isinstance(name, str) else type(name).__name__
            raise InputError(field, "inputs.unknown_field", {"allowed": ", ".join(spec.fields)})
    parameters = inspect.signature(spec.function).parameters
    arguments: dict[str, Any] = {}
    for name, field in spec.fields.items():
        if name in inputs:
            arguments[name] = inputs[name]
        elif isinstance(field, Boolean):
            arguments[name] = False
        elif parameters[name].default is inspect.Parameter.empty:
            raise InputError(name, f"{name}.missing")
    return spec.serialise(spec.function(**arguments))


def error_payload(exc: BaseException) -> dict[str, Any]:
    """``{"field", "key", "params"}`` for the widget to translate; any other
    exception (a bug) becomes the ``calculator.internal_error`` key."""
    if isinstance(exc, InputError):
        return {"field": exc.field, "key": exc.key, "params": dict(exc.params)}
    return {"field": None, "key": "calculator.internal_error", "params": {"type": type(exc).__name__}}


def run_json(message: str) -> str:
    """The Web Worker's entry point: ``{"id", "calculator", "inputs"}`` as JSON in,
    ``{"id", "result"}`` or ``{"id", "error"}`` as JSON out. Never raises."""
    reply: dict[str, Any] = {"id": None}
    try:
        try:
            request = json.loads(message)
        except (TypeError, ValueError):
            request = message  # reported below as the wrong type
        if not isinstance(request, dict):
            raise InputError("inputs", "inputs.wrong_type", {"received": type(request).__name__})
        reply["id"] = request.get("id")
        reply["result"] = run(request.get("calculator"), request.get("inputs", {}))
    except Exception as exc:  # the worker must always get an answer
        reply["error"] = error_payload(exc)
    return json.dumps(reply, ensure_ascii=False)
