"""A translation made from an older fr text (a warning: it is still a correct page), and what fr changed.

Each translation records the hash of the fr data it follows (``source_hash``,
written by ``python -m scripts.kb stamp``); fr's formatting does not count.
``kb stamp`` also keeps that fr data (scripts/sources/snapshots.py), so when fr
has changed since, each changed field is one warning at the translation's line
of that field, with fr's old and new text and a word diff (``[-old-]{+new+}``;
in JSON, ``changes``). The snapshot is read only for a stale file. A stamp
older than the snapshots (or a snapshot gone) falls back to one warning that
says so.
"""

from __future__ import annotations

from scripts.checks.base import Check, Context, register
from scripts.sources import snapshots
from scripts.sources.hashing import KEY as HASH_KEY
from scripts.sources.hashing import PATTERN
from scripts.sources.tree import REFERENCE, Tree


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
            return
        if recorded == current:
            return
        # The four translations stamped on the same fr text share its snapshot: read and compared once per run.
        known = context.run.per_language(_per_run, REFERENCE)
        if (recorded, current) not in known:
            known[(recorded, current)] = _changes(file.tree, recorded, ref.source.data)
        changed, why = known[(recorded, current)]
        if not changed:
            self.add(
                context, file.line_of((HASH_KEY,)),
                f"{ref.shown} changed since this translation was made ({HASH_KEY} {recorded}, fr is now {current}){why}"
                f" — bring the translation up to date with fr (git log -p {ref.shown}), then run {stamp}",
            )
            return
        after = f" once the {len(changed)} changes of fr are in," if len(changed) > 1 else ""
        for change in changed:
            if change.old is None:
                what, fix = "added", "translate it here"
            elif change.new is None:
                what, fix = "removed", "remove it here too"
            else:
                what, fix = "changed", "bring this text up to date"
            self.add(
                context, file.line_of(change.where),
                f"{ref.shown} {what} {change.field} since this translation was stamped: {change.diff}"
                f" — {fix}, then{after} run {stamp}",
                changes=(change.as_json(),),
            )


def _per_run(_files: object, _lang: str) -> dict:
    return {}


def _changes(tree: Tree, recorded: object, now: object) -> tuple[list[snapshots.Change], str]:
    """What fr changed since the text of hash ``recorded``, or why that cannot be shown."""
    if not isinstance(recorded, str) or not PATTERN.match(recorded):
        return [], ""
    try:
        old = snapshots.load(tree, recorded)
    except snapshots.Unreadable as exc:
        return [], f"; {exc}"
    if old is None:
        return [], (
            f"; the fr text it was made from is not kept ({snapshots.shown(recorded)}: stamped before"
            " kb stamp kept fr texts, or removed), so what changed cannot be shown"
        )
    return snapshots.changes(old, now), ""
