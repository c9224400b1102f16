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


def test_the_frame_words_of_a_language_are_those_of_its_site_yml(tmp_path):
    """Issue 13: the colour-scheme switch, the 404 page and the footer link speak the language of docs/de/site.yml."""
    tree = _copy_of_the_sources(tmp_path)
    site = tree.site_source("de")
    text = site.read_text(encoding="utf-8")
    for key, probe in (("dark_mode", "Dunkel Probe"), ("light_mode", "Hell Probe"), ("translators_link", "Übersetzer Probe")):
        line = next(line for line in text.splitlines() if line.startswith(f"  {key}:"))
        text = text.replace(line, f'  {key}: "{probe}"')
    site.write_text(text, encoding="utf-8")
    options = languages.options(corpus.load(tree), "de")
    # mkdocs.yml's palette: the light scheme first (its switch leads to the dark one), then the dark one.
    assert options["theme"] == {"palette": [{"toggle": {"name": "Dunkel Probe"}}, {"toggle": {"name": "Hell Probe"}}]}
    kb = options["extra"]["kb"]
    assert kb["translators_link"] == "Übersetzer Probe"
    assert (kb["home_url"], kb["guides_url"], kb["status_url"]) == ("de/", "de/guides/", "de/status/")
    assert kb["not_found"]["title"] == "Seite nicht gefunden"
    assert kb["not_found"]["home"] == "Startseite"
    assert kb["not_found"]["guides"] == "Alle Anleitungen"


def test_the_reference_language_links_from_the_site_root():
    kb = languages.options(corpus.load(Tree()), "fr")["extra"]["kb"]
    assert (kb["home_url"], kb["guides_url"], kb["status_url"]) == ("", "guides/", "status/")


def test_the_404_message_is_markdown_made_html_with_nothing_that_runs():
    texts = {"not_found": {"title": "T", "text": "Go **home** or [away](javascript:alert(1)).", "home": "H"},
             "guides_index": {"title": "G"}, "ui": {"translators_link": "L"}}
    message = languages.frame(texts, "en")["not_found"]["html"]
    assert "<strong>home</strong>" in message
    assert "javascript" not in message and "<p>" in message


def test_the_permalink_title_is_set_for_the_language_being_built():
    class Config:
        mdx_configs = {"toc": {"permalink": True, "permalink_title": "Permanent link"}}

    config = Config()
    everything = corpus.load(Tree())
    languages.apply_markdown_words(config, everything, "it")
    assert config.mdx_configs["toc"]["permalink_title"] == "Link permanente a questa sezione"
    languages.apply_markdown_words(config, everything, "fr")
    assert config.mdx_configs["toc"]["permalink_title"] == "Lien permanent vers cette section"
