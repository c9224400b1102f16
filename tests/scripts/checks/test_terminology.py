"""terminology: a forbidden variant of a glossary term, as a whole word, from the language's own glossary."""

from __future__ import annotations

import pytest

from tests.scripts.checks.support import GUIDE, line_of, only, rewrite, run, where


def test_a_french_leftover_in_spanish_is_reported_with_the_approved_term(tree):
    text = rewrite(tree, "es", GUIDE, invite_title="Invitar al cliente como Partenaire")
    finding = only(run(tree, "terminology"))
    assert where(finding) == (f"docs/es/{GUIDE}", line_of(text, "Partenaire"), "terminology")
    assert "'Partenaire' is a forbidden variant of 'Socio' (docs/es/glossary.yml:" in finding.message
    assert finding.message.endswith("— write 'Socio'")


@pytest.mark.parametrize("written", ["code support", "Code Support", "CODE  SUPPORT"])
def test_a_forbidden_variant_is_found_in_any_case_and_spacing(tree, written):
    rewrite(tree, "de", GUIDE, step_wizard=f"Folgen Sie dem Assistenten mit Ihrem {written}.")
    assert f"'{written}' is a forbidden variant of 'Partner'" in only(run(tree, "terminology")).message


def test_a_forbidden_variant_in_the_glossary_s_own_texts_is_reported(tree):
    text = rewrite(tree, "it", "glossary.yml", partner_definition="Società ammessa al programma (Partenaire).")
    finding = only(run(tree, "terminology"))
    assert (finding.path, finding.line) == ("docs/it/glossary.yml", line_of(text, "definition:"))


@pytest.mark.parametrize("written", ["Partenaires", "Partenaire-X", "associé"], ids=["longer-word", "hyphen", "fr-only"])
def test_only_whole_forbidden_words_of_the_language_s_own_glossary_are_reported(tree, written):
    rewrite(tree, "es", GUIDE, invite_title=f"Invitar al cliente {written}")
    found = run(tree, "terminology")
    assert (found != []) == (written == "Partenaire-X")  # a hyphen ends a word; the others are other words


def test_calculator_texts_are_held_to_the_language_s_glossary(tmp_path):
    """Widget texts are checked like guides: German 'das Cashback' where the glossary says 'der Cashback'."""
    import shutil

    from scripts.checks import runner as checks
    from scripts.sources.tree import ROOT, Tree

    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("*.md", "assets"))
    path = tmp_path / "docs" / "de" / "calculators" / "access.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("  title:") or line.startswith("title:"))
    lines[number] = 'title: "Wer erhält das Cashback?"'
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [f for f in checks.run(Tree(tmp_path)) if f.check == "terminology"]
    assert [(f.path, f.line) for f in found] == [("docs/de/calculators/access.yml", number + 1)]
    assert "'das Cashback' is a forbidden variant of 'Cashback'" in found[0].message


def test_a_variant_after_the_same_letters_inside_a_longer_word_is_still_found(tree):
    """The file is searched where a variant's first word starts a word: not inside Copartenaire, then at Partenaire."""
    rewrite(tree, "es", GUIDE, invite_title="Invitar al Copartenaire o al Partenaire")
    assert "'Partenaire' is a forbidden variant of 'Socio'" in only(run(tree, "terminology")).message
