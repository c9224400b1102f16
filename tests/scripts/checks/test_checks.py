"""Cross-language checks: each check finds its mistake with file, line and fix, and nothing in a correct tree.

Every test starts from the same small five-language tree that the checker
finds clean (tests/scripts/fixtures/kb_tree.py) and breaks one thing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from scripts.checks import runner as checks
from scripts.sources import corpus
from scripts.sources.loader import SCHEMA_DIR
from scripts.sources.tree import LANGUAGES, ROOT, Tree
from tests.scripts.fixtures.kb_tree import FACTS, WIDGET, make_tree, stamped, text_of, write

SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def tree(tmp_path) -> Tree:
    return make_tree(tmp_path)


@pytest.fixture
def widget_tree(tmp_path, monkeypatch) -> Tree:
    """The tree with widget texts, checked without the calculators' schema (theirs to define)."""
    monkeypatch.setitem(corpus.SCHEMAS, "calculator", "no-such-schema")
    return make_tree(tmp_path, widgets=True)


def run(tree: Tree, check: str | None = None) -> list[checks.Finding]:
    return [f for f in checks.run(tree, facts=FACTS) if check is None or f.check == check]


def rewrite(tree: Tree, lang: str, key: str, **words: str) -> str:
    """Write ``lang``'s ``key`` with some words replaced (still stamped); return its text."""
    text = stamped(lang, key, text_of(lang, key, **words))
    write(tree, lang, key, text)
    return text


def replace(tree: Tree, lang: str, key: str, old: str, new: str) -> str:
    path = tree.lang_dir(lang) / key
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), start=1) if needle in line)


def only(findings: list[checks.Finding]) -> checks.Finding:
    assert len(findings) == 1, "\n".join(map(str, findings))
    return findings[0]


# --- The clean tree ---------------------------------------------------------------


def test_a_correct_tree_has_no_finding(tree):
    assert run(tree) == []


def test_widget_texts_that_match_fr_have_no_finding(widget_tree):
    assert run(widget_tree) == []


def test_every_message_names_the_fix_after_a_dash(tmp_path):
    tree = make_tree(tmp_path, stamp=False)
    (tree.lang_dir("de") / "guides" / "access-types.yml").unlink()
    replace(tree, "es", "guides/add-a-client.yml", "Inicie sesión", "Partenaire: inicie sesión")
    replace(tree, "it", "guides/add-a-client.yml", "- id: invite", "- id: invitare")
    findings = run(tree)
    assert {f.check for f in findings} >= {"missing", "stale", "terminology", "structure", "links"}
    for finding in findings:
        assert " — " in finding.message, finding
        assert str(finding).startswith(f"{finding.path}:{finding.line}: {finding.severity}[{finding.check}]: ")


def test_every_check_has_a_severity_and_only_stale_is_a_warning():
    assert set(checks.SEVERITIES) == {
        "missing", "syntax", "schema", "encoding", "structure", "placeholders", "numbers", "links",
        "terminology", "untranslated", "unsafe", "stale",
    }
    assert {check for check, severity in checks.SEVERITIES.items() if severity == "warning"} == {"stale"}


def test_findings_are_sorted_by_path_then_line(tmp_path):
    findings = run(make_tree(tmp_path, stamp=False))
    assert findings == sorted(findings, key=lambda f: (f.path, f.line, f.lang, f.check, f.message))


# --- missing ----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["guides/access-types.yml", "site.yml", "glossary.yml"])
def test_a_file_of_fr_absent_in_a_language_is_missing(tree, key):
    (tree.lang_dir("it") / key).unlink()
    finding = only(run(tree, "missing"))
    assert (finding.path, finding.line, finding.lang, finding.severity) == (f"docs/it/{key}", 1, "it", "error")
    assert f"copy docs/fr/{key} to docs/it/{key}" in finding.message
    if key.startswith("guides/"):
        assert finding.guide == "access-types"


def test_widget_texts_absent_in_a_language_are_missing(widget_tree):
    (widget_tree.lang_dir("es") / WIDGET).unlink()
    finding = only(run(widget_tree, "missing"))
    assert finding.path == f"docs/es/{WIDGET}"
    assert "widget texts 'pricing'" in finding.message


def test_a_language_without_its_folder_misses_every_file(tmp_path):
    tree = make_tree(tmp_path)
    for path in sorted((tree.lang_dir("en")).rglob("*.yml"), reverse=True):
        path.unlink()
    assert {f.path for f in run(tree, "missing")} == {
        "docs/en/site.yml", "docs/en/glossary.yml", "docs/en/guides/add-a-client.yml",
        "docs/en/guides/access-types.yml",
    }


def test_a_file_present_in_every_language_is_not_missing(tree):
    assert run(tree, "missing") == []


def test_a_guide_without_fr_original_is_reported(tree):
    write(tree, "de", "guides/extra.yml", text_of("de", "guides/access-types.yml").replace("id: access-types", "id: extra"))
    finding = only([f for f in run(tree) if f.path == "docs/de/guides/extra.yml"])
    assert finding.check == "structure"
    assert "no fr original" in finding.message


# --- syntax and schema ---------------------------------------------------------------


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
    text = replace(tree, "de", "guides/add-a-client.yml", old, new)
    finding = only(run(tree, "syntax"))
    assert finding.path == "docs/de/guides/add-a-client.yml"
    assert expected in finding.message
    assert " — " in finding.message
    assert finding.line == line_of(text, at)


def test_what_the_schema_refuses_is_a_schema_error_at_its_line(tree):
    text = replace(tree, "de", "guides/add-a-client.yml", "audience: partners", "audience: everyone")
    finding = only(run(tree, "schema"))
    assert finding.line == line_of(text, "audience: everyone")
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


def test_a_correct_tree_has_no_syntax_or_schema_error(tree):
    assert run(tree, "syntax") == run(tree, "schema") == []


# --- encoding ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xef\xbb\xbf", "byte-order mark"),
        ("note: caf\xe9\n".encode("latin-1"), "byte 0xe9 is not UTF-8"),
        (b"note: a\x01b\n", "control character U+0001"),
        ("note: a\u0085b\n".encode(), "control character U+0085"),
    ],
    ids=["bom", "latin-1", "control", "c1-control"],
)
def test_bytes_that_are_not_clean_utf8_are_an_encoding_error(tree, content, expected):
    path = tree.lang_dir("de") / "site.yml"
    text = path.read_bytes()
    path.write_bytes(content + text if content.startswith(b"\xef") else text + content)
    finding = only(run(tree, "encoding"))
    assert finding.path == "docs/de/site.yml"
    assert expected in finding.message
    assert finding.line == (1 if content.startswith(b"\xef") else text.count(b"\n") + 1)


# Every mis-decoded form the seeds show (grep of ../shared/seeds/*.txt), and the
# Windows-1252 / Latin-1 forms of the same letters: written, then expected back.
MOJIBAKE = [
    ("le rĂ©seau", "rĂ©seau", "réseau", "Windows-1250"),
    ("Ă\u00a0 la main", "Ă", "à", "Windows-1250"),
    ("la societĂ registrata", "societĂ", "società", "Windows-1250"),
    ("sezione ContabilitĂ", "ContabilitĂ", "Contabilità", "Windows-1250"),
    ("fĂĽr den Kunden", "fĂĽr", "für", "Windows-1250"),
    ("ĂŞtre Partenaire", "ĂŞtre", "être", "Windows-1250"),
    ("le cĂ´té", "cĂ´té", "côté", "Windows-1250"),
    ("die GrĂźe", "GrĂźe", "Grße", "Windows-1250"),
    ("le menu â‹®", "â‹®", "⋮", "Windows-1250 or Windows-1252"),
    ("le rÃ©seau", "rÃ©seau", "réseau", "Windows-1252 or Latin-1"),
    ("lâ€™accès", "lâ€™accès", "l’accès", "Windows-1250 or Windows-1252"),
    ("Ã  la main", "Ã", "à", "Windows-1252 or Latin-1"),
    ("fÃ¼r", "fÃ¼r", "für", "Windows-1252 or Latin-1"),
    ("aÃ±adir", "aÃ±adir", "añadir", "Windows-1252 or Latin-1"),
]


@pytest.mark.parametrize(("written", "word", "fixed", "code_page"), MOJIBAKE, ids=[m[1] for m in MOJIBAKE])
def test_each_mis_decoded_form_is_found_with_its_repair(written, word, fixed, code_page):
    assert checks.mojibake(written) == [(word, fixed, code_page)]


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_mis_decoded_text_is_an_encoding_error_at_its_line_in_any_language(tree, lang):
    key = "guides/add-a-client.yml"
    old = text_of(lang, key).split("- text: ")[1].split('"')[1]
    text = replace(tree, lang, key, old, "rĂ©seau " + old)
    finding = only(run(tree, "encoding"))
    assert (finding.path, finding.line) == (f"docs/{lang}/{key}", line_of(text, "rĂ©seau"))
    assert "'rĂ©seau' (UTF-8 read as Windows-1250) — write 'réseau'" in finding.message


def test_a_multi_line_text_is_located_at_the_line_of_the_mistake(tree):
    text = replace(tree, "de", "guides/add-a-client.yml", '        "Das Mindestvolumen', '        "Das\n        fĂĽr Mindestvolumen')
    finding = only(run(tree, "encoding"))
    assert finding.line == line_of(text, "fĂĽr")


@pytest.mark.parametrize("written", ["r├⌐seau", "r√©seau"], ids=["cp437", "mac-roman"])
def test_ftfy_is_a_second_opinion_for_code_pages_outside_the_table(tree, written):
    replace(tree, "fr", "site.yml", "Calculateurs", f"Calculateurs {written}")
    finding = only(run(tree, "encoding"))
    assert "looks mis-decoded (ftfy)" in finding.message
    assert "réseau" in finding.message


def test_a_replacement_character_is_an_encoding_error(tree):
    replace(tree, "it", "site.yml", "Calcolatori", "Calcolat\ufffdri")
    assert "U+FFFD" in only(run(tree, "encoding")).message


@pytest.mark.parametrize("char", ["\u200b", "\ufeff", "\u202e"], ids=["zero-width-space", "inner-bom", "bidi"])
def test_an_invisible_character_is_an_encoding_error(tree, char):
    replace(tree, "es", "site.yml", "Calculadoras", f"Calcu{char}ladoras")
    assert f"invisible character U+{ord(char):04X} — remove it" in only(run(tree, "encoding")).message


@pytest.mark.parametrize(
    "text",
    ["grâce à vous", "Änderung der Straße", "¿Qué? ¡Sí!", "l’accès « complet »", "„Zugriff“ – jetzt…", "30 €, 3 × 2"],
)
def test_correct_accented_text_of_the_five_languages_is_not_mis_decoded(tree, text):
    assert checks.mojibake(text) == []
    replace(tree, "fr", "site.yml", "Calculateurs", f"Calculateurs {text}")
    assert run(tree, "encoding") == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the project")
def test_every_mis_decoded_line_of_the_seeds_is_found():
    suspicious = re.compile("[ĂÃ]|â€|â‹")
    seen = 0
    for path in sorted(SEEDS.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if suspicious.search(line):
                seen += 1
                found = checks.mojibake(line)
                assert found, f"{path.name}:{number}: {line}"
                assert all(fixed for _word, fixed, _name in found), f"{path.name}:{number}: {found}"
    assert seen > 30  # the seeds do have them


# --- structure --------------------------------------------------------------------------

GUIDE = "guides/add-a-client.yml"


def test_a_step_more_or_less_than_fr_is_a_structure_error(tree):
    text = replace(tree, "de", GUIDE, "      - " + '"Melden Sie sich', "      - " + '"Melden Sie sich')
    path = tree.lang_dir("de") / GUIDE
    lines = text.split("\n")
    index = line_of(text, "Melden Sie sich") - 1
    path.write_text("\n".join(lines[:index] + lines[index + 1:]), encoding="utf-8")
    finding = only(run(tree, "structure"))
    assert finding.line == line_of(text, "    steps:")
    assert "sections.0.steps: 2 item(s), fr has 3 (docs/fr/guides/add-a-client.yml:" in finding.message


def test_a_step_with_substeps_in_fr_must_have_them_in_the_translation(tree):
    text = replace(tree, "en", GUIDE, '      - text: "Follow the wizard to the end."\n', '      - "Follow the wizard to the end."\n')
    text = re.sub(r'        substeps:\n(          - .*\n)+', "", text)
    (tree.lang_dir("en") / GUIDE).write_text(text, encoding="utf-8")
    finding = only(run(tree, "structure"))
    assert "sections.0.steps.2: a text here, but fr has a step with substeps" in finding.message
    assert finding.line == line_of(text, "Follow the wizard")


def test_a_renamed_section_id_is_reported_with_the_id_to_write(tree):
    text = replace(tree, "it", GUIDE, "  - id: invite", "  - id: invitare")
    missing, extra = run(tree, "structure")
    assert "sections: section 'invite' of fr is missing" in missing.message
    assert missing.message.endswith("— translate it here with id: invite")
    assert extra.line == line_of(text, "id: invitare")
    assert "section 'invitare' is not in fr" in extra.message
    assert extra.message.endswith("— write id: invite if it translates that section")


def test_sections_in_another_order_than_fr_are_reported(tree):
    path = tree.lang_dir("es") / "guides/access-types.yml"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("sections:\n")
    compare, products = rest.split("  - id: products")
    products, related = products.split("related:")
    path.write_text(f"{head}sections:\n  - id: products{products}{compare}related:{related}", encoding="utf-8")
    assert "another order than fr's (compare, products)" in only(run(tree, "structure")).message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("audience: partners", "audience: clients", "audience: 'clients' differs from fr 'partners'"),
        ("related:\n  - access-types", "related:\n  - add-a-client", "related: [add-a-client] differs from fr [access-types]"),
        ("    notes:", "    warnings:", "key 'notes' is missing"),
    ],
    ids=["audience", "related", "key"],
)
def test_language_neutral_values_and_keys_must_equal_fr(tree, old, new, expected):
    replace(tree, "de", GUIDE, old, new)
    assert any(expected in f.message for f in run(tree, "structure")), run(tree)


def test_a_role_of_a_variant_must_equal_fr(tree):
    text = replace(tree, "en", "guides/access-types.yml", "role: partner", "role: client")
    finding = only(run(tree, "structure"))
    assert finding.line == line_of(text, "You manage") - 1
    assert "write role: partner" in finding.message


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_a_guide_id_other_than_its_file_name_is_reported(tree, lang):
    text = replace(tree, lang, GUIDE, "id: add-a-client", "id: kunde-hinzufuegen")
    finding = only([f for f in run(tree, "structure") if f.lang == lang])
    assert finding.line == line_of(text, "id: kunde-hinzufuegen")
    assert "write id: add-a-client" in finding.message
    assert "differs from the file name guides/add-a-client.yml" in finding.message


def test_glossary_terms_are_compared_by_id(tree):
    replace(tree, "es", "glossary.yml", "- id: partner", "- id: socio")
    messages = [f.message for f in run(tree, "structure")]
    assert any("term 'partner' of fr is missing" in m for m in messages)


def test_each_language_has_its_own_forbidden_words_and_an_own_number_of_them(tree):
    assert run(tree, "structure") == []  # de forbids two variants, fr one


def test_ids_labels_named_like_neutral_keys_are_text(tree):
    # site.yml labels.related is a text, unlike a guide's related ids
    assert run(tree, "structure") == []


# --- placeholders -----------------------------------------------------------------------


def test_a_placeholder_of_fr_missing_in_the_translation_is_reported(tree):
    text = rewrite(tree, "de", GUIDE, add_summary="Wie man einen Kunden einlädt; der Rabatt erreicht 35 %.")
    finding = only(run(tree, "placeholders"))
    assert finding.line == line_of(text, "summary:")
    assert "{{ max_partner_discount }} is missing" in finding.message


def test_a_placeholder_fr_does_not_have_is_reported(tree):
    rewrite(tree, "en", GUIDE, add_title="Add a client ({{ min_volume_chf }})")
    assert "{{ min_volume_chf }} is not in fr" in only(run(tree, "placeholders")).message


def test_an_unknown_placeholder_is_reported_with_the_closest_name(tree):
    for lang in LANGUAGES:  # even where every language agrees
        words = text_of(lang, GUIDE).split("summary: ")[1].split("\n")[0].strip('"')
        rewrite(tree, lang, GUIDE, add_summary=words.replace("max_partner_discount", "max_discount"))
    findings = run(tree, "placeholders")
    assert len(findings) == len(LANGUAGES)
    assert all("unknown placeholder {{ max_discount }} — write {{ max_partner_discount }}" in f.message for f in findings)


def test_a_malformed_placeholder_is_reported(tree):
    rewrite(tree, "it", GUIDE, add_title="Aggiungere un cliente {{ min_volume_chf }")
    assert "not closed or opened properly" in only(run(tree, "placeholders")).message


def test_spacing_inside_a_placeholder_does_not_matter(tree):
    text = text_of("de", GUIDE).replace("{{ max_partner_discount }}", "{{max_partner_discount}}")
    write(tree, "de", GUIDE, stamped("de", GUIDE, text))
    assert run(tree, "placeholders") == []


def test_a_widget_placeholder_must_match_fr(widget_tree):
    text = rewrite(widget_tree, "de", WIDGET, too_small="Geben Sie mindestens {minimum} Hosting an.")
    findings = run(widget_tree, "placeholders")
    assert {f.line for f in findings} == {line_of(text, "quantity.too_small")}
    assert {re.search(r"\{\w+\} is (missing|not in fr)", f.message).group() for f in findings} == {
        "{min} is missing", "{minimum} is not in fr",
    }


# --- numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2 000", "2000"), ("2\u00a0000", "2000"), ("2\u202f000", "2000"), ("2’000", "2000"), ("2'000", "2000"),
        ("2.000", "2000"), ("2,000", "2000"), ("2000", "2000"), ("35 %", "35"), ("35%", "35"), ("35\u00a0%", "35"),
        ("9,92", "9.92"), ("9.92", "9.92"), ("1 234,56", "1234.56"), ("1,234.56", "1234.56"), ("1.234,56", "1234.56"),
    ],
)
def test_a_figure_means_the_same_value_in_every_locale(written, value):
    [(token, values)] = checks.numbers(f"soit {written} par an")
    assert Decimal(value) in values


def test_figures_in_placeholders_urls_and_link_targets_are_not_figures():
    assert checks.numbers("{{ example_2 }} [x](https://x.ch/p/2024) https://y.ch/3 IPv6 kDrive2") == []


@pytest.mark.parametrize(
    "figure",
    ["2 000", "2\u00a0000", "2\u202f000", "2’000", "2'000", "2.000", "2,000", "2000"],
)
def test_a_thousands_separator_of_any_locale_is_not_a_different_number(tree, figure):
    note = f"Das Mindestvolumen beträgt CHF {figure} pro Jahr ({{{{ min_volume_chf }}}}), also CHF 9,92 pro Monat."
    rewrite(tree, "de", GUIDE, note_volume=note)
    assert run(tree, "numbers") == []


def test_a_different_figure_is_reported_with_fr_s(tree):
    text = rewrite(
        tree, "de", GUIDE,
        note_volume="Das Mindestvolumen beträgt CHF 2’500 pro Jahr ({{ min_volume_chf }}), also CHF 9.92 pro Monat.",
    )
    finding = only(run(tree, "numbers"))
    assert finding.line == line_of(text, "2’500")
    assert "2’500 where fr has 2 000" in finding.message
    assert "write fr's figure (2 000)" in finding.message


def test_a_figure_fr_does_not_have_is_reported(tree):
    rewrite(tree, "en", GUIDE, step_wizard="Follow the 3 screens of the wizard.")
    assert "3 is not in fr here" in only(run(tree, "numbers")).message


def test_a_figure_of_fr_missing_in_the_translation_is_reported(tree):
    rewrite(tree, "es", GUIDE, add_summary="Cómo invitar a un cliente; el descuento alcanza {{ max_partner_discount }}.")
    assert "fr has 35 % here" in only(run(tree, "numbers")).message


# --- links ------------------------------------------------------------------------------


def test_a_link_to_a_guide_that_does_not_exist_is_reported_with_the_closest_id(tree):
    for lang in LANGUAGES:
        replace(tree, lang, GUIDE, "guide:access-types#compare", "guide:acces-types#compare")
    findings = run(tree, "links")
    assert len(findings) == len(LANGUAGES)
    assert all("no guide 'acces-types' — did you mean access-types?" in f.message for f in findings)


def test_a_related_guide_that_does_not_exist_is_reported(tree):
    text = replace(tree, "fr", GUIDE, "related:\n  - access-types", "related:\n  - access-type")
    finding = only([f for f in run(tree, "links") if f.lang == "fr"])
    assert finding.line == line_of(text, "  - access-type")
    assert "related: no guide 'access-type'" in finding.message


def test_a_link_to_a_guide_not_yet_translated_says_which_file_to_write(tree):
    (tree.lang_dir("de") / "guides/access-types.yml").unlink()
    messages = [f.message for f in run(tree, "links") if f.path == f"docs/de/{GUIDE}"]
    assert len(messages) == 2  # the step's link and the related id
    assert all("translate docs/fr/guides/access-types.yml into docs/de/guides/access-types.yml" in m for m in messages)


def test_a_link_to_a_section_that_does_not_exist_is_reported(tree):
    for lang in LANGUAGES:
        replace(tree, lang, GUIDE, "#compare", "#comparer")
    assert all("has no section 'comparer'" in f.message for f in run(tree, "links"))


def test_a_link_target_that_is_not_a_guide_calculator_or_url_is_reported(tree):
    replace(tree, "it", GUIDE, "guide:access-types#compare", "access-types.md")
    messages = [f.message for f in run(tree, "links")]
    assert any("link target 'access-types.md' is not a guide" in m for m in messages)


def test_a_link_to_an_unknown_calculator_or_one_without_texts_is_reported(tree, widget_tree):
    for target, expected in (("calculator:prices", "no calculator 'prices'"), ("calculator:eligibility", "has no texts")):
        rewrite(widget_tree, "fr", GUIDE, step_wizard=f"Suivez [l'assistant]({target}).")
        assert any(expected in f.message for f in run(widget_tree, "links") if f.lang == "fr")


def test_an_external_url_other_than_fr_s_is_reported(tree):
    text = replace(tree, "de", GUIDE, "https://manager.infomaniak.com", "https://manager.infomaniak.com/de")
    finding = only(run(tree, "links"))
    assert finding.line == line_of(text, "manager.infomaniak.com/de")
    assert "use fr's URL (https://manager.infomaniak.com)" in finding.message


def test_a_declared_localized_url_is_accepted(tree, monkeypatch):
    monkeypatch.setitem(
        checks.LOCALIZED_URLS, "https://manager.infomaniak.com", {"de": "https://manager.infomaniak.com/de"}
    )
    replace(tree, "de", GUIDE, "https://manager.infomaniak.com", "https://manager.infomaniak.com/de")
    assert run(tree, "links") == []


def test_a_link_of_fr_dropped_by_the_translation_is_reported(tree):
    rewrite(tree, "es", GUIDE, step_read="Lea primero la comparación de los accesos.")
    assert "fr links to guide:access-types#compare here" in only(run(tree, "links")).message


def test_links_that_match_fr_are_not_reported(tree):
    assert run(tree, "links") == []


# --- terminology -------------------------------------------------------------------------


def test_a_french_leftover_in_spanish_is_reported_with_the_approved_term(tree):
    text = rewrite(tree, "es", GUIDE, invite_title="Invitar al cliente como Partenaire")
    finding = only(run(tree, "terminology"))
    assert finding.line == line_of(text, "Partenaire")
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


# --- untranslated ------------------------------------------------------------------------


def test_a_text_left_in_french_is_reported(tree):
    fr_step = text_of("fr", GUIDE).split("- text: ")[1].split('"')[1]
    text = rewrite(tree, "de", GUIDE, step_wizard=fr_step)
    finding = only(run(tree, "untranslated"))
    assert finding.line == line_of(text, fr_step)
    assert "is the fr text" in finding.message


def test_names_and_short_labels_identical_to_fr_are_not_untranslated(tree):
    rewrite(tree, "en", "site.yml", calculators="Calculateurs")  # one word: too short to tell
    assert run(tree, "untranslated") == []  # and "**Swiss Backup**, **kDrive**" is in every language


# --- stale --------------------------------------------------------------------------------


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


def test_a_translation_stamped_with_the_current_fr_is_not_stale(tree):
    assert run(tree, "stale") == []


def test_fr_formatting_changes_do_not_make_translations_stale(tree):
    path = tree.lang_dir("fr") / "site.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  intro: ", "  intro:\n    "), encoding="utf-8")
    assert run(tree, "stale") == []


# --- running -------------------------------------------------------------------------------


def test_the_checker_cannot_run_without_the_reference_language(tmp_path):
    with pytest.raises(checks.CannotRun, match="reference language"):
        checks.run(Tree(tmp_path), facts=FACTS)
    with pytest.raises(checks.CannotRun, match="not a folder"):
        checks.run(Tree(tmp_path / "nowhere"), facts=FACTS)


def test_the_report_counts_the_files_it_read(tree):
    report = checks.report(tree, facts=FACTS)
    assert report.file_count == 4 * len(LANGUAGES)
    assert report.errors == report.warnings == []


def test_paths_are_shown_relative_to_the_root(tree):
    (tree.lang_dir("de") / "site.yml").unlink()
    assert only(run(tree, "missing")).path == "docs/de/site.yml"
    assert not Path(only(run(tree, "missing")).path).is_absolute()


@pytest.mark.parametrize(
    ("text", "unsafe"),
    [("Cliquez sur <b onclick=alert(1)>OK</b>.", True), ("Voir [ici](javascript:alert(1)).", True),
     ("Titre { onclick=alert(1) }", True), ("Voir [le Manager](https://manager.infomaniak.com).", False)],
    ids=["raw-html", "javascript-link", "attr-list", "safe-link"],
)
def test_executable_markup_is_an_unsafe_error_at_its_line(tree, text, unsafe):
    rewrite(tree, "fr", GUIDE, step_wizard=text)
    findings = run(tree, "unsafe")
    assert bool(findings) == unsafe
    if unsafe:
        assert findings[0].path == f"docs/fr/{GUIDE}" and findings[0].severity == "error"
