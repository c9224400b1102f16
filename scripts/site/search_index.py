"""One search index per language.

mkdocs-static-i18n builds every language into one site whose pages all point
Material's search at the root index, into which it merges the entries of all
five languages: every reader downloaded and searched all of them. After the
build, :func:`split_by_language` writes one index per language folder (each
with its own stemmer); the theme override ``overrides/main.html`` points each
page's search at its language's index (Material reads ``base`` from the page's
``__config``).

Accents and case: lunr (in Material's worker) lowercases words but keeps accents,
so "degressif" did not find "dégressif". Each entry gets two more fields, only
read by the index, never shown: the words of its title and of its text whose
accent-free form differs (:func:`folded_words`, "dégressif" -> "degressif").
The config names them with the boosts of title and text, so a query without
accents finds the same pages while the result shows the text as written.

Calculator pages are found by their title and introduction, not by their form:
``scripts/render/a11y.py`` marks each calculator's form ``data-search-exclude``
(Material's own way to leave a block out), so its labels, options and results
are not in the entry (they made one result fill the dialog).

Highlighted words: Material's worker cuts words at the index's ``separator``;
with Material's default (spaces and hyphens only) the highlight of "discount" in
"discount," took the comma. mkdocs.yml's ``plugins: search: separator`` adds
punctuation; it is copied here into each language's index.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from pathlib import Path

from scripts.sources.tree import LANGUAGES, REFERENCE

_PREFIXES = {lang: f"{lang}/" for lang in LANGUAGES if lang != REFERENCE}
# The shown field -> the hidden field holding its words without accents.
FOLDED_FIELDS = {"title": "title_folded", "text": "text_folded"}
# Letters NFKD does not split into a base letter and a mark.
_LIGATURES = str.maketrans({"ß": "ss", "œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d"})
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lowercase, without accents: "Dégressif" -> "degressif", "Größe" -> "grosse"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def folded_words(markup: str) -> str:
    """The words of an index field (HTML) that lose an accent when folded, folded, each once."""
    words = {}
    for word in _WORD.findall(html.unescape(_TAG.sub(" ", markup))):
        if word.isascii():
            continue  # nothing to fold
        folded = _folded_word(word)
        if folded != word.lower():
            words.setdefault(folded)
    return " ".join(words)


@functools.lru_cache(maxsize=65536)
def _folded_word(word: str) -> str:
    return fold(word)  # once per word: a site says the same words on every page


def with_folded(doc: dict) -> dict:
    """The entry with its accent-free fields (none when folding changes no word)."""
    extra = {}
    for field, hidden in FOLDED_FIELDS.items():
        words = folded_words(doc.get(field) or "")
        if words:
            extra[hidden] = words
    return {**doc, **extra}


def folded_config(config: dict) -> dict:
    """Material's index config with the hidden fields, boosted as the fields they fold."""
    fields = dict(config.get("fields") or {"title": {"boost": 1000.0}, "text": {"boost": 1.0}})
    for field, hidden in FOLDED_FIELDS.items():
        fields[hidden] = dict(fields.get(field, {"boost": 1.0}))
    return {**config, "fields": fields}


def language_of(location: str) -> tuple[str, str]:
    """The language of a search entry and its location inside that language's folder."""
    for lang, prefix in _PREFIXES.items():
        if location.startswith(prefix):
            return lang, location[len(prefix):]
    return REFERENCE, location


def index_path(site_dir: Path, lang: str) -> Path:
    root = site_dir if lang == REFERENCE else site_dir / lang
    return root / "search" / "search_index.json"


def split_by_language(site_dir: str | Path) -> dict[str, int]:
    """Rewrite the merged root index as one index per language; return entries per language."""
    site_dir = Path(site_dir)
    merged = json.loads(index_path(site_dir, REFERENCE).read_text(encoding="utf-8"))
    docs: dict[str, list] = {lang: [] for lang in LANGUAGES}
    for doc in merged["docs"]:
        lang, location = language_of(doc.get("location", ""))
        docs[lang].append(with_folded({**doc, "location": location}))
    for lang, entries in docs.items():
        path = index_path(site_dir, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        index = {"config": {**folded_config(merged["config"]), "lang": [lang]}, "docs": entries}
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {lang: len(entries) for lang, entries in docs.items()}
