"""The frame after the screenshot review (issue 13), in every language, on a desktop and a phone:
the status page in the body's type, its table usable on a phone; the site's whole name in a phone's
header; no blank line under a heading for its permalink; the 404 page's search in one word and one
height; calculator pages found by their title, not by their form; highlights without punctuation."""

from __future__ import annotations

import re

import pytest

from scripts.sources.loader import load
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree

pytestmark = pytest.mark.browser
TREE = Tree()
SEARCH_MS = 60_000
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}


def url(site_url: str, lang: str, path: str) -> str:
    return f"{site_url}/{path}" if lang == REFERENCE else f"{site_url}/{lang}/{path}"


def site_words(lang: str) -> dict:
    return load(TREE.site_source(lang), "site").data


@pytest.fixture(scope="module")
def screens(browser):
    """One page per viewport, phone-like for the phone (touch, mobile meta viewport)."""
    contexts, pages = [], {}
    for name, (width, height) in VIEWPORTS.items():
        phone = name == "phone"
        context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
        contexts.append(context)
        pages[name] = context.new_page()
    yield pages
    for context in contexts:
        context.close()


# --- 1. The status page in the body's type ------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_status_page_has_the_body_s_size_and_colour_and_nothing_above_its_title(screens, site_url, lang):
    """Its wrapper shared the calculators' status-line class: 0.85em grey text, an hourglass box above the title."""
    page = screens["desktop"]
    page.goto(url(site_url, lang, "guides/add-a-client/"))
    body = page.evaluate("() => { const s = getComputedStyle(document.querySelector('.md-content article h1 ~ p')); return [s.fontSize, s.color]; }")
    page.goto(url(site_url, lang, "status/"))
    status = page.evaluate("() => { const s = getComputedStyle(document.querySelector('.md-content article h1 ~ p')); return [s.fontSize, s.color]; }")
    assert status == body
    # Nothing drawn before the title: no element around it inside the article generates a ::before.
    drawn = page.evaluate("""() => {
        const article = document.querySelector('.md-content article');
        const out = [];
        for (let el = article.querySelector('h1').parentElement; el && el !== article.parentElement; el = el.parentElement) {
            const content = getComputedStyle(el, '::before').content;
            if (!['none', 'normal', '""'].includes(content)) out.push([el.className, content]);  // '""': a spacer
        }
        return out;
    }""")
    assert drawn == []


# --- 2. The status table: every language column in view ------------------------------------------

@pytest.mark.parametrize("screen", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_status_table_shows_every_language_column(screens, site_url, lang, screen):
    """On a phone only the fr column was in view; on a desktop the es column was cut (750-784 px in 688)."""
    page = screens[screen]
    page.goto(url(site_url, lang, "status/"))
    region = page.locator(".md-content .kb-scroll").first
    assert region.get_attribute("tabindex") == "0"  # still a keyboard stop (scrollable-region-focusable)
    box = region.bounding_box()
    headers = region.locator("th")
    assert [text.strip().lower() for text in headers.all_inner_texts()][1:] == list(LANGUAGES)
    for index in range(headers.count()):
        cell = headers.nth(index).bounding_box()
        assert box["x"] - 1 <= cell["x"] and cell["x"] + cell["width"] <= box["x"] + box["width"] + 1, (index, cell, box)
    # Each cell still says its state in words (read out; on a phone the legend gives them to the eye).
    states = {site_words(lang)["status"][state] for state in ("ok", "stale", "errors", "missing")}
    words = region.locator("td .kb-translation-state").all_text_contents()
    assert words and set(words) <= states


def test_a_status_table_wider_than_the_screen_keeps_the_file_names_in_view(browser, site_url):
    """Where the table must scroll sideways (320 px, every state's word shown), the file names stay put."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(url(site_url, REFERENCE, "status/"))
        region = page.locator(".md-content .kb-scroll").first
        page.add_style_tag(content=".md-typeset .kb-translation-state { position: static !important; width: auto !important; "
                                   "height: auto !important; clip-path: none !important; }")
        assert region.evaluate("el => el.scrollWidth > el.clientWidth + 1")
        region.focus()
        for _ in range(8):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
        first = region.locator("tbody tr td").first.bounding_box()
        assert abs(first["x"] - region.bounding_box()["x"]) <= 2
    finally:
        context.close()


# --- 3. The site's whole name in a phone's header ----------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "guides/", "calculators/pricing/", "guides/discount-and-cashback/"])
def test_the_phone_header_shows_the_site_s_whole_name_beside_its_buttons(screens, site_url, lang, path):
    page = screens["phone"]
    page.goto(url(site_url, lang, path))
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert " ".join(name.inner_text().split()) == site_words(lang)["site_name"]
    fits = name.evaluate("el => [el.scrollWidth <= el.clientWidth + 1, el.scrollHeight <= el.clientHeight + 1]")
    assert fits == [True, True]  # nothing cut, on one line or two
    text = name.evaluate("el => { const r = document.createRange(); r.selectNodeContents(el); "
                         "const b = r.getBoundingClientRect(); return [b.left, b.right, b.top, b.bottom]; }")
    header = page.locator(".md-header").bounding_box()
    buttons = page.locator(".md-header__option").first.bounding_box()
    assert text[1] <= buttons["x"] + 1  # beside the colour and language buttons, not under them
    assert header["y"] - 1 <= text[2] and text[3] <= header["y"] + header["height"] + 1


# --- 4. No blank line under a heading ----------------------------------------------------------

HEADING_PAGES = ["", "calculators/pricing/", "calculators/access/", "guides/discount-and-cashback/", "guides/access-types/",
                 "guides/modify-partner-access/", "glossary/"]


@pytest.mark.parametrize("screen", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_heading_s_permalink_never_takes_a_line_of_its_own(screens, site_url, lang, screen):
    """When a heading just filled its line, its "¶" wrapped alone: a blank line (fr pricing, de guide on a phone)."""
    page = screens[screen]
    width = VIEWPORTS[screen][0]
    checked = 0
    for path in HEADING_PAGES:
        page.goto(url(site_url, lang, path))
        found = page.evaluate("""() => [...document.querySelectorAll('.md-content :is(h1,h2,h3,h4,h5,h6)')].flatMap(h => {
            const link = h.querySelector(':scope > .headerlink');
            if (!link) return [];
            const range = document.createRange();
            range.setStartBefore(h.firstChild);
            range.setEndBefore(link);
            const lines = [...range.getClientRects()].filter(r => r.width > 0);
            const last = lines[lines.length - 1];
            const own = link.getBoundingClientRect();
            return [{text: h.textContent, linkTop: own.top, linkBottom: own.bottom, linkRight: own.right,
                     lastTop: last.top, lastBottom: last.bottom, bottom: h.getBoundingClientRect().bottom,
                     lineHeight: parseFloat(getComputedStyle(h).lineHeight)}];
        })""")
        for heading in found:
            middle = (heading["linkTop"] + heading["linkBottom"]) / 2
            assert heading["lastTop"] <= middle <= heading["lastBottom"], (path, heading)  # on the text's last line
            assert heading["bottom"] - heading["lastBottom"] < heading["lineHeight"] / 2, (path, heading)  # no line below
            assert heading["linkRight"] <= width, (path, heading)
        checked += len(found)
    assert checked >= len(HEADING_PAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_permalink_is_reached_by_keyboard_and_shown_on_focus(screens, site_url, lang):
    page = screens["phone"]
    page.goto(url(site_url, lang, "guides/discount-and-cashback/"))
    link = page.locator(".md-content h2 > .headerlink").first
    assert link.evaluate("el => getComputedStyle(el).opacity") == "0"
    link.evaluate("el => el.parentElement.insertAdjacentHTML('beforebegin', '<button id=\"kb-before\">x</button>')")
    page.locator("#kb-before").focus()
    page.keyboard.press("Tab")  # the next keyboard stop after the heading's start is its permalink
    assert link.evaluate("el => document.activeElement === el")
    page.wait_for_function("el => getComputedStyle(el).opacity === '1'", arg=link.element_handle())
    box = link.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= VIEWPORTS["phone"][0]


# --- 5. The 404 page's search: one word, one height --------------------------------------------

@pytest.mark.parametrize("screen", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_404_search_field_and_button_say_one_word_at_one_height(screens, site_url, lang, screen):
    page = screens[screen]
    page.goto(url(site_url, lang, "404.html"))
    field = page.locator(".kb-not-found__search input[name='q']")
    button = page.locator(".kb-not-found__search button[type='submit']")
    assert field.get_attribute("placeholder") == button.inner_text().strip() == field.get_attribute("aria-label")
    assert abs(field.bounding_box()["height"] - button.bounding_box()["height"]) <= 1


# --- 6. Search ------------------------------------------------------------------------------------

def search(page, site_url: str, lang: str, query: str) -> None:
    page.goto(url(site_url, lang, f"?q={query}"))
    page.locator(".md-search-result__item").first.wait_for(timeout=SEARCH_MS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_calculator_page_is_found_by_its_title_but_not_by_its_form(screens, site_url, lang):
    """One result listed every block of the pricing form: the legend glued to the first label, the options
    ("Devise Franc suisse (CHF) Euro (EUR)"), the help texts, the results."""
    texts = load(TREE.calculator_source(lang, "pricing"), "calculator").data
    shown = " ".join([texts["title"], texts["intro"]])
    controls = [field["label"] for field in texts["inputs"].values()]
    controls += [option for field in texts["inputs"].values() for option in (field.get("options") or {}).values()]
    controls = [text for text in controls if text not in shown]
    assert len(controls) >= 5, controls
    page = screens["desktop"]
    search(page, site_url, lang, max(re.findall(r"[^\W\d]+", texts["title"]), key=len))
    pricing = url(site_url, lang, "calculators/pricing/")
    results = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => [a.href, a.textContent])")
    found = [" ".join(text.split()) for href, text in results if href.split("?")[0].split("#")[0] == pricing]
    assert found, [href for href, _ in results]
    assert any(" ".join(texts["intro"].split())[:40] in text for text in found), found
    for text in found:
        assert [control for control in controls if control in text] == [], text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_highlighted_word_does_not_take_the_punctuation_after_it(screens, site_url, lang):
    """Material cuts words at the index's separator: with spaces and hyphens only, "discount," was highlighted."""
    word = {"fr": "remise", "en": "discount", "de": "Rabatt", "it": "sconto", "es": "descuento"}[lang]
    page = screens["desktop"]
    search(page, site_url, lang, word)
    marks = page.eval_on_selector_all(".md-search-result mark", "marks => marks.map(m => m.textContent)")
    assert any(mark.lower() == word.lower() for mark in marks), marks
    assert [mark for mark in marks if re.search(r"[^\w]$", mark)] == []
