"""Search as a reader types it: accents and case do not matter, snippets keep words apart."""

from __future__ import annotations

import html
import json
import re

import pytest

from scripts.sources.tree import LANGUAGES, REFERENCE

pytestmark = pytest.mark.browser

# Per language: a query typed without accents, the accented word as the page writes
# it, and a page that has it (read in docs/<lang>/guides/*.yml).
ACCENTLESS = {
    "fr": ("degressif", "dégressif", "guides/discount-and-cashback/"),
    "en": ("limitee", "limitée", "guides/access-types/"),  # Infomaniak's French label, quoted
    "de": ("moglich", "möglich", "guides/discount-and-cashback/"),
    "it": ("quantita", "quantità", "guides/discount-and-cashback/"),
    "es": ("condicion", "condición", "guides/discount-and-cashback/"),
}


def url(site_url: str, lang: str, path: str) -> str:
    return f"{site_url}/{path}" if lang == REFERENCE else f"{site_url}/{lang}/{path}"


def target(href: str) -> str:
    """The page a result links to, without Material's highlight query (?h=...) and the section."""
    return href.split("#")[0].split("?")[0]


def search(page, site_url: str, lang: str, query: str) -> list[dict]:
    """Type ``query`` key by key into the search box; the results: link and whole text of each."""
    page.goto(url(site_url, lang, ""))
    page.wait_for_load_state("networkidle")  # the search worker has its index
    page.locator(".md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially(query, delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
    return page.eval_on_selector_all(
        ".md-search-result__link",
        "links => links.map(a => ({href: a.getAttribute('href'), text: a.textContent}))",
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_query_without_accents_finds_the_accented_word(page, site_url, lang):
    query, word, path = ACCENTLESS[lang]
    results = search(page, site_url, lang, query)
    pages = {target(result["href"]) for result in results}
    assert url(site_url, lang, path) in pages, pages
    # The result shows the text as written, accents included.
    assert any(word in result["text"].lower() for result in results), [r["text"][:80] for r in results]


def test_case_does_not_matter(page, site_url):
    results = search(page, site_url, REFERENCE, "DEGRESSIF")
    assert url(site_url, REFERENCE, "guides/discount-and-cashback/") in {target(r["href"]) for r in results}


def _table_rows(markdown: str) -> list[list[str]]:
    """The cells of a generated guide page's Markdown table (header and body rows)."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith("|") and not re.fullmatch(r"[|\s:-]+", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


@pytest.mark.parametrize("lang", LANGUAGES)
def test_snippets_keep_the_words_of_table_cells_apart(page, site_url, built_project, lang):
    """A table's cells were glued in the index ("dégressif25 %"): a result shows them apart."""
    source = (built_project / "docs" / lang / "guides" / "discount-and-cashback.md").read_text(encoding="utf-8")
    rows = _table_rows(source)
    assert len(rows) >= 3, rows
    # A word only the table has: Material shows the blocks of a section that match (two at most).
    prose = {word.lower() for line in source.splitlines() if not line.startswith("|") for word in re.findall(r"\w+", line)}
    query = max((word for row in rows for cell in row for word in re.findall(r"[^\W\d]+", cell)
                 if word.lower() not in prose), key=len)
    results = search(page, site_url, lang, query)
    section = [r for r in results if target(r["href"]) == url(site_url, lang, "guides/discount-and-cashback/") and "#" in r["href"]]
    texts = [" ".join(r["text"].split()) for r in section]
    for row in rows[1:]:
        together = " ".join(" ".join(cell.split()) for cell in row)
        assert any(together in text for text in texts), (together, texts)
        glued = row[0].split()[-1] + row[1].split()[0]
        assert not any(glued in text for text in texts), glued


_ELEMENT_TEXT = re.compile(r"<(label|legend|option|th|td|caption)\b[^>]*>([^<]+)</\1>")
_CALCULATOR_FORM = re.compile(r"<form\b[^>]*\bdata-calculator=")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("calculator", ["eligibility", "access", "pricing"])
def test_the_index_holds_a_calculator_page_s_title_and_intro_not_its_form(built_site, lang, calculator):
    """The form's legends, labels, options and cells were in the entry (glued: "dégressifNombre"), one
    result filling the dialog: the page is found by its title and introduction only."""
    folder = built_site if lang == REFERENCE else built_site / lang
    page_html = (folder / "calculators" / calculator / "index.html").read_text(encoding="utf-8")
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(f"calculators/{calculator}/"))
    article = page_html[page_html.index("<article"):]
    form = _CALCULATOR_FORM.search(article)
    assert form, calculator
    intro = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", article[:form.start()])).split())
    assert intro and " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split()) in intro
    pieces = {html.unescape(match.group(2)).strip() for match in _ELEMENT_TEXT.finditer(article[form.start():])}
    pieces = {piece for piece in pieces if re.search(r"\w", piece) and piece not in intro}
    assert len(pieces) >= 5, pieces
    assert [piece for piece in pieces if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text)] == []
