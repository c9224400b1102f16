"""spelling and foreign-word: a typo in any language, a French word left in a translation, the words/<lang>.txt lists."""

from __future__ import annotations

import pytest

from scripts.checks import spelling
from tests.scripts.checks.support import GUIDE, line_of, only, rewrite, run, where


def test_the_clean_tree_has_no_finding(tree):
    assert run(tree, "spelling") == [] and run(tree, "foreign-word") == []


@pytest.mark.parametrize(("lang", "field", "text", "typo", "meant"), [
    ("fr", "invite_title", "Inviter le clinet", "clinet", "client"),
    ("en", "invite_title", "Invite the cliennt", "cliennt", "client"),
    ("de", "invite_title", "Den Kundden einladen", "Kundden", "Kunden"),
    ("it", "invite_title", "Invitare il clientte", "clientte", "cliente"),
    ("es", "invite_title", "Invitar al clientte", "clientte", "cliente"),
])
def test_a_typo_is_reported_in_every_language_with_the_dictionary_s_suggestion(tree, lang, field, text, typo, meant):
    written = rewrite(tree, lang, GUIDE, **{field: text})
    finding = only(run(tree, "spelling"))
    assert where(finding) == (f"docs/{lang}/{GUIDE}", line_of(written, typo), "spelling")
    assert f"'{typo}' is not in the {lang} dictionary — did you mean '{meant}'?" in finding.message
    assert finding.message.endswith(f"add it to words/{lang}.txt")
    assert finding.severity == "warning"


def test_a_word_in_the_language_s_word_list_is_accepted(tree):
    rewrite(tree, "de", GUIDE, invite_title="Den Kunden im Zorglubportal einladen")
    assert "'Zorglubportal'" in only(run(tree, "spelling")).message
    (tree.root / "words").mkdir()
    (tree.root / "words" / "de.txt").write_text("# accepted\nzorglubportal\n", encoding="utf-8")
    assert run(tree, "spelling") == []


def test_placeholders_links_urls_code_and_numbers_are_not_read(tree):
    rewrite(tree, "en", GUIDE, invite_title="Invite {{ min_volume_chf }} `zzqx` 12abc https://ex.example/qqzz [the client](guide:add-a-client)")
    assert run(tree, "spelling") == []


@pytest.mark.parametrize(("lang", "text", "word", "expected"), [
    ("de", "Die Kunden der Société einladen", "Société", "translate it"),
    ("it", "Invitare gli hébergements", "hébergements", "translate it"),
    ("en", "Invite the Comptabilité", "Comptabilité", "translate it"),
    ("es", "Invitar al Partenaire", "Partenaire", "write 'Socio' (docs/es/glossary.yml:"),
])
def test_a_french_word_left_is_reported_as_such(tree, lang, text, word, expected):
    written = rewrite(tree, lang, GUIDE, invite_title=text)
    finding = only(run(tree, "foreign-word"))
    assert where(finding) == (f"docs/{lang}/{GUIDE}", line_of(written, word), "foreign-word")
    assert f"'{word}' is a French word left untranslated (docs/fr/{GUIDE}:" in finding.message
    assert f"— {expected}" in finding.message
    assert run(tree, "spelling") == []  # reported once, as French, not also as a typo


def test_a_glossary_term_of_both_languages_is_french_where_fr_has_it_and_the_glossary_says_otherwise(tree):
    """"Clients" is German too; fr's glossary term "Client" is "Kunde" in the German glossary: left in French."""
    rewrite(tree, "fr", "glossary.yml", partner="Client")
    rewrite(tree, "de", "glossary.yml", partner="Kunde")
    rewrite(tree, "en", "glossary.yml", partner="Client")
    rewrite(tree, "fr", GUIDE, invite_title="Inviter les Clients")
    written = rewrite(tree, "de", GUIDE, invite_title="Die Clients einladen")
    rewrite(tree, "en", GUIDE, invite_title="Invite the Clients")
    findings = [f for f in run(tree, "foreign-word") if f.path.endswith(GUIDE)]
    finding = only(findings)  # not en: its glossary writes Client too
    assert where(finding) == (f"docs/de/{GUIDE}", line_of(written, "Clients"), "foreign-word")
    assert "'Clients' is a French word left untranslated" in finding.message
    assert "— write 'Kunde' (docs/de/glossary.yml:" in finding.message and "term partner)" in finding.message
    rewrite(tree, "de", GUIDE, invite_title="Den Client einladen")  # fr's text here has "Clients", not "Client"
    rewrite(tree, "fr", GUIDE, invite_title="Inviter le partenaire")
    assert [f for f in run(tree, "foreign-word") if f.path.endswith(GUIDE)] == []  # not what fr writes here


def test_a_label_quoted_in_bold_as_fr_has_it_is_not_a_french_word_left(tree):
    rewrite(tree, "fr", GUIDE, invite_title="Cliquez sur **Gestion des utilisateurs**")
    rewrite(tree, "de", GUIDE, invite_title="Klicken Sie auf **Gestion des utilisateurs**")
    assert [f for f in run(tree, "foreign-word") if f.lang == "de"] == []
    rewrite(tree, "de", GUIDE, invite_title="Klicken Sie auf Gestion des utilisateurs")
    assert {f.message.split("'")[1] for f in run(tree, "foreign-word") if f.lang == "de"} == {"Gestion", "utilisateurs"}


def test_words_are_read_once_per_string():
    spelling.words_of.cache_clear()
    text = "Invitez l'organisation jusqu'à 2e fois, kDrive et IBAN compris."
    assert spelling.words_of(text) == ("Invitez", "organisation", "fois", "compris")
    spelling.words_of(text)
    assert spelling.words_of.cache_info().hits == 1


@pytest.mark.parametrize(("text", "words"), [
    ("dell'organizzazione e l’azienda", ("organizzazione", "azienda")),  # the elided word before a letter
    ("the clients' accounts", ("the", "clients", "accounts")),  # an apostrophe, then no letter: read
    ("abc2 2abc a2bc abc_def", ("abc", "def")),  # a digit touching a word: not read; an underscore ends one
    ("10 m² de stockage, Ⅻ", ("stockage",)),  # m²: a capital-less run holding a digit-like letter
    ("oui non ÉTÉ Été eTé", ("oui", "non", "Été")),  # short, all capitals, a capital inside
])
def test_which_words_are_read(text, words):
    assert spelling.words_of(text) == words
