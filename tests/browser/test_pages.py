"""Reading the site as a reader does, in every language."""

from __future__ import annotations

import pytest

from scripts.sources.loader import load
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree

pytestmark = pytest.mark.browser
TREE = Tree()


def heading(page) -> str:
    """The page's H1 without its permalink sign."""
    return page.locator("h1").inner_text().removesuffix("¶").strip()


def url(site_url: str, lang: str, path: str) -> str:
    return f"{site_url}/{path}" if lang == REFERENCE else f"{site_url}/{lang}/{path}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_guide_reads_in_its_language_with_tabs_and_no_foreign_request(page, site_url, lang):
    page.goto(url(site_url, lang, "guides/end-a-partnership/"))
    title = load(TREE.guide_source(lang, "end-a-partnership"), "guide").data["title"]
    assert heading(page) == title
    assert page.locator("html").get_attribute("lang") == lang
    labels = load(TREE.site_source(lang), "site").data["labels"]
    tabs = page.locator(".tabbed-labels label")
    assert tabs.all_inner_texts()[:2] == [labels["as_client"], labels["as_partner"]]
    tabs.nth(1).click()
    assert page.locator(".tabbed-block").nth(1).is_visible()
    assert page.foreign_requests == []


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != REFERENCE])
def test_the_language_switcher_keeps_the_reader_on_the_guide(page, site_url, lang):
    page.goto(url(site_url, REFERENCE, "guides/payment-methods/"))
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'.md-select__link[hreflang="{lang}"]').click()
    page.wait_for_url(url(site_url, lang, "guides/payment-methods/"))
    title = load(TREE.guide_source(lang, "payment-methods"), "guide").data["title"]
    assert heading(page) == title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_pages_of_the_reader_language_only(page, site_url, lang):
    page.goto(url(site_url, lang, ""))
    title = load(TREE.guide_source(lang, "swiss-backup-partners"), "guide").data["title"]
    page.wait_for_load_state("networkidle")  # the search worker has its index
    page.locator(".md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("Acronis", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=60_000)
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    expected_prefix = url(site_url, lang, "")
    assert hrefs and all(h.startswith(expected_prefix) for h in hrefs), hrefs
    if lang == REFERENCE:
        assert not any(h.startswith(f"{site_url}/{other}/") for other in LANGUAGES for h in hrefs)
    assert title in page.locator(".md-search-result").inner_text()


PHONE = {"width": 360, "height": 800}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", [
    pytest.param("", id="home"),
    pytest.param("guides/end-a-partnership/", id="guide"),
    pytest.param("calculators/access/", id="calculator"),
])
def test_a_page_fits_a_phone_s_width(page, site_url, lang, path):
    """One H1, and the main content inside the viewport: nothing to scroll sideways on a 360 px screen."""
    page.set_viewport_size(PHONE)
    page.goto(url(site_url, lang, path))
    assert page.locator("h1").count() == 1
    box = page.locator(".md-content").bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.foreign_requests == []
