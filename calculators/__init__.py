"""The Partner Program's calculators: standard library only, so that the same
code runs in the site build (CPython) and in the browser (Pyodide)."""

from calculators.access import compare, scenario
from calculators.api import error_payload, run
from calculators.eligibility import check
from calculators.errors import InputError
from calculators.facts import Fact, Tier
from calculators.pricing import quote, tiers

__all__ = [
    "Fact",
    "InputError",
    "Tier",
    "check",
    "compare",
    "error_payload",
    "quote",
    "run",
    "scenario",
    "tiers",
]
