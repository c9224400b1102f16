"""Money and percentages as ``Decimal``: the one rounding rule, and plain text.

The rule: amounts are computed exactly and rounded once, when shown, to the
cent, half up (CHF 5.952 -> 5.95, CHF 0.005 -> 0.01). No amount is computed
from another rounded amount, so the steps shown never accumulate rounding.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext

CENT = Decimal("0.01")
ROUNDING = ROUND_HALF_UP

# Inputs are bounded (see the field tables), so 50 digits keep every product
# and quotient exact; a private context ignores whatever the caller set.
CONTEXT = Context(prec=50, rounding=ROUNDING, traps=[InvalidOperation, DivisionByZero, Overflow])


def to_cents(amount: Decimal) -> Decimal:
    """``amount`` rounded to the cent, half up: the only rounding of money."""
    with localcontext(CONTEXT):
        return (amount + 0).quantize(CENT, rounding=ROUNDING)


def plain(number: Decimal) -> str:
    """``number`` as fixed-point text without exponent: ``"40"``, ``"20.5"``, ``"208.32"``."""
    return format(number, "f")


def normalized(number: Decimal) -> Decimal:
    """``number`` without trailing zeros nor exponent: 40.00 -> 40, 20.50 -> 20.5."""
    with localcontext(CONTEXT):
        if number == number.to_integral_value():
            return number.quantize(Decimal(1)) + 0  # + 0 turns -0 into 0
        return number.normalize()
