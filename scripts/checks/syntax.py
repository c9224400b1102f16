"""What the strict loader refuses: YAML it will not read, and data its schema does not allow.

The corpus records these problems as it loads each source (scripts/sources/corpus.py);
they are registered here so that they have a severity and a place in the table.
"""

from __future__ import annotations

from scripts.checks.base import Check, register


@register
class Syntax(Check):
    id = "syntax"
    description = 'what the strict YAML reader refuses (tabs, duplicate keys, "no"...)'
    needs = "loader"


@register
class Schema(Check):
    id = "schema"
    description = "what the JSON Schema of its kind of source (guide, site, glossary, widget texts) refuses"
    needs = "loader"
