"""The shape of a translation against fr: which files, which keys, ids and lists (STYLE 5: set differences).

``missing``: a file fr has that this language lacks. ``structure``: a file
with no fr original, a guide id other than its file name, and whatever
``align`` finds different from fr's shape (keys, list lengths, ids, roles,
tables, audience, related).
"""

from __future__ import annotations

from pathlib import Path

from scripts.checks.base import Check, Context, register
from scripts.sources.tree import REFERENCE


@register
class Missing(Check):
    id = "missing"
    description = "a file of fr (guide, site texts, glossary, widget texts) absent here"
    needs = "anything"

    def run(self, context: Context) -> None:
        if not context.absent:
            return
        ref, file = context.fr, context.file
        assert ref is not None
        what = {"guide": f"guide '{ref.guide}'", "calculator": f"widget texts '{Path(ref.key).stem}'"}.get(
            ref.kind, f"{ref.kind} texts"
        )
        self.add(
            context, 1,
            f"{what}: {ref.shown} has no {file.lang} translation — copy {ref.shown} to {file.shown} and translate its texts",
        )


@register
class Structure(Check):
    id = "structure"
    description = "keys, list lengths, ids, roles, tables, audience, related vs fr"
    needs = "anything"

    def run(self, context: Context) -> None:
        file = context.file
        if context.absent:
            return
        if context.fr is None and file.lang != REFERENCE:
            self.add(
                context, 1,
                f"{file.key} has no fr original ({REFERENCE}/{file.key} does not exist)"
                " — remove it, or rename it after the fr file it translates",
            )
        if file.source is None:
            return
        if file.kind == "guide" and file.source.data.get("id") != file.guide:
            self.add(
                context, file.line_of(("id",)),
                f"id '{file.source.data.get('id')}' differs from the file name {file.key}"
                f" — write id: {file.guide} (ids are never translated)",
            )
        for line, message in context.alignment.differences:
            self.add(context, line, message)
