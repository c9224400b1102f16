"""Family (b), issue 11 finding 2: a site name that leaves the HTML attribute the theme prints it in."""

from __future__ import annotations

from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.scripts.hostile.support import HOSTILE, SITE_NAME, assert_refused_or_inert, with_value

# Pieces of an attribute breaker: quotes of each kind, tag signs, handlers, and harmless words between them.
PIECES = ['"', "'", "`", "<", ">", "=", " ", "/", " autofocus", " onfocus=alert(1)", " onmouseover=alert(1)", " x=",
          "Infomaniak", " Partner Program", "&quot;", "&#34;", "\u201c", "\uff02"]  # fmt: skip


@settings(HOSTILE)
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=10), style=st.sampled_from(["double", "single"]))
def test_a_site_name_never_leaves_its_attribute(workspace, pieces, style):
    key, where = SITE_NAME
    value = "Infomaniak" + "".join(pieces)
    content, first, last = with_value(workspace.original(key), where, value, style)
    verdict = workspace.verdict(key, content)
    event(assert_refused_or_inert(verdict, content, range(first, last + 1), {"unsafe"}))
