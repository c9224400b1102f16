"""The home page's ways in (site.yml's journeys) and how to apply, on the real sources; the eligible result's next steps."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from calculators import api, present
from scripts.checks import runner as checks
from scripts.render import formatting, widgets
from scripts.render import markdown as render
from scripts.site import generate
from scripts.sources import corpus
from scripts.sources.loader import SourceError, parse
from scripts.sources.tree import LANGUAGES, ROOT, Tree

BECOME_PARTNER = ["partner-program", "discount-and-cashback", "access-types", "call-for-tenders"]
CLIENTS = [
    "call-for-tenders", "authorize-a-partner", "access-types", "payment-methods", "modify-partner-access",
    "support-and-vip-codes", "end-a-partnership",
]
PARTNERS = [
    "add-a-client", "access-types", "payment-methods", "discount-and-cashback", "support-and-vip-codes",
    "call-for-tenders", "swiss-backup-partners", "end-a-partnership",
]
MORE = ["vat-number", "whistleblower-policy"]

# The level-2 headings of each home page, in order.
HEADINGS = {
    "fr": ["Calculateurs", "Devenir Partenaire", "Pour les clients", "Pour les partenaires", "Voir aussi"],
    "en": ["Calculators", "Become a Partner", "For clients", "For partners", "See also"],
    "de": ["Rechner", "Partner werden", "Für Kunden", "Für Partner", "Siehe auch"],
    "it": ["Calcolatori", "Diventare Partner", "Per i clienti", "Per i partner", "Vedi anche"],
    "es": ["Calculadoras", "Convertirse en Socio", "Para clientes", "Para socios", "Ver también"],
}
# The end of the become-a-Partner section while apply_url is empty.
NOT_GIVEN = {
    "fr": "L'adresse de la page où une société demande à rejoindre le Programme Partenaire n'est pas donnée dans cette documentation.",
    "en": "The address of the page where a company applies to join the Partner Program is not given in this documentation.",
    "de": "Die Adresse der Seite, auf der ein Unternehmen die Aufnahme in das Partnerprogramm beantragt, ist in dieser Dokumentation nicht angegeben.",
    "it": "L'indirizzo della pagina in cui una società chiede di aderire al Programma Partner non è indicato in questa documentazione.",
    "es": "La dirección de la página en la que una empresa solicita su incorporación al Programa de Socios no figura en esta documentación.",
}
APPLY_URL = "https://example.com/partner-application"  # a test address: the real one is not known


def sections(markdown: str) -> dict[str, str]:
    """Each level-2 heading of a page (without its { #anchor }) and the Markdown under it, in order (layout lines left out)."""
    markdown = re.sub(r"^</?div[^>]*>\n", "", markdown, flags=re.MULTILINE)
    parts = re.split(r"^## (.+?)(?: \{ #[a-z-]+ \})?$", markdown, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def numbered_guides(section: str) -> list[str]:
    """The guide ids of a section's ordered list, in order (its items are numbered 1, 2, 3...)."""
    items = re.findall(r"^(\d+)\. \[[^\]]+\]\(guides/([a-z0-9-]+)\.md\)", section, flags=re.MULTILINE)
    assert [int(number) for number, _ in items] == list(range(1, len(items) + 1))
    return [guide_id for _, guide_id in items]


@pytest.fixture(scope="module")
def real_pages():
    pages, errors = generate.build_pages(corpus.load(Tree()))
    assert errors == []
    return pages


def copied_tree(tmp_path: Path) -> Tree:
    """The project's sources (no generated page, no asset) under tmp_path."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("*.md", "assets"))
    return Tree(tmp_path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_lists_the_journeys_in_order_under_their_headings(real_pages, lang):
    home = sections(real_pages[Tree().lang_dir(lang) / "index.md"])
    assert list(home) == HEADINGS[lang]
    calculators, become, clients, partners, more = home.values()
    # In the order a company asks: may it join, which access, what price (the navigation's order).
    assert re.findall(r"\(calculators/(\w+)\.md\)", calculators) == ["eligibility", "access", "pricing"]
    assert numbered_guides(become) == BECOME_PARTNER
    assert numbered_guides(clients) == CLIENTS
    assert numbered_guides(partners) == PARTNERS
    assert re.findall(r"^- \[[^\]]+\]\(([^)]+)\)", more, flags=re.MULTILINE) == [
        "guides/vat-number.md", "guides/whistleblower-policy.md", "glossary.md",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_apply_url_the_home_says_the_address_is_not_given_and_points_to_the_conditions(real_pages, lang):
    become = sections(real_pages[Tree().lang_dir(lang) / "index.md"])[HEADINGS[lang][1]]
    last = become.strip().split("\n\n")[-1]
    assert last.startswith(NOT_GIVEN[lang])
    assert last.endswith("](guides/partner-program.md#eligibility).")
    assert "https://" not in become


def test_with_apply_url_set_in_one_language_its_home_and_eligible_result_link_to_it(tmp_path):
    tree = copied_tree(tmp_path)
    site = tree.site_source("de")
    text = site.read_text(encoding="utf-8")
    assert '\napply_url: ""\n' in text
    site.write_text(text.replace('\napply_url: ""\n', f"\napply_url: {APPLY_URL}\n"), encoding="utf-8")
    assert [f for f in checks.run(tree) if f.severity == "error"] == []  # each language's own: not compared with fr
    pages, errors = generate.build_pages(corpus.load(tree))
    assert errors == []
    become = sections(pages[tree.lang_dir("de") / "index.md"])["Partner werden"]
    assert become.strip().endswith(f"[Aufnahme in das Partnerprogramm beantragen]({APPLY_URL})")
    assert NOT_GIVEN["de"] not in become
    widget = pages[tree.lang_dir("de") / "calculators/eligibility.md"]
    assert f'<a href="{APPLY_URL}">Beantragen Sie die Aufnahme in das Partnerprogramm.</a>' in widget
    for lang in ("fr", "en", "it", "es"):
        assert NOT_GIVEN[lang] in pages[tree.lang_dir(lang) / "index.md"]
        assert APPLY_URL not in pages[tree.lang_dir(lang) / "calculators/eligibility.md"]


def test_an_apply_url_that_is_not_https_is_refused_at_its_line(tmp_path):
    tree = copied_tree(tmp_path)
    site = tree.site_source("it")
    text = site.read_text(encoding="utf-8").replace('\napply_url: ""\n', "\napply_url: http://example.com/apply\n")
    site.write_text(text, encoding="utf-8")
    (finding,) = [f for f in checks.run(tree) if f.severity == "error"]
    line = text.split("\n").index("apply_url: http://example.com/apply") + 1
    assert (finding.path, finding.line, finding.check) == ("docs/it/site.yml", line, "schema")
    assert "apply_url" in finding.message


# --- The eligible result -----------------------------------------------------


ELIGIBLE = {
    "registered_company": "true", "active_website": "true", "annual_volume": "5000", "currency": "CHF",
    "provides_support": "true", "handles_invoices": "true", "exclusive_products": "true",
    "accepts_conditions": "true", "is_affiliate": "false",
}


def eligibility_texts(lang: str) -> dict:
    source = corpus.load(Tree()).calculators(lang)["eligibility"]
    return {key: value for key, value in source.data.items() if key != "source_hash"}


def test_the_eligible_result_links_to_the_conditions_and_says_the_address_is_not_given():
    texts, spec = eligibility_texts("en"), formatting.spec("en")
    shown = present.view("eligibility", api.run("eligibility", ELIGIBLE), texts, spec)
    html = widgets.RESULTS["eligibility"](texts, shown, spec)
    assert (
        '<p class="kb-next" data-show-when="eligible=true">'
        '<a href="../../guides/partner-program/#eligibility">Read the conditions of the Partner Program.</a> '
        "The address of the page where a company applies to join the program is not given in this documentation.</p>"
    ) in html


def test_the_eligible_result_links_to_apply_url_when_it_is_set():
    texts, spec = eligibility_texts("fr"), formatting.spec("fr")
    shown = present.view("eligibility", api.run("eligibility", ELIGIBLE), texts, spec)
    html = widgets.RESULTS["eligibility"](texts, shown, spec, apply_url=APPLY_URL)
    assert (
        '<a href="../../guides/partner-program/#eligibility">Relisez les conditions du Programme Partenaire.</a> '
        f'<a href="{APPLY_URL}">Demandez à rejoindre le Programme Partenaire.</a></p>'
    ) in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_next_steps_are_hidden_with_a_result_that_is_not_eligible(real_pages, lang):
    """The defaults are not eligible: the prerendered paragraph is hidden, the glue shows it with the result."""
    page = real_pages[Tree().lang_dir(lang) / "calculators/eligibility.md"]
    assert '<p class="kb-next" data-show-when="eligible=true" hidden><a href="../../guides/partner-program/#eligibility">' in page


# --- Journeys the renderer refuses, and the real journeys' rules ---------------


def test_a_journey_naming_no_guide_is_refused_at_its_line():
    site = parse(
        Path("docs/fr/site.yml"),
        'apply_url: ""\nhome:\n  title: Accueil\n  intro: Bienvenue.\n  calculators: Calculateurs\n'
        "  become_partner: Devenir partenaire\n  apply_link: Postuler\n  apply_unknown: Adresse inconnue.\n"
        "  for_clients: Clients\n  for_partners: Partenaires\n  more: Plus\n"
        "journeys:\n  become_partner: []\n  clients:\n    - c\n    - autorise\n  partners: []\n  more: []\n",
    )
    guide = parse(Path("c.yml"), "id: c\ntitle: C\nsummary: Sc.\naudience: clients\nsections: []\n")
    ctx = render.Context(lang="fr", labels={}, guide_titles={"c": "C", "authorize": "Autoriser"}, facts={})
    with pytest.raises(SourceError) as info:
        render.home(site, [guide], {}, ctx, [])
    assert info.value.line == 16
    assert "journeys.clients: guide 'autorise' does not exist; did you mean authorize?" in info.value.message


def test_every_guide_is_in_a_journey_and_in_two_audiences_only_when_both_do_it():
    loaded = corpus.load(Tree())
    journeys = loaded.site("fr").data["journeys"]
    audience = {gid: g.data["audience"] for gid, g in loaded.guides("fr").items()}
    assert journeys == {"become_partner": BECOME_PARTNER, "clients": CLIENTS, "partners": PARTNERS, "more": MORE}
    assert set(audience) == {gid for ids in journeys.values() for gid in ids}
    assert journeys["become_partner"][0] == render.CONDITIONS_GUIDE
    assert {audience[gid] for gid in CLIENTS} <= {"clients", "both"}
    assert {audience[gid] for gid in PARTNERS} <= {"partners", "both"}
    for gid in audience:
        if sum(gid in journeys[name] for name in ("clients", "partners", "more")) > 1:
            assert audience[gid] == "both", gid
