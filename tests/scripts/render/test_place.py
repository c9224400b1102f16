"""A guide's place: the home page's ways in, and a guide's breadcrumb, previous and next in them (scripts/render/place.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from scripts.render import markdown as render
from scripts.render import place
from scripts.sources.loader import SourceError, parse


def site(journeys: dict[str, list[str]]):
    lines = ["journeys:"]
    for name in ("become_partner", "clients", "partners", "more"):
        ids = journeys.get(name, [])
        lines.append(f"  {name}:" + ("" if ids else " []"))
        lines.extend(f"    - {guide_id}" for guide_id in ids)
    return parse(Path("docs/fr/site.yml"), "\n".join(lines) + "\n")


def guide(guide_id: str, audience: str, title: str | None = None):
    text = f"id: {guide_id}\ntitle: {title or guide_id.upper()}\nsummary: S.\naudience: {audience}\nsections: []\n"
    return parse(Path(f"docs/fr/guides/{guide_id}.yml"), text)


GUIDES = [
    guide("program", "partners"), guide("access", "both"), guide("authorize", "clients"),
    guide("add", "partners"), guide("pay", "both"), guide("vat", "both"),
]
JOURNEYS = {
    "become_partner": ["program", "access"],
    "clients": ["authorize", "access", "pay"],
    "partners": ["add", "access", "pay"],
    "more": ["vat"],
}


def names(ways) -> dict[str, tuple[str, ...]]:
    return {way.way.name: way.ids for way in ways}


def test_the_ways_in_are_the_journeys_in_the_home_pages_order():
    ways = place.ways_in(site(JOURNEYS), GUIDES)
    assert list(names(ways)) == ["become_partner", "clients", "partners", "more"]
    assert names(ways) == {name: tuple(ids) for name, ids in JOURNEYS.items()}


def test_a_guide_in_no_journey_ends_its_audiences_ways_in_by_title():
    extra = [guide("zeta", "clients", "Zêta"), guide("alpha", "both", "Alpha"), guide("beta", "partners", "beta")]
    ways = names(place.ways_in(site(JOURNEYS), GUIDES + extra))
    assert ways["clients"] == ("authorize", "access", "pay", "alpha", "zeta")
    assert ways["partners"] == ("add", "access", "pay", "alpha", "beta")
    assert ways["become_partner"] == ("program", "access") and ways["more"] == ("vat",)


def test_a_journey_naming_no_guide_is_refused_at_its_line():
    with pytest.raises(SourceError) as info:
        place.ways_in(site({**JOURNEYS, "partners": ["add", "acess"]}), GUIDES)
    assert info.value.line == 11
    assert "journeys.partners: guide 'acess' does not exist; did you mean access?" in info.value.message


@pytest.mark.parametrize(
    ("guide_id", "audience", "way"),
    [
        ("authorize", "clients", "clients"),  # its audience's way in
        ("add", "partners", "partners"),
        ("program", "partners", "become_partner"),  # not in its audience's: the first that lists it
        ("access", "both", "clients"),  # for both: the clients' first, though become_partner comes first on the home page
        ("vat", "both", "more"),
    ],
)
def test_the_breadcrumb_names_the_audiences_way_in_else_the_first_that_lists_the_guide(guide_id, audience, way):
    assert place.of(place.ways_in(site(JOURNEYS), GUIDES), guide_id, audience).way.name == way


def test_a_guide_for_both_not_in_the_clients_way_in_gets_the_partners():
    journeys = {**JOURNEYS, "clients": ["authorize"]}
    assert place.of(place.ways_in(site(journeys), GUIDES), "pay", "both").way.name == "partners"


def test_previous_and_next_in_every_ordered_way_in_that_lists_the_guide_the_breadcrumbs_first():
    where = place.of(place.ways_in(site(JOURNEYS), GUIDES), "access", "both")
    steps = [(step.way.name, step.previous, step.next) for step in where.steps]
    assert steps == [("clients", "authorize", "pay"), ("partners", "add", "pay"), ("become_partner", "program", None)]


def test_see_also_has_no_task_order_and_a_guide_alone_in_its_way_in_has_no_step():
    ways = place.ways_in(site(JOURNEYS), GUIDES)
    assert place.of(ways, "vat", "both").steps == ()
    alone = place.ways_in(site({"clients": ["authorize"]}), [guide("authorize", "clients")])
    assert place.of(alone, "authorize", "clients") == place.Place(place.BY_NAME["clients"], ())


LABELS = {"breadcrumb": "Fil d'Ariane", "previous": "Guide précédent", "next": "Guide suivant", "related": "Guides liés"}
HOME = {"become_partner": "Devenir Partenaire", "for_clients": "Pour les clients", "for_partners": "Pour les partenaires", "more": "Voir aussi"}


def page_of(guide_id: str, guides=GUIDES, titles: dict[str, str] | None = None) -> str:
    titles = titles or {g.data["id"]: g.data["title"] for g in guides}
    ctx = render.Context(
        lang="fr", labels=LABELS, guide_titles=titles, facts={}, ways=place.ways_in(site(JOURNEYS), guides),
        home_texts=HOME, home_link="Page d'accueil",
    )
    return render.guide(next(g for g in guides if g.data["id"] == guide_id), ctx)


def front_matter(page: str) -> dict:
    """The page's front matter as MkDocs reads it (PyYAML's safe loader)."""
    assert page.startswith("---\n")
    return yaml.safe_load(page.split("---\n", 2)[1])


def test_a_guide_page_carries_its_place_in_its_front_matter_in_its_languages_words():
    page = page_of("access")
    assert page.split("---\n", 2)[2].lstrip().startswith("# ACCESS\n")
    assert front_matter(page)["kb_place"] == {
        "label": "Fil d'Ariane",
        "trail": [{"title": "Page d'accueil", "href": "../../"}, {"id": "clients", "title": "Pour les clients", "href": "../../#clients"}],
        "title": "ACCESS",
        "previous": "Guide précédent",
        "next": "Guide suivant",
        "steps": [
            {"id": "clients", "title": "Pour les clients", "href": "../../#clients",
             "previous": {"title": "AUTHORIZE", "href": "../authorize/"}, "next": {"title": "PAY", "href": "../pay/"}},
            {"id": "partners", "title": "Pour les partenaires", "href": "../../#partners",
             "previous": {"title": "ADD", "href": "../add/"}, "next": {"title": "PAY", "href": "../pay/"}},
            {"id": "become-partner", "title": "Devenir Partenaire", "href": "../../#become-partner",
             "previous": {"title": "PROGRAM", "href": "../program/"}, "next": None},
        ],
    }


@pytest.mark.parametrize("title", ['Guillemets " et \\ barre', "Deux: points # dièse", "Ligne\u2028séparée\x85", "Émoji 🎉"])
def test_any_title_reaches_the_front_matter_as_written(title):
    """JSON is YAML; what YAML would read as a line break or refuse is escaped."""
    guides = [*GUIDES[:-1], guide("vat", "both")]
    titles = {**{g.data["id"]: g.data["title"] for g in guides}, "pay": title}
    assert front_matter(page_of("access", guides, titles))["kb_place"]["steps"][0]["next"]["title"] == title


def test_without_the_ways_in_a_guide_page_has_no_front_matter():
    ctx = render.Context(lang="fr", labels=LABELS, guide_titles={"access": "ACCESS"}, facts={})
    assert render.guide(GUIDES[1], ctx).startswith("# ACCESS\n")


def test_a_guide_pages_place_does_not_grow_with_the_number_of_guides():
    """Only the neighbours are named: 1000 more guides in the same audience leave a placed guide's page as it was."""
    many = [guide(f"extra-{index:04d}", "both", f"Extra {index:04d}") for index in range(1000)]
    alone = page_of("access")
    crowded = page_of("access", GUIDES + many)
    assert crowded == alone
    last_placed = json.dumps(front_matter(page_of("pay", GUIDES + many))["kb_place"]["steps"][0]["next"])
    assert "Extra 0000" in last_placed  # the first added guide follows the journey's last one
