"""unsafe: markup that would run in a reader's browser is an error at its line (the build's own rule)."""

from __future__ import annotations

import pytest

from tests.scripts.checks.support import GUIDE, line_of, rewrite, run
from tests.scripts.fixtures.kb_tree import WIDGET


@pytest.mark.parametrize(
    ("text", "unsafe"),
    [("Cliquez sur <b onclick=alert(1)>OK</b>.", True), ("Voir [ici](javascript:alert(1)).", True),
     ("Titre { onclick=alert(1) }", True), ("Voir [le Manager](https://manager.infomaniak.com).", False)],
    ids=["raw-html", "javascript-link", "attr-list", "safe-link"],
)
def test_executable_markup_is_an_unsafe_error_at_its_line(tree, text, unsafe):
    written = rewrite(tree, "fr", GUIDE, step_wizard=text)
    findings = run(tree, "unsafe")
    assert bool(findings) == unsafe
    if unsafe:
        assert {(f.path, f.line, f.severity) for f in findings} == {(f"docs/fr/{GUIDE}", line_of(written, text), "error")}


@pytest.mark.parametrize(
    ("key", "text", "unsafe"),
    [
        ("too_small", "Au moins {min} <b>hébergement</b>.", True),  # raw HTML: refused in every text
        ("too_small", "Au moins {min} { onclick=alert(1) } hébergement.", False),  # an escaped message: braces are text
        ("too_small", "Voir [ici](javascript:alert(1)).", False),  # shown as text by the widget, never a link
        ("pricing_title", "Tarifs { onclick=alert(1) }", True),  # the title is Markdown
    ],
    ids=["html-in-a-message", "braces-in-a-message", "link-in-a-message", "attr-list-in-the-title"],
)
def test_a_calculator_s_messages_are_plain_text_and_its_title_markdown(widget_tree, key, text, unsafe):
    rewrite(widget_tree, "fr", WIDGET, **{key: text})
    findings = [f for f in run(widget_tree, "unsafe") if f.lang == "fr"]
    assert bool(findings) == unsafe, findings
