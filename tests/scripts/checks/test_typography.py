"""typography: French puts a space before : ; ? and ! (the other languages do not)."""

from __future__ import annotations

import pytest

from scripts.checks.typography import missing_spaces
from tests.scripts.checks.support import GUIDE, line_of, only, rewrite, run, where


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Des guides pour les Partenaires d'Infomaniak: ajouter un Client.", [("d'Infomaniak", ":")]),
        ("Un accès limité; un accès complet.", [("limité", ";")]),
        ("Besoin d'aide pour un projet?", [("projet", "?")]),
        ("C'est gratuit!", [("gratuit", "!")]),
        ("un lien (**Revenu**);", [("(**Revenu**)", ";")]),
        ("Des guides pour les Partenaires d'Infomaniak : ajouter un Client.", []),  # a space
        ("Vous pouvez\u00a0: commander", []),  # a no-break space
        ("Vous pouvez\u202f; commander", []),  # a narrow no-break space
        ("Voir [Remise](guide:discount-and-cashback) ou https://www.infomaniak.com/fr.", []),  # no punctuation
        ("Le rendez-vous est à 10:30 précises.", []),  # a time
        ("« {value} » peut se lire de deux façons : écrivez {thousands}.", []),
        ("Un montant de {{ min_volume_chf }}: au moins.", []),  # a placeholder is not a word the reader sees
    ],
    ids=["colon", "semicolon", "question", "exclamation", "after-markup", "spaced", "nbsp", "nnbsp",
         "link-and-url", "time", "already-french", "placeholder"],
)
def test_a_sign_written_against_the_word_before_it(text, found):
    assert missing_spaces(text, "fr") == found


def test_the_other_languages_write_the_sign_against_the_word():
    assert missing_spaces("Partners: add a client; done?", "en") == []
    assert missing_spaces("Partner: einen Kunden hinzufügen!", "de") == []


def test_a_french_text_without_the_space_is_reported_at_its_line_with_the_fix(tree):
    text = rewrite(tree, "fr", GUIDE, add_summary="Comment inviter un client: la remise atteint {{ max_partner_discount }}, soit 35 %.")
    finding = only(run(tree, "typography"))
    assert where(finding) == (f"docs/fr/{GUIDE}", line_of(text, "Comment inviter un client:"), "typography")
    assert finding.severity == "warning"
    assert "write 'client :'" in finding.message


def test_a_translation_writing_the_sign_against_the_word_is_not_reported(tree):
    rewrite(tree, "en", GUIDE, add_summary="How to invite a client: the discount reaches {{ max_partner_discount }}, that is 35%.")
    assert run(tree, "typography") == []
