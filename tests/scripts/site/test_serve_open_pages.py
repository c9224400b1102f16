"""``make serve``: what it watches (scripts/site/saves.py ``watched``) and the pages it remembers the browsers show (scripts/site/incremental.py ``Site.saw``, ``Site._open_pages``).

A saved site.yml rebuilds its whole language; the pages a browser shows are rebuilt first
(its home page when none is open).
These tests give the server's memory page requests and live-reload referers, and read
back which sources of a language it would rebuild first. The served pages being the ones
a full build makes is tests/scripts/site/test_serve.py's concern.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from scripts.site import incremental, saves, serve
from scripts.sources.tree import Tree


def site_with(tmp_path: Path, src_uris: list[str], urls: list[str]) -> incremental.Site:
    """A Site whose language builds know these pages (src_uri, url), as mkdocs-static-i18n names them."""
    site = incremental.Site(Tree(tmp_path), tmp_path / "site", "http://127.0.0.1:8000/")
    files = []
    for src_uri, url in zip(src_uris, urls, strict=True):
        file = File(src_uri, str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)
        file.url = url
        files.append(file)

    by_lang: dict[str, list[File]] = {}
    for file in files:
        by_lang.setdefault(file.src_uri.split("/", 1)[0], []).append(file)

    class Keep:
        languages = {lang: incremental.LanguageBuild(Files(own), nav=None, env=None) for lang, own in by_lang.items()}

    site.keep = Keep()
    return site


PAGES = ["de/index.md", "de/guides/add-a-client.md", "de/glossary.md", "de/status.md"]
URLS = ["de/", "de/guides/add-a-client/", "de/glossary/", "de/status/"]


def test_no_page_open_means_the_home_page(tmp_path):
    site = site_with(tmp_path, PAGES, URLS)
    assert site._open_pages("de") == {"index.md"}


def test_a_page_asked_for_and_a_page_waiting_for_its_reload_are_open(tmp_path):
    site = site_with(tmp_path, PAGES, URLS)
    site.saw("/de/guides/add-a-client/")  # asked for
    site.saw("http://127.0.0.1:8000/de/glossary/?q=1#top")  # the live-reload request's referer
    site.saw("/assets/stylesheets/frame.css")  # not a page
    site.saw(None)  # a request without referer
    assert site._open_pages("de") == {"guides/add-a-client.md", "glossary.md"}  # not the home page: not open


def test_another_languages_pages_are_not_this_ones(tmp_path):
    site = site_with(tmp_path, PAGES, URLS)
    site.saw("/de/status/")
    assert site._open_pages("it") == {"index.md"}  # no build kept for it: its home page
    assert site._open_pages("de") == {"status.md"}


def test_the_home_page_open_is_found_in_fr_at_the_root_too(tmp_path):
    site = site_with(tmp_path, ["fr/index.md", "fr/glossary.md", *PAGES], ["./", "glossary/", *URLS])
    site.saw("/")
    site.saw("/de/")
    assert site._open_pages("fr") == {"index.md"}
    assert site._open_pages("de") == {"index.md"}
    site.saw("/glossary/")
    assert site._open_pages("fr") == {"index.md", "glossary.md"}


def test_only_the_latest_pages_are_remembered(tmp_path):
    names = [f"guide-{n}" for n in range(saves.OPEN_PAGES + 4)]
    site = site_with(tmp_path, [f"de/guides/{n}.md" for n in names], [f"de/guides/{n}/" for n in names])
    for name in names:
        site.saw(f"/de/guides/{name}/")
    site.saw(f"/de/guides/{names[0]}/")  # seen again: the latest
    expected = {f"guides/{names[0]}.md", *(f"guides/{n}.md" for n in names[-(saves.OPEN_PAGES - 1):])}
    assert site._open_pages("de") == expected
    assert len(expected) == saves.OPEN_PAGES


def test_only_sources_and_code_are_watched_not_a_log_beside_mkdocs_yml(tmp_path):
    """A log written in the project's folder must not count as a save (its "Detected file changes" line would be the next one)."""
    tree = Tree(tmp_path)
    assert saves.watched(tree, tmp_path / "mkdocs.yml")
    assert saves.watched(tree, tmp_path / "docs" / "de" / "site.yml")
    assert saves.watched(tree, tmp_path / "scripts" / "kb.py")
    assert not saves.watched(tree, tmp_path / "serve.log")
    assert not saves.watched(tree, tmp_path / "notes.txt")
    assert not saves.watched(tree, tmp_path / "docs" / "de" / "index.md")  # the server's own pages
    assert not saves.watched(tree, tmp_path / "scripts" / "__pycache__" / "kb.cpython-313.pyc")
