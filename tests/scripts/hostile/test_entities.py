"""Family (a), issue 11 finding 1: markup written as HTML character references in titles, the site
name and labels (the theme's striptags decodes a title back into markup)."""

from __future__ import annotations

import html

from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.scripts.hostile.support import HOSTILE, LABELS, SITE_NAME, TITLES, assert_refused_or_inert, with_value

PAYLOADS = [
    "</title><script>alert(document.domain)</script><title>",
    "<img src=x onerror=alert(1)>",
    '" autofocus onfocus="alert(1)" x="',
    "<svg onload=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
]


def _reference(char: str, form: int) -> str:
    """``char`` as one of the ways HTML writes it: named (with or without ';'), decimal, hex, zero-padded."""
    named = {"<": "lt", ">": "gt", '"': "quot", "'": "apos", "&": "amp", "=": "equals", "/": "sol", ":": "colon"}
    code = ord(char)
    forms = [
        f"&{named[char]};" if char in named else f"&#{code};",
        f"&{named[char]}" if char in ("<", ">", '"', "&") else f"&#{code}",  # legacy references without ';'
        f"&#{code};",
        f"&#x{code:x};",
        f"&#X{code:X};",
        f"&#{code:07d};",
        f"&#x{code:06x}",
    ]
    return forms[form % len(forms)]


@st.composite
def encoded_markup(draw) -> str:
    payload = draw(st.sampled_from(PAYLOADS))
    forms = draw(st.lists(st.integers(0, 6), min_size=len(payload), max_size=len(payload)))
    special = set("<>\"'=/:&")
    # Each markup sign written as a reference (a form drawn per sign); letters stay as they are.
    encoded = "".join(_reference(c, f) if c in special else c for c, f in zip(payload, forms, strict=True))
    return draw(st.sampled_from(["Fin ", "", "Mettre fin "])) + encoded


@settings(HOSTILE)
@given(field=st.sampled_from([*TITLES, *LABELS, SITE_NAME]), value=encoded_markup(), style=st.sampled_from(["double", "single"]))
def test_entity_encoded_markup_is_refused_at_its_line_or_stays_text(workspace, field, value, style):
    key, where = field
    assert html.unescape(value) != value  # the value holds references a decoder turns into markup
    content, first, last = with_value(workspace.original(key), where, value, style)
    verdict = workspace.verdict(key, content)
    event(assert_refused_or_inert(verdict, content, range(first, last + 1), {"unsafe"}))


@st.composite
def references_without_semicolon(draw) -> str:
    """Markup written only with the legacy references a decoder reads without ';' (&lt &gt &quot &amp, &#60)."""
    payload = draw(st.sampled_from(PAYLOADS[:2]))
    legacy = {"<": ["&lt", "&LT", "&#60", "&#x3c"], ">": ["&gt", "&GT", "&#62", "&#x3E"], '"': ["&quot", "&#34"], "=": ["&#61"]}
    return "Fin " + "".join(draw(st.sampled_from(legacy[c])) + " " * (c == ">") if c in legacy else c for c in payload)


@settings(HOSTILE, max_examples=8)
@given(field=st.sampled_from([*TITLES, *LABELS]), value=references_without_semicolon())
def test_references_without_semicolon_stay_text_wherever_they_show(workspace, field, value):
    """The checker refuses ';'-terminated references; the legacy forms must then stay text in every page."""
    key, where = field
    content, first, last = with_value(workspace.original(key), where, value, "double")
    verdict = workspace.verdict(key, content)
    event(assert_refused_or_inert(verdict, content, range(first, last + 1), {"unsafe"}))
