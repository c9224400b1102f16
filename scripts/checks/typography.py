"""Typography the readers of a language expect: in French, a space before ``:``, ``;``, ``?`` and ``!``.

"Infomaniak: ajouter" reads as English punctuation to a French reader; French writes
"Infomaniak : ajouter" (the Imprimerie nationale's rule, and the rest of our French texts).
Only the signs that end a word and are followed by a space or the end of the text are read:
``https://``, ``guide:access-types`` and ``10:30`` are not punctuation. Link targets,
placeholders and URLs are left out (``text.prose``). A plain space is enough here: the build makes
it the no-break space French typesetting uses (scripts/render/typography.py).
"""

from __future__ import annotations

import re

from scripts.checks.base import Check, Context, register
from scripts.checks.text import dotted, prose, texts
from scripts.render.typography import FRENCH_SPACE_BEFORE

# Per language, the signs that take a space before them (a no-break space counts).
SPACE_BEFORE = {"fr": "".join(FRENCH_SPACE_BEFORE)}
_MISSING = {
    lang: re.compile(rf"(\S*[^\s\u00a0\u202f{re.escape(signs)}])([{re.escape(signs)}])(?=\s|$)")
    for lang, signs in SPACE_BEFORE.items()
}


def missing_spaces(text: str, lang: str) -> list[tuple[str, str]]:
    """(the word, the sign) of each sign of ``text`` written without the space ``lang`` puts before it."""
    pattern = _MISSING.get(lang)
    if pattern is None or not any(sign in text for sign in SPACE_BEFORE[lang]):
        return []
    return pattern.findall(prose(text))


@register
class SpaceBeforePunctuation(Check):
    id = "typography"
    severity = "warning"
    description = "fr: no space before : ; ? ! (\"Infomaniak: ajouter\" for \"Infomaniak : ajouter\")"

    def run(self, context: Context) -> None:
        file = context.file
        if context.lang not in SPACE_BEFORE:
            return
        for where, text in texts(file):
            for word, sign in missing_spaces(text, context.lang):
                word = word[-30:]  # (no white space in it: the pattern's word ends at one)
                self.add(
                    context, file.line_of(where),
                    f"{dotted(where)}: '{word}{sign}' has no space before '{sign}' — French puts one there:"
                    f" write '{word} {sign}'",
                )
