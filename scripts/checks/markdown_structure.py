"""The Markdown inside a text, against fr's: list items, emphasis, links, code spans, line breaks.

The structure check compares the YAML (keys, list lengths); this one reads the
Markdown a translator writes inside one text with a CommonMark parser
(markdown-it-py, as scripts/render/safety.py does) and compares what it found
with fr's text of the same place:

- list items: how many, and at which depth (a bullet dropped or merged, an item
  indented under another);
- bold and italics: how many; and a ``**``, ``*`` or ``_`` the parser left as
  plain text because it was never closed (``**Reseller-Bereich und``);
- links: a link the parser did not read (``[text] (https://...)``, a
  missing ``)``) while its address is still in the text, which the links check
  alone takes for the same target;
- code spans and hard line breaks: how many.

Link targets themselves are compared by the links check (scripts/checks/links.py).
A pair is parsed only when one of its texts holds a character that Markdown reads
(``MARKDOWN_CHARACTERS``) and their ``signature`` (Markdown characters counted, list
indents) differs; each text is then parsed once per process (``outline`` is cached).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from markdown_it import MarkdownIt

from scripts.checks.base import Check, Context, register
from scripts.checks.text import dotted

# A text without any of these is plain prose for CommonMark: nothing to parse (a list item needs a
# newline before its marker, a hard break a newline too). ``run`` looks for each with ``in`` (a substring
# search in C), not with a set look-up per character of every text.
MARKDOWN_CHARACTERS = frozenset("*_[`\n\\")

_PARSER = MarkdownIt("commonmark")
# A delimiter left as text by the parser: ``**`` (bold), or a lone ``*``/``_`` at a word's edge (italics).
# An underscore inside a word (snake_case) is not a delimiter for CommonMark, nor here.
_LEFT_OPEN = re.compile(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<!\w)_(?=\w)|(?<=\w)_(?!\w)")
_INTERNAL = re.compile(r"(?:guide|calculator):")
_URL = re.compile(r"(?:https?://|mailto:)[^\s)>\]]+|(?:guide|calculator):[a-z0-9-]+(?:#[A-Za-z0-9_-]+)?")


class Outline(NamedTuple):
    """What CommonMark reads in one text."""

    items: tuple[int, ...]  # the depth (1 = top level) of each list item, in order
    strong: int
    emphasis: int
    links: tuple[str, ...]  # the target of each link, in order
    code: int
    breaks: int
    left_open: tuple[str, ...]  # delimiters left as plain text ("**", "*", "_"), in order
    loose_addresses: tuple[str, ...]  # addresses written as text, outside any link


@functools.lru_cache(maxsize=65536)
def outline(text: str) -> Outline:
    """The Markdown structure of ``text`` (cached: the same string is parsed once per process)."""
    items: list[int] = []
    strong = emphasis = code = breaks = 0
    links: list[str] = []
    left_open: list[str] = []
    loose: list[str] = []
    depth = 0
    for token in _PARSER.parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open":
            items.append(depth)
        elif token.type == "inline":
            in_link = 0
            for child in token.children or ():
                kind = child.type
                if kind == "strong_open":
                    strong += 1
                elif kind == "em_open":
                    emphasis += 1
                elif kind == "link_open":
                    links.append(str(child.attrs.get("href", "")))
                    in_link += 1
                elif kind == "link_close":
                    in_link -= 1
                elif kind == "code_inline":
                    code += 1
                elif kind == "hardbreak":
                    breaks += 1
                elif kind == "text" and not in_link:
                    content = child.content
                    if "*" in content or "_" in content:
                        left_open.extend(match.group() for match in _LEFT_OPEN.finditer(content))
                    if ":" in content:
                        loose.extend(address.rstrip(".,;:!?") for address in _URL.findall(content))
    return Outline(tuple(items), strong, emphasis, tuple(links), code, breaks, tuple(left_open), tuple(loose))


_LIST_MARKER = re.compile(r"^([ \t]*)(?:[-*+]|\d+[.)])[ \t]", re.MULTILINE)
_HARD_BREAK = re.compile(r"(?:\\|  )\n")


@functools.lru_cache(maxsize=65536)
def signature(text: str) -> tuple:
    """What the outline depends on, counted without parsing: two texts with the same signature have the same
    structure for this check (list markers and their indents, delimiters, brackets, backticks, breaks), whatever
    their words and link targets. Only texts whose signature differs from fr's are parsed."""
    return (
        tuple(len(indent) for indent in _LIST_MARKER.findall(text)) if "\n" in text or text[:1] in "-*+0123456789" else (),
        text.count("**"), text.count("*"), text.count("_"), text.count("`"),
        text.count("["), text.count("]("), text.count(")"), len(_HARD_BREAK.findall(text)) if "\n" in text else 0,
    )


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def differences(fr: Outline, tr: Outline) -> list[tuple[str, str]]:
    """(what differs — the fix, a piece of the translated text to find the line by) for each difference."""
    found: list[tuple[str, str]] = []
    if tr.left_open != fr.left_open and len(tr.left_open) > len(fr.left_open):
        extra = _extra(tr.left_open, fr.left_open)
        word = {"**": "bold", "*": "italics", "_": "italics"}[extra]
        found.append((
            f"'{extra}' is left open (the {word} is never closed, so it shows as '{extra}' to the reader)"
            f" — close it as fr does, or remove it", extra,
        ))
    if tr.items != fr.items:
        if len(tr.items) != len(fr.items):
            found.append((
                f"fr has {_count(len(fr.items), 'list item', 'list items')} here, this text has {len(tr.items)}"
                " — write one item per fr item, each on its own line starting with '- ' (a blank line before the list)",
                "",
            ))
        else:
            found.append((
                f"the list items are nested differently from fr's (depths {list(fr.items)} in fr, {list(tr.items)} here)"
                " — indent each item as fr does",
                "",
            ))
    if tr.strong != fr.strong and not (tr.left_open and len(tr.left_open) > len(fr.left_open)):
        found.append((
            f"fr has {_count(fr.strong, 'bold passage', 'bold passages')} (**...**) here, this text has {tr.strong}"
            " — put in bold what fr puts in bold", "",
        ))
    if tr.emphasis != fr.emphasis and not (tr.left_open and len(tr.left_open) > len(fr.left_open)):
        found.append((
            f"fr has {_count(fr.emphasis, 'passage', 'passages')} in italics (*...*) here, this text has {tr.emphasis}"
            " — put in italics what fr puts in italics", "",
        ))
    if len(tr.links) < len(fr.links):
        # A link the parser did not read while its address is still in the text. For a guide: or calculator:
        # target the links check already says that fr's link is missing; a full address it takes for the link.
        unread = [a for a in tr.loose_addresses if a in fr.links and a not in tr.links and not _INTERNAL.match(a)]
        if unread:
            found.append((
                f"{unread[0]} is written as text, not as a link: fr links it here"
                f" — write [words]({unread[0]}) with nothing between ']' and '(', and close the ')'", unread[0],
            ))
    if tr.code != fr.code:
        found.append((
            f"fr has {_count(fr.code, 'code span', 'code spans')} (`...`) here, this text has {tr.code}"
            " — keep each `...` of fr, closed with a backtick", "`" if tr.code < fr.code else "",
        ))
    if tr.breaks != fr.breaks:
        found.append((
            f"fr has {_count(fr.breaks, 'hard line break', 'hard line breaks')} here, this text has {tr.breaks}"
            " — break the line where fr does (a backslash at the end of the line)", "",
        ))
    return found


def _extra(tr: tuple[str, ...], fr: tuple[str, ...]) -> str:
    left = list(fr)
    for delimiter in tr:
        if delimiter in left:
            left.remove(delimiter)
        else:
            return delimiter
    return tr[-1]


@register
class MarkdownStructure(Check):
    id = "md-structure"
    description = "the Markdown inside a text differs from fr's: list items, bold/italics (or left open), links, code, breaks"
    needs = "translation"

    def run(self, context: Context) -> None:
        ref, file = context.ref, context.file
        assert ref is not None
        for fpath, tpath, fr_text, tr_text in context.pairs:
            if not (
                "*" in fr_text or "_" in fr_text or "[" in fr_text or "`" in fr_text or "\n" in fr_text or "\\" in fr_text
                or "*" in tr_text or "_" in tr_text or "[" in tr_text or "`" in tr_text or "\n" in tr_text
                or "\\" in tr_text
            ) or signature(fr_text) == signature(tr_text):
                continue  # no Markdown character in either text, or fr's signature: nothing to parse
            fr, tr = outline(fr_text), outline(tr_text)
            if fr == tr or (
                (fr.items, fr.strong, fr.emphasis, fr.code, fr.breaks, fr.left_open)
                == (tr.items, tr.strong, tr.emphasis, tr.code, tr.breaks, tr.left_open)
                and len(tr.links) >= len(fr.links)
            ):
                continue  # the same structure; link targets are the links check's
            where = f"{ref.shown}:{ref.line_of(fpath)}"
            for message, needle in differences(fr, tr):
                what, _, fix = message.partition(" — ")
                self.add(context, file.line_of(tpath, needle), f"{dotted(tpath)}: {what} ({where}) — {fix}")
