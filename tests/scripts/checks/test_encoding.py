"""encoding: bytes that are not clean UTF-8, mis-decoded text (mojibake) and invisible characters, at their line."""

from __future__ import annotations

import json
import re

import pytest

from scripts.checks.base import FORBIDDEN_CHARACTERS, Finding
from scripts.checks.encoding import _SUSPECT, mojibake, suspect
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
    message = only(run(tree, "encoding")).message
    assert f"character U+{ord(char):04X} (" in message and "is not allowed" in message and "— remove it" in message


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


# --- Character policy: what no text may hold, however it is written (issue 11) -----------------

_HIDDEN = {
    "bidi-override-raw": "\u202e",
    "bidi-override-escaped": "\\u202e",
    "left-to-right-mark": "\\u200e",
    "right-to-left-mark": "\\u200f",
    "arabic-letter-mark": "\\u061c",
    "tag-character": "\\U000e0041",
    "nul": "\\0",
    "escape": "\\e[2K",
    "lone-surrogate": "\\ud800",
    "zero-width-space": "\\u200b",
}


@pytest.mark.parametrize("written", _HIDDEN.values(), ids=_HIDDEN.keys())
def test_a_hidden_or_control_character_is_refused_at_its_line_however_it_is_written(tmp_path, written):
    import shutil

    from scripts.checks import runner as checks
    from scripts.sources.tree import ROOT, Tree

    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("*.md", "assets"))
    path = tmp_path / "docs" / "en" / "guides" / "end-a-partnership.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = f'title: "End a{written} partnership"'
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [f for f in checks.run(Tree(tmp_path)) if f.check == "encoding"]
    assert [(f.path, f.line) for f in found] == [("docs/en/guides/end-a-partnership.yml", number + 1)]
    assert "is not allowed" in found[0].message
    # What is printed never holds the character itself: a terminal shows the report as written.
    shown = str(found[0]) + json.dumps(found[0].as_json(), ensure_ascii=False)
    assert FORBIDDEN_CHARACTERS.search(shown) is None
    shown.encode("utf-8")  # no lone surrogate left to fail on output


def test_a_message_is_printed_with_its_control_characters_written_as_codes():
    finding = Finding("docs/en/site.yml", 3, "en", None, "encoding", "error", "title: 'a\x1b[2Kb\u202e'")
    assert str(finding) == "docs/en/site.yml:3: error[encoding]: title: 'a\\u001b[2Kb\\u202e'"


@pytest.mark.parametrize(
    "text",
    ["35Â %", "Â\u00a0%", "grâce à vous", "â€™", "caf\u00e9 \u202e", "a\tb", "l’accès", "Ã  la", "ÂÂ", "Â\n%", "\ud800x"],
)
def test_the_quick_test_for_mojibake_agrees_with_the_full_pattern(text):
    # suspect() reads the set of the text's characters (an ASCII second character, the space that replaced a
    # no-break space, in the text itself); _SUSPECT, the pattern it stands for, reads the text.
    assert suspect(text) == (_SUSPECT.search(text) is not None)


def test_a_no_break_space_mis_decoded_then_turned_into_a_space_is_found(tree):
    # "Â" is a French letter and the space is ASCII: only the pair of them, side by side, is mojibake.
    text = replace(tree, "fr", "site.yml", "Calculateurs", "Calculateurs 35Â %")
    finding = only(run(tree, "encoding"))
    assert where(finding) == ("docs/fr/site.yml", line_of(text, "35Â %"), "encoding")
    assert "mis-decoded text '35Â'" in finding.message
