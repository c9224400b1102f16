"""The fr fingerprint a translation records: 12 hex digits that change with the words, not with the layout."""

from __future__ import annotations

from scripts.sources.hashing import PATTERN, source_hash


def test_the_hash_has_the_schemas_form():
    assert PATTERN.match(source_hash({"title": "Ajouter un client"}))


def test_key_order_and_an_own_source_hash_do_not_matter():
    data = {"title": "Ajouter", "summary": "Comment."}
    assert source_hash(data) == source_hash({"summary": "Comment.", "title": "Ajouter"})
    assert source_hash(data) == source_hash({**data, "source_hash": "0123456789ab"})


def test_a_changed_word_changes_the_hash():
    assert source_hash({"title": "Ajouter un client"}) != source_hash({"title": "Ajouter un Client"})
