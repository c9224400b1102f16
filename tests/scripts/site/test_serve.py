"""``make serve`` (scripts/site/serve.py): a saved guide is rebuilt on its own, as a full build would make it.

The unit tests compare the server's per-file checks with ``kb check``'s runner and
its sorting of saved paths. The server tests start ``python -m scripts.site.serve``
in a copy of the project and talk to it over HTTP (and in Chromium for the live
reload): an edit shows, the page is the one a full build makes, a mistake shows the
banner with path:line above the last good page, and fixing it removes the banner.
No test measures time: each polls with a generous bound and asserts on content.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts.checks import runner
from scripts.site import serve
from scripts.sources.corpus import load
from scripts.sources.tree import Tree
from tests.conftest import copy_project

START_BOUND_S = 900  # the first full build, on a busy machine
EDIT_BOUND_S = 120
LIVERELOAD = re.compile(r"<script>\s*var livereload = .*?</script>", re.S)


# --- per-file checks and what a save asks for ---------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def test_checks_per_file_find_what_kb_check_finds(project):
    """On a tree with mistakes in two languages, the server's per-file checks find exactly the runner's findings."""
    guide = project / "docs" / "de" / "guides" / "vat-number.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("title: ", "title: Ihre {{ no_such_fact }} ", 1), encoding="utf-8")
    (project / "docs" / "it" / "guides" / "add-a-client.yml").unlink()
    french = project / "docs" / "fr" / "guides" / "payment-methods.yml"  # its translations become stale
    french.write_text(french.read_text(encoding="utf-8").replace("title: ", "title: Nouveau titre, ", 1), encoding="utf-8")
    tree = Tree(project)
    expected = runner.report(load(tree)).findings
    corpus = load(tree)
    found = serve.check_keys(corpus, serve.all_keys(corpus), runner.known_facts())
    found = sorted({f for findings in found.values() for f in findings})
    assert [f.as_json() for f in found] == [f.as_json() for f in expected]  # everything a finding carries
    assert any(f.path.endswith("de/guides/payment-methods.yml") and f.check == "stale" for f in expected)
    assert any(f.path.endswith("de/guides/vat-number.yml") and f.check == "placeholders" for f in expected)
    assert any(f.path.endswith("it/guides/add-a-client.yml") and f.check == "missing" for f in expected)


def test_a_saved_guide_is_rebuilt_alone_and_other_changes_rebuild_everything(project):
    tree = Tree(project)
    corpus = load(tree)
    docs = project / "docs"
    guide = serve.classify(tree, [docs / "de" / "guides" / "vat-number.yml"], corpus)
    assert guide.guides == {("de", "guides/vat-number.yml")} and not guide.full and not guide.restart
    assert serve.classify(tree, [docs / "de" / "site.yml"], corpus).full
    assert serve.classify(tree, [docs / "fr" / "glossary.yml"], corpus).full
    assert serve.classify(tree, [project / "mkdocs.yml"], corpus).full
    new = docs / "de" / "guides" / "brand-new.yml"
    new.write_text("id: brand-new\n", encoding="utf-8")
    assert serve.classify(tree, [new], corpus).full  # a guide added: the index, the links and the checks of all
    generated = serve.classify(tree, [docs / "de" / "guides" / "vat-number.md"], corpus)
    assert not generated.full and not generated.guides  # the server's own output
    assert serve.classify(tree, [project / "calculators" / "placeholders.py"], corpus).restart
    assert serve.classify(tree, [docs / "assets" / "stylesheets" / "kb.css"], corpus).full
    backup = serve.classify(tree, [docs / "de" / "guides" / "vat-number.yml~", project / "README.md"], corpus)
    assert not backup.full and not backup.guides and not backup.restart


# --- the server ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=EDIT_BOUND_S) as response:  # noqa: S310 - a loopback test server
            return response.read().decode("utf-8")
    except (urllib.error.URLError, http.client.HTTPException, OSError):
        return ""


def wait_for(url: str, condition, bound: float = EDIT_BOUND_S) -> str:
    """The page at ``url`` once ``condition(html)`` holds; fails after ``bound`` seconds."""
    deadline = time.monotonic() + bound
    html = ""
    while time.monotonic() < deadline:
        html = fetch(url)
        if html and condition(html):
            return html
        time.sleep(0.2)
    pytest.fail(f"{url} never met the condition; last page:\n{html[:2000]}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``python -m scripts.site.serve`` in a copy of the project: (its root, its URL)."""
    root = copy_project(tmp_path_factory.mktemp("serve") / "project")
    port = _free_port()
    log = open(root / "serve.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "scripts.site.serve", "--port", str(port)], cwd=root, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(root.parent)},
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_BOUND_S
        while "<h1" not in fetch(f"{url}/de/"):
            assert process.poll() is None, (root / "serve.log").read_text(encoding="utf-8", errors="replace")
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)
        yield root, url
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):  # Ctrl-C first: the server deletes its site
            if process.poll() is None:
                os.killpg(process.pid, sig)
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    continue
        log.close()


def set_title(root: Path, relative: str, title: str) -> int:
    """Write ``title`` as the guide's title; return the line it is on."""
    path = root / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    lines[index] = f"title: {title}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def test_a_saved_title_shows_on_its_page_and_where_it_is_listed(server):
    root, url = server
    set_title(root, "docs/de/guides/add-a-client.yml", "Einen Kunden anlegen (neu gespeichert)")
    page = wait_for(f"{url}/de/guides/add-a-client/", lambda html: "(neu gespeichert)" in html)
    assert re.search(r"<h1[^>]*>Einen Kunden anlegen \(neu gespeichert\)", page)
    # The saved guide's page is shown first; the pages that list it and the search index follow.
    wait_for(f"{url}/de/guides/", lambda html: "(neu gespeichert)" in html)
    wait_for(f"{url}/de/search/search_index.json", lambda text: "Einen Kunden anlegen (neu gespeichert)" in text)
    assert "(neu gespeichert)" not in fetch(f"{url}/guides/add-a-client/")  # fr is not touched


def test_the_rebuilt_pages_are_those_a_full_build_makes(server, tmp_path):
    """After an incremental rebuild, the served pages equal a fresh full build's (but for the server's address)."""
    root, url = server
    set_title(root, "docs/de/guides/payment-methods.yml", "Zahlungsmittel (Vergleich mit dem ganzen Bau)")
    wait_for(f"{url}/de/search/search_index.json", lambda text: "(Vergleich mit dem ganzen Bau)" in text)  # the last step
    full = tmp_path / "full"
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(full)],
        cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert result.returncode == 0, result.stderr
    port = url.rsplit(":", 1)[1]
    for page in ("de/guides/payment-methods/", "de/guides/", "de/", "de/status/"):
        served = LIVERELOAD.sub("", fetch(f"{url}/{page}")).replace(f"127.0.0.1:{port}/", "127.0.0.1:8000/")
        assert served == (full / page / "index.html").read_text(encoding="utf-8"), page
    assert fetch(f"{url}/de/search/search_index.json") == (full / "de" / "search" / "search_index.json").read_text(encoding="utf-8")
    shutil.rmtree(full)


def test_a_mistake_shows_the_banner_above_the_last_good_page_until_fixed(server):
    root, url = server
    guide = "docs/it/guides/vat-number.yml"
    good = "Registrare il numero di partita IVA (ultima buona)"
    set_title(root, guide, good)
    wait_for(f"{url}/it/guides/vat-number/", lambda html: good in html)
    line = set_title(root, guide, "Registrare il numero {{ no_such_fact }}")
    where = f"{guide}:{line}"
    page = wait_for(f"{url}/it/guides/vat-number/", lambda html: "kb-build-errors" in html)
    banner = page[page.index("kb-build-errors"):page.index("</div>", page.index("kb-build-errors"))]
    assert where in banner and "no_such_fact" in banner
    assert good in page  # the last good page, under the banner
    assert "kb-build-errors" in fetch(f"{url}/de/")  # every page says so
    set_title(root, guide, "Registrare il numero di partita IVA (corretta)")
    page = wait_for(f"{url}/it/guides/vat-number/", lambda html: "(corretta)" in html)
    assert "kb-build-errors" not in page
    assert "kb-build-errors" not in fetch(f"{url}/de/")


def test_a_saved_fr_guide_makes_its_translations_stale_on_the_status_pages(server):
    """fr is the reference: its save re-checks the same guide in every language, and the status pages follow."""
    root, url = server
    assert "de/guides/vat-number.yml:" not in fetch(f"{url}/de/status/")  # no finding for it before
    set_title(root, "docs/fr/guides/vat-number.yml", "Enregistrer votre numéro de TVA (nouveau texte)")
    wait_for(f"{url}/guides/vat-number/", lambda html: "(nouveau texte)" in html)
    status = wait_for(f"{url}/de/status/", lambda html: "de/guides/vat-number.yml:" in html)
    assert "stale" in status
    assert "kb-build-errors" not in status  # stale is a warning: the pages are rebuilt
