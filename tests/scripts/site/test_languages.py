"""Each language's site name and navigation words reach mkdocs-static-i18n's own options."""

from __future__ import annotations

import shutil

from scripts.site import languages
from scripts.sources import corpus
from scripts.sources.tree import ROOT, Tree


def _copy_of_the_sources(tmp_path) -> Tree:
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("*.md", "assets"))
    return Tree(tmp_path)


def test_the_german_options_are_the_words_of_docs_de_site_yml(tmp_path):
    tree = _copy_of_the_sources(tmp_path)
    site = tree.site_source("de")
    site.write_text(
        site.read_text(encoding="utf-8")
        .replace("site_name: Infomaniak Partnerprogramm", "site_name: Partnerprogramm Probe", 1),
        encoding="utf-8",
    )
    options = languages.options(corpus.load(tree), "de")
    assert options["site_name"] == "Partnerprogramm Probe"
    assert options["nav_translations"] == {"Calculators": "Rechner"}


def test_a_site_yml_that_does_not_load_gives_no_options(tmp_path):
    tree = _copy_of_the_sources(tmp_path)
    tree.site_source("it").write_text("site_name: [unclosed\n", encoding="utf-8")
    assert languages.options(corpus.load(tree), "it") == {}


def test_a_site_name_with_markup_is_not_handed_to_the_theme(tmp_path):
    tree = _copy_of_the_sources(tmp_path)
    site = tree.site_source("en")
    text = site.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("site_name:"))
    site.write_text(text.replace(line, 'site_name: "Partner <img src=x onerror=alert(1)>"'), encoding="utf-8")
    assert languages.options(corpus.load(tree), "en") == {}


def test_every_language_of_the_plugin_config_gets_its_own_site_name():
    class Language(dict):
        def __init__(self, locale):
            super().__init__()
            self.locale = locale

    plugin_languages = [Language(code) for code in ("fr", "en", "de", "it", "es")]
    languages.apply_options(plugin_languages, corpus.load(Tree()))
    names = {language.locale: language["site_name"] for language in plugin_languages}
    assert names["de"] == "Infomaniak Partnerprogramm"
    assert names["fr"] == "Programme Partenaire Infomaniak"
    assert len(set(names.values())) == 5


def test_a_language_whose_site_texts_break_keeps_its_last_good_name(tmp_path):
    """Issue 11: under make serve, a mistake in docs/de/site.yml must not give German pages another name."""
    class Language(dict):
        def __init__(self, locale):
            super().__init__()
            self.locale = locale

    tree = _copy_of_the_sources(tmp_path)
    first = [Language(code) for code in ("fr", "de")]
    last_good = languages.apply_options(first, corpus.load(tree))
    tree.site_source("de").write_text("site_name: [unclosed\n", encoding="utf-8")
    second = [Language(code) for code in ("fr", "de")]
    languages.apply_options(second, corpus.load(tree), last_good)
    assert second[1]["site_name"] == "Infomaniak Partnerprogramm"
    assert second[0]["site_name"] == "Programme Partenaire Infomaniak"
