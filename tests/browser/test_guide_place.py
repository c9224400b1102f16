"""A guide has a place, in every language: a breadcrumb to its way in on the home page, the previous and
next guide in each way in's task order, related guides that open with their titles; all by keyboard too.

Expectations are read from the YAML sources with plain PyYAML (site.yml's journeys, labels and home
headings; the guides' titles, audiences and related ids), with the rule the site states
(scripts/render/place.py): a guide's way in is its audience's (for both: the clients', then the
partners'), else the first of the home page's ways in that lists it.
"""

from __future__ import annotations

import re

import pytest

from scripts.sources.tree import LANGUAGES, REFERENCE
from tests.place_expectations import ANCHOR, HEADING, ORDERED, expected_way, guides_of, site_of

pytestmark = pytest.mark.browser


def url(site_url: str, lang: str, path: str) -> str:
    return f"{site_url}/{path}" if lang == REFERENCE else f"{site_url}/{lang}/{path}"


def heading(page) -> str:
    return page.locator("h1").inner_text().removesuffix("¶").strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_breadcrumb_names_the_guides_way_in_and_leads_to_it_on_the_home_page(page, site_url, lang):
    site, guides = site_of(lang), guides_of(lang)
    for guide_id in ("access-types", "partner-program", "add-a-client", "authorize-a-partner", "vat-number"):
        way = expected_way(site["journeys"], guide_id, guides[guide_id]["audience"])
        page.goto(url(site_url, lang, f"guides/{guide_id}/"))
        crumbs = page.get_by_role("navigation", name=site["labels"]["breadcrumb"]).get_by_role("listitem")
        assert crumbs.all_inner_texts() == [site["not_found"]["home"], site["home"][HEADING[way]], guides[guide_id]["title"]]
    # The last one followed: the way in's link opens the home page at that way in, its heading in view.
    crumbs.nth(1).get_by_role("link").click()
    page.wait_for_url(url(site_url, lang, f"#{ANCHOR[way]}"))
    target = page.locator(f"h2#{ANCHOR[way]}")
    assert target.inner_text().removesuffix("¶").strip() == site["home"][HEADING[way]]
    assert target.is_visible() and target.bounding_box()["y"] < page.viewport_size["height"]
    assert page.foreign_requests == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_following_next_walks_each_journey_in_its_task_order_and_previous_walks_back(page, site_url, lang):
    site, guides = site_of(lang), guides_of(lang)
    for name in ORDERED:
        ids = site["journeys"][name]
        steps = page.get_by_role("navigation", name=site["home"][HEADING[name]], exact=True)
        page.goto(url(site_url, lang, f"guides/{ids[0]}/"))
        for k in range(1, len(ids)):  # next of guide k-1 is guide k
            steps.get_by_role("link", name=re.compile(re.escape(site["labels"]["next"]))).click()
            page.wait_for_url(url(site_url, lang, f"guides/{ids[k]}/"))
            assert heading(page) == guides[ids[k]]["title"], (name, k)
        assert steps.get_by_role("link", name=re.compile(re.escape(site["labels"]["next"]))).count() == 0
        previous = steps.get_by_role("link", name=re.compile(re.escape(site["labels"]["previous"])))
        assert previous.inner_text().split("\n")[-1].strip() == guides[ids[-2]]["title"]
        previous.click()
        page.wait_for_url(url(site_url, lang, f"guides/{ids[-2]}/"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_related_guides_answer_and_carry_their_targets_title(page, site_url, lang):
    site, guides = site_of(lang), guides_of(lang)
    for guide_id, guide in guides.items():
        if not guide.get("related"):
            continue
        page.goto(url(site_url, lang, f"guides/{guide_id}/"))
        items = page.locator("h2#related + ul > li > a")
        assert page.locator("h2#related").inner_text().removesuffix("¶").strip() == site["labels"]["related"]
        assert items.all_inner_texts() == [guides[r]["title"] for r in guide["related"]]
        for index, related_id in enumerate(guide["related"]):
            target = page.evaluate("a => a.href", items.nth(index).element_handle())
            assert target == url(site_url, lang, f"guides/{related_id}/")
            response = page.request.get(target)
            assert response.status == 200, target
            h1 = re.search(r"<h1 id=\"[^\"]*\">(.*?)<a class=\"headerlink\"", response.text(), re.S).group(1)
            assert h1.strip().replace("&#39;", "'").replace("&amp;", "&") == guides[related_id]["title"], target


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_place_is_reached_and_followed_by_keyboard(page, site_url, lang):
    """Tab reaches the breadcrumb's links before the text and the next guide after it; Enter follows it."""
    site, guides = site_of(lang), guides_of(lang)
    ids = site["journeys"]["partners"]
    page.goto(url(site_url, lang, f"guides/{ids[0]}/"))
    focused = []
    for _ in range(400):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "() => { const e = document.activeElement; const nav = e.closest('nav');"
            " return [nav ? (nav.getAttribute('aria-label') || nav.getAttribute('aria-labelledby') || '') : '',"
            " e.getAttribute('href') || '', e.classList.contains('kb-steps__link--next')] }"
        )
        focused.append(label)
        if label[2]:
            break
    crumbs = [href for nav, href, _ in focused if nav == site["labels"]["breadcrumb"]]
    assert crumbs == ["../../", "../../#partners"]
    assert focused[-1] == ["kb-steps-partners", f"../{ids[1]}/", True]
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    page.keyboard.press("Enter")
    page.wait_for_url(url(site_url, lang, f"guides/{ids[1]}/"))
    assert heading(page) == guides[ids[1]]["title"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_the_place_fits_the_screen(browser, site_url, lang):
    """390 px wide: breadcrumb and previous/next wrap inside the page, nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(url(site_url, lang, "guides/access-types/"))
        for selector in (".kb-path", ".kb-steps"):
            box = page.locator(selector).first.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.goto(url(site_url, lang, ""))
        for selector in (".kb-calculators", ".kb-ways"):
            box = page.locator(selector).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_shows_the_calculators_then_the_three_ways_in_side_by_side_on_a_wide_screen(page, site_url, lang):
    site, guides = site_of(lang), guides_of(lang)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url(site_url, lang, ""))
    calculators = page.locator(".kb-calculators").bounding_box()
    assert calculators["y"] < 800, "the calculators are in the first screen"
    cards = page.locator(".kb-way")
    assert cards.count() == 3
    boxes = [cards.nth(i).bounding_box() for i in range(3)]
    assert len({round(box["y"]) for box in boxes}) == 1 and boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    for index, name in enumerate(ORDERED):
        card = cards.nth(index)
        assert card.locator("h2").inner_text().removesuffix("¶").strip() == site["home"][HEADING[name]]
        assert card.locator("ol > li > a").all_inner_texts() == [guides[i]["title"] for i in site["journeys"][name]]
    # The phone's drawer still holds the site's navigation (the home page hides only the wide screen's sidebars).
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator('label.md-header__button[for="__drawer"]').click()
    assert page.locator(".md-sidebar--primary .md-nav__link").first.is_visible()
