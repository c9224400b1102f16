"""Reading one input value, from Python or from an HTML form, into a checked value.

What is accepted, the same for every calculator:

- numbers: ``Decimal``, ``int`` or text (``"35"``, ``" 20.5 "``, ``"3.5e1"``);
  ``bool`` is not a number, and ``float`` is refused (``wrong_type``): a binary
  float is not the decimal a person typed, and the forms send text anyway;
- NaN is ``not_a_number``, an infinity ``not_finite``;
- yes/no: ``bool`` or the text ``true/false``, ``on/off``, ``yes/no``, ``1/0``,
  any case; the empty text is *no* (an unticked checkbox sends nothing);
- choices: text, surrounding blanks and case ignored (``" chf "`` is ``CHF``);
- the empty text in a required number or choice is ``missing``; in an optional
  one it means "not given".

Every refusal is an :class:`~calculators.errors.InputError`; nothing else leaves
these functions, whatever the value or its type.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from typing import Any

from calculators.errors import InputError
from calculators.money import CONTEXT, plain

_ECHO_LIMIT = 40  # characters of a bad value repeated in a message
_TEXT_LIMIT = 100  # longer text is not a number anyone typed
_TRUE = frozenset({"true", "on", "yes", "1"})
_FALSE = frozenset({"false", "off", "no", "0", ""})


def _echo(value: Any) -> str:
    """A short, safe rendering of a bad value for the message's ``{value}``."""
    if isinstance(value, (str, int, Decimal)):
        try:
            text = str(value).strip()
        except ValueError:  # an int too long to print
            text = "…"
    else:
        text = type(value).__name__
    return text if len(text) <= _ECHO_LIMIT else text[: _ECHO_LIMIT - 1] + "…"


def _fail(field: str, problem: str, **params: str) -> InputError:
    return InputError(field, f"{field}.{problem}", params)


def _type_name(value: Any) -> str:
    return type(value).__name__


def _decimal(field: str, value: Any) -> Decimal:
    """Any accepted number form as a finite ``Decimal``."""
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        raise _fail(field, "wrong_type", received=_type_name(value))
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise _fail(field, "missing")
        if len(text) > _TEXT_LIMIT:
            raise _fail(field, "not_a_number", value=_echo(value))
        try:
            with localcontext(CONTEXT):
                number = Decimal(text)
        except (InvalidOperation, ValueError):
            raise _fail(field, "not_a_number", value=_echo(value)) from None
    elif isinstance(value, int):
        try:
            number = Decimal(value)
        except ValueError:  # pure-Python decimal cannot take ints past 4300 digits
            number = Decimal("1E+4300") * (1 if value > 0 else -1)
    else:
        number = value
    if number.is_nan():
        raise _fail(field, "not_a_number", value=_echo(value))
    if number.is_infinite():
        raise _fail(field, "not_finite", value=_echo(value))
    return Decimal(0) if number == 0 else number  # -0 is 0


@dataclass(frozen=True)
class Integer:
    """A whole number within ``minimum``..``maximum``."""

    minimum: int
    maximum: int
    problems = ("missing", "wrong_type", "not_a_number", "not_finite", "not_integer", "too_small", "too_large")

    def parse(self, field: str, value: Any) -> int:
        number = _decimal(field, value)
        with localcontext(CONTEXT):
            if number != number.to_integral_value():
                raise _fail(field, "not_integer", value=_echo(value))
            if number < self.minimum:
                raise _fail(field, "too_small", value=_echo(value), min=str(self.minimum))
            if number > self.maximum:
                raise _fail(field, "too_large", value=_echo(value), max=str(self.maximum))
        return int(number)


@dataclass(frozen=True)
class Number:
    """A decimal from ``minimum`` (excluded when ``exclusive_minimum``) up to
    ``maximum``, with at most ``places`` decimals (``None``: no such bound)."""

    minimum: Decimal
    maximum: Decimal | None = None
    places: int | None = None
    exclusive_minimum: bool = False

    @property
    def problems(self) -> tuple[str, ...]:
        found = ("missing", "wrong_type", "not_a_number", "not_finite", "too_small")
        if self.maximum is not None:
            found += ("too_large",)
        if self.places is not None:
            found += ("too_many_decimals",)
        return found

    def parse(self, field: str, value: Any) -> Decimal:
        number = _decimal(field, value)
        with localcontext(CONTEXT):
            if number < self.minimum or (self.exclusive_minimum and number == self.minimum):
                raise _fail(field, "too_small", value=_echo(value), min=plain(self.minimum))
            if self.maximum is not None and number > self.maximum:
                raise _fail(field, "too_large", value=_echo(value), max=plain(self.maximum))
            # Bounded above, so the quantize below fits the context.
            if self.places is not None and number != number.quantize(Decimal(1).scaleb(-self.places)):
                raise _fail(field, "too_many_decimals", value=_echo(value), places=str(self.places))
        return number


@dataclass(frozen=True)
class Boolean:
    """Yes or no; see the module docstring for the accepted texts."""

    problems = ("wrong_type", "not_a_boolean")

    def parse(self, field: str, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if not isinstance(value, str):
            raise _fail(field, "wrong_type", received=_type_name(value))
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise _fail(field, "not_a_boolean", value=_echo(value))


@dataclass(frozen=True)
class Choice:
    """One of ``choices``, written in the case the choices use."""

    choices: tuple[str, ...]
    problems = ("missing", "wrong_type", "unknown")

    def parse(self, field: str, value: Any) -> str:
        if not isinstance(value, str):
            raise _fail(field, "wrong_type", received=_type_name(value))
        text = value.strip()
        if not text:
            raise _fail(field, "missing")
        for choice in self.choices:
            if text.casefold() == choice.casefold():
                return choice
        raise _fail(field, "unknown", value=_echo(value), choices=", ".join(self.choices))


@dataclass(frozen=True)
class Optional:
    """``inner``, or ``None`` when the value is ``None`` or blank text."""

    inner: Integer | Number | Choice

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(problem for problem in self.inner.problems if problem != "missing")

    def parse(self, field: str, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return self.inner.parse(field, value)


Field = Integer | Number | Boolean | Choice | Optional


def parse_all(fields: dict[str, Field], values: dict[str, Any]) -> dict[str, Any]:
    """Every value of ``values`` read by its field, in the order of ``fields``."""
    return {name: field.parse(name, values[name]) for name, field in fields.items()}
