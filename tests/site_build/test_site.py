"""The strict build: every guide in every language at its URL, in its language, self-contained."""

from __future__ import annotations

import html
import json
import re

import pytest

from scripts.sources.loader import load
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree
from tests.conftest import tree_listing

pytestmark = pytest.mark.build

TREE = Tree()
GUIDE_IDS = sorted(p.stem for p in TREE.guide_sources(REFERENCE))


def page_path(site, lang: str, relative: str):
    prefix = site if lang == REFERENCE else site / lang
    return prefix / relative / "index.html"


def test_the_build_writes_only_in_its_copy_of_the_project(built_project, working_tree_before_build):
    """The generated pages are in the copy (made without any), and the working tree's are as they were."""
    for lang in LANGUAGES:
        pages = {p.stem for p in (built_project / "docs" / lang / "guides").glob("*.md")} - {"index"}
        assert pages == {p.stem for p in TREE.guide_sources(lang)}, lang
    assert tree_listing() == working_tree_before_build


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_guide_source_has_a_page_and_every_guide_page_a_source(built_site, lang):
    folder = (built_site if lang == REFERENCE else built_site / lang) / "guides"
    built = {p.parent.name for p in folder.glob("*/index.html")}
    assert GUIDE_IDS and built == {p.stem for p in TREE.guide_sources(lang)}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("guide_id", GUIDE_IDS)
def test_each_guide_is_built_in_each_language_with_its_own_text(built_site, lang, guide_id):
    path = page_path(built_site, lang, f"guides/{guide_id}")
    assert path.exists(), f"missing {path}"
    page = path.read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page
    title = load(TREE.guide_source(lang, guide_id), "guide").data["title"]
    assert "<h1 id=" in page and html.escape(title, quote=False) in page
    if lang != REFERENCE:
        reference_summary = load(TREE.guide_source(REFERENCE, guide_id), "guide").data["summary"].split()[:6]
        assert " ".join(reference_summary) not in page, "French text in a translated page"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_glossary_guide_index_and_translation_status_exist_in_each_language(built_site, lang):
    for relative in ("", "guides", "glossary", "status"):
        path = page_path(built_site, lang, relative) if relative else (
            built_site / "index.html" if lang == REFERENCE else built_site / lang / "index.html"
        )
        assert path.exists(), path
        assert f'<html lang="{lang}"' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_site_name_speaks_the_language(built_site, lang):
    site_name = load(TREE.site_source(lang), "site").data["site_name"]
    page = page_path(built_site, lang, f"guides/{GUIDE_IDS[0]}").read_text(encoding="utf-8")
    assert f"- {html.escape(site_name, quote=False)}</title>" in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switcher_stays_on_the_same_guide(built_site, lang):
    page = page_path(built_site, lang, "guides/add-a-client").read_text(encoding="utf-8")
    switcher = re.search(r'<div class="md-select__inner">(.*?)</div>', page, re.S).group(1)
    links = {lang_: href for href, lang_ in re.findall(r'href="([^"]+)" hreflang="([a-z]+)"', switcher)}
    assert sorted(links) == sorted(LANGUAGES)
    assert links[lang] == "./"  # the reader's own language: this very page
    for other, href in links.items():
        if other != lang:
            assert href.endswith(f"{other}/guides/add-a-client/") or (other == REFERENCE and href.endswith("/guides/add-a-client/")), href


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_searches_its_own_pages_only(built_site, lang):
    index_path = (built_site if lang == REFERENCE else built_site / lang) / "search" / "search_index.json"
    docs = json.loads(index_path.read_text(encoding="utf-8"))["docs"]
    others = tuple(f"{other}/" for other in LANGUAGES if other != REFERENCE)
    assert docs and not [d["location"] for d in docs if d["location"].startswith(others)]
    titles = {d["title"] for d in docs}
    own_title = load(TREE.guide_source(lang, "add-a-client"), "guide").data["title"]
    assert own_title in titles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_404_page_in_each_language(built_site, lang):
    path = (built_site if lang == REFERENCE else built_site / lang) / "404.html"
    assert f'<html lang="{lang}"' in path.read_text(encoding="utf-8")


def test_no_page_asks_another_origin_for_anything(built_site):
    """Zero third-party requests: no font, script, style or image from elsewhere."""
    # rel=canonical and rel=alternate name the page's own URLs; nothing is fetched from them.
    pattern = re.compile(r'<(?:script|link(?![^>]*rel="(?:canonical|alternate)")|img|iframe|source)\b[^>]*(?:src|href)="(https?:)?//', re.I)
    offenders = [str(p) for p in built_site.rglob("*.html") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_a_guide_page_does_not_carry_the_list_of_guides(built_site):
    """Navigation stays constant: the nav links to the guide index, never to each guide."""
    page = page_path(built_site, REFERENCE, "guides/add-a-client").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary.*?</nav>\s*</div>', page, re.S).group(0)
    linked_guides = {gid for gid in GUIDE_IDS if f"guides/{gid}/" in nav}
    assert linked_guides == set()


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_VERBATIM = re.compile(r"<(code|pre|script|style|textarea|form)\b.*?</\1>", re.S)  # a calculator's form: as Python writes it


def _article_text(page) -> str:
    article = _ARTICLE.search(page.read_text(encoding="utf-8")).group(1)
    return html.unescape(re.sub(r"<[^>]*>", "", _VERBATIM.sub(" ", article)))


def test_in_french_pages_no_line_breaks_before_a_sign(built_site):
    """French's space before : ; ? ! is a no-break one in every French page (scripts/render/typography.py)."""
    pages = [p for p in built_site.rglob("index.html") if p.relative_to(built_site).parts[0] not in LANGUAGES]
    assert len(pages) > len(GUIDE_IDS)
    breakable = {str(p.relative_to(built_site)): re.findall(r"\S{0,20} [:;?!](?=\s|$)", _article_text(p)) for p in pages}
    assert {page: found for page, found in breakable.items() if found} == {}
    text = _article_text(page_path(built_site, REFERENCE, "guides/discount-and-cashback"))
    assert "renouvelle lui-même un produit\u202f;" in text and "\u00a0:" in text


def test_other_languages_keep_their_own_spaces(built_site):
    text = _article_text(page_path(built_site, "en", "guides/discount-and-cashback"))
    assert "\u202f" not in text and "\u00a0:" not in text
