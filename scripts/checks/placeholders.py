"""Placeholders, read with the one grammar (calculators/grammar.py) the build and the widgets fill.

``{{ fact }}``: unknown or malformed anywhere, and missing or added against
fr. ``{name}`` (a widget's run-time parameter): missing or added against fr,
and in widget texts a ``{Word}`` that is no parameter, since the widget only
fills lower-case snake_case names.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import get_close_matches

from calculators.grammar import FACT, PARAMETER, PARAMETER_LIKE
from scripts.checks.base import Check, Context, register
from scripts.checks.text import dotted, may_hold, texts

_BRACES = re.compile(r"\{\{|\}\}")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def miswritten(text: str) -> dict[str, str]:
    """Each ``{Word}`` of ``text`` that is no parameter -> the parameter name it likely means ("" if none)."""
    found = {}
    for name in PARAMETER_LIKE.findall(text):
        if PARAMETER.fullmatch(f"{{{name}}}") is None:
            meant = _CAMEL.sub("_", name).lower()
            found[name] = meant if PARAMETER.fullmatch(f"{{{meant}}}") else ""
    return found


@register
class Placeholders(Check):
    id = "placeholders"
    description = "a {{ fact }} missing, added, unknown or malformed; a {parameter} missing, added or miswritten"

    def run(self, context: Context) -> None:
        file, facts = context.file, context.facts
        ref = context.ref
        if not may_hold(file, "{", "}") and (ref is None or not may_hold(ref, "{")):
            return  # no brace in this file (nor in fr's, to compare with): no placeholder anywhere
        for where, text in texts(file):
            if "{" not in text and "}" not in text:
                continue
            for name in FACT.findall(text):
                if name not in facts:
                    close = get_close_matches(name, list(facts), n=1)
                    fix = f"write {{{{ {close[0]} }}}}" if close else f"use one of: {', '.join(sorted(facts))}"
                    self.add(
                        context, file.line_of(where, name or "{{"),
                        f"{dotted(where)}: unknown placeholder {{{{ {name} }}}} — {fix}",
                    )
            bad = _BRACES.search(FACT.sub("", text))
            if bad is not None:
                self.add(
                    context, file.line_of(where, bad.group()),
                    f"{dotted(where)}: a placeholder is not closed or opened properly ('{bad.group()}' alone)"
                    " — write {{ name }} with two braces on each side",
                )
            if file.kind == "calculator":
                for name, meant in miswritten(text).items():
                    fix = f"write {{{meant}}}" if meant else "write a lower-case snake_case name, as fr does"
                    self.add(
                        context, file.line_of(where, f"{{{name}}}"),
                        f"{dotted(where)}: {{{name}}} is not a parameter the widget fills"
                        f" (lower-case snake_case names only) — {fix}",
                    )
        if ref is not None:
            self._against_fr(context)

    def _against_fr(self, context: Context) -> None:
        file, ref = context.file, context.ref
        assert ref is not None
        fr_memo = ref.__dict__.setdefault("_placeholders", {})
        for fpath, tpath, fr_text, tr_text in context.pairs:
            if "{" not in fr_text and "{" not in tr_text:
                continue
            fr_lists = fr_memo.get(fpath)
            if fr_lists is None:  # read once per run for the four translations that compare with it
                fr_lists = fr_memo[fpath] = (FACT.findall(fr_text), PARAMETER.findall(fr_text))
            where = ""  # fr's place, written when a difference is found
            for pattern, fr_found, (left, right) in (
                (FACT, fr_lists[0], ("{{ ", " }}")), (PARAMETER, fr_lists[1], ("{", "}")),
            ):
                tr_found = pattern.findall(tr_text)
                miswritten_too = pattern is PARAMETER and file.kind == "calculator"
                if fr_found == tr_found and not miswritten_too:
                    continue  # the same names in the same order (most texts): nothing to count
                where = where or f"{ref.shown}:{ref.line_of(fpath)}"
                fr_names, tr_names = Counter(fr_found), Counter(tr_found)
                if miswritten_too:
                    # a miswritten {Min} is reported as such above, not also as fr's {min} missing
                    tr_names.update(meant for meant in miswritten(tr_text).values() if meant in fr_names)
                for name in sorted((fr_names - tr_names).elements()):
                    self.add(
                        context, file.line_of(tpath),
                        f"{dotted(tpath)}: {left}{name}{right} is missing ({where} has it)"
                        f" — write {left}{name}{right} where fr does (placeholders are never translated)",
                    )
                for name in sorted((tr_names - fr_names).elements()):
                    if pattern is PARAMETER or name in context.facts:  # an unknown fact is reported above
                        self.add(
                            context, file.line_of(tpath, name),
                            f"{dotted(tpath)}: {left}{name}{right} is not in fr ({where})"
                            " — remove it, or use the placeholder fr uses here",
                        )

