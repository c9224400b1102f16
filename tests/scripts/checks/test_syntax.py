"""syntax and schema: what the strict loader refuses is reported at its line, in its file only."""

from __future__ import annotations

import pytest

from scripts.sources.loader import SCHEMA_DIR
from scripts.sources.tree import ROOT
from tests.scripts.checks.support import GUIDE, line_of, only, replace, run, where
from tests.scripts.fixtures.kb_tree import WIDGET, make_tree, write


@pytest.mark.parametrize(
    ("old", "new", "expected", "at"),
    [
        ("audience: partners\n", "audience: partners\naudience: both\n", "duplicate key 'audience'", "audience: both"),
        ("  - id: invite\n", "  - id: invite\n\t\n", "tab character", "\t"),
        ("audience: partners", "audience: no", "'no' is ambiguous", "audience: no"),
        ("title: ", "title: [", "YAML syntax", "summary:"),  # where the parser finds the list unclosed
    ],
    ids=["duplicate-key", "tab", "norway", "bracket"],
)
def test_what_the_strict_reader_refuses_is_a_syntax_error_at_its_line(tree, old, new, expected, at):
    text = replace(tree, "de", GUIDE, old, new)
    finding = only(run(tree, "syntax"))
    assert finding.path == f"docs/de/{GUIDE}"
    assert expected in finding.message
    assert " — " in finding.message
    assert finding.line == line_of(text, at)


def test_a_syntax_error_is_reported_in_its_file_only_and_is_no_schema_error(tree):
    text = replace(tree, "it", "site.yml", "home:\n", "home:\n\t\n")
    assert [where(f) for f in run(tree, "syntax")] == [("docs/it/site.yml", line_of(text, "\t"), "syntax")]
    assert run(tree, "schema") == []


def test_what_the_schema_refuses_is_a_schema_error_at_its_line(tree):
    text = replace(tree, "de", GUIDE, "audience: partners", "audience: everyone")
    finding = only(run(tree, "schema"))
    assert where(finding) == (f"docs/de/{GUIDE}", line_of(text, "audience: everyone"), "schema")
    assert "expected one of clients, partners, both" in finding.message
    assert "schemas/guide.schema.json" in finding.message


def test_every_schema_error_of_a_file_is_reported(tree):
    text = replace(tree, "de", "site.yml", "  note: ", "  colour: blue\n  nota: ")
    lines = {f.line for f in run(tree, "schema")}
    assert line_of(text, "colour: blue") in lines
    assert len(lines) >= 2  # the unknown keys and the missing 'note'


def test_widget_texts_are_checked_against_the_calculators_schema(tmp_path):
    real = ROOT / "docs" / "fr" / WIDGET
    if not (SCHEMA_DIR / "calculator.schema.json").is_file() or not real.is_file():
        pytest.skip("the calculators' schema or fr texts are not written yet")
    tree = make_tree(tmp_path)
    write(tree, "fr", WIDGET, real.read_text(encoding="utf-8") + "colour: blue\n")
    finding = only([f for f in run(tree, "schema") if f.path == f"docs/fr/{WIDGET}"])
    assert "unknown key 'colour'" in finding.message
