"""missing and structure: the files, keys, lists and ids of a translation are fr's (set differences against fr)."""

from __future__ import annotations

import re

import pytest

from scripts.sources.tree import LANGUAGES
from tests.scripts.checks.support import GUIDE, line_of, only, replace, run, where
from tests.scripts.fixtures.kb_tree import WIDGET, make_tree, text_of, write

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


def test_a_file_is_missing_only_in_the_language_that_lacks_it(tree):
    (tree.lang_dir("de") / "site.yml").unlink()
    assert [where(f) for f in run(tree, "missing")] == [("docs/de/site.yml", 1, "missing")]


def test_a_guide_without_fr_original_is_reported(tree):
    write(tree, "de", "guides/extra.yml", text_of("de", "guides/access-types.yml").replace("id: access-types", "id: extra"))
    finding = only([f for f in run(tree) if f.path == "docs/de/guides/extra.yml"])
    assert (finding.line, finding.check) == (1, "structure")
    assert "no fr original" in finding.message


# --- structure --------------------------------------------------------------------


def test_a_step_more_or_less_than_fr_is_a_structure_error(tree):
    path = tree.lang_dir("de") / GUIDE
    text = path.read_text(encoding="utf-8")
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


def test_each_language_has_its_own_forbidden_words_but_fr_s_term_ids(tree):
    # de forbids two variants, fr one; a third is still de's own business, a renamed term id is not
    text = replace(tree, "de", "glossary.yml", '      - "code support"', '      - "code support"\n      - "Partnerin"')
    text = replace(tree, "de", "glossary.yml", "  - id: partner", "  - id: partnerin")
    findings = run(tree, "structure")
    assert {where(f) for f in findings} == {
        ("docs/de/glossary.yml", line_of(text, "terms:"), "structure"),  # fr's 'partner' is missing
        ("docs/de/glossary.yml", line_of(text, "id: partnerin"), "structure"),  # 'partnerin' is not in fr
    }


def test_a_site_label_named_like_a_neutral_key_is_text_unlike_a_guide_s_related(tree):
    # site.yml labels.related is translated text; a guide's related is a list of ids
    text = replace(tree, "de", GUIDE, "related:\n  - access-types", "related:\n  - add-a-client")
    assert [where(f) for f in run(tree, "structure")] == [(f"docs/de/{GUIDE}", line_of(text, "related:"), "structure")]
    assert text_of("de", "site.yml").count("Verwandte Anleitungen") == 1  # the label differs from fr's "Guides liés"


def test_a_structure_difference_is_reported_in_each_language_that_has_it(tree):
    for lang in LANGUAGES:
        if lang != "fr":
            replace(tree, lang, GUIDE, "audience: partners", "audience: both")
    assert {f.lang for f in run(tree, "structure")} == set(LANGUAGES) - {"fr"}
