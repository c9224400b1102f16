"""Each language's site name and navigation words, handed to mkdocs-static-i18n.

The plugin already has per-language ``site_name`` and ``nav_translations``
options; the words come from each language's ``site.yml`` in the corpus, so
the hooks only fill the plugin's options instead of rewriting pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scripts.render import safety
from scripts.sources.corpus import Corpus
from scripts.sources.loader import SourceError

# The navigation's words in mkdocs.yml (English, as MkDocs needs one) -> the key in site.yml that translates it.
NAV_WORDS = {"Calculators": ("home", "calculators")}


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

    return {"site_name": texts["site_name"], "nav_translations": {name: word(path) for name, path in NAV_WORDS.items()}}


def apply_options(languages: Iterable[Any], corpus: Corpus, last_good: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Set ``site_name`` and ``nav_translations`` on each language of the plugin's config.

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
