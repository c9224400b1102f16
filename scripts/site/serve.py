"""``make serve``: the site on http://127.0.0.1:8000, a saved source rebuilt in about a second.

``mkdocs serve`` rebuilds the whole five-language site on every save (mkdocs-static-i18n
builds each language again, the hooks reload and check every source): 9-15 s with 13
guides per language, minutes with 1,000. This server does one full build at start
(``mkdocs build`` in this process, into a temporary folder) and keeps what MkDocs made
in memory: the config, the corpus the hooks loaded and checked (every source read and
checked once), and per language its files, navigation and theme templates.
On a save of a guide, a ``site.yml``, a ``glossary.yml`` or a calculator's texts
(``docs/<lang>/...``) it

1. reloads that file into the corpus (``scripts.sources.corpus``) and runs the `kb check`
   checks (``scripts.checks.runner.report(..., only=)``) on it and on what depends on it:
   its counterparts in every other language when fr changed, every file of the language
   when its glossary changed (terms and forbidden variants); the other files' findings are kept;
2. if any source has a mistake, writes nothing: every served page shows the mistakes
   (``path:line``, :func:`scripts.site.build.with_error_banner`) above the last good
   page, until they are fixed;
3. else regenerates the saved source's own page (the guide, the glossary, the calculator),
   renders it through MkDocs (``_populate_page`` + ``_build_page`` with that language's
   objects) and tells the browsers to reload; then regenerates the language's other pages,
   keeps the ones whose text changed (the guide index, the home page, the guides that link a
   guide or show a calculator's table...) and renders only those, the status pages too when
   the findings changed; puts those pages' entries in their language's search index.

A ``site.yml`` names the language's site, its navigation and the words of the frame on
every page (and the 404 page), and a changed title of a page in the navigation (the
glossary, a calculator) shows on every page: that language alone is rendered again, whole,
with the objects its build made (its options set again from site.yml, its navigation made
again), first its home page, the pages the browsers show (the server remembers the last
pages asked for, and the page each open tab's live-reload request comes from) and a page of
the navigation whose title changed, which are published at once; then every other page and
its 404 page (a guide index of 1,000 guides alone takes seconds). The other languages are not touched. Anything else (a guide added or removed,
mkdocs.yml, overrides/, docs/assets/) is followed by a full build in this process; a change
of code (calculators/, scripts/, schemas/) restarts the server. Run: ``python -m
scripts.site.serve [--port 8000]`` (what ``make serve`` does).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from scripts.site import build as site_build
from scripts.site.incremental import Site
from scripts.site.saves import RESTART_FOLDERS, classify, watched
from scripts.sources.tree import ROOT, Tree

log = logging.getLogger("mkdocs.kb.serve")


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
                changed = [p for p in changed if watched(server.site.tree, p)]
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
        if change.full or change.guides or change.sources:
            self.site.update(change, self._publish)

    def _publish(self) -> None:
        """Serve what is written so far (requests wait no more) and make the browsers reload."""
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = _timestamp()
            self._epoch_cond.notify_all()

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        # A page asked for, or an open page waiting for its reload (the live-reload script's request names it as referer).
        self.site.saw(environ.get("HTTP_REFERER") if path.startswith("/livereload/") else path)
        return super()._serve_request(environ, start_response)

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
