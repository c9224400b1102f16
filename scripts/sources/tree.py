"""Where things live: languages, source kinds and their paths in a project tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calculators import registry

ROOT = Path(__file__).resolve().parents[2]

# Language code -> CLDR locale used to format numbers. fr is the reference
# language: every other language is checked against it, and it is served at
# the site root. Swiss locales because the program's home currency is CHF;
# Spanish has no Swiss locale in CLDR.
LANGUAGES: dict[str, str] = {
    "fr": "fr_CH",
    "en": "en_CH",
    "de": "de_CH",
    "it": "it_CH",
    "es": "es_ES",
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
        return sorted((self.lang_dir(lang) / "guides").glob("*.yml"))

    def guide_source(self, lang: str, guide_id: str) -> Path:
        return self.lang_dir(lang) / "guides" / f"{guide_id}.yml"

    def site_source(self, lang: str) -> Path:
        return self.lang_dir(lang) / "site.yml"

    def glossary_source(self, lang: str) -> Path:
        return self.lang_dir(lang) / "glossary.yml"

    def calculator_source(self, lang: str, name: str) -> Path:
        return self.lang_dir(lang) / "calculators" / f"{name}.yml"
