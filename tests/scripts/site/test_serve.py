"""``make serve`` (scripts/site/serve.py): a saved source is rebuilt on its own, as a full build would make it.

The unit tests compare the server's per-file checks with ``kb check``'s runner, its
sorting of saved paths, what a saved glossary makes it check again, and count how often
its start-up loads and checks each source. The server tests start ``python -m
scripts.site.serve`` in a copy of the project and talk to it over HTTP (and in Chromium
for the live reload): an edit shows, a site.yml or a calculator's texts rebuild their
language and leave the other languages' files untouched, the pages are the ones a full
build makes, a mistake shows the banner with path:line above the last good page, and
fixing it removes the banner. No test measures time: each polls with a generous bound
and asserts on content.
"""

from __future__ import annotations

import collections
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks._net import fetch, free_port, stop
from scripts.checks import runner
from scripts.site import incremental, saves, serve
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
    found = incremental.check_files(corpus, incremental.all_keys(corpus), runner.known_facts())
    found = sorted({f for findings in found.values() for f in findings})
    assert [f.as_json() for f in found] == [f.as_json() for f in expected]  # everything a finding carries
    assert any(f.path.endswith("de/guides/payment-methods.yml") and f.check == "stale" for f in expected)
    assert any(f.path.endswith("de/guides/vat-number.yml") and f.check == "placeholders" for f in expected)
    assert any(f.path.endswith("it/guides/add-a-client.yml") and f.check == "missing" for f in expected)


def test_a_saved_source_is_rebuilt_alone_and_other_changes_rebuild_everything(project):
    tree = Tree(project)
    corpus = load(tree)
    docs = project / "docs"
    guide = saves.classify(tree, [docs / "de" / "guides" / "vat-number.yml"], corpus)
    assert guide.guides == {("de", "guides/vat-number.yml")} and not guide.full and not guide.restart
    site = saves.classify(tree, [docs / "de" / "site.yml"], corpus)
    assert site.sources == {("de", "site.yml")} and not site.full and not site.guides
    assert saves.classify(tree, [docs / "fr" / "glossary.yml"], corpus).sources == {("fr", "glossary.yml")}
    calculator = saves.classify(tree, [docs / "it" / "calculators" / "pricing.yml"], corpus)
    assert calculator.sources == {("it", "calculators/pricing.yml")} and not calculator.full
    assert saves.classify(tree, [project / "mkdocs.yml"], corpus).full
    assert saves.classify(tree, [docs / "de" / "calculators" / "no-such-calculator.yml"], corpus).full  # a calculator added
    new = docs / "de" / "guides" / "brand-new.yml"
    new.write_text("id: brand-new\n", encoding="utf-8")
    assert saves.classify(tree, [new], corpus).full  # a guide added: the index, the links and the checks of all
    generated = saves.classify(tree, [docs / "de" / "guides" / "vat-number.md"], corpus)
    assert not generated.full and not generated.guides  # the server's own output
    assert saves.classify(tree, [project / "calculators" / "placeholders.py"], corpus).restart
    assert saves.classify(tree, [docs / "assets" / "stylesheets" / "kb.css"], corpus).full
    backup = saves.classify(tree, [docs / "de" / "guides" / "vat-number.yml~", project / "README.md"], corpus)
    assert not backup.full and not backup.guides and not backup.restart


def test_a_saved_glossary_checks_its_language_again(project):
    """A variant the German glossary now forbids is found in a German guide the save did not touch; fr's files are not re-read."""
    tree = Tree(project)
    site = incremental.Site(tree, project / "site", "http://127.0.0.1:8000/")
    site.corpus = load(tree)
    site.facts = runner.known_facts()
    site.findings = incremental.check_files(site.corpus, incremental.all_keys(site.corpus), site.facts)
    assert not any(f.check == "terminology" for f in site.findings[("de", "guides/vat-number.yml")])
    glossary = project / "docs" / "de" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    assert "  - Partenaires\n" in text and "MwSt" in site.corpus.files["de"]["guides/vat-number.yml"].text
    glossary.write_text(text.replace("  - Partenaires\n", "  - Partenaires\n      - MwSt\n", 1), encoding="utf-8")
    french = site.corpus.files["fr"]["guides/vat-number.yml"]
    checked = site._check({("de", "glossary.yml")})
    assert ("de", "guides/vat-number.yml") in checked and ("fr", "guides/vat-number.yml") not in checked
    found = site.findings[("de", "guides/vat-number.yml")]
    assert any(f.check == "terminology" and "MwSt" in f.message for f in found), found
    assert site.corpus.files["fr"]["guides/vat-number.yml"] is french  # fr was not read again


def test_the_start_up_loads_and_checks_every_source_once(project, tmp_path):
    """One corpus for the server and the hooks: each source file is read once, and the checks run once, at start-up."""
    script = textwrap.dedent("""
        import collections, json, sys
        from pathlib import Path
        from scripts.checks import runner
        from scripts.site import incremental
        from scripts.sources import corpus
        from scripts.sources.tree import Tree

        loads = collections.Counter()
        reports = []
        load_file, report = corpus.load_file, runner.report

        def counted_load(file):
            loads[file.path.relative_to(Path.cwd()).as_posix()] += 1
            return load_file(file)

        def counted_report(*args, **kwargs):
            reports.append(kwargs.get("only"))
            return report(*args, **kwargs)

        corpus.load_file, runner.report = counted_load, counted_report
        incremental.Site(Tree(Path.cwd()), Path(sys.argv[1]), "http://127.0.0.1:8000/").full_build()
        print("COUNTS " + json.dumps({"loads": loads, "reports": len(reports)}))
    """)
    result = subprocess.run(  # noqa: S603 - our own interpreter, in the copy (its scripts/, its docs/)
        [sys.executable, "-c", script, str(tmp_path / "site")], cwd=project, capture_output=True, text=True, timeout=START_BOUND_S,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    counts = json.loads(result.stdout.split("COUNTS ", 1)[1])
    docs = project / "docs"
    sources = sorted(  # every translator file, found here without the project's code
        path.relative_to(project).as_posix()
        for lang in ("fr", "en", "de", "it", "es")
        for path in [docs / lang / "site.yml", docs / lang / "glossary.yml", *(docs / lang).glob("guides/*.yml"), *(docs / lang).glob("calculators/*.yml")]
        if path.is_file()
    )
    assert len(sources) > 60
    assert sorted(counts["loads"]) == sources
    assert collections.Counter(counts["loads"].values()) == {1: len(sources)}  # each read once
    assert counts["reports"] == 1  # and checked once


# --- the server ---------------------------------------------------------------


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
    port = free_port()
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
        stop(process)  # Ctrl-C first: the server deletes its site
        log.close()


def set_line(root: Path, relative: str, prefix: str, value: str) -> int:
    """Write ``prefix + value`` in place of the file's first line that starts with ``prefix``; return its number."""
    path = root / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    lines[index] = prefix + value
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def set_title(root: Path, relative: str, title: str) -> int:
    """Write ``title`` as the guide's title; return the line it is on."""
    return set_line(root, relative, "title: ", title)


def served_site(root: Path) -> Path:
    """The folder the server builds into: its temporary site, in TMPDIR (the copy's parent)."""
    (site,) = root.parent.glob("kb_serve_*")
    return site


def rebuilds(root: Path) -> int:
    """How many saves the server has finished (it logs one line at the end of each)."""
    return (root / "serve.log").read_text(encoding="utf-8", errors="replace").count("page(s) rebuilt in")


def wait_rebuilt(root: Path, done: int) -> None:
    """Until the server has finished more than ``done`` saves."""
    deadline = time.monotonic() + EDIT_BOUND_S
    while rebuilds(root) <= done:
        assert time.monotonic() < deadline, "the server did not finish the save"
        time.sleep(0.2)


def save_and_wait(root: Path, url: str, relative: str, prefix: str, value: str, page: str, shown: str) -> str:
    """Save ``prefix + value`` in ``relative`` (see set_line), wait until ``page`` shows ``shown`` and the server has
    finished that save; return the page."""
    done = rebuilds(root)
    set_line(root, relative, prefix, value)
    html = wait_for(f"{url}/{page}", lambda html: shown in html)
    wait_rebuilt(root, done)
    return html


def assert_every_page_shows(site: Path, lang: str, text: str) -> None:
    """Every page of ``lang`` in the served site (more than 15 of them) has ``text``."""
    pages = sorted((site / lang).rglob("index.html"))
    assert len(pages) > 15
    assert [p for p in pages if text not in p.read_text(encoding="utf-8")] == []


LANGUAGE_FOLDERS = ("en", "de", "it", "es")  # fr is at the root


def other_languages(site: Path, lang: str) -> tuple[dict[str, int], dict[str, bytes]]:
    """Every file of the site but ``lang``'s: (modification time of each, content of those at the root every language build writes)."""
    times, contents = {}, {}
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix == ".tmp":
            continue
        relative = path.relative_to(site)
        folder = relative.parts[0] if len(relative.parts) > 1 else ""
        if folder == lang or (lang == "fr" and folder not in (*LANGUAGE_FOLDERS, "assets")):
            continue
        if folder in ("", "search"):  # 404.html, sitemap.xml, the root search index: written by each language build, put back
            contents[relative.as_posix()] = path.read_bytes()
        else:
            times[relative.as_posix()] = path.stat().st_mtime_ns
    return times, contents


@contextmanager
def other_languages_untouched(root: Path, lang: str) -> Iterator[Path]:
    """The served site, whose files of every language but ``lang`` must be as they were when the block ends."""
    site = served_site(root)
    before = other_languages(site, lang)
    yield site
    after = other_languages(site, lang)
    assert after[1] == before[1]  # the root files, as they were
    assert after[0] == before[0]  # no other file touched


def test_a_saved_title_shows_on_its_page_and_where_it_is_listed(server):
    root, url = server
    set_title(root, "docs/de/guides/add-a-client.yml", "Einen Kunden anlegen (neu gespeichert)")
    page = wait_for(f"{url}/de/guides/add-a-client/", lambda html: "(neu gespeichert)" in html)
    assert re.search(r"<h1[^>]*>Einen Kunden anlegen \(neu gespeichert\)", page)
    # The saved guide's page is shown first; the pages that list it and the search index follow.
    wait_for(f"{url}/de/guides/", lambda html: "(neu gespeichert)" in html)
    wait_for(f"{url}/de/search/search_index.json", lambda text: "Einen Kunden anlegen (neu gespeichert)" in text)
    assert "(neu gespeichert)" not in fetch(f"{url}/guides/add-a-client/")  # fr is not touched


def test_a_saved_site_yml_rebuilds_its_language_only(server):
    """The site's name is on every page of its language: all of them are made again, no file of another language is."""
    root, url = server
    name = "Das neue Infomaniak Partnerprogramm"
    with other_languages_untouched(root, "de") as site:
        save_and_wait(root, url, "docs/de/site.yml", "site_name: ", name, "de/guides/vat-number/", name)
        assert_every_page_shows(site, "de", name)
        assert name in (site / "de" / "404.html").read_text(encoding="utf-8")
        assert "Das neue" not in fetch(f"{url}/guides/vat-number/") + fetch(f"{url}/en/")


def test_a_mistake_in_site_yml_keeps_the_last_good_pages_and_shows_where(server):
    root, url = server
    source = "docs/de/site.yml"
    line = set_line(root, source, "site_name: ", "Infomaniak {{ no_such_fact }}")
    page = wait_for(f"{url}/de/glossary/", lambda html: "kb-build-errors" in html)
    banner = page[page.index("kb-build-errors"):page.index("</div>", page.index("kb-build-errors"))]
    assert f"{source}:{line}" in banner and "no_such_fact" in banner
    assert "Das neue Infomaniak Partnerprogramm" in page and "no_such_fact" not in page.replace(banner, "")  # the last good page
    page = save_and_wait(root, url, source, "site_name: ", "Infomaniak Partnerprogramm (wieder gut)", "de/glossary/", "(wieder gut)")
    assert "kb-build-errors" not in page


def test_a_saved_calculator_text_rebuilds_its_page_and_leaves_other_languages(server):
    root, url = server
    intro = (
        "Calcola subito il prezzo mensile IVA esclusa dei tuoi hosting: il prezzo normale, il prezzo dopo lo sconto Partner"
        " e poi dopo la tariffa decrescente, che si applica all'importo rimanente dopo lo sconto.\""
    )
    with other_languages_untouched(root, "it"):
        save_and_wait(root, url, "docs/it/calculators/pricing.yml", 'intro: "', intro, "it/calculators/pricing/", "Calcola subito il prezzo mensile")
        assert "Calcola subito" in fetch(f"{url}/it/search/search_index.json")


def test_a_new_calculator_title_shows_in_the_navigation_of_every_page_of_its_language(server):
    """A calculator's title is in the navigation of every page: its language is built again, whole, and no other."""
    root, url = server
    title = '"Elegir el tipo de acceso (nuevo título)"'
    with other_languages_untouched(root, "es") as site:
        save_and_wait(root, url, "docs/es/calculators/access.yml", "title: ", title, "es/calculators/access/", "(nuevo título)")
        assert_every_page_shows(site, "es", "(nuevo título)")


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
    # German and Spanish were built again whole (a site.yml, a calculator's title, above), Italian's pricing page alone
    # (its texts), the rest incrementally.
    pages = ("de/guides/payment-methods/", "de/guides/", "de/", "de/status/", "de/glossary/", "de/calculators/pricing/",
             "it/calculators/pricing/", "it/", "es/", "es/guides/vat-number/", "guides/add-a-client/", "")
    for page in pages:
        served = LIVERELOAD.sub("", fetch(f"{url}/{page}")).replace(f"127.0.0.1:{port}/", "127.0.0.1:8000/")
        assert served == (full / page / "index.html").read_text(encoding="utf-8"), page
    for index in ("de/search/search_index.json", "it/search/search_index.json", "es/search/search_index.json", "search/search_index.json"):
        assert fetch(f"{url}/{index}") == (full / index).read_text(encoding="utf-8"), index
    site = served_site(root)
    for shared in ("404.html", "de/404.html", "it/404.html", "es/404.html", "sitemap.xml"):  # 404s: the server answers them from its folder
        served = (site / shared).read_text(encoding="utf-8").replace(f"127.0.0.1:{port}/", "127.0.0.1:8000/")
        assert served == (full / shared).read_text(encoding="utf-8"), shared
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
