"""One search index per language.

mkdocs-static-i18n builds each language into its own folder with its own
search index, then stacks the entries of all languages into the root (fr)
index. French readers would download and search all five; keep only the
pages that live at the root.
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.project import LANGUAGES, REFERENCE

_OTHER_PREFIXES = tuple(f"{lang}/" for lang in LANGUAGES if lang != REFERENCE)


def keep_own_language(site_dir: str | Path) -> int:
    """Drop other languages' entries from the root index; return how many were dropped."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.exists():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.get("docs", [])
    kept = [d for d in docs if not d.get("location", "").startswith(_OTHER_PREFIXES)]
    if len(kept) != len(docs):
        index["docs"] = kept
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(docs) - len(kept)
