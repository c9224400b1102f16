"""Family (e), issue 11 finding 6: a quote opened and never closed is reported on the line where it opens.

A quote that a later line closes (the next quoted value, an apostrophe in French text) makes one long,
well-formed scalar: YAML then fails further down, and the finding names that later line
(``test_a_quote_closed_by_a_later_line_is_reported_where_it_opens``, expected to fail: see the report).
"""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.scripts.hostile.support import HOSTILE, file_lines

KEYS = ["site.yml", "glossary.yml", "guides/end-a-partnership.yml", "guides/add-a-client.yml", "calculators/pricing.yml"]
_SCALAR_LINE = re.compile(r"^(\s*(?:- )?[\w-]+: )(\S.*)$")


def _scalar_lines(text: str) -> list[int]:
    """Lines holding ``key: value`` with a one-line value (no block scalar, no flow collection)."""
    return [number for number, line in enumerate(text.split("\n"), start=1)
            if (m := _SCALAR_LINE.match(line)) and m.group(2)[0] not in "|>[{&*!#"]  # fmt: skip


@settings(HOSTILE, max_examples=15)
@given(
    key=st.sampled_from(KEYS),
    pick=st.integers(0, 10_000),
    quote=st.sampled_from(['"', "'"]),
    rest=st.text(alphabet="abc déf,.;:!?-", max_size=30),
)
def test_an_unclosed_quote_is_reported_on_the_line_that_opens_it(workspace, key, pick, quote, rest):
    text = workspace.original(key)
    lines = text.split("\n")
    # Only lines after which no such quote stands: the quote really runs to the end of the file.
    candidates = [n for n in _scalar_lines(text) if quote not in "\n".join(lines[n:])]
    assume(candidates)
    number = candidates[pick % len(candidates)]
    head = _SCALAR_LINE.match(lines[number - 1]).group(1)
    lines[number - 1] = head + quote + rest  # the quote opens here and is never closed on this line
    content = "\n".join(lines)
    verdict = workspace.verdict(key, content, render=False)
    shown = [str(f) for f in verdict.findings]
    assert verdict.findings, f"line {number}: {lines[number - 1]!r} was accepted"
    assert all(1 <= f.line <= file_lines(content) for f in verdict.findings), shown
    assert any(f.line == number and f.check == "syntax" for f in verdict.findings), (number, shown)


def test_a_quote_closed_by_a_later_line_is_reported_where_it_opens(workspace):
    """site_name's quote is left open on line 2; the quote of apply_url on line 4 closes it."""
    text = workspace.original("site.yml")
    lines = text.split("\n")
    assert lines[1].startswith("site_name: ") and '""' in lines[3]
    lines[1] = 'site_name: "Programme Partenaire Infomaniak'
    verdict = workspace.verdict("site.yml", "\n".join(lines), render=False)
    assert [(f.line, f.check) for f in verdict.findings] == [(2, "syntax")], [str(f) for f in verdict.findings]
