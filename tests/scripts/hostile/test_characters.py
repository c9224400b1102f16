"""Family (d), issue 11 findings 4-5: invisible, bidirectional, control and tag characters and lone
surrogates, typed raw or written as YAML escapes, in any text."""

from __future__ import annotations

from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.scripts.hostile.support import HOSTILE, LABELS, MARKDOWN_TEXTS, SITE_NAME, TITLES, assert_refused_or_inert, file_lines, with_value

# Drawn from the list (the judge's FORBIDDEN is the same list, written from Unicode's tables).
CHARACTERS = st.one_of(
    st.sampled_from("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"),  # bidi
    st.sampled_from("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"),  # invisible formatting
    st.integers(0xE0000, 0xE007F).map(chr),  # tag characters
    st.integers(0x00, 0x1F).filter(lambda c: c != 0x0A).map(chr),  # C0 (NUL, ESC, tab...)
    st.integers(0x7F, 0x9F).map(chr),  # DEL and C1
    st.integers(0xD800, 0xDFFF).map(chr),  # lone surrogates
)


def _yaml_escape(char: str) -> str:
    code = ord(char)
    short = {0: "\\0", 0x1B: "\\e", 0x07: "\\a", 0x08: "\\b", 0x09: "\\t", 0x0B: "\\v", 0x0C: "\\f", 0x0D: "\\r",
             0x85: "\\N"}  # fmt: skip
    if code in short:
        return short[code]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


@settings(HOSTILE, max_examples=20)
@given(
    field=st.sampled_from([*TITLES, *LABELS, SITE_NAME, *MARKDOWN_TEXTS]),
    char=CHARACTERS,
    written=st.sampled_from(["raw", "escape"]),
    where_in_text=st.sampled_from(["start", "middle", "end"]),
)
def test_a_forbidden_character_is_refused_at_its_line_however_it_is_written(workspace, field, char, written, where_in_text):
    key, where = field
    words = {"start": ("", "Fin du partenariat"), "middle": ("Fin du ", "partenariat"), "end": ("Fin du partenariat", "")}
    before, after = words[where_in_text]
    original = workspace.original(key)
    if written == "escape":
        content, first, last = with_value(original, where, before + "\x00" + after, "double")
        content = content.replace("\\u0000", _yaml_escape(char), 1)
    else:
        content, first, last = with_value(original, where, before + char + after, "double")
    if written == "raw" and 0xD800 <= ord(char) <= 0xDFFF:
        data = content.encode("utf-8", "surrogatepass")  # what an editor writing a lone surrogate leaves: not UTF-8
        verdict = workspace.verdict(key, data)
        assert verdict.findings and all(1 <= f.line <= file_lines(data) for f in verdict.findings)
        assert any(f.line == first and f.check == "encoding" for f in verdict.findings), [str(f) for f in verdict.findings]
        event("refused")
        return
    verdict = workspace.verdict(key, content)
    event(assert_refused_or_inert(verdict, content, range(first, last + 1), {"encoding"}))
