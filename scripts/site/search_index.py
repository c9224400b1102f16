"""One search index per language.

mkdocs-static-i18n builds every language into one site whose pages all point
Material's search at the root index, into which it merges the entries of all
five languages: every reader downloaded and searched all of them. After the
build, :func:`split_by_language` writes one index per language folder (each
with its own stemmer); the theme override ``overrides/main.html`` points each
page's search at its language's index (Material reads ``base`` from the page's
``__config``).
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.sources.tree import LANGUAGES, REFERENCE

_PREFIXES = {lang: f"{lang}/" for lang in LANGUAGES if lang != REFERENCE}


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
        docs[lang].append({**doc, "location": location})
    for lang, entries in docs.items():
        path = index_path(site_dir, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        index = {"config": {**merged["config"], "lang": [lang]}, "docs": entries}
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {lang: len(entries) for lang, entries in docs.items()}
