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
        for error in safety.problems(context.file.source, strings(context.file)):
            self.add(context, error.line, error.message)
