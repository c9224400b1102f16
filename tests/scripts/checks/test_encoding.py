"""encoding: bytes that are not clean UTF-8, mis-decoded text (mojibake) and invisible characters, at their line."""

from __future__ import annotations

import re

import pytest

from scripts.checks.encoding import mojibake
from scripts.sources.tree import ROOT
from tests.scripts.checks.support import line_of, only, replace, run, where
from tests.scripts.fixtures.kb_tree import text_of

SEEDS = ROOT.parent / "shared" / "seeds"


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
    assert mojibake(written) == [(word, fixed, code_page)]


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_mis_decoded_text_is_an_encoding_error_at_its_line_in_any_language(tree, lang):
    key = "guides/add-a-client.yml"
    old = text_of(lang, key).split("- text: ")[1].split('"')[1]
    text = replace(tree, lang, key, old, "rĂ©seau " + old)
    finding = only(run(tree, "encoding"))
    assert where(finding) == (f"docs/{lang}/{key}", line_of(text, "rĂ©seau"), "encoding")
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
    text = replace(tree, "it", "site.yml", "Calcolatori", "Calcolat\ufffdri")
    finding = only(run(tree, "encoding"))
    assert where(finding) == ("docs/it/site.yml", line_of(text, "\ufffd"), "encoding")
    assert "U+FFFD" in finding.message


@pytest.mark.parametrize("char", ["\u200b", "\ufeff", "\u202e"], ids=["zero-width-space", "inner-bom", "bidi"])
def test_an_invisible_character_is_an_encoding_error(tree, char):
    replace(tree, "es", "site.yml", "Calculadoras", f"Calcu{char}ladoras")
    assert f"invisible character U+{ord(char):04X} — remove it" in only(run(tree, "encoding")).message


@pytest.mark.parametrize(
    "text",
    ["grâce à vous", "Änderung der Straße", "¿Qué? ¡Sí!", "l’accès « complet »", "„Zugriff“ – jetzt…", "30 €, 3 × 2"],
)
def test_correct_accented_text_of_the_five_languages_is_not_mis_decoded(tree, text):
    assert mojibake(text) == []
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
                found = mojibake(line)
                assert found, f"{path.name}:{number}: {line}"
                assert all(fixed for _word, fixed, _name in found), f"{path.name}:{number}: {found}"
    assert seen > 30  # the seeds do have them
