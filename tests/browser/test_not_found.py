"""A missing page, served as the README deploys the site (nginx, `make preview`'s configuration), in every language:
a message in the language, the search, links to the language's home page and guide index, and a language
switcher that leads to each language's home page (not to the last guide built)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from scripts.sources.loader import load
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree

pytestmark = pytest.mark.browser
TREE = Tree()
SEARCH_MS = 60_000


def words(lang: str) -> dict:
    return load(TREE.site_source(lang), "site").data


def home(base: str, lang: str) -> str:
    return f"{base}/" if lang == REFERENCE else f"{base}/{lang}/"


@pytest.fixture
def missing(browser, nginx_url, request):
    """A page at a missing address of the language ``request.param`` (three folders deep), answered 404."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    lang = request.param
    response = page.goto(f"{home(nginx_url, lang)}no/such/page/")
    assert response.status == 404
    yield lang, page
    context.close()


@pytest.mark.parametrize("missing", LANGUAGES, indirect=True)
def test_the_message_is_in_the_pages_language(missing):
    lang, page = missing
    texts = words(lang)["not_found"]
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator(".md-content h1")).to_have_text(texts["title"])
    assert " ".join(texts["text"].split()) in " ".join(page.locator(".md-content").inner_text().split())
    assert page.title().startswith(texts["title"])
    assert "404 - Not found" not in page.content()


@pytest.mark.parametrize("missing", LANGUAGES, indirect=True)
def test_its_links_lead_to_the_languages_home_and_guide_index(missing, nginx_url):
    lang, page = missing
    texts = words(lang)
    content = page.locator(".md-content")
    home_link = content.get_by_role("link", name=texts["not_found"]["home"], exact=True)
    guides_link = content.get_by_role("link", name=texts["guides_index"]["title"], exact=True)
    assert urljoin(page.url, home_link.get_attribute("href")) == home(nginx_url, lang)
    assert urljoin(page.url, guides_link.get_attribute("href")) == f"{home(nginx_url, lang)}guides/"
    guides_link.click()
    page.wait_for_url(f"{home(nginx_url, lang)}guides/")
    expect(page.locator("h1")).to_contain_text(texts["guides_index"]["title"])


@pytest.mark.parametrize("missing", LANGUAGES, indirect=True)
def test_its_language_switcher_leads_to_each_languages_home(missing, nginx_url):
    lang, page = missing
    links = page.locator(".md-select__link")
    found = {link.get_attribute("hreflang"): urlsplit(urljoin(page.url, link.get_attribute("href"))).path for link in links.all()}
    assert found == {other: urlsplit(home(nginx_url, other)).path for other in LANGUAGES}
    other = next(code for code in LANGUAGES if code != lang)
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'.md-select__link[hreflang="{other}"]').click()
    page.wait_for_url(home(nginx_url, other))
    assert page.locator("html").get_attribute("lang") == other


@pytest.mark.parametrize("missing", LANGUAGES, indirect=True)
def test_its_search_finds_the_languages_pages(missing, nginx_url):
    """The form (the keyboard reaches it) opens the language's search with the words typed and its results."""
    lang, page = missing
    field = page.locator(".md-content form input[name='q']")
    field.fill("Acronis")
    field.press("Enter")
    page.wait_for_url(f"{home(nginx_url, lang)}?q=Acronis")
    expect(page.locator(".md-search__input").first).to_have_value("Acronis")
    page.locator(".md-search-result__item").first.wait_for(timeout=SEARCH_MS)
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    others = tuple(f"{nginx_url}/{code}/" for code in LANGUAGES if code not in (lang, REFERENCE))
    assert hrefs and all(h.startswith(home(nginx_url, lang)) and not h.startswith(others) for h in hrefs), hrefs
