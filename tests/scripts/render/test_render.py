"""Rendering: each element of the guide schema becomes the Material construct made for it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from scripts.render import markdown as render
from scripts.sources.loader import SourceError, parse


@dataclass(frozen=True)
class Fact:
    kind: str
    value: Decimal
    currency: str | None = None


FACTS = {"min_volume_chf": Fact("money", Decimal("2000"), "CHF"), "max_partner_discount": Fact("percent", Decimal("35"))}
LABELS = {
    "prerequisites": "Prérequis", "related": "Guides liés", "as_client": "En tant que client",
    "as_partner": "En tant que partenaire", "note": "Remarque", "warning": "Attention",
    "audience_clients": "Clients", "audience_partners": "Partenaires", "audience_both": "Tous",
}


def ctx(lang: str = "fr", **kwargs) -> render.Context:
    defaults = dict(
        lang=lang, labels=LABELS, guide_titles={"g": "Guide G", "other": "Autre guide"}, facts=FACTS,
        calculator_names=("pricing",), tables={"pricing-example": lambda texts, lang: f"| table {lang} {texts['pricing']['title']} |\n|---|\n"},
        calculator_texts={"pricing": {"title": "Prix"}},
    )
    return render.Context(**{**defaults, **kwargs})


def guide(yaml_text: str):
    head = "id: g\ntitle: Guide G\nsummary: Résumé.\naudience: both\n"
    return parse(Path("docs/fr/guides/g.yml"), head + yaml_text)


SECTION = "sections:\n  - id: s\n    title: Section\n"


def test_title_summary_and_section_heading_with_a_stable_anchor():
    page = render.guide(guide(SECTION), ctx())
    assert page.startswith("# Guide G\n\nRésumé.\n")
    assert "## Section { #s }" in page


def test_prerequisites_are_an_info_admonition_with_the_language_label():
    page = render.guide(guide("prerequisites:\n  - Être client.\n" + SECTION), ctx())
    assert '!!! info "Prérequis"\n\n    - Être client.' in page


def test_steps_are_a_numbered_list_and_substeps_a_nested_one():
    source = guide(SECTION + "    steps:\n      - Un\n      - text: Deux\n        substeps: [A, B]\n      - Trois\n")
    page = render.guide(source, ctx())
    assert "1. Un\n2. Deux\n\n    1. A\n    2. B\n\n3. Trois" in page


def test_notes_and_warnings_are_admonitions():
    page = render.guide(guide(SECTION + "    notes: [Bon à savoir.]\n    warnings: [Effet immédiat.]\n"), ctx())
    assert '!!! note "Remarque"\n\n    Bon à savoir.' in page
    assert '!!! warning "Attention"\n\n    Effet immédiat.' in page


def test_role_variants_are_content_tabs_in_client_partner_order():
    source = guide(
        SECTION
        + "    variants:\n      - role: client\n        steps: [C1]\n      - role: partner\n        intro: P\n        steps: [P1]\n"
    )
    page = render.guide(source, ctx())
    assert '=== "En tant que client"\n\n    1. C1' in page
    assert '=== "En tant que partenaire"\n\n    P\n\n    1. P1' in page
    assert page.index("client") < page.index("partenaire")


def test_related_guides_are_listed_with_their_titles():
    page = render.guide(guide(SECTION + "related: [other]\n"), ctx())
    assert "## Guides liés { #related }\n\n- [Autre guide](other.md)" in page


def test_a_related_guide_that_does_not_exist_is_a_located_error():
    with pytest.raises(SourceError) as info:
        render.guide(guide(SECTION + "related:\n  - other\n  - ghost\n"), ctx())
    assert info.value.line == 10 and "'ghost' does not exist" in info.value.message


def test_internal_links_point_at_the_generated_pages():
    source = guide(SECTION + "    intro: Voir [G](guide:other#s) et [calcul](calculator:pricing).\n")
    assert "Voir [G](../guides/other.md#s) et [calcul](../calculators/pricing.md)." in render.guide(source, ctx())


def test_a_link_to_an_unknown_guide_is_a_located_error():
    with pytest.raises(SourceError) as info:
        render.guide(guide(SECTION + "    intro: Voir [G](guide:nope).\n"), ctx())
    assert info.value.line == 8 and "unknown guide 'nope'" in info.value.message


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "2\u202f000\xa0CHF et 35\xa0%"), ("en", "CHF\xa02,000 et 35%"), ("de", "2.000\xa0CHF et 35\xa0%"), ("es", "2.000\xa0CHF et 35\xa0%")],
)
def test_placeholders_are_filled_in_the_page_locale(lang, expected):
    page = render.guide(guide(SECTION + "    intro: '{{ min_volume_chf }} et {{max_partner_discount}}'\n"), ctx(lang))
    assert expected in page


def test_an_unknown_placeholder_is_a_located_error():
    with pytest.raises(SourceError) as info:
        render.guide(guide(SECTION + "    intro: 'Seuil {{ min_volume_usd }}'\n"), ctx())
    assert info.value.line == 8 and "unknown placeholder {{ min_volume_usd }}" in info.value.message


def test_a_table_section_gets_the_computed_table_of_its_language():
    page = render.guide(guide(SECTION + "    table: pricing-example\n"), ctx("it"))
    assert "| table it Prix |" in page


def test_home_groups_guides_for_clients_and_for_partners():
    site = parse(
        Path("site.yml"),
        "home:\n  title: Accueil\n  intro: Bienvenue.\n  for_clients: Pour les clients\n"
        "  for_partners: Pour les partenaires\n  calculators: Calculateurs\n  more: Plus\n",
    )
    clients = parse(Path("c.yml"), "id: c\ntitle: C\nsummary: Sc.\naudience: clients\nsections: []\n")
    partners = parse(Path("p.yml"), "id: p\ntitle: P\nsummary: Sp.\naudience: partners\nsections: []\n")
    both = parse(Path("b.yml"), "id: b\ntitle: B\nsummary: Sb.\naudience: both\nsections: []\n")
    page = render.home(site, [clients, partners, both], {}, ctx(), [("Glossaire", "glossary.md")])
    for_clients = page.split("## Pour les clients")[1].split("## Pour les partenaires")[0]
    for_partners = page.split("## Pour les partenaires")[1]
    assert "[C](guides/c.md)" in for_clients and "[B](guides/b.md)" in for_clients and "[P]" not in for_clients
    assert "[P](guides/p.md)" in for_partners and "[B](guides/b.md)" in for_partners and "[C]" not in for_partners
    assert "## Plus { #more }\n\n- [Glossaire](glossary.md)" in page


def test_glossary_terms_get_anchors_named_after_their_ids():
    source = parse(Path("glossary.yml"), "title: Glossaire\nintro: Les mots.\nterms:\n  - id: vip-code\n    term: Code VIP\n    definition: Un code.\n")
    page = render.glossary(source, ctx())
    assert "## Code VIP { #vip-code }\n\nUn code." in page


def test_a_table_whose_calculator_texts_are_missing_is_a_located_error():
    with pytest.raises(SourceError) as info:
        render.guide(guide(SECTION + "    table: pricing-example\n"), ctx("it", calculator_texts={}))
    assert info.value.line == 8 and "calculators/pricing.yml" in info.value.message
