"""``make serve`` remembers the pages the browsers show (scripts/site/serve.py: ``Site.saw``, ``Site._open_pages``).

A saved site.yml rebuilds its whole language; the pages a browser shows are rebuilt first.
These tests give the server's memory page requests and live-reload referers, and read
back which sources of a language it would rebuild first. The served pages being the ones
a full build makes is tests/scripts/site/test_serve.py's concern.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from scripts.site import serve
from scripts.sources.tree import Tree


def site_with(tmp_path: Path, src_uris: list[str], urls: list[str]) -> serve.Site:
    """A Site whose German build knows these pages (src_uri, url), as mkdocs-static-i18n names them."""
    site = serve.Site(Tree(tmp_path), tmp_path / "site", "http://127.0.0.1:8000/")
    files = []
    for src_uri, url in zip(src_uris, urls, strict=True):
        file = File(src_uri, str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)
        file.url = url
        files.append(file)

    class Keep:
        languages = {"de": serve.LanguageBuild(Files(files), nav=None, env=None)}

    site.keep = Keep()
    return site


PAGES = ["de/index.md", "de/guides/add-a-client.md", "de/glossary.md", "de/status.md"]
URLS = ["de/", "de/guides/add-a-client/", "de/glossary/", "de/status/"]


def test_nothing_seen_means_the_home_page_alone(tmp_path):
    site = site_with(tmp_path, PAGES, URLS)
    assert site._open_pages("de") == {"index.md"}


def test_a_page_asked_for_and_a_page_waiting_for_its_reload_are_open(tmp_path):
    site = site_with(tmp_path, PAGES, URLS)
    site.saw("/de/guides/add-a-client/")  # asked for
    site.saw("http://127.0.0.1:8000/de/glossary/?q=1#top")  # the live-reload request's referer
    site.saw("/assets/stylesheets/frame.css")  # not a page
    site.saw(None)  # a request without referer
    assert site._open_pages("de") == {"index.md", "guides/add-a-client.md", "glossary.md"}


def test_another_languages_pages_are_not_this_ones(tmp_path):
    site = site_with(tmp_path, PAGES, URLS)
    site.saw("/de/status/")
    assert site._open_pages("it") == {"index.md"}  # no build kept for it: its home page
    assert site._open_pages("de") == {"index.md", "status.md"}


def test_only_the_latest_pages_are_remembered(tmp_path):
    names = [f"guide-{n}" for n in range(serve.OPEN_PAGES + 4)]
    site = site_with(tmp_path, [f"de/guides/{n}.md" for n in names], [f"de/guides/{n}/" for n in names])
    for name in names:
        site.saw(f"/de/guides/{name}/")
    site.saw(f"/de/guides/{names[0]}/")  # seen again: the latest
    expected = {"index.md", f"guides/{names[0]}.md", *(f"guides/{n}.md" for n in names[-(serve.OPEN_PAGES - 1):])}
    assert site._open_pages("de") == expected
    assert len(expected) == serve.OPEN_PAGES + 1
