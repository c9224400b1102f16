"""Family (c), issue 11 finding 3: javascript:, data: and vbscript: destinations hidden in reference
definitions (in a quote, a list, over two lines), in any case, with ignored characters, entities or
percent-encoding."""

from __future__ import annotations

from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.scripts.hostile.support import HOSTILE, MARKDOWN_TEXTS, assert_refused_or_inert, with_value

SCHEMES = ["javascript", "data", "vbscript"]
BODIES = {"javascript": "alert(document.domain)", "data": "text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
          "vbscript": "msgbox(1)"}  # fmt: skip


@st.composite
def scheme(draw) -> str:
    """A dangerous scheme and its colon, each letter in a drawn case and writing (plain, entity, percent)."""
    name = draw(st.sampled_from(SCHEMES))
    written = []
    for char in name + ":":
        form = draw(st.sampled_from(["plain", "plain", "upper", "decimal", "hex", "percent", "tab-before", "newline-before"]))
        written.append({
            "plain": char,
            "upper": char.upper(),
            "decimal": f"&#{ord(char)};",
            "hex": f"&#x{ord(char):x};",
            "percent": f"%{ord(char):02X}",
            "tab-before": "&#9;" + char,
            "newline-before": "&#10;" + char,
        }[form])
    written = "".join(written).replace("&#58;", draw(st.sampled_from(["&#58;", "&colon;", "&#x3a;"])))
    lead = draw(st.sampled_from(["", " ", "&#32;", "&#1;"]))
    return lead + written + BODIES[name]


@st.composite
def hostile_markdown(draw) -> str:
    destination = draw(scheme())
    shape = draw(st.sampled_from(["inline", "angle", "image", "reference", "quoted-reference", "listed-reference",
                                  "next-line-reference", "titled-reference", "autolink"]))
    label = draw(st.sampled_from(["more", "ici", "x"]))
    return {
        "inline": f"Voir [{label}]({destination}).",
        "angle": f"Voir [{label}](<{destination}>).",
        "image": f"![{label}]({destination})",
        "reference": f"Voir [{label}].\n\n[{label}]: {destination}",
        "quoted-reference": f"> [{label}]: {destination}\n\nVoir [{label}].",
        "listed-reference": f"- [{label}]: {destination}\n\nVoir [{label}][{label}].",
        "next-line-reference": f"[{label}]:\n  {destination}\n\nVoir [{label}][{label}].",
        "titled-reference": f'[{label}]: {destination} "titre"\n\n[{label}]',
        "autolink": f"<{destination}>",
    }[shape]


@settings(HOSTILE, max_examples=20)
@given(field=st.sampled_from(MARKDOWN_TEXTS), value=hostile_markdown(), style=st.sampled_from(["double", "block"]))
def test_a_dangerous_link_is_refused_at_its_line_or_never_becomes_a_link(workspace, field, value, style):
    key, where = field
    content, first, last = with_value(workspace.original(key), where, value, style)
    verdict = workspace.verdict(key, content)
    event(assert_refused_or_inert(verdict, content, range(first, last + 1), {"unsafe", "encoding"}))


# Destinations the checker lets through (a relative address, a safe scheme): none may become a dangerous link.
LOOKALIKES = [
    "%6Aavascript:alert(document.domain)",
    "%20javascript:alert(document.domain)",
    "https://example.com/?next=javascript:alert(document.domain)",
    "./javascript:alert(document.domain)",
    "mailto:javascript:alert(document.domain)",
    "guide:end-a-partnership",
]


@settings(HOSTILE, max_examples=8)
@given(field=st.sampled_from(MARKDOWN_TEXTS), destination=st.sampled_from(LOOKALIKES),
       shape=st.sampled_from(["Voir [ici]({}).", "[ici]: {}\n\nVoir [ici].", "> [ici]: {}\n\n[ici]"]))
def test_a_lookalike_destination_never_becomes_a_dangerous_link(workspace, field, destination, shape):
    key, where = field
    content, first, last = with_value(workspace.original(key), where, shape.format(destination), "double")
    verdict = workspace.verdict(key, content)
    event(assert_refused_or_inert(verdict, content, range(first, last + 1), {"unsafe", "links"}))
