"""MkDocs hooks: thin handlers that call the importable, tested functions.

- on_pre_build: regenerate Markdown pages from the YAML sources (scripts.generate);
- on_config: the site name of the language being built (docs/<lang>/site.yml);
- on_post_build: one search index per language (scripts.search_index).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# MkDocs loads a hook by file path: make the project's packages importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from scripts import generate  # noqa: E402
from scripts import search_index  # noqa: E402
from scripts.project import REFERENCE, Tree  # noqa: E402
from scripts.sources import SourceError, SourceErrors, load  # noqa: E402

log = logging.getLogger("mkdocs.hooks.kb")
_state = {"command": "build", "errors": []}


def on_startup(*, command: str, dirty: bool) -> None:
    _state["command"] = command


def _current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or REFERENCE


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        site = load(Tree().site_source(_current_language(config)), "site")
    except (OSError, SourceError, SourceErrors):
        return config  # reported by on_pre_build
    config.site_name = site.data["site_name"]
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    # Every language build runs this; the pages of all languages are made once.
    if _current_language(config) != REFERENCE:
        return
    changed, errors = generate.sync(Tree())
    _state["errors"] = errors
    if not errors:
        if changed:
            log.info("kb: regenerated %d page(s)", len(changed))
        return
    for error in errors:
        log.error("%s", error)
    if _state["command"] != "serve":
        raise PluginError(f"{len(errors)} mistake(s) in the sources; nothing was written")
    log.error("kb: %d mistake(s); serving the last good pages", len(errors))


@event_priority(-110)  # after mkdocs-static-i18n merged every language into the root index
def on_post_build(*, config: MkDocsConfig) -> None:
    if _current_language(config) == REFERENCE:
        search_index.keep_own_language(config.site_dir)
