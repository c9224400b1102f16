"""untranslated: a text of a translation identical to fr that still has words to translate."""

from __future__ import annotations

import pytest

from tests.scripts.checks.support import GUIDE, line_of, only, rewrite, run, where
from tests.scripts.fixtures.kb_tree import text_of


def test_a_text_left_in_french_is_reported(tree):
    fr_step = text_of("fr", GUIDE).split("- text: ")[1].split('"')[1]
    text = rewrite(tree, "de", GUIDE, step_wizard=fr_step)
    finding = only(run(tree, "untranslated"))
    assert where(finding) == (f"docs/de/{GUIDE}", line_of(text, fr_step), "untranslated")
    assert "is the fr text" in finding.message


def test_names_and_short_labels_identical_to_fr_are_not_untranslated(tree):
    rewrite(tree, "en", "site.yml", calculators="Calculateurs")  # one word: too short to tell
    assert run(tree, "untranslated") == []  # and "**Swiss Backup**, **kDrive**" is in every language


@pytest.mark.parametrize(
    ("written", "reported"),
    [
        ("Suivez  l'assistant\n jusqu'au bout.", True),  # fr's words, spaced otherwise: still fr's text
        (" Suivez l'assistant jusqu'au bout.", True),  # a space first: the same words
        ("Suivez l'assistant jusqu'au bout !", False),  # a word more
        ("Suivez l'assistante jusqu'au bout.", False),  # a word changed, not the first
        ("suivez l'assistant jusqu'au bout.", False),  # the first letter changed
    ],
    ids=["spacing", "leading-space", "word-added", "word-changed", "first-letter"],
)
def test_fr_s_words_however_spaced_are_the_fr_text(tree, written, reported):
    rewrite(tree, "de", GUIDE, step_wizard=written)
    assert bool(run(tree, "untranslated")) == reported
