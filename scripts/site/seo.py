"""What search engines read in a page's head: its description, from the page's own summary in the sources.

Every kind of page has a summary written by its translators, which this module
reads (no text is made up here):

| page                          | its description                   |
|-------------------------------|-----------------------------------|
| ``index.md`` (home)           | ``site.yml`` ``home.intro``       |
| ``guides/index.md``           | ``site.yml`` ``guides_index.intro`` |
| ``guides/<id>.md``            | the guide's ``summary``           |
| ``calculators/<name>.md``     | the calculator's ``intro``        |
| ``glossary.md``               | ``glossary.yml`` ``intro``        |
| ``status.md``                 | ``site.yml`` ``status.intro``     |

The text is the one the page shows: ``{{ facts }}`` filled in the page's
locale, Markdown reduced to its words (a link keeps its text). The template
(``overrides/main.html``) escapes it into ``<meta name="description">``.

The canonical link is Material's (absolute, from ``site_url``). The language
alternates (``hreflang``, with ``x-default`` for French, served at the root)
are in ``sitemap.xml`` (``overrides/sitemap.xml``), absolute; not in the
page's head, where Material's script would fetch a ``sitemap.xml`` next to
each of them, from another origin wherever the site is served elsewhere than
``site_url`` (previews, tests), which the Content-Security-Policy refuses.
"""

from __future__ import annotations

import functools
import html
import os
import re
from html.parser import HTMLParser
from pathlib import PurePosixPath

import markdown
from mkdocs.exceptions import ConfigurationError

from calculators import grammar
from scripts.render import formatting
from scripts.sources.corpus import Corpus
from scripts.sources.tree import LANGUAGES

# "[text](guide:x)" or "[text](calculator:y#a)": the text is what a reader sees.
_INTERNAL = re.compile(r"\]\((?:guide|calculator):[^)\s]*\)")


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


# What Markdown reads as markup in a one-line text (without any, it is one paragraph of its own words).
_MARKUP = frozenset("\\`*_[]<>&#!|~=")
_BLOCK_START = re.compile(r"^\s*(?:[-+>]|\d+[.)])(?:\s|$)")


def plain(text: str) -> str:
    """The words of a Markdown text, on one line: no markup, no link targets."""
    if "\n" not in text and _MARKUP.isdisjoint(text) and not _BLOCK_START.match(text):
        return " ".join(text.split())  # what Markdown would make of it, without parsing (most summaries)
    text = _INTERNAL.sub("](#)", text)
    parser = _Words()
    parser.feed(markdown.markdown(html.escape(text, quote=False)))
    parser.close()
    return " ".join("".join(parser.parts).split())


def _source_text(corpus: Corpus, lang: str, relative: PurePosixPath) -> str | None:
    """The summary text of the page at ``relative`` (under the language's folder), as written."""
    parts = relative.with_suffix("").parts
    site = corpus.site(lang)
    if parts == ("index",):
        return site.data["home"]["intro"] if site else None
    if parts == ("guides", "index"):
        return site.data["guides_index"]["intro"] if site else None
    if parts == ("status",):
        return site.data["status"]["intro"] if site else None
    if parts == ("glossary",):
        glossary = corpus.glossary(lang)
        return glossary.data["intro"] if glossary else None
    if len(parts) == 2 and parts[0] == "guides":
        guide = corpus.valid(lang, f"guides/{parts[1]}.yml")
        return guide.data["summary"] if guide else None
    if len(parts) == 2 and parts[0] == "calculators":
        calculator = corpus.valid(lang, f"calculators/{parts[1]}.yml")
        return calculator.data["intro"] if calculator else None
    return None


@functools.cache
def _facts() -> dict:
    from calculators.placeholders import placeholders  # the figures, from the calculators package

    return placeholders()


def description(corpus: Corpus | None, src_uri: str, facts: dict | None = None) -> str | None:
    """The description of the page built from ``src_uri`` (``<lang>/...md``); None when it has none."""
    path = PurePosixPath(src_uri)
    if corpus is None or len(path.parts) < 2 or path.parts[0] not in LANGUAGES:
        return None
    lang = path.parts[0]
    text = _source_text(corpus, lang, path.relative_to(lang))
    if not text:
        return None
    if grammar.FACT.search(text):
        try:
            text = formatting.fill(text, lang, _facts() if facts is None else facts)
        except KeyError:
            return None  # an unknown placeholder: `kb check` and the build report it
    return plain(text) or None


SITE_URL_VARIABLE = "KB_SITE_URL"
_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")


def apply_site_url(config, environ: dict[str, str] | None = None) -> str:
    """``site_url`` from the environment's ``KB_SITE_URL`` when set (deployment), else mkdocs.yml's; returned.

    It ends with "/" (MkDocs would add it); anything but an http(s) address is refused.
    """
    value = (os.environ if environ is None else environ).get(SITE_URL_VARIABLE, "").strip()
    if value:
        if not _URL.match(value):
            raise ConfigurationError(f"{SITE_URL_VARIABLE}={value!r}: expected the site's address, like https://kb.example.org/")
        config["site_url"] = value if value.endswith("/") else value + "/"
    return config["site_url"]
