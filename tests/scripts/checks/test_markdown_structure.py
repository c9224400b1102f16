"""md-structure: the Markdown inside a text (list items, bold, links, code, breaks) against fr's, with the fix."""

from __future__ import annotations

import pytest

from tests.scripts.checks.support import GUIDE, line_of, only, run, where
from tests.scripts.checks.support import rewrite as rewrite_words

ACCESS = "guides/access-types.yml"
FR_LIST = "Deux accès :\n\n- le **limité** ;\n- le `complet` ;\n- aucun ;\n- et [le tarif](https://www.infomaniak.com/fr/tarifs)."
DE_LIST = "Zwei Zugriffe:\n\n- der **eingeschränkte**;\n- der `vollständige`;\n- keiner;\n- und [der Tarif](https://www.infomaniak.com/fr/tarifs)."


def rewrite(tree, lang: str, key: str, **words: str) -> str:
    """``support.rewrite``, with each newline of a text written as YAML's \\n (a quoted scalar folds a raw one)."""
    rewrite_words(tree, lang, key, **{name: value.replace("\n", "\u23ce") for name, value in words.items()})
    path = tree.lang_dir(lang) / key
    text = path.read_text(encoding="utf-8").replace("\u23ce", "\\n")
    path.write_text(text, encoding="utf-8")
    return text


@pytest.fixture
def md_tree(tree):
    """fr's and de's compare intro hold a list with bold, code and a link (the other translations are left plain)."""
    rewrite(tree, "fr", ACCESS, compare_intro=FR_LIST)
    rewrite(tree, "de", ACCESS, compare_intro=DE_LIST)
    return tree


def in_lang(tree, lang: str = "de"):
    """The md-structure findings of one language (the others still have fr's old, plain text)."""
    return [finding for finding in run(tree, "md-structure") if finding.lang == lang]


def test_the_clean_tree_has_no_finding(tree):
    assert run(tree, "md-structure") == []


def test_the_same_markdown_as_fr_has_no_finding(md_tree):
    assert in_lang(md_tree) == []
    assert in_lang(md_tree, "en") != []  # en's plain text has none of fr's list: the comparison does run


def test_a_bullet_removed_is_reported_with_both_counts(md_tree):
    text = rewrite(md_tree, "de", ACCESS, compare_intro=DE_LIST.replace("- keiner;\n", ""))
    finding = only(in_lang(md_tree))
    assert where(finding) == (f"docs/de/{ACCESS}", line_of(text, "intro:"), "md-structure")
    assert "fr has 4 list items here, this text has 3" in finding.message
    assert "(docs/fr/guides/access-types.yml:" in finding.message
    assert "— write one item per fr item" in finding.message


def test_an_item_indented_under_another_is_reported(md_tree):
    rewrite(md_tree, "de", ACCESS, compare_intro=DE_LIST.replace("- der `vollständige`", "  - der `vollständige`"))
    assert "nested differently" in only(in_lang(md_tree)).message


def test_bold_left_open_is_reported_at_its_line(md_tree):
    text = rewrite(md_tree, "de", ACCESS, compare_intro=DE_LIST.replace("**eingeschränkte**", "**eingeschränkte"))
    finding = only(in_lang(md_tree))
    assert where(finding) == (f"docs/de/{ACCESS}", line_of(text, "**eingeschränkte"), "md-structure")
    assert "'**' is left open" in finding.message and "— close it as fr does" in finding.message


def test_bold_dropped_is_reported(md_tree):
    rewrite(md_tree, "de", ACCESS, compare_intro=DE_LIST.replace("**eingeschränkte**", "eingeschränkte"))
    assert "fr has 1 bold passage (**...**) here, this text has 0" in only(in_lang(md_tree)).message


@pytest.mark.parametrize("broken", ["[der Tarif] (https://www.infomaniak.com/fr/tarifs)", "[der Tarif](https://www.infomaniak.com/fr/tarifs"])
def test_a_link_left_unclosed_with_its_address_as_text_is_reported(md_tree, broken):
    text = rewrite(md_tree, "de", ACCESS, compare_intro=DE_LIST.replace("[der Tarif](https://www.infomaniak.com/fr/tarifs)", broken))
    finding = only(in_lang(md_tree))
    assert where(finding) == (f"docs/de/{ACCESS}", line_of(text, "der Tarif"), "md-structure")
    assert "https://www.infomaniak.com/fr/tarifs is written as text, not as a link" in finding.message


def test_a_code_span_left_open_is_reported(md_tree):
    rewrite(md_tree, "de", ACCESS, compare_intro=DE_LIST.replace("`vollständige`", "`vollständige"))
    assert "fr has 1 code span (`...`) here, this text has 0" in only(in_lang(md_tree)).message


def test_a_hard_line_break_dropped_is_reported(tree):
    rewrite(tree, "fr", GUIDE, step_read="Lisez la page.\\\nPuis fermez-la.")
    rewrite(tree, "en", GUIDE, step_read="Read the page.\nThen close it.")
    finding = only(in_lang(tree, "en"))
    assert finding.path == f"docs/en/{GUIDE}" and "fr has 1 hard line break here, this text has 0" in finding.message


@pytest.mark.parametrize(
    ("fr_text", "en_text", "expected"),
    [
        ("Lisez *la* page.", "Read the page.", "fr has 1 passage in italics (*...*) here, this text has 0"),
        ("Lisez _la_ page.", "Read the page.", "fr has 1 passage in italics (*...*) here, this text has 0"),
        ("Lisez **la** page.", "Read the page.", "fr has 1 bold passage (**...**) here, this text has 0"),
        ("Lisez `la` page.", "Read the page.", "fr has 1 code span (`...`) here, this text has 0"),
        ("Lisez la page.", "Read *the* page.", "fr has 0 passages in italics (*...*) here, this text has 1"),
        ("Lisez la page.", "Read _the_ page.", "fr has 0 passages in italics (*...*) here, this text has 1"),
        ("Lisez la page.", "Read `the` page.", "fr has 0 code spans (`...`) here, this text has 1"),
        ("Lisez la page.", "Read the page.\\\nThen close it.", "fr has 0 hard line breaks here, this text has 1"),
    ],
)
def test_markdown_on_one_side_only_is_compared(tree, fr_text, en_text, expected):
    # The quick test that lets plain texts through looks for each Markdown character in both texts.
    rewrite(tree, "fr", GUIDE, step_read=fr_text)
    rewrite(tree, "en", GUIDE, step_read=en_text)
    assert expected in only(in_lang(tree, "en")).message
