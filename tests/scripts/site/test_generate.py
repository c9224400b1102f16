"""Generation: the build runs the checker first, writes every page or none, and only what changed."""

from __future__ import annotations

import pytest
import yaml

from scripts.site import generate
from scripts.sources import corpus
from scripts.sources.tree import LANGUAGES, Tree
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


def front_matter(page: str) -> dict:
    """A generated page's front matter, as MkDocs reads it (PyYAML's safe loader)."""
    assert page.startswith("---\n"), page[:80]
    return yaml.safe_load(page.split("---\n", 2)[1])


def test_each_guide_page_gets_its_place_from_the_languages_ways_in(tree):
    """The fixture's journeys are empty: each guide ends its audience's ways in, by title (access-types is for both)."""
    generate.check_and_sync(corpus.load(tree))
    add = front_matter((tree.lang_dir("de") / "guides/add-a-client.md").read_text(encoding="utf-8"))["kb_place"]
    assert add["trail"] == [{"title": "Startseite", "href": "../../"}, {"id": "partners", "title": "Für Partner", "href": "../../#partners"}]
    assert add["label"] == "Navigationspfad" and add["title"] == "Einen Kunden hinzufügen"
    # By title in de: "Einen Kunden hinzufügen" before "Eingeschränkter oder voller Zugriff".
    assert add["steps"] == [{
        "id": "partners", "title": "Für Partner", "href": "../../#partners",
        "previous": None, "next": {"title": "Eingeschränkter oder voller Zugriff", "href": "../access-types/"},
    }]
    access = front_matter((tree.lang_dir("fr") / "guides/access-types.md").read_text(encoding="utf-8"))["kb_place"]
    assert access["trail"][1]["id"] == "clients"  # for both: the clients' way in first
    assert [step["id"] for step in access["steps"]] == ["partners"]  # alone in the clients' way in: no step there


def test_a_journey_naming_no_guide_is_one_error_and_no_page_is_made(tree):
    language = generate.language(corpus.load(tree), "it")
    language.site.data["journeys"]["clients"] = ["add-a-clent"]
    errors: list = []
    generate.render_language(language, {}, {}, errors, only={"guides/access-types.md"})  # a guide alone, as serve renders it
    assert len({str(e) for e in errors}) == 1 and "journeys.clients: guide 'add-a-clent' does not exist; did you mean add-a-client?" in str(errors[0])


def test_the_pages_naming_a_guide_as_previous_or_next_are_its_neighbours_in_each_way_in():
    """What serve renders again when a guide is saved (its title shows there): the real journeys' neighbours."""
    language = generate.language(corpus.load(Tree()), "en")
    # access-types: clients (authorize-a-partner, payment-methods), partners (add-a-client, payment-methods),
    # become_partner (discount-and-cashback, call-for-tenders).
    assert generate.neighbour_pages(language, {"access-types"}) == {
        "guides/authorize-a-partner.md", "guides/payment-methods.md", "guides/add-a-client.md",
        "guides/discount-and-cashback.md", "guides/call-for-tenders.md",
    }
    assert generate.neighbour_pages(language, {"vat-number"}) == set()  # See also: no previous or next
