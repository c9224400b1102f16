"""WCAG 2.2 AA as axe-core checks it, and the keyboard on tables, in every language.

axe-core (node_modules, pinned in package.json) runs on one page of each kind in
each language, at 1280x800 and 390x844, in the light and the dark scheme: no
serious or critical violation. benchmarks/accessibility.py prints the same views
as a table (``python -m benchmarks.accessibility``).
"""

from __future__ import annotations

import pytest

from benchmarks.accessibility import FAILING, PAGE_KINDS, SCHEMES, VIEWPORTS, axe_violations, new_context, url_of
from scripts.sources.tree import LANGUAGES

pytestmark = pytest.mark.browser

# Material's own word for "Search" in each language (material/templates/partials/languages/*.html).
SEARCH_WORD = {"fr": "Recherche", "en": "Search", "de": "Suche", "it": "Cerca", "es": "Buscar"}


@pytest.fixture(scope="module")
def views(browser):
    """A desktop page and a phone page (a touch screen), reused by every test of this module."""
    contexts = {viewport: new_context(browser, viewport, "light") for viewport in VIEWPORTS}
    yield {viewport: context.new_page() for viewport, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_or_critical_axe_violation(views, site_url, lang, kind):
    """Desktop and phone, each in the light scheme then in the dark one (as Material's toggle sets it)."""
    found = []
    for viewport, page in views.items():
        for scheme in SCHEMES:
            if scheme == "light":
                violations = axe_violations(page, url_of(site_url, lang, kind))
            else:
                page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
                # Material's links fade to their new colour (CSS transitions): judge the colours they end with.
                page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
                assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
                violations = axe_violations(page, None)
            for violation in violations:
                if violation["impact"] in FAILING:
                    targets = [node["target"] for node in violation["nodes"]][:5]
                    found.append(f"{viewport} {scheme}: {violation['id']} ({violation['impact']}) {targets}")
    assert found == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_dialog_is_named_in_the_page_language(views, site_url, lang):
    page = views["desktop"]
    page.goto(url_of(site_url, lang, "home"))
    assert page.locator('.md-search[role="dialog"]').get_attribute("aria-label") == SEARCH_WORD[lang]


@pytest.fixture(scope="module")
def narrow(browser):
    """WCAG's reflow width: 320 CSS pixels, where wide tables must scroll inside their own box."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_every_table_is_a_named_keyboard_stop_and_scrolls_with_the_arrow_keys(narrow, site_url):
    """The reader tabs to each table's region (named) and moves a wide one sideways with the arrow key."""
    page, scrolled = narrow, []
    for lang in LANGUAGES:
        for kind in ("status", "access", "pricing", "guide"):
            page.goto(url_of(site_url, lang, kind))
            regions = page.locator(".md-content .kb-scroll")
            assert regions.count() >= 1, (lang, kind)
            for index in range(regions.count()):
                region = regions.nth(index)
                assert region.get_attribute("tabindex") == "0"
                assert region.get_attribute("role") == "region"
                assert (region.get_attribute("aria-label") or "").strip(), (lang, kind, index)
                if not region.evaluate("el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1"):
                    continue  # fits (or hidden until the reader picks a product): nothing to scroll
                # Tab from the element just before the region lands on the region itself.
                region.evaluate("el => { const b = document.createElement('button'); b.textContent = 'x'; el.before(b); b.focus(); }")
                page.keyboard.press("Tab")
                assert region.evaluate("el => document.activeElement === el"), (lang, kind, index)
                page.keyboard.press("ArrowRight")
                page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
                scrolled.append((lang, kind, index))
    assert scrolled, "no table wider than 320 px anywhere: the keyboard scrolling was not exercised"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pending_results_keep_their_contrast(views, site_url, lang):
    """A result being computed (aria-busy) or left from older inputs (data-stale) fades, still readable at 4.5:1."""
    page, found = views["desktop"], []
    for scheme in SCHEMES:
        page.goto(url_of(site_url, lang, "pricing"))
        page.wait_for_selector('form[data-state="ready"]', timeout=180_000)  # the worker settled: nothing resets the marks
        page.evaluate(
            """scheme => {
                document.body.setAttribute('data-md-color-scheme', scheme === 'dark' ? 'slate' : 'default');
                for (const form of document.querySelectorAll('form[data-calculator]')) form.setAttribute('data-stale', '');
                for (const results of document.querySelectorAll('.kb-results')) results.setAttribute('aria-busy', 'true');
            }""",
            scheme,
        )
        page.wait_for_function("document.getAnimations().every(a => a.playState === 'finished')")
        found += [(scheme, v["id"], [n["target"] for n in v["nodes"]][:4]) for v in axe_violations(page, None) if v["impact"] in FAILING]
    assert found == []
