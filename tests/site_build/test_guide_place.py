"""The strict build: every guide page shows its place (breadcrumb, previous and next guide per way in, related guides)
in its language, outside the searched text; the home page's ways in have the anchors the breadcrumbs link to.

Expectations come from the YAML sources read with plain PyYAML, and the rule stated in
scripts/render/place.py: a guide's way in is its audience's (for both: the clients', then the
partners'), else the first of the home page's ways in that lists it.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.sources.tree import LANGUAGES, REFERENCE
from tests.place_expectations import ANCHOR, HEADING, HOME_ORDER, ORDERED, TREE, expected_way, guides_of, site_of

pytestmark = pytest.mark.build


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs, self.children, self.parts = tag, attrs, [], []

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())

    def find_all(self, test) -> list[Node]:
        found = [self] if test(self) else []
        for child in self.children:
            found.extend(child.find_all(test))
        return found

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Tree(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        for node in self.stack:  # each element's text holds its descendants'
            node.parts.append(data)


def parse_html(path: Path) -> Node:
    parser = _Tree()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.root


def by_class(root: Node, name: str) -> list[Node]:
    return root.find_all(lambda node: name in node.classes())


def links(node: Node) -> list[Node]:
    return node.find_all(lambda n: n.tag == "a")


def lang_root(site: Path, lang: str) -> Path:
    return site if lang == REFERENCE else site / lang


def guide_page(site: Path, lang: str, guide_id: str) -> Node:
    return parse_html(lang_root(site, lang) / "guides" / guide_id / "index.html")


def cases() -> list[tuple[str, str]]:
    return [(lang, guide_id) for lang in LANGUAGES for guide_id in sorted(p.stem for p in TREE.guide_sources(lang))]


@pytest.mark.parametrize(("lang", "guide_id"), cases())
def test_each_guide_page_has_a_breadcrumb_home_its_way_in_itself(built_site, lang, guide_id):
    site, guide = site_of(lang), guides_of(lang)[guide_id]
    way = expected_way(site["journeys"], guide_id, guide["audience"])
    (nav,) = by_class(guide_page(built_site, lang, guide_id), "kb-path")
    assert nav.tag == "nav" and nav.attrs["aria-label"] == site["labels"]["breadcrumb"]
    items = nav.find_all(lambda n: n.tag == "li")
    assert [item.text for item in items] == [site["not_found"]["home"], site["home"][HEADING[way]], guide["title"]]
    assert [a.attrs["href"] for a in links(nav)] == ["../../", f"../../#{ANCHOR[way]}"]
    assert items[-1].find_all(lambda n: n.attrs.get("aria-current") == "page")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_next_of_guide_k_is_guide_k_plus_1_of_each_journey_and_previous_k_minus_1(built_site, lang):
    site, guides = site_of(lang), guides_of(lang)
    checked = 0
    for name in ORDERED:
        ids = site["journeys"][name]
        for k, guide_id in enumerate(ids):
            steps = [
                nav for nav in by_class(guide_page(built_site, lang, guide_id), "kb-steps")
                if nav.attrs["aria-labelledby"] == f"kb-steps-{ANCHOR[name]}"
            ]
            if len(ids) == 1:
                assert steps == []
                continue
            (nav,) = steps
            assert by_class(nav, "kb-steps__way")[0].text == site["home"][HEADING[name]]
            for cls, neighbour, word in (
                ("kb-steps__link--previous", ids[k - 1] if k > 0 else None, site["labels"]["previous"]),
                ("kb-steps__link--next", ids[k + 1] if k + 1 < len(ids) else None, site["labels"]["next"]),
            ):
                found = by_class(nav, cls)
                if neighbour is None:
                    assert found == [], (name, guide_id, cls)
                    continue
                (link,) = found
                assert link.attrs["href"] == f"../{neighbour}/"
                assert link.text == f"{word} {guides[neighbour]['title']}"
                checked += 1
    assert checked >= 2 * sum(len(site["journeys"][name]) - 1 for name in ORDERED)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_see_also_gives_a_breadcrumb_but_no_previous_or_next(built_site, lang):
    site = site_of(lang)
    for guide_id in site["journeys"]["more"]:
        if any(guide_id in site["journeys"][name] for name in ORDERED):
            continue
        page = guide_page(built_site, lang, guide_id)
        assert by_class(page, "kb-path") and by_class(page, "kb-steps") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_has_the_anchors_the_breadcrumbs_link_to_and_lists_each_way_in_in_order(built_site, lang):
    site, guides = site_of(lang), guides_of(lang)
    home = parse_html(lang_root(built_site, lang) / "index.html")
    for name in HOME_ORDER:
        (heading,) = home.find_all(lambda n, name=name: n.tag == "h2" and n.attrs.get("id") == ANCHOR[name])
        assert heading.text.removesuffix("¶").strip() == site["home"][HEADING[name]]
    for name in ORDERED:
        (card,) = [div for div in by_class(home, "kb-way") if div.find_all(lambda n, name=name: n.attrs.get("id") == ANCHOR[name])]
        (ordered,) = card.find_all(lambda n: n.tag == "ol")
        assert [a.text for a in links(ordered)] == [guides[i]["title"] for i in site["journeys"][name]]
        assert [a.attrs["href"] for a in links(ordered)] == [f"guides/{i}/" for i in site["journeys"][name]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calculators_come_before_the_ways_in_on_the_home_page(built_site, lang):
    text = (lang_root(built_site, lang) / "index.html").read_text(encoding="utf-8")
    assert -1 < text.index('class="kb-calculators"') < text.index('class="kb-ways"')
    assert text.index('href="calculators/eligibility/"') < text.index('href="calculators/access/"') < text.index('href="calculators/pricing/"')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_related_guides_link_to_their_pages_with_their_titles_in_the_language(built_site, lang):
    guides = guides_of(lang)
    for guide_id, guide in guides.items():
        if not guide.get("related"):
            continue
        page = guide_page(built_site, lang, guide_id)
        (heading,) = page.find_all(lambda n: n.tag == "h2" and n.attrs.get("id") == "related")
        assert heading.text.removesuffix("¶").strip() == site_of(lang)["labels"]["related"]
        related = [a for a in links(page) if a.attrs.get("href", "").startswith("../") and a.text in {guides[r]["title"] for r in guide["related"]}]
        for related_id in guide["related"]:
            assert any(a.attrs["href"] == f"../{related_id}/" and a.text == guides[related_id]["title"] for a in related), related_id
            assert (lang_root(built_site, lang) / "guides" / related_id / "index.html").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_place_is_not_in_the_search_index(built_site, lang):
    """A search for a guide's title finds that guide, not every page that names it as its next."""
    site = site_of(lang)
    docs = json.loads((lang_root(built_site, lang) / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    words = (site["labels"]["previous"], site["labels"]["next"], site["labels"]["breadcrumb"])
    assert not [d["location"] for d in docs if any(word in d["text"] for word in words)]
