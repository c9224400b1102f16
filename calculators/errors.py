"""The one exception the calculators raise, and the message keys it carries.

A key is ``<field>.<problem>`` (``quantity.not_integer``); the widgets look it
up in ``docs/<lang>/calculators/<name>.yml`` under ``errors`` and fill its
``{param}`` placeholders from :attr:`InputError.params`.
"""

from __future__ import annotations

# Every problem an input can have, with the parameters its message may use.
PROBLEM_PARAMS: dict[str, tuple[str, ...]] = {
    "missing": (),
    "wrong_type": ("received",),
    "not_a_number": ("value",),
    "not_finite": ("value",),
    "not_integer": ("value",),
    "too_small": ("value", "min"),
    "too_large": ("value", "max"),
    "too_many_decimals": ("value", "places"),
    "not_a_boolean": ("value",),
    "unknown": ("value", "choices"),
}

# Keys of rules that involve more than one field, or the call itself.
KEY_PARAMS: dict[str, tuple[str, ...]] = {
    "unit_price.required": ("product",),
    "payment.required": (),
    "payment.not_with_limited": ("value",),
    "calculator.unknown": ("value", "choices"),
    "inputs.wrong_type": ("received",),
    "inputs.unknown_field": ("allowed",),
    "calculator.internal_error": ("type",),
}

# Keys of the refusals that only reading a typed number makes (calculators.reading), in the widgets:
# a number that reads two ways, or one not written as the page's language writes numbers.
READING_KEY_PARAMS: dict[str, tuple[str, ...]] = {
    "number.ambiguous": ("value", "thousands", "decimals"),
    "number.format": ("value", "decimal", "example"),
}
KEY_PARAMS.update(READING_KEY_PARAMS)


class InputError(ValueError):
    """A bad input: which field, which message key, and the key's parameters.

    ``params`` values are plain strings, so the error serialises to JSON as is.
    """

    def __init__(self, field: str, key: str, params: dict[str, str] | None = None) -> None:
        self.field = field
        self.key = key
        self.params = dict(params or {})
        super().__init__(f"{field}: {key} {self.params}" if self.params else f"{field}: {key}")

    def __reduce__(self):  # keep field/key/params through pickling (e.g. pytest-xdist)
        return (type(self), (self.field, self.key, self.params))


def params_of(key: str) -> tuple[str, ...]:
    """The parameter names that the message of ``key`` may use."""
    if key in KEY_PARAMS:
        return KEY_PARAMS[key]
    return PROBLEM_PARAMS[key.rpartition(".")[2]]
