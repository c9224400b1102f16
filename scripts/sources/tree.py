"""Where things live: languages, source kinds and their paths in a project tree."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from calculators import registry

ROOT = Path(__file__).resolve().parents[2]

# Language code -> CLDR locale used to format numbers and to read what a reader
# types. fr is the reference language: every other language is checked against
# it, and it is served at the site root. Each language's general locale, not a
# Swiss one: readers type and read numbers as their language writes them
# (fr "2 000" and "12,5"; de, it, es "2.000" and "12,5"; en "2,000" and "12.5"),
# whatever the currency; an English page never shows "CHF 2’000". Swiss writing
# is still read everywhere: calculators.reading takes apostrophes (2'000, 2’000)
# and spaces as group signs in every locale.
LANGUAGES: dict[str, str] = {
    "fr": "fr",
    "en": "en",
    "de": "de",
    "it": "it",
    "es": "es",
}
REFERENCE = "fr"

CALCULATORS = registry.NAMES  # the calculator pages: one per calculator of the registry


@dataclass(frozen=True)
class Tree:
    """A project tree (the real one, or a test fixture)."""

    root: Path = ROOT

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def lang_dir(self, lang: str) -> Path:
        return self.docs / lang

    def guide_sources(self, lang: str) -> list[Path]:
        folder = self.lang_dir(lang) / "guides"
        return [folder / name for name in yml_names(str(folder))]

    def guide_source(self, lang: str, guide_id: str) -> Path:
        return self.lang_dir(lang) / "guides" / f"{guide_id}.yml"

    def site_source(self, lang: str) -> Path:
        return self.lang_dir(lang) / "site.yml"

    def glossary_source(self, lang: str) -> Path:
        return self.lang_dir(lang) / "glossary.yml"

    def calculator_source(self, lang: str, name: str) -> Path:
        return self.lang_dir(lang) / "calculators" / f"{name}.yml"


def yml_names(folder: str) -> list[str]:
    """The names in ``folder`` that end with ``.yml``, sorted: ``sorted(Path(folder).glob("*.yml"))``'s names.

    With os.scandir and plain strings: no pathlib object per file (the corpus
    lists thousands). Like the glob: hidden names too, whatever each entry is;
    none for a folder that is absent or not a folder.
    """
    try:
        with os.scandir(folder) as entries:
            return sorted(entry.name for entry in entries if entry.name.endswith(".yml"))
    except (FileNotFoundError, NotADirectoryError):
        return []
