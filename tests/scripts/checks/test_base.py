"""The registry: every check is one registered object with an id, a severity and a description; the README lists them."""

from __future__ import annotations

import re

from scripts.checks import base
from scripts.checks import runner as checks
from scripts.sources.tree import ROOT

EXPECTED_IDS = {
    "missing", "syntax", "schema", "encoding", "structure", "placeholders", "numbers", "links",
    "terminology", "untranslated", "unsafe", "md-structure", "spelling", "foreign-word", "typography", "stale",
}


def test_every_registered_check_has_an_id_a_severity_and_a_one_line_description():
    assert set(base.REGISTRY) == EXPECTED_IDS
    for check_id, check in base.REGISTRY.items():
        assert isinstance(check, base.Check)
        assert check.id == check_id
        assert check.severity in {"error", "warning"}
        assert check.description.strip() and "\n" not in check.description and "|" not in check.description
        assert check.needs in base.NEEDS


def test_only_stale_spelling_and_typography_are_warnings():
    assert {c.id for c in base.REGISTRY.values() if c.severity == "warning"} == {"stale", "spelling", "typography"}
    assert checks.SEVERITIES == {c.id: c.severity for c in base.REGISTRY.values()}


def test_every_id_a_check_module_or_the_loader_emits_is_registered():
    emitted = set()
    for path in sorted((ROOT / "scripts" / "checks").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"file\.add\(\s*[\"']", text), f"{path.name}: a check records with self.add (its own id)"
        emitted |= set(re.findall(r"^    id = \"([a-z-]+)\"$", text, re.MULTILINE))
    # the loader: file.add("schema", ...), and check = "encoding" if ... else "syntax"
    corpus = (ROOT / "scripts" / "sources" / "corpus.py").read_text(encoding="utf-8")
    loader = {
        word for line in corpus.splitlines() if "file.add(" in line or "check = " in line
        for word in re.findall(r"\"([a-z]+)\"", line)
    }
    assert loader == {"syntax", "encoding", "schema"}
    assert emitted | loader == set(base.REGISTRY)


def test_an_id_is_registered_once():
    class Again(base.Check):
        id = "stale"
        description = "a second stale"

    try:
        base.register(Again)
    except ValueError as exc:
        assert "registered twice" in str(exc)
    else:
        raise AssertionError("a second 'stale' was registered")
    assert type(base.REGISTRY["stale"]).__name__ == "Stale"


def test_the_table_lists_each_check_in_registration_order_with_its_severity_and_description():
    lines = base.table_markdown().splitlines()
    assert re.fullmatch(r"\| check +\| severity \| what it finds +\|", lines[0])
    assert re.fullmatch(r"\|-+\|-+\|-+\|", lines[1])
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]
    assert [row[0] for row in rows] == list(base.REGISTRY)
    assert rows[list(base.REGISTRY).index("stale")] == [
        "stale", "warning", "fr changed since the translation was stamped (or it never was)",
    ]
    assert len({len(line) for line in lines}) == 1  # columns aligned


def test_readme_holds_the_table_generated_from_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(readme) if line.startswith("| check "))
    end = next((i for i in range(start, len(readme)) if not readme[i].startswith("|")), len(readme))
    written = "\n".join(readme[start:end]) + "\n"
    assert written == checks.table_markdown(), (
        "README.md's table of checks differs from the registry — paste the output of"
        " `python -c 'from scripts.checks import runner; print(runner.table_markdown(), end=\"\")'` in its place"
    )
