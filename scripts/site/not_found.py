"""A 404 page per language.

Material renders ``404.html`` in every language build, and each one overwrites
the last at the site root. The hook keeps each language's page and this writes
them where a server can find them: ``site/404.html`` (fr) and
``site/<lang>/404.html`` (see the README for the nginx lines).

The page itself is ``overrides/404.html``: the language's title and message
(``site.yml`` ``not_found``), the search, links to the language's home page and
guide index (``extra.kb``, scripts/site/languages.py). Its language switcher
leads to each language's home page: ``home_language_links`` sets it back, since
mkdocs-static-i18n leaves there the links of the last page it built.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from scripts.sources.tree import REFERENCE


def write(site_dir: str | Path, pages: dict[str, str]) -> list[Path]:
    written = []
    for lang, html in pages.items():
        path = Path(site_dir) / ("404.html" if lang == REFERENCE else f"{lang}/404.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written


def home_language_links(config: Any) -> None:
    """The language switcher of a page that is no page (the 404): each language's home page.

    mkdocs-static-i18n points ``extra.alternate`` at the current page's translations as each page
    renders, as an attribute of ``extra`` (which Jinja reads before the item of the same name), and a
    template rendered outside any page (404.html) inherits the links of the last page built before it
    (the previous language's last one). Its own list of the languages' home pages is ``extra_alternate``.
    """
    i18n = config.plugins.get("i18n")
    homes = getattr(i18n, "extra_alternate", None)
    if homes:
        config.extra["alternate"] = copy.deepcopy(homes)
        config.extra.alternate = copy.deepcopy(homes)
