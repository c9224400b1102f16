"""stale: a translation records the fr text it follows; when fr changed since, it is a warning."""

from __future__ import annotations

from scripts.sources.tree import LANGUAGES
from tests.scripts.checks.support import replace, rewrite, run, where
from tests.scripts.fixtures.kb_tree import make_tree


def test_a_translation_without_source_hash_is_a_stale_warning(tmp_path):
    tree = make_tree(tmp_path, stamp=False)
    findings = run(tree)
    assert {f.check for f in findings} == {"stale"}
    assert {f.severity for f in findings} == {"warning"}
    assert len(findings) == 4 * 4  # 4 files x 4 translations


def test_a_translation_made_from_an_older_fr_is_a_stale_warning(tree):
    rewrite(tree, "fr", "site.yml", calculators="Calculatrices")
    findings = run(tree)
    assert {(f.check, f.path) for f in findings} == {("stale", f"docs/{lang}/site.yml") for lang in LANGUAGES if lang != "fr"}
    finding = findings[0]
    assert finding.line == 2
    assert "docs/fr/site.yml changed since this translation was made" in finding.message
    assert f"run python -m scripts.kb stamp {finding.path}" in finding.message


def test_only_the_translation_stamped_with_another_fr_than_the_current_is_stale(tree):
    path = tree.lang_dir("it") / "site.yml"
    recorded = path.read_text(encoding="utf-8").split("\n")[1]
    assert recorded.startswith("source_hash: ")
    replace(tree, "it", "site.yml", recorded, "source_hash: abcdefabcdef")
    assert [where(f) for f in run(tree, "stale")] == [("docs/it/site.yml", 2, "stale")]


def test_fr_formatting_changes_do_not_make_translations_stale(tree):
    path = tree.lang_dir("fr") / "site.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  intro: ", "  intro:\n    "), encoding="utf-8")
    assert run(tree, "stale") == []
