"""The texts of a source as the checks read them: ids, choices and the hash left out, each language's own values on demand."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks.text import URL, prose, texts, unusual, url_pattern
from scripts.sources import corpus
from scripts.sources.loader import Source


def _paths(tree, lang: str, key: str, **options) -> list[tuple]:
    file = corpus.load(tree).files[lang][key]
    return [where for where, _text in texts(file, **options)]


def test_a_guide_s_texts_leave_out_its_ids_choices_related_guides_and_hash(tree):
    assert _paths(tree, "de", "guides/access-types.yml") == [
        ("title",), ("summary",),
        ("sections", 0, "title"), ("sections", 0, "intro"),
        ("sections", 0, "variants", 0, "intro"), ("sections", 0, "variants", 1, "intro"),
        ("sections", 1, "title"), ("sections", 1, "notes", 0),
    ]


def test_a_glossary_s_forbidden_variants_are_texts_unless_asked_without(tree):
    with_specific = _paths(tree, "de", "glossary.yml")
    without = _paths(tree, "de", "glossary.yml", with_specific=False)
    assert ("terms", 0, "id") not in with_specific
    assert ("terms", 0, "forbidden", 0) in with_specific
    assert [where for where in with_specific if where[:3] != ("terms", 0, "forbidden")] == without


def test_what_is_under_a_pattern_is_left_out_at_any_depth_and_only_there(tree):
    data = {
        "id": "x", "title": "t", "related": ["a", ["b", {"c": "d"}]], "source_hash": "h",
        "sections": [
            {"id": "s", "title": "u", "variants": [{"role": "r", "intro": "i"}], "table": {"k": "v"}},
            {"id": ["odd"], "steps": [{"id": "kept: not sections.*.id"}]},
        ],
        "other": {"id": "kept: not a pattern here", "role": "kept"},
    }
    file = corpus.File(tree, "de", "guides/x.yml", "guide")
    file.parsed = file.source = Source(Path("x.yml"), data, {})
    assert [where for where, _text in texts(file)] == [
        ("title",), ("sections", 0, "title"), ("sections", 0, "variants", 0, "intro"),
        ("sections", 1, "steps", 0, "id"), ("other", "id"), ("other", "role"),
    ]


def test_unusual_keeps_every_character_but_printable_ascii_and_the_newline_in_order():
    assert unusual("a\tb\u00e9c\n\u202ed\x7f€ ~\r") == "\t\u00e9\u202e\x7f€\r"
    assert unusual("plain text\n") == ""
    assert unusual("x\ud800y") == "\ud800"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("voir https://www.infomaniak.com/fr.", ["https://www.infomaniak.com/fr."]),
        ("(https://a.ch) et http://b.ch", ["https://a.ch", "http://b.ch"]),
        ("xhttps://a.ch éhttps://b.ch _https://c.ch", []),  # inside a word: no address starts there
        ("écrire à info@a.ch ou mailto:b@c.ch", ["info@a.ch", "mailto:b@c.ch"]),
        ("a@b.https://x.ch", ["a@b.https"]),  # the e-mail address is found first, and the URL then has no "http"
    ],
)
def test_bare_addresses_are_found_with_or_without_the_e_mail_branches(text, expected):
    assert url_pattern(text).findall(text) == expected
    assert URL.findall(text) == expected


def test_prose_leaves_out_addresses_placeholders_and_link_targets():
    assert prose("Voir [le site](https://a.ch/2) ou https://b.ch/3, {{ fact_4 }}, info@c.ch.").split() == [
        "Voir", "[le", "site]", "ou", ",",  # an address takes the sign that follows it ("3," and "ch.")
    ]
