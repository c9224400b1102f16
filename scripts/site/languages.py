"""Each language's words around the pages, handed to mkdocs-static-i18n and to the theme.

The plugin has per-language options: ``site_name``, ``nav_translations``,
``theme`` (here the colour-scheme switch's labels, ``theme.palette[i].toggle.name``)
and ``extra`` (here ``extra.kb``: the 404 page's words and links, the footer
link for translators, read by ``overrides/``). The words come from each
language's ``site.yml`` in the corpus, so the hooks only fill the plugin's
options instead of rewriting pages. The one word the plugin cannot set per
language, the title of the link beside each heading (the ``toc`` extension's
``permalink_title``), is set by ``apply_markdown_words`` at the start of each
language's build. Everything else in the frame (search, "Skip to content",
table of contents, ...) is Material's own translation (``theme.language``,
set per language by the plugin).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import markdown

from scripts.render import safety
from scripts.sources.corpus import Corpus
from scripts.sources.loader import SourceError
from scripts.sources.tree import REFERENCE

# The navigation's words in mkdocs.yml (English, as MkDocs needs one) -> the key in site.yml that translates it.
NAV_WORDS = {"Calculators": ("home", "calculators")}
# mkdocs.yml's theme.palette, in its order: the light scheme's switch leads to the dark one, and back.
PALETTE_WORDS = ("dark_mode", "light_mode")


def prefix(lang: str) -> str:
    """Where ``lang``'s pages are, from the site root: "" for the reference, "de/" for German."""
    return "" if lang == REFERENCE else f"{lang}/"


def _paragraphs(text: str) -> str:
    """A translator's Markdown text as HTML, with only what Markdown makes (scripts.render.safety)."""
    return safety.clean_html(markdown.markdown(text))


def frame(texts: dict[str, Any], lang: str) -> dict[str, Any]:
    """``extra.kb`` of ``lang``: what overrides/ writes around the pages, links relative to the site root."""
    root = prefix(lang)
    not_found = texts["not_found"]
    return {
        "lang": lang,
        "home_url": root,
        "guides_url": f"{root}guides/",
        "status_url": f"{root}status/",
        "translators_link": texts["ui"]["translators_link"],
        "not_found": {
            "title": not_found["title"],
            "html": _paragraphs(not_found["text"]),
            "home": not_found["home"],
            "guides": texts["guides_index"]["title"],
        },
    }


def options(corpus: Corpus, lang: str) -> dict[str, Any]:
    """The i18n options of ``lang`` from its site texts; empty when they do not load (the checks report why)."""
    source = corpus.site(lang)
    if source is None:
        return {}
    try:
        safety.check_source(source)  # the site name reaches every page's header and <title>
    except SourceError:
        return {}
    texts = source.data

    def word(path: tuple[str, ...]) -> str:
        value: Any = texts
        for key in path:
            value = value[key]
        return value

    return {
        "site_name": texts["site_name"],
        "nav_translations": {name: word(path) for name, path in NAV_WORDS.items()},
        "theme": {"palette": [{"toggle": {"name": texts["ui"][key]}} for key in PALETTE_WORDS]},
        "extra": {"kb": frame(texts, lang)},
    }


def apply_options(languages: Iterable[Any], corpus: Corpus, last_good: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Set ``site_name``, ``nav_translations``, ``theme`` and ``extra`` on each language of the plugin's config.

    A language whose site texts do not load keeps its options from ``last_good`` (the previous
    build under ``make serve``), so its pages keep their own name while the mistake is shown.
    Returns the options applied, to pass as ``last_good`` next time.
    """
    applied = dict(last_good or {})
    for language in languages:
        found = options(corpus, language.locale) or applied.get(language.locale, {})
        for name, value in found.items():
            language[name] = value
        if found:
            applied[language.locale] = found
    return applied


def apply_markdown_words(config: Any, corpus: Corpus | None, lang: str) -> None:
    """The title of the permalink beside each heading, in ``lang`` (``toc``'s ``permalink_title``).

    mkdocs-static-i18n cannot set Markdown options per language, so this runs at the start of each
    language's build. A language whose site texts do not load keeps the last title set.
    """
    source = corpus.site(lang) if corpus is not None else None
    toc = config.mdx_configs.get("toc")
    if source is None or toc is None:
        return
    toc["permalink_title"] = source.data["ui"]["permalink"]
