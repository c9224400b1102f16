"""unsafe: markup that would run in a reader's browser is an error at its line (the build's own rule)."""

from __future__ import annotations

import pytest

from tests.scripts.checks.support import GUIDE, line_of, rewrite, run


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
