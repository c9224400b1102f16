"""``make serve``: the site on http://127.0.0.1:8000, a saved guide rebuilt in about a second.

``mkdocs serve`` rebuilds the whole five-language site on every save (mkdocs-static-i18n
builds each language again, the hooks reload and check every source): 9-15 s with 13
guides per language, minutes with 1,000. This server does one full build at start
(``mkdocs build`` in this process, into a temporary folder) and keeps what MkDocs made
in memory: the config, and per language its files, navigation and theme templates.
On a save of a guide (``docs/<lang>/guides/<id>.yml``) it

1. reloads that file into the corpus it keeps (``scripts.sources.corpus``) and runs
   the `kb check` checks on it and its counterparts (the same guide in every other
   language when fr changed): the other files' findings are kept;
2. if any source has a mistake, writes nothing: every served page shows the mistakes
   (``path:line``, :func:`scripts.site.build.with_error_banner`) above the last good
   page, until they are fixed;
3. else regenerates the Markdown of the pages that can show that guide (the guide,
   the guide index, the home page, every page whose source names its id), keeps the
   ones whose text changed, and renders only those through MkDocs
   (``_populate_page`` + ``_build_page`` with that language's objects), the status
   pages too when the findings changed;
4. puts those pages' entries in their language's search index, and tells the browsers
   to reload (MkDocs' ``LiveReloadServer``).

Anything else (site.yml, glossary, calculator texts, a guide added or removed,
mkdocs.yml, overrides/, docs/assets/) is followed by a full build in this process;
a change of code (calculators/, scripts/, schemas/) restarts the server. Run: ``python -m
scripts.site.serve [--port 8000]`` (what ``make serve`` does).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import InclusionLevel

from scripts.checks import runner as checks
from scripts.checks.base import REGISTRY, Context, Finding, Run
from scripts.site import build as site_build
from scripts.site import generate, search_index
from scripts.sources import corpus as corpus_module
from scripts.sources.corpus import Corpus, File
from scripts.sources.tree import LANGUAGES, REFERENCE, ROOT, Tree

log = logging.getLogger("mkdocs.kb.serve")

# A change under these folders is code (Python, schemas): the server restarts to load it.
RESTART_FOLDERS = ("calculators", "scripts", "schemas")
# A change of these (or of docs/assets/) is followed by a full build.
FULL_BUILD = ("mkdocs.yml", "overrides")
# Files the server itself writes (the Markdown pages), and compiled code.
IGNORED_SUFFIXES = (".md", ".tmp", ".pyc")


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


def check_keys(corpus: Corpus, keys: Iterable[tuple[str, str]], facts: frozenset[str]) -> dict[tuple[str, str], list[Finding]]:
    """The findings of each (lang, key), as ``scripts.checks.runner.report`` finds them, for these files only.

    The files must be freshly loaded (the checks add their problems to the file).
    """
    run = Run(corpus, facts)
    reference = corpus.files[REFERENCE]
    active = [check for check in REGISTRY.values() if check.needs != "loader"]
    found: dict[tuple[str, str], list[Finding]] = {}
    for lang, key in keys:
        file = corpus.files.get(lang, {}).get(key)
        fr = reference.get(key)
        if lang == REFERENCE:
            if file is None:
                continue
            context = Context(run, file, None)
        elif file is None:
            if fr is None:
                continue
            context = Context(run, File(corpus.tree, lang, key, fr.kind), fr, absent=True)
        else:
            context = Context(run, file, fr)
        for check in active:
            if check.needs in context.meets:
                check.run(context)
        file = context.file
        found[(lang, key)] = [  # as the runner makes them (p[3:]: what else a problem carries, such as fr's changes)
            Finding(file.shown, p.line, file.lang, file.guide, p.check, REGISTRY[p.check].severity, p.message, *p[3:])
            for p in file.problems
        ]
    return found


def all_keys(corpus: Corpus) -> list[tuple[str, str]]:
    keys = set(corpus.files[REFERENCE])
    return [(lang, key) for lang in LANGUAGES for key in sorted(keys | set(corpus.files.get(lang, {})))]


def reload_file(corpus: Corpus, lang: str, key: str) -> None:
    """Read ``docs/<lang>/<key>`` again into the corpus (a fresh File: no problem recorded yet)."""
    old = corpus.files[lang][key]
    file = File(corpus.tree, lang, key, old.kind)
    corpus_module.load_file(file)
    corpus.files[lang][key] = file


# The page a source other than a guide makes.
_PAGE_OF = {"site.yml": "index.md", "glossary.yml": "glossary.md"}

# --- The site being served ----------------------------------------------------


@dataclass
class Change:
    """What a save asks for: guides to rebuild incrementally, or a full build, or a restart."""

    guides: set[tuple[str, str]] = field(default_factory=set)  # (lang, key)
    full: bool = False
    restart: bool = False


def classify(tree: Tree, paths: Iterable[Path], corpus: Corpus) -> Change:
    """What the saved ``paths`` ask for: a known guide is rebuilt alone; any other source, a full build; code, a restart."""
    change = Change()
    for path in paths:
        try:
            parts = path.resolve().relative_to(tree.root.resolve()).parts
        except ValueError:
            continue
        if not parts or "__pycache__" in parts or path.suffix in IGNORED_SUFFIXES:
            continue
        if parts[0] in RESTART_FOLDERS:
            change.restart = True
        elif parts[0] == "docs" and len(parts) >= 3 and parts[1] in LANGUAGES:
            if path.suffix != ".yml":
                continue  # an editor's backup or swap file
            lang, key = parts[1], "/".join(parts[2:])
            if len(parts) == 4 and parts[2] == "guides" and key in corpus.files.get(lang, {}) and path.is_file():
                change.guides.add((lang, key))
            else:
                change.full = True  # site.yml, glossary, calculator texts, a guide added or removed
        elif parts[0] in FULL_BUILD or (parts[0] == "docs" and len(parts) >= 2 and parts[1] == "assets"):
            change.full = True
    return change


class Site:
    """The built site in ``site_dir`` and what it was built from, kept in memory."""

    def __init__(self, tree: Tree, site_dir: Path, serve_url: str) -> None:
        self.tree = tree
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.errors: list = []  # shown on every served page while not empty
        self.pending: set[tuple[str, str]] = set()  # guides changed while a mistake was shown
        self.status_pending = False  # the findings changed since the status pages were made

    # --- full build

    def full_build(self) -> None:
        started = time.perf_counter()
        from calculators.placeholders import placeholders

        self.facts = frozenset(checks.known_facts())
        self.values = placeholders()
        self.corpus = corpus_module.load(self.tree)
        self.findings = check_keys(self.corpus, all_keys(self.corpus), self.facts)
        config = load_config(config_file=str(self.tree.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = self.serve_url
        keep = Keep()
        config.plugins["kb/serve"] = keep
        hooks = next(plugin for name, plugin in config.plugins.items() if name.endswith("hooks.py"))
        hooks._state["banner"] = False  # this server shows the mistakes itself, on every page it serves
        mkdocs_build.build(config, serve_url=self.serve_url)
        self.config = config
        self.keep = keep
        self.hooks = hooks
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
        """Check, render and rebuild what ``change`` touches; ``publish()`` once the saved guides' pages are written."""
        started = time.perf_counter()
        if change.full:
            self.full_build()
            return
        for lang, key in sorted(change.guides):
            reload_file(self.corpus, lang, key)
        keys = set()
        for lang, key in change.guides:
            if lang == REFERENCE:  # every translation is compared with fr
                for other in LANGUAGES:
                    if other != REFERENCE and key in self.corpus.files.get(other, {}):
                        reload_file(self.corpus, other, key)
                keys.update((other, key) for other in LANGUAGES)
            else:
                keys.add((lang, key))
        old_findings = {k: self.findings.get(k, []) for k in keys}
        self.findings.update(check_keys(self.corpus, keys, self.facts))
        self.status_pending |= any(self.findings.get(k, []) != v for k, v in old_findings.items())
        self.pending.update(change.guides)
        for finding in sorted({f for k in keys for f in self.findings.get(k, []) if not f.is_error}):
            log.info("%s", finding)  # stale translations: shown, never fatal
        errors = [f for found in self.findings.values() for f in found if f.is_error]
        if errors:
            self._show_errors(errors)
            return
        if self.rebuild_when_fixed:
            self.full_build()
            return
        # First the saved guides' own pages: written, rendered, shown (the browsers reload);
        searched: dict[str, tuple[list[str], list[dict]]] = {}
        pages, render_errors = self._render(self.pending, own=True)
        if render_errors:
            self._show_errors(render_errors)
            return
        self.errors = []
        first = self._write(pages)
        self._rebuild(first, searched)
        publish()
        # then the pages that list or link them (and the status pages when the findings changed), and the search index.
        pages, render_errors = self._render(self.pending, own=False, status=self.status_pending)
        written = [] if render_errors else self._write(pages)
        self._rebuild(written, searched)
        for lang, (urls, entries) in searched.items():
            self._update_search(lang, urls, entries)
        if render_errors:
            self._show_errors(render_errors)
            return
        self.pending.clear()
        self.status_pending = False
        publish()  # and the browsers reload again
        log.info("kb serve: %d page(s) rebuilt in %.2f s", len(first) + len(written), time.perf_counter() - started)

    def _show_errors(self, errors: list) -> None:
        errors = sorted({str(error): error for error in errors}.values(), key=lambda e: (str(e.path), e.line))
        for error in errors:
            print(f"ERROR    -  {error}", file=sys.stderr)
        print(f"ERROR    -  kb: {len(errors)} mistake(s); serving the last good pages", file=sys.stderr)
        self.errors = errors

    def _render(self, guides: set[tuple[str, str]], *, own: bool, status: bool = False) -> tuple[dict[Path, str], list]:
        """The Markdown of these guides' own pages (``own``), or of every other page that can show them.

        The others: the guide index, the home page, every page whose source names one of the ids,
        and the status pages when ``status`` (the findings changed).
        """
        from scripts.render.tables import TABLES

        pages: dict[Path, str] = {}
        errors: list = []
        by_lang: dict[str, set[str]] = {}
        for lang, key in guides:
            by_lang.setdefault(lang, set()).add(key.rpartition("/")[2].removesuffix(".yml"))
        for lang, ids in by_lang.items():
            saved = {f"guides/{gid}.md" for gid in ids}
            wanted = {"index.md", "guides/index.md"}
            named = re.compile("|".join(rf"(?<![\w-]){re.escape(gid)}(?![\w-])" for gid in sorted(ids)))
            for key, file in self.corpus.files[lang].items():  # every page whose source names one of these ids
                if named.search(file.text):
                    wanted.add(_PAGE_OF.get(key) or key.removesuffix(".yml") + ".md")
            wanted = saved if own else wanted - saved
            rendered = generate.render_language(generate.language(self.corpus, lang), self.values, TABLES, errors, only=wanted)
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

    def _rebuild(self, paths: list[Path], searched: dict[str, tuple[list[str], list[dict]]]) -> None:
        """Render these Markdown pages again through MkDocs, language by language; collect their search entries."""
        by_lang: dict[str, list[str]] = {}
        for path in paths:
            relative = path.relative_to(self.tree.docs).as_posix()
            by_lang.setdefault(relative.split("/", 1)[0], []).append(relative)
        config = self.config
        i18n = config.plugins["i18n"]
        search = config.plugins.get("material/search") or config.plugins.get("search")
        quiet = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n")
        level = quiet.level
        i18n.building = True  # the hooks' on_config then keeps its corpus (a nested language build)
        write_file = mkdocs_utils.write_file
        mkdocs_utils.write_file = _write_file_atomically  # pages are read while others are written
        try:
            for lang, src_uris in by_lang.items():
                kept = self.keep.languages[lang]
                i18n.current_language = lang
                if self.config_lang != lang:  # the language's own options (theme language, site name...)
                    quiet.setLevel(logging.WARNING)
                    config = config.plugins.on_config(config)
                    quiet.setLevel(level)
                    self.config_lang = lang
                doc_files = kept.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                search.search_index = type(search.search_index)(**search.config)
                rebuilt = []
                for src_uri in src_uris:
                    file = kept.files.get_file_from_path(src_uri)
                    if file is None or file.page is None:
                        continue
                    mkdocs_build._populate_page(file.page, config, kept.files)
                    mkdocs_build._build_page(file.page, config, doc_files, kept.nav, kept.env)
                    rebuilt.append(file.page)
                for page in rebuilt:  # a broken #anchor is printed, as the full build does
                    page.validate_anchor_links(files=kept.files, log_level=config.validation.links.anchors)
                urls, entries = searched.setdefault(lang, ([], []))
                urls.extend(page.url for page in rebuilt)
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


# --- The server ---------------------------------------------------------------


class Server(LiveReloadServer):
    """MkDocs' live-reload server, watching with inotify, knowing which files changed, showing the mistakes."""

    def __init__(self, site: Site, *, host: str, port: int) -> None:
        super().__init__(builder=self._build, host=host, port=port, root=str(site.site_dir))
        self.site = site
        self.build_delay = 0.05  # a save is one or two events: wait this long for the last one
        self.observer = watchdog.observers.Observer()  # inotify where there is one: no polling delay
        self._changed: set[Path] = set()
        self._changed_lock = threading.Lock()
        self.restart = False

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        if path in self._watched_paths:
            return
        self._watched_paths[path] = 1
        server = self

        class Handler(watchdog.events.FileSystemEventHandler):
            def on_any_event(self, event):
                if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                    return
                names = [event.src_path, getattr(event, "dest_path", "")]
                changed = [Path(os.fsdecode(name)) for name in names if name]
                changed = [p for p in changed if p.suffix not in IGNORED_SUFFIXES and "__pycache__" not in p.parts]
                if not changed:
                    return
                with server._changed_lock:
                    server._changed.update(changed)
                with server._rebuild_cond:
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()

        self._watch_refs[path] = self.observer.schedule(Handler(), path, recursive=recursive)

    def _build(self) -> None:
        with self._changed_lock:
            changed, self._changed = self._changed, set()
        change = classify(self.site.tree, changed, self.site.corpus)
        if change.restart:
            self.restart = True
            with self._rebuild_cond:
                self._shutdown = True
                self._rebuild_cond.notify_all()
            return
        if change.full or change.guides:
            self.site.update(change, self._publish)

    def _publish(self) -> None:
        """Serve what is written so far (requests wait no more) and make the browsers reload."""
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = _timestamp()
            self._epoch_cond.notify_all()

    def _inject_js_into_html(self, content, epoch):
        content = super()._inject_js_into_html(content, epoch)
        if self.site.errors:
            content = site_build.with_error_banner(content.decode("utf-8"), self.site.errors).encode("utf-8")
        return content


def serve(root: Path = ROOT, host: str = "127.0.0.1", port: int = 8000) -> int:
    tree = Tree(Path(root))
    # Ctrl-C or `kill`: the temporary site is removed too (SIGINT even when started in the background, which ignores it).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    site_dir = Path(tempfile.mkdtemp(prefix="kb_serve_"))
    serve_url = _serve_url(host, port, "/")
    site = Site(tree, site_dir, serve_url)
    try:
        site.full_build()
        server = Server(site, host=host, port=port)
        server.error_handler = lambda code: _error_page(site_dir, code)
        server.watch(str(tree.docs))
        server.watch(str(tree.root), recursive=False)  # mkdocs.yml
        for folder in ("overrides", *RESTART_FOLDERS):
            if (tree.root / folder).is_dir():
                server.watch(str(tree.root / folder))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
        if server.restart:
            log.info("kb serve: Python code changed, restarting")
            shutil.rmtree(site_dir, ignore_errors=True)
            os.execv(sys.executable, [sys.executable, "-m", "scripts.site.serve", "--port", str(port), "--host", host])  # noqa: S606 - the same server again
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.site.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    return serve(ROOT, args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
