"""The JSON Schemas of the sources (``schemas/<name>.schema.json``): verdict and messages.

The schemas are the ones translators' editors use. Two validators read them:

- jsonschema-rs (Rust) gives the verdict: it is what ``kb check`` pays for
  every file, and it costs a small fraction of the Python ``jsonschema``;
- ``jsonschema`` (Python) gives the messages when a file is invalid, which
  ``describe()`` turns into a translator's words. It also has the last word
  when jsonschema-rs refuses: patterns follow ECMA-262 there, where ``$`` does
  not match before a final newline as Python's ``re`` does, so a text that
  ends with a newline would otherwise fail a ``^[^\\n]+$`` pattern in
  jsonschema-rs only. ``is_valid`` is therefore exactly ``jsonschema``'s verdict
  as long as jsonschema-rs never accepts what ``jsonschema`` refuses
  (tests/scripts/sources/test_fastload.py checks both on every project source
  and on generated mutations of them).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


@functools.cache
def _document(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@functools.cache
def reference(name: str) -> jsonschema.Draft202012Validator:
    """The ``jsonschema`` validator of ``name``: the messages, and the last word on a refusal."""
    return jsonschema.Draft202012Validator(_document(name))


@functools.cache
def _verdict(name: str) -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator(_document(name))


def fast_verdict(data: Any, name: str) -> bool | None:
    """jsonschema-rs's verdict on ``data``; None for data it cannot take (not JSON-like)."""
    try:
        return _verdict(name).is_valid(data)
    except ValueError:
        return None


def errors(data: Any, name: str) -> list[jsonschema.ValidationError]:
    """Every schema error of ``data``, from ``jsonschema``; none without asking it when jsonschema-rs accepts."""
    if fast_verdict(data, name):
        return []
    return list(reference(name).iter_errors(data))


def is_valid(data: Any, name: str) -> bool:
    """Whether ``data`` is valid against ``schemas/<name>.schema.json`` (``jsonschema``'s verdict)."""
    return fast_verdict(data, name) or reference(name).is_valid(data)


def describe(error: jsonschema.ValidationError) -> str:
    """A schema error in a translator's words: where, what was found, what was expected."""
    where = ".".join(str(p) for p in error.absolute_path) or "top level"
    kind = error.validator
    if kind == "oneOf" and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        detail = describe(best).removeprefix(f"{where}: ") if best is not None else error.message
        return f"{where}: expected text, or a mapping with text and substeps ({detail})"
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        return f"{where}: unknown key {', '.join(map(repr, extra))}; expected one of: {', '.join(allowed)}"
    if kind == "required":
        return f"{where}: missing key {error.message.split(' is a required')[0]}"
    if kind == "type":
        return f"{where}: expected {_type_words(error.validator_value)}, got {_value_words(error.instance)}"
    if kind == "enum":
        choices = ", ".join(map(str, error.validator_value))
        return f"{where}: expected one of {choices}, got {error.instance!r}"
    if kind == "pattern":
        if error.validator_value == "^[^\\n]+$":
            return f"{where}: expected a single line of text"
        if "[a-z0-9]+(-" in error.validator_value:
            return f"{where}: expected lowercase words joined by hyphens (like add-a-client), got {error.instance!r}"
        return f"{where}: {error.instance!r} does not match the expected form {error.validator_value}"
    if kind == "minLength":
        return f"{where}: expected text, got an empty string"
    if kind == "minItems":
        return f"{where}: expected at least {error.validator_value} item(s)"
    if kind == "maxItems":
        return f"{where}: expected at most {error.validator_value} item(s)"
    if kind == "uniqueItems":
        return f"{where}: the same item is listed twice"
    return f"{where}: {error.message}"


def _type_words(expected: str | list[str]) -> str:
    names = {"string": "text", "object": "a mapping of keys", "array": "a list", "integer": "a whole number"}
    if isinstance(expected, list):
        return " or ".join(names.get(t, t) for t in expected)
    return names.get(expected, expected)


def _value_words(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "a mapping of keys"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
