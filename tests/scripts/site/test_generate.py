"""Generation: the build runs the checker first, writes every page or none, and only what changed."""

from __future__ import annotations

import pytest

from scripts.site import generate
from scripts.sources import corpus
from scripts.sources.tree import LANGUAGES
from tests.scripts.fixtures.kb_tree import make_tree, text_of, write


@pytest.fixture
def tree(tmp_path):
    return make_tree(tmp_path)


def generated(tree) -> dict:
    return {p: p.read_text(encoding="utf-8") for p in sorted(tree.docs.rglob("*.md"))}


def test_a_clean_tree_gets_its_guides_home_and_status_page_in_every_language(tree):
    changed, errors, warnings = generate.check_and_sync(corpus.load(tree))
    assert (errors, warnings) == ([], [])
    for lang in LANGUAGES:
        for page in ("index.md", "status.md", "guides/index.md", "guides/add-a-client.md"):
            assert tree.lang_dir(lang) / page in changed
    assert "✓" in (tree.lang_dir("de") / "status.md").read_text(encoding="utf-8")


def test_a_second_run_rewrites_nothing(tree):
    generate.check_and_sync(corpus.load(tree))
    assert generate.check_and_sync(corpus.load(tree))[0] == []


@pytest.mark.parametrize(
    ("mistake", "check"),
    # "Partenaire" is fr's word: a forbidden variant in the glossary (terminology) and a French word left (foreign-word).
    [({"invite_title": "Invitar al Partenaire"}, {"terminology", "foreign-word"}), ({"site_name": "Programa: de Socios"}, None)],
    ids=["checker-error", "yaml-error"],
)
def test_a_mistake_stops_generation_and_keeps_the_last_good_pages(tree, mistake, check):
    generate.check_and_sync(corpus.load(tree))
    before = generated(tree)
    key = "guides/add-a-client.yml" if "invite_title" in mistake else "site.yml"
    text = text_of("es", key, **mistake)
    if check is None:
        text = text.replace('site_name: "Programa: de Socios"', "site_name: Programa: de Socios")
    write(tree, "es", key, text)
    changed, errors, _ = generate.check_and_sync(corpus.load(tree))
    assert changed == [] and errors
    assert all(str(e).startswith(f"docs/es/{key}:") for e in errors)
    if check:
        assert {e.check for e in errors} == check
    assert generated(tree) == before


def test_a_stale_translation_is_a_warning_not_an_error(tree):
    write(tree, "fr", "site.yml", text_of("fr", "site.yml", home_title="Le programme, pas à pas"))
    changed, errors, warnings = generate.check_and_sync(corpus.load(tree))
    assert errors == [] and changed
    assert {w.check for w in warnings} == {"stale"}
