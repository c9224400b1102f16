"""MkDocs hooks: thin handlers that call the importable, tested functions.

- on_config (once per build cycle, before mkdocs-static-i18n): load every source once
  (scripts.sources.corpus) and give each language's site name and navigation words to
  the plugin's own options (scripts.site.languages);
- on_pre_build: run the `kb check` checks on that corpus, then write the Markdown pages
  (scripts.site.generate.check_and_sync);
- on_files: the YAML sources (never published) leave the file list before mkdocs-static-i18n
  copies it for each language;
- on_page_content: every page's HTML keeps only what Markdown and the calculator widgets make
  (scripts.render.safety); in French pages the space before : ; ? ! does not break (scripts.render.typography);
- on_post_page / on_post_build: while serving with mistakes, every page shows them
  (scripts.site.build); one search index and one 404 page per language
  (scripts.site.search_index, scripts.site.not_found), the self-hosted calculators runtime
  (scripts.site.runtime) and the site's HTTP headers (scripts.site.headers).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# MkDocs loads a hook by file path: make the project's packages importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402

from scripts.render import a11y, safety, typography  # noqa: E402
from scripts.site import build, generate, headers, languages, not_found, runtime, search_index, seo  # noqa: E402
from scripts.sources.corpus import load as load_corpus  # noqa: E402
from scripts.sources.tree import REFERENCE, Tree  # noqa: E402

log = logging.getLogger("mkdocs.hooks.kb")
# One build cycle (fr first, then each language nested in it): its command, corpus, mistakes, 404 pages.
# "banner": False when scripts/site/serve.py shows the mistakes on the pages it serves; it reads "corpus" and the
# findings ("errors", "warnings") of the start-up build instead of loading and checking every source again.
_state: dict = {"command": "build", "corpus": None, "errors": [], "warnings": [], "not_found": {}, "language_options": {}, "banner": True}


def on_startup(*, command: str, dirty: bool) -> None:
    _state["command"] = command


def _current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or REFERENCE


@event_priority(-90)  # before mkdocs-static-i18n (-100) applies each language's options
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        languages.apply_markdown_words(config, _state["corpus"], _current_language(config))
        return config  # a language nested in this cycle: the corpus is loaded
    seo.apply_site_url(config)  # KB_SITE_URL, for deployment
    # A new cycle (build, or a save under serve): every source is loaded once, here.
    corpus = load_corpus(Tree())
    _state["corpus"] = corpus
    if i18n is not None:
        _state["language_options"] = languages.apply_options(i18n.config.languages, corpus, _state["language_options"])
    languages.apply_markdown_words(config, corpus, _current_language(config))
    return config


@event_priority(-90)  # before mkdocs-static-i18n (-100) remakes every file once per language
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # The YAML sources (exclude_docs) are never published: leave them out before the plugin makes
    # each language's copy of every file, the build's cost that grows with the knowledge base.
    return Files([file for file in files if not file.inclusion.is_excluded()])


def on_pre_build(*, config: MkDocsConfig) -> None:
    # Every language build runs this; the pages of all languages are made once.
    if _current_language(config) != REFERENCE:
        return
    changed, errors, warnings = generate.check_and_sync(_state["corpus"])
    _state["errors"] = errors
    _state["warnings"] = warnings
    for warning in warnings:  # stale translations: shown, never fatal
        log.info("%s", warning)
    if not errors:
        if changed:
            log.info("kb: regenerated %d page(s)", len(changed))
        return
    if _state["command"] != "serve":
        for error in errors:
            log.error("%s", error)
        raise PluginError(f"{len(errors)} mistake(s) in the sources; nothing was written")
    # Serving: MkDocs would stop serving on a logged error (strict), so the
    # mistakes go straight to the terminal and the last good pages stay up.
    for error in errors:
        print(f"ERROR    -  {error}", file=sys.stderr)
    print(f"ERROR    -  kb: {len(errors)} mistake(s); serving the last good pages", file=sys.stderr)


def on_template_context(context, *, template_name: str, config: MkDocsConfig):
    if template_name == "404.html":  # its language switcher: each language's home, not the last page built
        not_found.home_language_links(config)
    return context


def on_page_context(context, *, page, config: MkDocsConfig, nav):
    context["kb_description"] = seo.description(_state["corpus"], page.file.src_uri)  # <meta name="description">
    return context


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # Every language build writes the same site/404.html; keep each language's own.
    if template_name == "404.html":
        _state["not_found"][_current_language(config)] = output_content
    return output_content


def on_page_content(html: str, *, page, config: MkDocsConfig, files) -> str:
    # Every page, calculators too: their widget markup (scripts/render/widgets.py) is allowed by name.
    cleaned = safety.clean_html(html, widgets=safety.is_generated_markup(page.file.src_uri))
    finished = a11y.finish(cleaned, page.title or "")  # named, keyboard-scrollable tables; spaced blocks for search
    if page.file.src_uri.startswith(f"{REFERENCE}/"):  # French (docs/fr/...): the space before : ; ? ! does not break
        finished = typography.no_break_before_signs(finished)
    return finished


def on_post_page(output: str, *, page, config: MkDocsConfig) -> str:
    if _state["command"] == "serve" and _state["errors"] and _state["banner"]:
        output = build.with_error_banner(output, _state["errors"])
    return output


@event_priority(-110)  # after mkdocs-static-i18n built every language and merged the root index
def on_post_build(*, config: MkDocsConfig) -> None:
    if getattr(config.plugins.get("i18n"), "building", False):
        return  # a language build nested in the main one: wait for the end
    search_index.split_by_language(config.site_dir)
    not_found.write(config.site_dir, _state["not_found"])
    runtime.install(config.site_dir)
    intended = headers.intended_scripts()  # read from the templates once, for the check and the policy
    unexpected = headers.unexpected_scripts(config.site_dir, intended)
    if unexpected:  # the CSP allows only the templates' scripts: a page with another one came from a source
        for problem in unexpected:
            log.error("%s", problem)
        raise PluginError(f"{len(unexpected)} page(s) hold a script no template writes; the site was not published")
    headers.write(config.site_dir, intended)
