"""A text left as fr wrote it (Weblate's "unchanged translation")."""

from __future__ import annotations

import re

from scripts.checks.base import Check, Context, register
from scripts.checks.text import SPACES, dotted, prose

# Names kept as they are in every language: a text made only of these (plus
# placeholders, links and punctuation) is not "untranslated".
UNTRANSLATED_ALLOWED = (
    "Infomaniak", "Manager", "Swiss Backup", "Acronis", "kDrive", "kMail", "kSuite", "kChat",
    "Elegant Themes", "Divi", "WordPress", "Support Premium", "Premium", "Cashback", "VIP",
    "Web", "Mail", "CHF", "EUR", "SIRET", "CSV", "IBAN", "PayPal", "Twint", "TWINT",
)
# An identical text is reported when what is left of it has this many words or letters.
UNTRANSLATED_MIN_WORDS = 3
UNTRANSLATED_MIN_LETTERS = 20

_ALLOWED = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, UNTRANSLATED_ALLOWED)) + r")(?!\w)")
_WORD = re.compile(r"[^\W\d_]{2,}")


@register
class Untranslated(Check):
    id = "untranslated"
    description = "a non-trivial text identical to fr"
    needs = "translation"

    def run(self, context: Context) -> None:
        ref = context.ref
        assert ref is not None
        for fpath, tpath, fr_text, tr_text in context.pairs:
            if fr_text != tr_text:
                first, other = fr_text[:1], tr_text[:1]
                if first != other and not first.isspace() and not other.isspace():
                    continue  # the first words differ from their first letter (most texts): no split at all
                if fr_text.split(None, 1)[:1] != tr_text.split(None, 1)[:1] or fr_text.split() != tr_text.split():
                    continue  # (the first word first: most other texts differ there, and it is cheap)
            words = _WORD.findall(_ALLOWED.sub(" ", prose(tr_text)))
            if len(words) >= UNTRANSLATED_MIN_WORDS or sum(map(len, words)) >= UNTRANSLATED_MIN_LETTERS:
                excerpt = tr_text if len(tr_text) <= 60 else tr_text[:57] + "..."
                self.add(
                    context, context.file.line_of(tpath),
                    f"{dotted(tpath)}: '{SPACES.sub(' ', excerpt)}' is the fr text ({ref.shown}:{ref.line_of(fpath)})"
                    f" — translate it; a name that stays as is goes in UNTRANSLATED_ALLOWED (scripts/checks/same.py)",
                )
