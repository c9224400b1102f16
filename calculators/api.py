"""The calculators as the widgets call them: form text in, JSON-able data out.

:mod:`calculators.present` (the Web Worker's entry point, and the build's
prerendering of each widget on its defaults) calls :func:`run` and
:func:`error_payload`. The calculators themselves, their inputs, outputs and
defaults are listed once, in :mod:`calculators.registry`. Decimals leave as
plain strings (``"208.32"``), so JavaScript never rounds them.

An input absent from the form is *no* for a yes/no field (an unticked checkbox
sends nothing), the function's default where it has one, and otherwise the
error ``<field>.missing``.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import is_dataclass
from decimal import Decimal
from typing import Any

from calculators import registry
from calculators._inputs import Boolean
from calculators.errors import InputError
from calculators.money import plain


def _json(value: Any) -> Any:
    """``value`` with every ``Decimal`` as plain text, tuples as lists and dataclasses as dicts."""
    if isinstance(value, Decimal):
        return plain(value)
    if is_dataclass(value) and not isinstance(value, type):
        value = vars(value)
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(item) for item in value]
    return value


def error_keys(calculator: str) -> frozenset[str]:
    """Every message key that a call of ``calculator`` can produce."""
    return registry.get(calculator).error_keys


def defaults(calculator: str) -> dict[str, str]:
    """The form's initial inputs, as the form sends them (text)."""
    return dict(registry.get(calculator).defaults)


def run(calculator: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Run ``calculator`` on form ``inputs``; a JSON-able dict, or :class:`InputError`."""
    spec = registry.get(calculator)
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
    result = spec.function(**arguments)
    return _json(vars(result) | spec.extras(result))


def error_payload(exc: BaseException) -> dict[str, Any]:
    """``{"field", "key", "params"}`` for the widget to translate; any other
    exception (a bug) becomes the ``calculator.internal_error`` key."""
    if isinstance(exc, InputError):
        return {"field": exc.field, "key": exc.key, "params": dict(exc.params)}
    return {"field": None, "key": "calculator.internal_error", "params": {"type": type(exc).__name__}}
