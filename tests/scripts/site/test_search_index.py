"""One index per language, with the words of each entry also without accents."""

from __future__ import annotations

import json

from material.plugins.search.plugin import Parser

from scripts.render import a11y
from scripts.site import search_index


def test_fold_drops_accents_and_case():
    assert search_index.fold("Dégressif") == "degressif"
    assert search_index.fold("Größe Œuvre") == "grosse oeuvre"
    assert search_index.fold("condición quantità möglich") == "condicion quantita moglich"


def test_only_words_an_accent_changes_are_kept_once_without_markup():
    assert search_index.folded_words("<p>Tarif dégressif</p><p>dégressif, <em>Accès</em> &eacute;t&eacute;</p>") == "degressif acces ete"
    assert search_index.folded_words("<p>Partner price</p>") == ""


def test_split_writes_each_language_with_hidden_accent_free_fields(tmp_path):
    merged = {
        "config": {"lang": ["fr"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
                   "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "guides/a/", "title": "Accès", "text": "<p>Tarif dégressif</p>"},
            {"location": "de/guides/a/", "title": "Zugriff", "text": "<p>möglich</p>"},
            {"location": "en/guides/a/", "title": "Access", "text": "<p>Volume discount</p>"},
        ],
    }
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged), encoding="utf-8")
    search_index.split_by_language(tmp_path)
    fr = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    de = json.loads((tmp_path / "de" / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert fr["docs"] == [{"location": "guides/a/", "title": "Accès", "text": "<p>Tarif dégressif</p>",
                           "title_folded": "acces", "text_folded": "degressif"}]
    assert de["docs"][0]["text_folded"] == "moglich" and de["config"]["lang"] == ["de"]
    assert "text_folded" not in en["docs"][0] and "title_folded" not in en["docs"][0]
    assert fr["config"]["fields"]["title_folded"] == {"boost": 1000.0}
    assert fr["config"]["fields"]["text_folded"] == {"boost": 1.0}


CALCULATOR_PAGE = (
    '<h1 id="prix">Prix avec la remise<a class="headerlink" href="#prix" title="Lien">¶</a></h1>'
    "<p>Calculez le prix mensuel de vos hébergements.</p>"
    '<form class="kb-calculator" novalidate="" data-calculator="pricing" data-state="static">'
    '<fieldset><legend>Prix avec la remise</legend><div class="kb-field"><label for="c">Devise</label>'
    '<select id="c" name="currency"><option value="CHF">Franc suisse (CHF)</option><option value="EUR">Euro (EUR)</option></select>'
    '<p class="kb-help">Les prix sont calculés hors TVA.</p></div></fieldset>'
    '<section class="kb-results"><table><tr><th>Prix final</th><td><output name="final_total">208,32 CHF</output></td></tr></table></section>'
    "</form>"
    "<p>Le tarif dégressif s'applique après la remise.</p>"
)


def test_a_calculator_page_is_indexed_by_its_title_and_text_not_by_its_form():
    """What Material's search reads of a page after the build's touches (scripts/render/a11y.finish)."""
    parser = Parser()
    parser.feed(a11y.finish(CALCULATOR_PAGE, "Prix"))
    parser.close()
    [section] = parser.data
    text = "".join(section.text)
    assert "Calculez le prix mensuel" in text and "tarif dégressif s'applique" in text
    for control in ("Devise", "Franc suisse", "Euro (EUR)", "hors TVA", "Prix final", "208,32"):
        assert control not in text, control
    assert "".join(section.title).startswith("Prix avec la remise")


def test_only_a_calculator_s_form_is_left_out():
    search_form = '<form class="md-search__form" name="search"><input name="query"></form><p>Texte</p>'
    assert a11y.unsearched_widgets(search_form) == search_form
    marked = a11y.unsearched_widgets(CALCULATOR_PAGE)
    assert marked.count("data-search-exclude") == 1
    assert '<form data-search-exclude="widget" class="kb-calculator"' in marked
