"""A translation made from an older fr text (a warning: it is still a correct page).

Each translation records the hash of the fr data it follows (``source_hash``,
written by ``python -m scripts.kb stamp``); fr's formatting does not count.
"""

from __future__ import annotations

from scripts.checks.base import Check, Context, register
from scripts.sources.hashing import KEY as HASH_KEY


@register
class Stale(Check):
    id = "stale"
    severity = "warning"
    description = "fr changed since the translation was stamped (or it never was)"
    needs = "translation"

    def run(self, context: Context) -> None:
        ref, file = context.ref, context.file
        assert ref is not None and file.source is not None
        current = ref.data_hash
        recorded = file.source.data.get(HASH_KEY)
        stamp = f"python -m scripts.kb stamp {file.shown}"
        if recorded is None:
            self.add(
                context, 1,
                f"no {HASH_KEY}: nothing records which fr text this translation follows"
                f" — when it matches {ref.shown}, run {stamp}",
            )
        elif recorded != current:
            self.add(
                context, file.line_of((HASH_KEY,)),
                f"{ref.shown} changed since this translation was made ({HASH_KEY} {recorded}, fr is now {current})"
                f" — bring the translation up to date with fr (git log -p {ref.shown}), then run {stamp}",
            )
