"""scripts/site/hooks.py: what the build hands to mkdocs-static-i18n."""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, InclusionLevel

from scripts.site import hooks

ROOT = Path(__file__).resolve().parents[3]


def _file(path: str, inclusion: InclusionLevel) -> File:
    return File(path, "docs", "site", use_directory_urls=True, inclusion=inclusion)


def test_the_yaml_sources_are_left_out_before_the_language_plugin_copies_every_file():
    files = Files([
        _file("de/guides/partner.yml", InclusionLevel.EXCLUDED),
        _file("de/guides/partner.md", InclusionLevel.NOT_IN_NAV),
        _file("de/index.md", InclusionLevel.INCLUDED),
        _file("assets/stylesheets/kb.css", InclusionLevel.UNDEFINED),
    ])
    kept = hooks.on_files(files, config=load_config(str(ROOT / "mkdocs.yml")))
    assert [file.src_uri for file in kept] == ["de/guides/partner.md", "de/index.md", "assets/stylesheets/kb.css"]


def test_the_language_plugin_does_not_merge_the_search_indexes():
    # Its merge compares every French entry with every other language's (the build's time grew with the
    # square of the guides) and drops a translated section that reads as the French one; the build writes
    # one index per language itself (scripts/site/search_index.py, tested in tests/site_build/test_site.py).
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - no tags built
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    assert i18n["reconfigure_search"] == "false"
