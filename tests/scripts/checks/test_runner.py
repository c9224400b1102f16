"""The runner: every registered check on every file it needs, one sorted report, clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks import base
from scripts.checks import runner as checks
from scripts.sources.tree import LANGUAGES, Tree
from tests.scripts.checks.support import GUIDE, only, replace, run, where
from tests.scripts.fixtures.kb_tree import FACTS, make_tree


def test_a_correct_tree_has_no_finding(tree):
    assert run(tree) == []


def test_widget_texts_that_match_fr_have_no_finding(widget_tree):
    assert run(widget_tree) == []


def test_every_message_names_the_fix_after_a_dash(tmp_path):
    tree = make_tree(tmp_path, stamp=False)
    (tree.lang_dir("de") / "guides" / "access-types.yml").unlink()
    replace(tree, "es", GUIDE, "Inicie sesión", "Partenaire: inicie sesión")
    replace(tree, "it", GUIDE, "- id: invite", "- id: invitare")
    findings = run(tree)
    assert {f.check for f in findings} >= {"missing", "stale", "terminology", "structure", "links"}
    for finding in findings:
        assert " — " in finding.message, finding
        assert str(finding).startswith(f"{finding.path}:{finding.line}: {finding.severity}[{finding.check}]: ")


def test_findings_are_sorted_by_path_then_line(tmp_path):
    findings = run(make_tree(tmp_path, stamp=False))
    assert len(findings) > 1
    assert findings == sorted(findings, key=lambda f: (f.path, f.line, f.lang, f.check, f.message))


def test_a_newly_registered_check_runs_on_every_file_it_needs(tree, monkeypatch):
    class Probe(base.Check):
        id = "probe"
        severity = "warning"
        description = "every translation, at line 1"
        needs = "translation"

        def run(self, context):
            self.add(context, 1, f"{context.file.key} beside {context.ref.shown} — nothing to fix")

    monkeypatch.setitem(base.REGISTRY, "probe", Probe())
    found = run(tree, "probe")
    assert {(f.path, f.line, f.severity) for f in found} == {
        (f"docs/{lang}/{key}", 1, "warning")
        for lang in LANGUAGES if lang != "fr"
        for key in ("site.yml", "glossary.yml", GUIDE, "guides/access-types.yml")
    }


def test_the_json_form_of_a_finding_has_the_contract_s_keys(tree):
    (tree.lang_dir("de") / "site.yml").unlink()
    assert only(run(tree)).as_json() == {
        "path": "docs/de/site.yml", "line": 1, "lang": "de", "guide": None, "check": "missing", "severity": "error",
        "message": only(run(tree)).message,
    }


def test_the_checker_cannot_run_without_the_reference_language(tmp_path):
    with pytest.raises(checks.CannotRun, match="reference language"):
        checks.run(Tree(tmp_path), facts=FACTS)
    with pytest.raises(checks.CannotRun, match="not a folder"):
        checks.run(Tree(tmp_path / "nowhere"), facts=FACTS)


def test_the_report_counts_the_files_it_read(tree):
    report = checks.report(tree, facts=FACTS)
    assert report.file_count == 4 * len(LANGUAGES)
    assert report.errors == report.warnings == []


def test_errors_and_warnings_are_told_apart(tmp_path):
    tree = make_tree(tmp_path, stamp=False)
    (tree.lang_dir("de") / "site.yml").unlink()
    report = checks.report(tree, facts=FACTS)
    assert [where(f) for f in report.errors] == [("docs/de/site.yml", 1, "missing")]
    assert {f.check for f in report.warnings} == {"stale"}


def test_paths_are_shown_relative_to_the_root(tree):
    (tree.lang_dir("de") / "site.yml").unlink()
    assert only(run(tree, "missing")).path == "docs/de/site.yml"
    assert not Path(only(run(tree, "missing")).path).is_absolute()
