"""The site ``make serve`` keeps in memory, and what it rebuilds after a save (``Site``).

One full build at start (MkDocs in this process) leaves the config, the corpus the hooks
loaded and checked, and per language its files, navigation and templates (``Keep``);
``Site.update`` then checks the saved sources, renders their pages and the pages the browsers
show first, publishes, then the rest. What each save rebuilds: ``scripts.site.serve``'s
docstring; what a save is: ``scripts.site.saves``.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.nav import get_navigation

from scripts.checks import runner as checks
from scripts.checks.base import Finding
from scripts.site import generate, languages, not_found, search_index
from scripts.site.saves import OPEN_PAGES, Change, page_of, title_of
from scripts.sources import corpus as corpus_module
from scripts.sources.corpus import Corpus, File, shown_path
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree

log = logging.getLogger("mkdocs.kb.serve")

# --- What MkDocs made, kept per language -------------------------------------


@dataclass
class LanguageBuild:
    """One language's MkDocs objects from the full build: reused to render a page again."""

    files: Any  # mkdocs.structure.files.Files
    nav: Any  # mkdocs.structure.nav.Navigation
    env: Any  # jinja2.Environment


class Keep(BasePlugin):
    """Records each language's files, navigation and templates as mkdocs-static-i18n builds it."""

    def __init__(self) -> None:
        super().__init__()
        self.languages: dict[str, LanguageBuild] = {}
        self._nav: dict[str, Any] = {}

    def _lang(self, config) -> str:
        return getattr(config.plugins.get("i18n"), "current_language", None) or REFERENCE

    @event_priority(-200)  # after mkdocs-static-i18n (-100) made the language's navigation
    def on_nav(self, nav, *, config, files):
        self._nav[self._lang(config)] = nav
        return nav

    @event_priority(-200)
    def on_env(self, env, *, config, files):
        lang = self._lang(config)
        self.languages[lang] = LanguageBuild(files, self._nav[lang], env)
        return env


# --- The checks, file by file ------------------------------------------------


def by_file(tree: Tree, keys: Iterable[tuple[str, str]], findings: Iterable[Finding]) -> dict[tuple[str, str], list[Finding]]:
    """The findings of each (lang, key) of ``keys`` (an empty list for a file without any)."""
    docs = shown_path(tree, tree.docs) + "/"
    found: dict[tuple[str, str], list[Finding]] = {key: [] for key in keys}
    for finding in findings:
        lang, _, key = finding.path.removeprefix(docs).partition("/")
        found.setdefault((lang, key), []).append(finding)
    return found


def check_files(corpus: Corpus, keys: Iterable[tuple[str, str]], facts: frozenset[str]) -> dict[tuple[str, str], list[Finding]]:
    """The findings of each (lang, key), as ``kb check`` finds them (``scripts.checks.runner.report``), for these files only.

    The files must be freshly loaded (the checks add their problems to the file).
    """
    keys = sorted(set(keys))
    found = by_file(corpus.tree, keys, checks.report(corpus, facts=facts, only=keys).findings)
    gc.unfreeze()  # the runner freezes what it made (right for one `kb check`): a server runs for hours, the collector must see it
    return found


def all_keys(corpus: Corpus, langs: Iterable[str] = LANGUAGES) -> list[tuple[str, str]]:
    """Every (lang, key) the checks look at: each language's files and the ones of fr it lacks."""
    keys = set(corpus.files[REFERENCE])
    return [(lang, key) for lang in langs for key in sorted(keys | set(corpus.files.get(lang, {})))]


def reload_file(corpus: Corpus, lang: str, key: str) -> None:
    """Read ``docs/<lang>/<key>`` again into the corpus (a fresh File: no problem recorded yet)."""
    old = corpus.files[lang][key]
    file = File(corpus.tree, lang, key, old.kind)
    corpus_module.load_file(file)
    corpus.files[lang][key] = file


# --- The site being served ----------------------------------------------------


class Site:
    """The built site in ``site_dir`` and what it was built from, kept in memory."""

    def __init__(self, tree: Tree, site_dir: Path, serve_url: str) -> None:
        self.tree = tree
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.errors: list = []  # shown on every served page while not empty
        self.pending: set[tuple[str, str]] = set()  # sources saved while a mistake was shown (lang, key)
        self.status_pending = False  # the findings changed since the status pages were made
        self._seen: dict[str, None] = {}  # the URL paths browsers showed last, the latest last (``saw``)
        self._seen_lock = threading.Lock()
        self._built: dict[str, set[str]] = {}  # a language being built whole: the pages rendered since its navigation was made

    # --- full build

    def full_build(self) -> None:
        started = time.perf_counter()
        from calculators.placeholders import placeholders

        self.facts = frozenset(checks.known_facts())
        self.values = placeholders()
        config = load_config(config_file=str(self.tree.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = self.serve_url
        keep = Keep()
        config.plugins["kb/serve"] = keep
        hooks = next(plugin for name, plugin in config.plugins.items() if name.endswith("hooks.py"))
        hooks._state["banner"] = False  # this server shows the mistakes itself, on every page it serves
        mkdocs_build.build(config, serve_url=self.serve_url)
        gc.unfreeze()  # what the hooks' check froze (scripts.sources.corpus.bulk_allocation), as in check_files
        self.config = config
        self.keep = keep
        self.hooks = hooks
        # The corpus the hooks loaded (every source read once) and checked (once): this server keeps both.
        self.corpus: Corpus = hooks._state["corpus"]
        found = [f for f in (*hooks._state["errors"], *hooks._state["warnings"]) if isinstance(f, Finding)]
        self.findings = by_file(self.tree, all_keys(self.corpus), found)
        self.errors = list(hooks._state["errors"])
        # With a mistake, the hooks wrote no page: the pages on disk may be older than the sources.
        self.rebuild_when_fixed = bool(self.errors)
        self.markdown = self._markdown_on_disk()
        self.pending.clear()
        self.status_pending = False
        self.config_lang: str | None = None  # the language the config was last set for (by mkdocs-static-i18n)
        log.info("kb serve: full build in %.1f s", time.perf_counter() - started)

    def _markdown_on_disk(self) -> dict[Path, str]:
        pages = {}
        for lang in LANGUAGES:
            for path in self.tree.lang_dir(lang).rglob("*.md"):
                pages[path] = path.read_text(encoding="utf-8")
        return pages

    # --- a save

    def update(self, change: Change, publish: Callable[[], None] = lambda: None) -> None:
        """Check, render and rebuild what ``change`` touches; ``publish()`` once the saved sources' pages are written."""
        started = time.perf_counter()
        if change.full:
            self.full_build()
            return
        saved = change.guides | change.sources
        keys = self._check(saved)
        self.pending.update(saved)
        self.status_pending |= any(key == "site.yml" for _lang, key in saved)  # the status page's words
        for finding in sorted({f for k in keys for f in self.findings.get(k, []) if not f.is_error}):
            log.info("%s", finding)  # stale translations: shown, never fatal
        errors = [f for found in self.findings.values() for f in found if f.is_error]
        if errors:
            self._show_errors(errors)
            return
        if self.rebuild_when_fixed:
            self.full_build()
            return
        by_lang: dict[str, set[str]] = {}
        for lang, key in self.pending:
            by_lang.setdefault(lang, set()).add(key)
        # A site.yml: its language is built again, whole (frame words, navigation, 404 page).
        whole = {lang for lang, saved_keys in by_lang.items() if "site.yml" in saved_keys}
        # (a site.yml's own page is the home page: first only when it is open, or when no page of its language is)
        wanted = {
            lang: {page_of(key) for key in saved_keys if key != "site.yml"} | (self._open_pages(lang) if lang in whole else set())
            for lang, saved_keys in by_lang.items()
        }
        # First the saved sources' own pages, in a language built whole the pages the browsers show, and a page
        # of the navigation whose title changes (its title shows on every page): written, rendered, shown (the
        # browsers reload). The navigation's other pages keep the titles MkDocs read (it keeps its Page objects).
        navigation = {lang: self._navigation_pages(lang) for lang in by_lang}
        in_nav = {self.tree.lang_dir(lang) / relative for lang, relatives in navigation.items() for relative in relatives}
        pages, render_errors = self._render({lang: wanted[lang] | navigation[lang] for lang in by_lang})
        if render_errors:
            self._show_errors(render_errors)
            return
        retitled = {path for path, text in pages.items() if path in in_nav and title_of(text) != title_of(self.markdown.get(path))}
        for lang in set(by_lang) - whole:
            if any(path.is_relative_to(self.tree.lang_dir(lang)) for path in retitled):  # on every page of the language
                whole.add(lang)
                open_pages = self._open_pages(lang)
                more, render_errors = self._render({lang: open_pages - wanted[lang]})
                if render_errors:
                    self._show_errors(render_errors)
                    return
                pages.update(more)
                wanted[lang] |= open_pages
        wanted_paths = {self.tree.lang_dir(lang) / relative for lang, relatives in wanted.items() for relative in relatives}
        pages = {path: text for path, text in pages.items() if path in wanted_paths or path in retitled}
        self.errors = []
        self._write(pages)
        # (an open page that is not generated from a source, the status page: on disk already)
        first = set(pages) | {path for lang, relatives in wanted.items() for relative in relatives if (path := self.tree.lang_dir(lang) / relative).is_file()}
        searched: dict[str, tuple[list[str], list[dict]]] = {}
        self._rebuild(sorted(first), searched, whole=whole)
        publish()
        for lang in sorted(whole):
            shown = sorted(relative for relative in wanted[lang] if (self.tree.lang_dir(lang) / relative).is_file())
            log.info("kb serve: %s rebuilt first: %s; its other pages follow", lang, ", ".join(shown))
        # then the language's other pages: in a language built whole, every one; elsewhere the ones whose text
        # changed (and the status pages when the findings changed); and the search index.
        pages, render_errors = self._render({lang: None for lang in by_lang}, status=self.status_pending)
        pages = {path: text for path, text in pages.items() if path not in first}
        written = [] if render_errors else self._write(pages)
        self._rebuild(written, searched, finish=whole)
        for lang, (urls, entries) in searched.items():
            self._update_search(lang, urls, entries)
        if render_errors:
            self._show_errors(render_errors)
            return
        self.pending.clear()
        self.status_pending = False
        publish()  # and the browsers reload again
        done = {path.relative_to(self.tree.docs).as_posix() for path in (*first, *written)}
        done.update(src_uri for lang in whole for src_uri in self._built.get(lang, ()))
        log.info("kb serve: %d page(s) rebuilt in %.2f s", len(done), time.perf_counter() - started)

    def saw(self, url: str | None) -> None:
        """A browser shows the page at ``url`` (it asked for it, or it waits for a reload there)."""
        if not url:
            return
        path = urllib.parse.urlsplit(url).path
        if path.endswith("/") or path.endswith(".html"):
            with self._seen_lock:
                self._seen.pop(path, None)
                self._seen[path] = None
                while len(self._seen) > OPEN_PAGES:
                    del self._seen[next(iter(self._seen))]

    def _open_pages(self, lang: str) -> set[str]:
        """The pages of ``lang`` the browsers showed last (relative to its folder: "guides/x.md"); none: its home page."""
        kept = self.keep.languages.get(lang)
        by_url = {"/" + file.url: file.src_uri for file in kept.files.documentation_pages()} if kept is not None else {}
        by_url["/" if lang == REFERENCE else f"/{lang}/"] = f"{lang}/index.md"  # fr's home is "./" to MkDocs
        with self._seen_lock:
            seen = list(self._seen)
        found = set()
        for url in seen:
            src_uri = by_url.get(url) or by_url.get(url.removesuffix("index.html"))
            if src_uri is not None and src_uri.startswith(lang + "/"):
                found.add(src_uri.removeprefix(lang + "/"))
        return found or {"index.md"}

    def _check(self, saved: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """Reload the saved sources and what is checked with them, run the checks on those; the (lang, key) checked."""
        keys: set[tuple[str, str]] = set()
        for lang, key in saved:
            if key == "glossary.yml":  # its terms and forbidden variants are looked for in every file of its language (fr's: of all)
                keys.update(all_keys(self.corpus, LANGUAGES if lang == REFERENCE else (lang,)))
            elif lang == REFERENCE:  # every translation is compared with fr
                keys.update((other, key) for other in LANGUAGES)
            else:
                keys.add((lang, key))
        for lang, key in sorted(keys):  # fresh files: the checks add their problems to the file
            if key in self.corpus.files.get(lang, {}):
                reload_file(self.corpus, lang, key)
        old_findings = {k: self.findings.get(k, []) for k in keys}
        self.findings.update(check_files(self.corpus, keys, self.facts))
        self.status_pending |= any(self.findings.get(k, []) != v for k, v in old_findings.items())
        return keys

    def _navigation_pages(self, lang: str) -> set[str]:
        """The pages of ``lang``'s navigation (relative to its folder: "glossary.md")."""
        kept = self.keep.languages.get(lang)
        return {page.file.src_uri.removeprefix(lang + "/") for page in kept.nav.pages} if kept is not None else set()

    def _show_errors(self, errors: list) -> None:
        errors = sorted({str(error): error for error in errors}.values(), key=lambda e: (str(e.path), e.line))
        for error in errors:
            print(f"ERROR    -  {error}", file=sys.stderr)
        print(f"ERROR    -  kb: {len(errors)} mistake(s); serving the last good pages", file=sys.stderr)
        self.errors = errors

    def _render(self, wanted: dict[str, set[str] | None], *, status: bool = False) -> tuple[dict[Path, str], list]:
        """The Markdown of these pages of each language (relative to its folder; None: all its pages).

        With ``status``, the status pages of every language too (the findings changed).
        """
        from scripts.render.tables import TABLES

        pages: dict[Path, str] = {}
        errors: list = []
        for lang, only in wanted.items():
            rendered = generate.render_language(generate.language(self.corpus, lang), self.values, TABLES, errors, only=only)
            folder = self.tree.lang_dir(lang)
            pages.update({folder / relative: text for relative, text in rendered.items()})
        if status:
            findings = sorted({f for found in self.findings.values() for f in found})
            report = checks.Report(self.tree, self.corpus.files, findings, self.corpus)
            pages.update(generate.status_pages(self.corpus, report))
        return pages, errors

    def _write(self, pages: dict[Path, str]) -> list[Path]:
        written = []
        for path, text in pages.items():
            if self.markdown.get(path) == text:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as tmp:
                tmp.write(text)
            os.replace(tmp.name, path)
            self.markdown[path] = text
            written.append(path)
        return written

    def _rebuild(
        self, paths: list[Path], searched: dict[str, tuple[list[str], list[dict]]], whole: Iterable[str] = (), finish: Iterable[str] = ()
    ) -> None:
        """Render these Markdown pages again through MkDocs, language by language; collect their search entries.

        A language of ``whole`` starts being rendered whole, as its build in a full build makes it: its
        options (site name, navigation words, frame) set again from its site.yml, its navigation made
        again; then these pages and the navigation's own (their titles show on every page) are
        rendered. A language of ``finish`` gets the rest: every page not rendered since its navigation
        was made, then its 404 page.
        """
        whole, finish = set(whole), set(finish)
        by_lang: dict[str, list[str]] = {lang: [] for lang in sorted(whole | finish)}
        for path in paths:
            relative = path.relative_to(self.tree.docs).as_posix()
            by_lang.setdefault(relative.split("/", 1)[0], []).append(relative)
        config = self.config
        i18n = config.plugins["i18n"]
        search = config.plugins.get("material/search") or config.plugins.get("search")
        state = self.hooks._state
        if whole:
            state["language_options"] = languages.apply_options(i18n.config.languages, self.corpus, state["language_options"])
        quiet = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n")
        level = quiet.level
        i18n.building = True  # the hooks' on_config then keeps its corpus (a nested language build)
        write_file = mkdocs_utils.write_file
        mkdocs_utils.write_file = _write_file_atomically  # pages are read while others are written
        try:
            for lang, src_uris in by_lang.items():
                kept = self.keep.languages[lang]
                i18n.current_language = lang
                if self.config_lang != lang or lang in whole:  # the language's own options (theme language, site name...)
                    quiet.setLevel(logging.WARNING)
                    config = config.plugins.on_config(config)
                    quiet.setLevel(level)
                    self.config_lang = lang
                doc_files = kept.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                if lang in whole:  # the navigation's words and titles, as the language's build makes it
                    quiet.setLevel(logging.WARNING)
                    kept.nav = config.plugins.on_nav(get_navigation(kept.files, config), config=config, files=kept.files)
                    quiet.setLevel(level)
                    self._built[lang] = set()
                if lang in finish:
                    src_uris = [*src_uris, *(file.src_uri for file in doc_files if file.src_uri not in self._built.get(lang, ()))]
                search.search_index = type(search.search_index)(**search.config)
                files = [file for src_uri in dict.fromkeys(src_uris) if (file := kept.files.get_file_from_path(src_uri)) is not None and file.page is not None]
                for file in files:  # every page read first: a page shows the others' titles in its navigation
                    mkdocs_build._populate_page(file.page, config, kept.files)
                for file in files:
                    mkdocs_build._build_page(file.page, config, doc_files, kept.nav, kept.env)
                if lang in self._built:
                    self._built[lang].update(file.src_uri for file in files)
                for file in files:  # a broken #anchor is printed, as the full build does
                    file.page.validate_anchor_links(files=kept.files, log_level=config.validation.links.anchors)
                if lang in finish:  # its 404 page (the theme writes it at the root: fr's is put back)
                    mkdocs_build._build_theme_template("404.html", kept.env, kept.files, config, kept.nav)
                    not_found.write(self.site_dir, {lang: state["not_found"][lang], REFERENCE: state["not_found"][REFERENCE]})
                urls, entries = searched.setdefault(lang, ([], []))
                urls.extend(file.page.url for file in files)
                entries.extend(search.search_index.entries)
        finally:
            mkdocs_utils.write_file = write_file
            i18n.building = False
            i18n.current_language = REFERENCE
            quiet.setLevel(level)

    def _update_search(self, lang: str, urls: list[str], entries: list[dict]) -> None:
        """Replace these pages' entries in their language's search index, each page's where its old ones were."""
        path = search_index.index_path(self.site_dir, lang)
        index = json.loads(path.read_text(encoding="utf-8"))
        pages = {search_index.language_of(url)[1] for url in urls}

        def page_of(location: str) -> str:
            return location.split("#", 1)[0]

        new: dict[str, list[dict]] = {}
        for entry in as_published(lang, entries):
            new.setdefault(page_of(entry["location"]), []).append(entry)
        docs = []
        for doc in index["docs"]:  # the order of a full build
            page = page_of(doc.get("location", ""))
            if page in pages:
                docs.extend(new.pop(page, []))
            else:
                docs.append(doc)
        for rest in new.values():
            docs.extend(rest)
        index["docs"] = docs
        _write_file_atomically(json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), str(path))


def as_published(lang: str, entries: list[dict]) -> list[dict]:
    """Material's entries of ``lang``'s pages as the build publishes them: through search_index.split_by_language itself."""
    with tempfile.TemporaryDirectory(prefix="kb-search-") as tmp:
        merged = search_index.index_path(Path(tmp), REFERENCE)
        merged.parent.mkdir(parents=True)
        merged.write_text(json.dumps({"config": {}, "docs": entries}, default=str), encoding="utf-8")
        search_index.split_by_language(tmp)
        return json.loads(search_index.index_path(Path(tmp), lang).read_text(encoding="utf-8"))["docs"]


def _write_file_atomically(content: bytes, output_path: str) -> None:
    """``mkdocs.utils.write_file``, but a reader sees the old file or the new one, never half of it."""
    folder = os.path.dirname(output_path)
    os.makedirs(folder, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as tmp:
        tmp.write(content)
    os.chmod(tmp.name, 0o644)
    os.replace(tmp.name, output_path)
