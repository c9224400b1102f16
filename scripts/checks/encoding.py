"""Text that is not what the translator typed: bytes that are not clean UTF-8, mojibake, invisible characters.

The loader reports the bytes (not UTF-8, a byte-order mark, control
characters); this check reads the parsed texts for UTF-8 that was decoded in
a legacy code page ("rĂ©seau" for "réseau"), from a table derived from the
letters of the five languages, with ftfy as a second opinion.
"""

from __future__ import annotations

import re
import unicodedata

from ftfy import badness

from scripts.checks.base import FORBIDDEN_CHARACTERS, Check, Context, register
from scripts.checks.text import dotted, strings, unusual, unusual_in

# The letters and signs of the five languages. Their UTF-8 bytes read in a
# legacy code page give the mis-decoded forms ("rĂ©seau" for "réseau").
LETTERS = {
    "fr": "àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ",
    "en": "",
    "de": "äöüßÄÖÜẞ",
    "it": "àèéìíîòóùúÀÈÉÌÍÎÒÓÙÚ",
    "es": "áéíñóúüÁÉÍÑÓÚÜ¡¿",
}
SIGNS = "’‘“”„‚«»‹›–—…€°·•⋮×→\u00a0\u202f"
LEGACY_ENCODINGS = {"cp1250": "Windows-1250", "cp1252": "Windows-1252", "latin-1": "Latin-1"}


def _mojibake_table() -> dict[str, tuple[str, str]]:
    """Mis-decoded form -> (the character it was, the code page that misread it)."""
    table: dict[str, tuple[str, str]] = {}
    for char in dict.fromkeys("".join(LETTERS.values()) + SIGNS):
        raw = char.encode("utf-8")
        for encoding, name in LEGACY_ENCODINGS.items():
            try:
                form = raw.decode(encoding)
            except UnicodeDecodeError:
                continue  # a byte this code page leaves undefined
            variants = [form, form[:-1] + " "] if form.endswith("\u00a0") else [form]
            for variant in variants:  # the no-break space is often turned into a space
                _char, names = table.get(variant, (char, ""))
                table[variant] = (char, f"{names} or {name}" if names else name)
    return table


MOJIBAKE = _mojibake_table()
_LETTERS_ALL = frozenset("".join(LETTERS.values()))
# A first byte whose partner byte got lost ("ContabilitĂ"): only those that
# are no letter of the five languages, so "â" in "grâce" stays innocent. The
# lead of every Latin-1 letter (byte C3: "Ă", "Ã") is wrong anywhere; the
# others ("Å", "Ĺ") only at the end of a word, as "Å" starts Nordic names.
_LONE_LEADS: dict[str, str] = {}
for _form, (_char, _name) in MOJIBAKE.items():
    if _form[0] not in _LETTERS_ALL and not _form[0].isascii():
        _LONE_LEADS.setdefault(_form[0], _name)
_LATIN1_LEADS = {b"\xc3".decode(encoding) for encoding in LEGACY_ENCODINGS}
_MOJIBAKE_RE = re.compile(
    "|".join(re.escape(f) for f in sorted(MOJIBAKE, key=len, reverse=True))
    + "|(?P<lone>[" + re.escape("".join(sorted(set(_LONE_LEADS) & _LATIN1_LEADS))) + "]"
    + "|[" + re.escape("".join(sorted(set(_LONE_LEADS) - _LATIN1_LEADS))) + r"](?![^\W\d_]))"
)
# What text worth a closer look has: a character no language here uses, or
# the first two characters of a mis-decoded form. A fast first pass.
_SECOND_CHARS: dict[str, set[str]] = {}
for _form in MOJIBAKE:
    if len(_form) > 1:
        _SECOND_CHARS.setdefault(_form[0], set()).add(_form[1])
_SUSPECT = re.compile(
    "[^\\x00-\\x7f" + re.escape("".join(sorted(_LETTERS_ALL | set(SIGNS)))) + "]|"
    + "|".join(f"{re.escape(lead)}[{re.escape(''.join(sorted(seconds)))}]" for lead, seconds in _SECOND_CHARS.items())
)


# The same test without scanning the text character by character in Python's
# regex engine: from the set of its characters. Plain letters and signs are
# innocent unless a lead and one of its second characters are both present,
# and only then (rarely) does the regex say whether they are side by side.
_INNOCENT = frozenset(map(chr, range(0x80))) | _LETTERS_ALL | frozenset(SIGNS)
# A second character may be ASCII (the space that replaced a no-break space): looked up in the text itself.
_SECONDS = {
    lead: (frozenset(c for c in seconds if not c.isascii()), tuple(sorted(c for c in seconds if c.isascii())))
    for lead, seconds in _SECOND_CHARS.items()
}


def suspect(text: str, rest: str | None = None) -> bool:
    """Whether ``text`` is worth a closer look: ``_SUSPECT`` finds something in it (``rest``: ``unusual(text)``)."""
    if text.isascii():
        return False
    chars = set(unusual(text) if rest is None else rest)  # ASCII is innocent: only the others matter
    if not chars <= _INNOCENT:
        return True
    for lead, (seconds, ascii_seconds) in _SECONDS.items():
        if lead in chars and (not seconds.isdisjoint(chars) or any(c in text for c in ascii_seconds)):
            return _SUSPECT.search(text) is not None
    return False


def mojibake(text: str) -> list[tuple[str, str, str]]:
    """Each mis-decoded word: (as written, as it should be, the code page that misread it)."""
    found = []
    for match in _MOJIBAKE_RE.finditer(text):
        start = max(text.rfind(space, 0, match.start()) for space in " \n\u00a0") + 1
        end = match.end()
        if text[end - 1].isspace():
            end -= 1  # a form ending in the space that replaced a no-break space
        else:
            while end < len(text) and not text[end].isspace():
                end += 1
        word = text[start:end]
        lead = match.group("lone")
        name = _LONE_LEADS[lead] if lead else MOJIBAKE[match.group()][1]
        fixed = _MOJIBAKE_RE.sub(_repair, text[start:max(end, match.end())]).strip()
        found.append((word, fixed if fixed != word else "", name))
    return list(dict.fromkeys(found))


def _repair(match: re.Match) -> str:
    lead = match.group("lone")
    if lead:
        return _lone_guess(lead) or lead
    char = MOJIBAKE[match.group()][0]
    return char + " " if match.group().endswith(" ") and char != " " and char != "\u00a0" else char


def _lone_guess(lead: str) -> str:
    """The letter a lead whose partner byte (a no-break space, lost) belonged to: 'Ă' -> 'à'."""
    for encoding in LEGACY_ENCODINGS:
        try:
            char = (lead + "\u00a0").encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if char in _LETTERS_ALL:
            return char
    return ""


def _ftfy_fix(text: str) -> str:
    from ftfy import fix_text

    fixed = fix_text(text)
    if fixed == text:
        return ""
    start = next((i for i, (a, b) in enumerate(zip(text, fixed, strict=False)) if a != b), 0)
    return fixed[max(0, start - 20):start + 40].strip()


def _character_name(code: int) -> str:
    if 0xD800 <= code <= 0xDFFF:
        return "half of a surrogate pair, not a character"
    return unicodedata.name(chr(code), "control character").lower()


@register
class Encoding(Check):
    id = "encoding"
    description = "not UTF-8, byte-order mark, control or invisible characters, mojibake"
    needs = "parsed"

    def run(self, context: Context) -> None:
        file = context.file
        assert file.parsed is not None
        rest = unusual_in(file)  # every forbidden or suspect character of the file, in a few characters
        # YAML escapes ("\u202e", "\e") make characters the raw text does not show.
        if "\\" in file.text or FORBIDDEN_CHARACTERS.search(rest):
            self._forbidden(context)
        if not suspect(file.text, rest):
            return
        for where, text in strings(file):
            if suspect(text):
                self._text(context, where, text)

    def _forbidden(self, context: Context) -> None:
        file = context.file
        for where, text in strings(file):
            found = FORBIDDEN_CHARACTERS.search(text)
            if found is not None:
                code = ord(found.group(0))
                self.add(
                    context, file.line_of(where),
                    f"{dotted(where)}: character U+{code:04X} ({_character_name(code)}) is not allowed: it is invisible"
                    " or controls how text is shown — remove it (retype the words around it if unsure where it is)",
                )

    def _text(self, context: Context, where: tuple, text: str) -> None:
        file = context.file
        found = mojibake(text)
        for word, fixed, name in found:
            fix = f"write '{fixed}'" if fixed else "retype the accented letters"
            self.add(
                context, file.line_of(where, word),
                f"{dotted(where)}: mis-decoded text '{word}' (UTF-8 read as {name}) — {fix}",
            )
        if "\ufffd" in text:
            self.add(
                context, file.line_of(where, "\ufffd"),
                f"{dotted(where)}: replacement character U+FFFD (a letter was lost in decoding) — retype the letter",
            )
        elif not found and badness.is_bad(text):
            fixed = _ftfy_fix(text)
            self.add(
                context, file.line_of(where),
                f"{dotted(where)}: the text looks mis-decoded (ftfy) — "
                + (f"ftfy suggests '{fixed}'" if fixed else "retype the accented letters"),
            )
