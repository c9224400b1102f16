"""Markup that would run in a reader's browser: the build's own safety rule (scripts/render/safety.py)."""

from __future__ import annotations

from scripts.checks.base import Check, Context, register
from scripts.checks.text import strings
from scripts.render import safety


@register
class Unsafe(Check):
    id = "unsafe"
    description = "executable markup: raw HTML, {attribute lists}, javascript: links (scripts/render/safety.py)"

    def run(self, context: Context) -> None:
        file = context.file
        for error in safety.problems(file.source, strings(file), calculator=file.kind == "calculator"):
            self.add(context, error.line, error.message)
