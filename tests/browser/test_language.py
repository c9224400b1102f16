"""Every word of the site's frame in the page's language, on every kind of page, as the browser shows it
(after Material's script ran): the colour-scheme switch, the permalinks, the footer, the 404 page;
and the translation status page out of the readers' tabs, linked from the footer, its file names whole."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from scripts.sources.loader import load
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree

pytestmark = pytest.mark.browser
TREE = Tree()

# Material's and MkDocs' English words that a page in another language must not show.
ENGLISH = (
    "Dark mode", "Light mode", "Permanent link", "Made with", "Material for MkDocs", "Skip to content",
    "404 - Not found", "Not found", "Initializing search", "Type to start searching", "Back to top",
    "Table of contents", "Select language", "Copy to clipboard", "No matching documents",
)
KINDS = {
    "home": "",
    "guide": "guides/end-a-partnership/",
    "guide-index": "guides/",
    "calculator": "calculators/access/",
    "glossary": "glossary/",
    "status": "status/",
    "not-found": "404.html",
}


def words(lang: str) -> dict:
    return load(TREE.site_source(lang), "site").data


def url(site_url: str, lang: str, path: str) -> str:
    return f"{site_url}/{path}" if lang == REFERENCE else f"{site_url}/{lang}/{path}"


def shown(page) -> str:
    """What the page shows and says: its text, and the words of its attributes a reader meets."""
    page.wait_for_load_state("networkidle")
    return page.evaluate(
        """() => [document.title, document.body.innerText,
                  ...[...document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')].flatMap(
                      e => ['title', 'aria-label', 'placeholder', 'alt'].map(a => e.getAttribute(a) || ''))].join('\\n')"""
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_no_english_word_of_the_frame_on_a_page_in_another_language(page, site_url, lang, kind):
    page.goto(url(site_url, lang, KINDS[kind]))
    text = shown(page)
    assert page.locator("html").get_attribute("lang") == lang
    assert [english for english in ENGLISH if english in text] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_colour_scheme_switch_and_the_permalinks_speak_the_language(page, site_url, lang):
    ui = words(lang)["ui"]
    page.goto(url(site_url, lang, KINDS["guide"]))
    switches = page.locator("label.md-header__button[for^='__palette']")
    assert sorted(s.get_attribute("title") for s in switches.all()) == sorted([ui["dark_mode"], ui["light_mode"]])
    visible = switches.filter(visible=True)
    expect(visible).to_have_attribute("title", ui["dark_mode"])  # the light scheme first: its switch leads to the dark one
    visible.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(switches.filter(visible=True)).to_have_attribute("title", ui["light_mode"])
    permalinks = page.locator(".md-content a.headerlink")
    assert permalinks.count() > 1
    assert {a.get_attribute("title") for a in permalinks.all()} == {ui["permalink"]}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_has_no_generator_line_and_leads_translators_to_their_page(page, site_url, lang):
    texts = words(lang)
    page.goto(url(site_url, lang, KINDS["guide"]))
    footer = page.locator("footer.md-footer")
    assert "Material for MkDocs" not in footer.inner_text()
    link = footer.get_by_role("link", name=texts["ui"]["translators_link"], exact=True)
    assert urljoin(page.url, link.get_attribute("href")) == url(site_url, lang, "status/")
    link.click()
    page.wait_for_url(url(site_url, lang, "status/"))
    expect(page.locator("h1")).to_contain_text(texts["status"]["title"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_status_page_is_in_no_readers_navigation(page, site_url, lang):
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        page.set_viewport_size(viewport)
        page.goto(url(site_url, lang, ""))
        navigation = page.locator(".md-tabs a, nav.md-nav--primary a")
        hrefs = [urljoin(page.url, a.get_attribute("href") or "") for a in navigation.all()]
        assert hrefs and url(site_url, lang, "glossary/") in hrefs  # the readers' navigation is there...
        assert url(site_url, lang, "status/") not in hrefs  # ...without the translators' page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_status_pages_file_names_stay_whole_on_a_phone_and_the_table_fits_or_scrolls(page, site_url, lang):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url(site_url, lang, "status/"))
    names = page.locator(".md-content table td:first-child code")
    assert names.count() > 10
    broken = page.evaluate(
        """() => [...document.querySelectorAll('.md-content table td:first-child code')]
                 .filter(code => code.getClientRects().length > 1)  // one box per line: more is a broken name
                 .map(code => code.textContent)"""
    )
    assert broken == []
    # The table fits the phone's width (each cell a sign, frame.css) or scrolls inside its own box; the page never does.
    layout = page.evaluate(
        """() => { const table = document.querySelector('.md-content table'), root = document.documentElement;
                   let box = table; while (box && box.scrollWidth <= box.clientWidth) box = box.parentElement;
                   const scrolls = !!box && box !== document.body && box !== root && box.scrollWidth > box.clientWidth;
                   return {fits: table.getBoundingClientRect().right <= root.clientWidth, scrolls,
                           page: root.scrollWidth > root.clientWidth}; }"""
    )
    assert not layout["page"], "the page itself scrolls sideways"
    assert layout["fits"] or layout["scrolls"], "the table is cut: neither within the phone's width nor scrollable"
