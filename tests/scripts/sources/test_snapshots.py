"""The fr texts kb stamp keeps (.kb/fr-snapshots/<hash>.json) and what changed between two of them."""

from __future__ import annotations

import json

import pytest

from scripts.sources import snapshots
from scripts.sources.snapshots import changes, field_name, plain, word_diff
from scripts.sources.tree import ROOT, Tree


@pytest.mark.parametrize(
    ("old", "new", "diff"),
    [
        ("Ajouter un client", "Inviter un client", "[-Ajouter-]{+Inviter+} un client"),
        ("Cliquez sur le bouton bleu.", "Cliquez sur le bouton.", "Cliquez sur le bouton [-bleu-]."),
        ("en haut à droite.", "en haut à droite de la page.", "en haut à droite {+de la page+}."),
        ("jusqu'au bout.", "jusqu'à la fin.", "jusqu'[-au bout-]{+à la fin+}."),
        ("- un\n- deux", "- un\n- trois", "- un ↵ - [-deux-]{+trois+}"),
        (None, "Nouveau.", "{+Nouveau.+}"),
        ("Ancien.", None, "[-Ancien.-]"),
        ("un  deux", "un deux", "[-un deux-]{+un deux+}"),  # only spaces changed: both texts, whole
        (
            "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze",
            "un deux trois quatre cinq six sept HUIT neuf dix onze douze treize quatorze",
            "… trois quatre cinq six sept [-huit-]{+HUIT+} neuf dix onze douze treize …",
        ),
        (
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "A b c d e f g h i j k l m n o p q r s t u v w x y Z",
            "[-a-]{+A+} b c d e f … u v w x y [-z-]{+Z+}",
        ),
    ],
)
def test_the_word_diff_is_compact_and_reads_like_git_word_diff(old, new, diff):
    assert plain(word_diff(old, new)) == diff


def test_field_names_read_like_the_yaml():
    assert field_name(("sections", 0, "steps", 2, "text")) == "sections[0].steps[2].text"
    assert field_name(("title",)) == "title"
    assert field_name(()) == "(the whole file)"


def test_changes_are_the_texts_that_differ_in_the_order_of_the_file():
    old = {"source_hash": "aaaaaaaaaaaa", "title": "A", "keep": "same", "gone": "bye", "steps": ["un", "deux"]}
    new = {"title": "B", "keep": "same", "steps": ["un", "deux", "trois"], "added": {"x": 1}}
    assert [(c.field, c.where, c.old, c.new) for c in changes(old, new)] == [
        ("title", ("title",), "A", "B"),
        ("steps[2]", ("steps", 2), None, "trois"),
        ("added.x", ("added",), None, "1"),
        ("gone", ("gone",), "bye", None),
    ]


def test_a_list_item_inserted_in_the_middle_is_one_change():
    old = {"steps": ["un", "deux", "trois"]}
    new = {"steps": ["un", "un et demi", "deux", "trois"]}
    [change] = changes(old, new)
    assert (change.field, change.where, change.old, change.new) == ("steps[1]", ("steps", 1), None, "un et demi")


def test_a_text_that_becomes_a_mapping_is_the_old_text_removed_and_the_new_texts_added():
    old = {"steps": ["un"]}
    new = {"steps": [{"text": "un", "substeps": ["a"]}]}
    assert [(c.field, c.old, c.new) for c in changes(old, new)] == [
        ("steps[0]", "un", None), ("steps[0].text", None, "un"), ("steps[0].substeps[0]", None, "a"),
    ]


def test_a_kept_text_is_read_back_only_when_it_is_the_text_of_its_hash(tmp_path):
    tree = Tree(tmp_path)
    data = {"id": "x", "title": "Énoncé"}
    digest, written = snapshots.save(tree, data)
    assert written and snapshots.save(tree, data) == (digest, False)
    kept = tmp_path / ".kb" / "fr-snapshots" / f"{digest}.json"
    assert json.loads(kept.read_text(encoding="utf-8")) == data
    assert snapshots.load(tree, digest) == data
    assert snapshots.load(tree, "0" * 12) is None
    kept.write_text('{"id": "x", "title": "Enonce"}', encoding="utf-8")
    with pytest.raises(snapshots.Unreadable, match="does not hold the fr text of that hash"):
        snapshots.load(tree, digest)
    kept.write_text("{", encoding="utf-8")
    with pytest.raises(snapshots.Unreadable, match="is not JSON"):
        snapshots.load(tree, digest)


@pytest.mark.skipif(not (ROOT / "docs" / "fr").is_dir(), reason="no project sources")
def test_every_fr_text_the_project_s_translations_follow_is_kept_with_the_project():
    """So that, once fr changes, kb check on a fresh clone shows what changed (kb stamp writes them: commit them)."""
    tree = Tree(ROOT)
    missing = sorted(d for d in snapshots.recorded(tree) if not snapshots.path(tree, d).is_file())
    assert missing == [], f"run python -m scripts.kb stamp on the translations that record {missing}, and commit .kb/"
