"""A page's description (its summary, as a reader reads it) and the site's address for deployment."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from mkdocs.exceptions import ConfigurationError

from calculators.placeholders import placeholders
from scripts.site import seo
from scripts.sources import corpus
from scripts.sources.tree import Tree


def test_a_summary_loses_its_markup_and_keeps_its_words():
    text = "Read **the** [access comparison](guide:access-types#compare), then run `kb check`\nor *not*."
    assert seo.plain(text) == "Read the access comparison, then run kb check or not."


def test_characters_that_look_like_markup_stay_words():
    assert seo.plain("Clients & partners: 2 < 3, \"quoted\"") == "Clients & partners: 2 < 3, \"quoted\""


def test_each_kind_of_page_is_described_by_its_own_summary():
    everything = corpus.load(Tree())

    def one_line(text: str) -> str:
        return " ".join(text.replace("`", "").split())

    site = {lang: everything.site(lang).data for lang in ("fr", "en", "de")}
    assert seo.description(everything, "de/guides/add-a-client.md") == one_line(everything.guides("de")["add-a-client"].data["summary"])
    assert seo.description(everything, "fr/index.md") == one_line(site["fr"]["home"]["intro"])
    assert seo.description(everything, "en/guides/index.md") == one_line(site["en"]["guides_index"]["intro"])
    assert seo.description(everything, "it/calculators/pricing.md") == one_line(everything.calculators("it")["pricing"].data["intro"])
    assert seo.description(everything, "es/glossary.md") == one_line(everything.glossary("es").data["intro"])
    assert seo.description(everything, "de/status.md") == one_line(site["de"]["status"]["intro"])
    assert "`" in site["de"]["status"]["intro"], "the status page's intro has code marks, which a description drops"
    assert seo.description(everything, "fr/guides/no-such-guide.md") is None
    assert seo.description(everything, "assets/x.md") is None
    assert seo.description(None, "fr/index.md") is None


def test_facts_are_written_as_the_language_writes_them(tmp_path, monkeypatch):
    everything = corpus.load(Tree())
    source = everything.site("de")
    monkeypatch.setitem(source.data["home"], "intro", "Bis zu {{ max_partner_discount }} Rabatt.")
    assert seo.description(everything, "de/index.md", placeholders()) == "Bis zu 35 % Rabatt."


@pytest.mark.parametrize(("given", "expected"), [
    ("https://kb.example.org/", "https://kb.example.org/"),
    ("https://kb.example.org/docs", "https://kb.example.org/docs/"),
    ("", "http://127.0.0.1:8000/"),
])
def test_the_site_address_comes_from_kb_site_url_when_set(given, expected):
    config = {"site_url": "http://127.0.0.1:8000/"}
    assert seo.apply_site_url(config, {"KB_SITE_URL": given}) == expected
    assert config["site_url"] == expected


@pytest.mark.parametrize("given", ["kb.example.org", "ftp://kb.example.org/", "https://kb.example.org/?a=1", "javascript:alert(1)"])
def test_anything_but_a_web_address_is_refused(given):
    with pytest.raises(ConfigurationError, match="KB_SITE_URL"):
        seo.apply_site_url({"site_url": "http://127.0.0.1:8000/"}, {"KB_SITE_URL": given})


@pytest.mark.parametrize("text", [
    "Rabatt und Cashback verstehen: 35 % auf den Preis, dann 25 %.",
    "  spaced   out words  ",
    "- a list item", "+ another", "> a quote", "1. first", "2) second", "# a title", "-", "12.5 % off",
    "x - y + z > w", "L'accès: complet (ou restreint).", "a:b c;d (e) {f} $g% @h ^i 'j' \"k\"",
])
def test_a_one_line_text_without_markup_reads_as_markdown_reads_it(text):
    """The shortcut for a text without markup gives what Python-Markdown gives (the expectation: Markdown itself)."""
    expected = re.sub(r"<[^>]+>", "", markdown.markdown(html.escape(text, quote=False)))
    assert seo.plain(text) == " ".join(html.unescape(expected).split())
