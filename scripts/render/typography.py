"""French typography in the built pages: the space before ``:``, ``;``, ``?`` and ``!`` never breaks.

French writes a space before these signs (``kb check``'s ``typography`` check asks the sources for
it, scripts/checks/typography.py). Typed as a plain space, it lets a browser wrap the line there
and start the next one with the sign alone ("... un produit" / ";"). :func:`no_break_before_signs`
turns that space into the one French typesetting uses: a no-break space (U+00A0) before ``:``, a
narrow no-break space (U+202F) before ``;``, ``?`` and ``!``. Only in text: tags, attributes,
``<code>``, ``<pre>``, ``<script>``, ``<style>`` and ``<textarea>`` are left as written, and so is a
calculator's ``<form>``: its prerendered result must read as the calculator writes it in the browser
(tests/browser/test_calculators.py). French pages only (``hooks.on_page_content``); the other
languages put no space there.

It reads HTML that Python-Markdown or scripts/render/widgets.py wrote and nh3 cleaned: no
comments, no raw ``<`` in text or attributes (as scripts/render/a11y.py).
"""

from __future__ import annotations

import re

# The sign -> the space French puts before it.
FRENCH_SPACE_BEFORE = {":": "\u00a0", ";": "\u202f", "?": "\u202f", "!": "\u202f"}
_PIECE = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_VERBATIM = frozenset({"code", "pre", "script", "style", "textarea", "form"})
_SIGN = "([" + re.escape("".join(FRENCH_SPACE_BEFORE)) + r"])(?=\s|$)"
# A plain space between a word (or closing mark) and a sign that ends it: followed by white space,
# the end of the text, or a tag (the end of a piece of text).
_SPACED_SIGN = re.compile(r"(?<=\S) " + _SIGN)
# The same at the start of a piece of text that follows a closing tag ("<strong>Revenu</strong> ;").
_SIGN_AFTER_ELEMENT = re.compile("^ " + _SIGN)


def _no_break(match: re.Match) -> str:
    sign = match.group(1)
    return FRENCH_SPACE_BEFORE[sign] + sign


def no_break_before_signs(page_html: str) -> str:
    """``page_html`` with each plain space before : ; ? ! in its text made the no-break space French uses."""
    if not any(f" {sign}" in page_html for sign in FRENCH_SPACE_BEFORE):
        return page_html
    pieces = _PIECE.split(page_html)
    verbatim = 0  # how many verbatim elements the current piece of text is inside
    for index, piece in enumerate(pieces):
        if index % 2:  # a tag
            tag = _TAG_NAME.match(piece)
            if tag and tag.group(2).lower() in _VERBATIM and not piece.endswith("/>"):
                verbatim = max(0, verbatim - 1) if tag.group(1) else verbatim + 1
        elif piece and not verbatim:
            piece = _SPACED_SIGN.sub(_no_break, piece)
            if index and pieces[index - 1].startswith("</"):
                piece = _SIGN_AFTER_ELEMENT.sub(_no_break, piece)
            pieces[index] = piece
    return "".join(pieces)
