"""What search engines read, in the built site: each page's description is its summary in the sources;
its canonical link and its languages (sitemap.xml, with x-default) are absolute addresses from site_url."""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from benchmarks._project import ROOT
from scripts.sources.loader import load
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree

pytestmark = pytest.mark.build

TREE = Tree()
GUIDE_IDS = sorted(p.stem for p in TREE.guide_sources(REFERENCE))
CALCULATORS = ("eligibility", "access", "pricing")
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def site_url() -> str:
    """The address the build was given: KB_SITE_URL when the session has one, else mkdocs.yml's."""
    configured = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    url = os.environ.get("KB_SITE_URL") or configured
    return url if url.endswith("/") else url + "/"


def summary(lang: str, path: str) -> str:
    """The summary text of the page at ``path`` in the sources, as a reader reads it (one line, no code marks)."""
    site = load(TREE.site_source(lang), "site").data
    if path == "":
        text = site["home"]["intro"]
    elif path == "guides/":
        text = site["guides_index"]["intro"]
    elif path == "status/":
        text = site["status"]["intro"]
    elif path == "glossary/":
        text = load(TREE.lang_dir(lang) / "glossary.yml", "glossary").data["intro"]
    elif path.startswith("calculators/"):
        text = load(TREE.lang_dir(lang) / "calculators" / f"{path.split('/')[1]}.yml", "calculator").data["intro"]
    else:
        text = load(TREE.guide_source(lang, path.split("/")[1]), "guide").data["summary"]
    assert "{{" not in text and "](" not in text, "this test reads summaries without facts or links"
    return " ".join(text.replace("`", "").split())


PATHS = ["", "guides/", "glossary/", "status/", *(f"calculators/{name}/" for name in CALCULATORS),
         *(f"guides/{guide_id}/" for guide_id in GUIDE_IDS)]


def page_of(site, lang: str, path: str) -> str:
    folder = site if lang == REFERENCE else site / lang
    return (folder / path / "index.html").read_text(encoding="utf-8")


def head(page: str) -> str:
    return page.split("</head>", 1)[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_describes_itself_with_its_summary(built_site, lang):
    for path in PATHS:
        found = re.findall(r'<meta name="description" content="([^"]*)">', head(page_of(built_site, lang, path)))
        assert [html.unescape(d) for d in found] == [summary(lang, path)], (lang, path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_canonical_link_is_the_page_absolute_address(built_site, lang):
    root = site_url() if lang == REFERENCE else f"{site_url()}{lang}/"
    for path in PATHS:
        assert re.findall(r'<link rel="canonical" href="([^"]*)">', head(page_of(built_site, lang, path))) == [root + path]


def test_no_page_head_names_its_languages_by_relative_links(built_site):
    """Each page's languages are in sitemap.xml; a relative hreflang link (what Material writes) is gone."""
    offenders = [
        str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
        if re.search(r"<link[^>]*hreflang=", head(p.read_text(encoding="utf-8")))
    ]
    assert offenders == []


@pytest.fixture(scope="module")
def sitemap(built_site) -> dict[str, dict[str, str]]:
    """sitemap.xml: each page's address -> {language: address}."""
    root = ET.parse(built_site / "sitemap.xml").getroot()  # noqa: S314 - the sitemap our own build wrote
    return {
        url.findtext("s:loc", namespaces=SITEMAP): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link[@rel='alternate']", SITEMAP)
        }
        for url in root.findall("s:url", SITEMAP)
    }


@pytest.mark.parametrize("path", PATHS)
def test_the_sitemap_gives_each_page_its_languages_absolute_with_x_default_in_french(sitemap, path):
    addresses = {lang: site_url() + path if lang == REFERENCE else f"{site_url()}{lang}/{path}" for lang in LANGUAGES}
    for address in addresses.values():
        assert sitemap[address] == {**addresses, "x-default": addresses[REFERENCE]}, address


def test_the_sitemap_lists_no_page_twice_and_only_this_sites_addresses(sitemap):
    every = [href for alternates in sitemap.values() for href in alternates.values()] + list(sitemap)
    assert every and all(href.startswith(site_url()) for href in every)
    assert len(sitemap) == len(PATHS) * len(LANGUAGES)


def test_the_404_pages_are_not_indexed(built_site):
    for lang in LANGUAGES:
        page = ((built_site if lang == REFERENCE else built_site / lang) / "404.html").read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in head(page), lang
