"""One index per language, with the words of each entry also without accents."""

from __future__ import annotations

import json

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
