"""Sources to Markdown, with Material's own means.

Notes and warnings become admonitions, per-role variants content tabs, steps
numbered lists; program figures come from ``calculators`` through
placeholders. Every function here is pure: data in, Markdown out, so the build
and the checker share it.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from calculators import grammar
from scripts.render import formatting, place, safety
from scripts.sources.loader import Source, SourceError

INDENT = "    "

# [label](guide:<id>) and [label](calculator:<name>), with an optional #anchor.



@dataclass
class Context:
    """What a page of one language needs besides its own source."""

    lang: str
    labels: dict[str, str]
    guide_titles: dict[str, str]
    facts: dict[str, Any]
    calculator_names: tuple[str, ...] = ()
    # table name -> function(calculator_texts, lang) -> Markdown; filled by scripts.tables.
    tables: dict[str, Callable[[dict[str, dict], str], str]] = field(default_factory=dict)
    # calculator name -> its loaded texts in this language (labels of the tables).
    calculator_texts: dict[str, dict] = field(default_factory=dict)
    # site.yml's apply_url: where a company applies to join ("" while the address is not known).
    apply_url: str = ""
    # The home page's ways in (scripts/render/place.py), the words that name them (site.yml's home) and the
    # home page's link text (site.yml's not_found.home): a guide page's place. Empty: the page shows none.
    ways: tuple[place.Way, ...] = ()
    home_texts: dict[str, str] = field(default_factory=dict)
    home_link: str = ""


def text(source: Source, where: tuple, value: str, ctx: Context, *, base: str) -> str:
    """Fill placeholders and resolve internal links of one translated text.

    ``base`` is the path from the page's folder to the language root ("" or "../").
    """
    safety.check(source, where, value)  # no raw HTML, attribute list or javascript: link, in any text of the source
    try:
        value = formatting.fill(value, ctx.lang, ctx.facts)
    except KeyError as exc:
        name = exc.args[0]
        raise SourceError(
            source.path,
            source.line_of(where),
            f"unknown placeholder {{{{ {name} }}}}{_suggest(name, ctx.facts)}",
        ) from None

    def link(match: re.Match) -> str:
        kind, target, anchor = match.group(1), match.group(2), match.group(3) or ""
        known = ctx.guide_titles if kind == "guide" else ctx.calculator_names
        if target not in known:
            raise SourceError(
                source.path,
                source.line_of(where),
                f"link to unknown {kind} '{target}'{_suggest(target, known)}",
            )
        folder = "guides" if kind == "guide" else "calculators"
        return f"]({base}{folder}/{target}.md{anchor})"

    return grammar.INTERNAL_LINK.sub(link, value)


def _suggest(name: str, known) -> str:
    """The fix for a wrong name: the closest known names (the full list would not fit at 1000 guides)."""
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.5)
    return f"; did you mean {' or '.join(close)}?" if close else f"; no {name!r} exists in this language"


def indent(markdown: str, level: int = 1) -> str:
    pad = INDENT * level
    return "\n".join(pad + line if line.strip() else "" for line in markdown.splitlines())


def admonition(kind: str, title: str, body: str) -> str:
    return f'!!! {kind} "{_quote(title)}"\n\n{indent(body)}\n'


def _quote(title: str) -> str:
    return title.replace('"', "'")


def _steps(source: Source, where: tuple, steps: list, ctx: Context) -> str:
    lines = []
    for number, step in enumerate(steps, start=1):
        at = (*where, number - 1)
        if isinstance(step, str):
            lines.append(f"{number}. " + _hang(text(source, at, step, ctx, base="../")))
        else:
            lines.append(f"{number}. " + _hang(text(source, (*at, "text"), step["text"], ctx, base="../")))
            lines.append("")
            for sub_number, sub in enumerate(step["substeps"], start=1):
                sub_text = text(source, (*at, "substeps", sub_number - 1), sub, ctx, base="../")
                lines.append(f"{INDENT}{sub_number}. " + _hang(sub_text, 2))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _hang(value: str, level: int = 1) -> str:
    """Continuation lines of a list item are indented under it."""
    first, *rest = value.strip().splitlines() or [""]
    return "\n".join([first, *(INDENT * level + line if line.strip() else "" for line in rest)])


def _body(source: Source, where: tuple, part: dict, ctx: Context) -> list[str]:
    """intro, steps, notes and warnings of a section or a variant, in that order."""
    blocks = []
    if "intro" in part:
        blocks.append(text(source, (*where, "intro"), part["intro"], ctx, base="../").strip() + "\n")
    if "steps" in part:
        blocks.append(_steps(source, (*where, "steps"), part["steps"], ctx))
    for key, kind, label in (("notes", "note", "note"), ("warnings", "warning", "warning")):
        for index, item in enumerate(part.get(key, [])):
            body = text(source, (*where, key, index), item, ctx, base="../")
            blocks.append(admonition(kind, ctx.labels[label], body.strip()))
    return blocks


def guide(source: Source, ctx: Context) -> str:
    """The Markdown page of one guide (its place, when the context has the ways in, in its front matter)."""
    data = source.data
    out = [f"# {data['title']}\n", text(source, ("summary",), data["summary"], ctx, base="../").strip() + "\n"]
    kb_place = guide_place(data["id"], data["audience"], data["title"], ctx) if ctx.ways else None
    if kb_place is not None:
        out.insert(0, _front_matter(kb_place))
    if "prerequisites" in data:
        items = "\n".join(
            "- " + _hang(text(source, ("prerequisites", i), item, ctx, base="../"))
            for i, item in enumerate(data["prerequisites"])
        )
        out.append(admonition("info", ctx.labels["prerequisites"], items))
    for index, section in enumerate(data["sections"]):
        where = ("sections", index)
        out.append(f"## {section['title']} {{ #{section['id']} }}\n")
        out.extend(_body(source, where, section, ctx))
        if "table" in section:
            render_table = ctx.tables.get(section["table"])
            if render_table is None:
                raise SourceError(source.path, source.line_of((*where, "table")), f"no table named {section['table']!r}")
            try:
                table = render_table(ctx.calculator_texts, ctx.lang)
            except KeyError as exc:
                raise SourceError(
                    source.path, source.line_of((*where, "table")),
                    f"table {section['table']!r} needs the texts of calculators/{exc.args[0]}.yml in this language",
                ) from None
            out.append(table.strip() + "\n")
        if "variants" in section:
            out.append(_variants(source, where, section["variants"], ctx))
    if data.get("related"):
        out.append(f"## {ctx.labels['related']} {{ #related }}\n")
        out.append(_guide_links(source, data["related"], ctx))
    return "\n".join(out)


# From a guide page (guides/<id>/, directory URLs) to the home page and to another guide.
HOME_FROM_GUIDE = "../../"


def guide_place(guide_id: str, audience: str, title: str, ctx: Context) -> dict | None:
    """What a guide page shows of its place (overrides/partials/kb-place.html): the breadcrumb's words and links,
    then per way in that lists it in task order, the previous and next guide; None when it is listed nowhere.

    Every word is the language's own: site.yml's labels, home headings and not_found.home, the guides' titles.
    """
    where = place.of(ctx.ways, guide_id, audience)
    if where.way is None:
        return None

    def way_link(way: place.WayIn) -> dict:
        return {"id": way.anchor, "title": ctx.home_texts[way.heading], "href": f"{HOME_FROM_GUIDE}#{way.anchor}"}

    def guide_link(other: str | None) -> dict | None:
        return None if other is None else {"title": ctx.guide_titles[other], "href": f"../{other}/"}

    return {
        "label": ctx.labels["breadcrumb"],
        "trail": [{"title": ctx.home_link, "href": HOME_FROM_GUIDE}, way_link(where.way)],
        "title": title,
        "previous": ctx.labels["previous"],
        "next": ctx.labels["next"],
        "steps": [
            {**way_link(step.way), "previous": guide_link(step.previous), "next": guide_link(step.next)}
            for step in where.steps
        ],
    }


# What YAML would read as a line break or refuse inside a double-quoted string, which JSON leaves as it is.
_NOT_YAML_TEXT = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _front_matter(kb_place: dict) -> str:
    """The page's front matter (MkDocs' page.meta): JSON, which YAML reads, with every title escaped."""
    value = json.dumps(kb_place, ensure_ascii=False)
    value = _NOT_YAML_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return f"---\nkb_place: {value}\n---\n"


def _variants(source: Source, where: tuple, variants: list, ctx: Context) -> str:
    tabs = []
    for index, variant in enumerate(variants):
        label = ctx.labels["as_client" if variant["role"] == "client" else "as_partner"]
        body = "\n".join(_body(source, (*where, "variants", index), variant, ctx))
        tabs.append(f'=== "{_quote(label)}"\n\n{indent(body)}\n')
    return "\n".join(tabs)


def _guide_links(source: Source, ids: list[str], ctx: Context) -> str:
    lines = []
    for index, guide_id in enumerate(ids):
        if guide_id not in ctx.guide_titles:
            raise SourceError(
                source.path,
                source.line_of(("related", index)),
                f"related guide '{guide_id}' does not exist{_suggest(guide_id, ctx.guide_titles)}",
            )
        lines.append(f"- [{ctx.guide_titles[guide_id]}]({guide_id}.md)")
    return "\n".join(lines) + "\n"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _by_title(guides: list[Source]) -> list[Source]:
    return sorted(guides, key=lambda g: g.data["title"].casefold())


# The guide that states the conditions to become a Partner (also linked from the eligibility result).
CONDITIONS_GUIDE = "partner-program"
# What an application address may be (schemas/site.schema.json says the same): https, nothing that ends a link.
APPLY_URL = re.compile(r"https://[^\s<>\"'()\[\]]+")
# The calculators on the home page in the order a company asks (may it join, which access, what price):
# the navigation's order (mkdocs.yml); any other after them, by name.
CALCULATOR_ORDER = ("eligibility", "access", "pricing")
HOME_FRONT_MATTER = "---\nhide:\n  - navigation\n  - toc\n---\n"


def apply_url(site: Source) -> str:
    """The language's apply_url, refused at its line unless empty or a full https:// address."""
    url = site.data.get("apply_url", "")
    if url and not APPLY_URL.fullmatch(url):
        raise SourceError(
            site.path, site.line_of(("apply_url",)),
            f"apply_url '{url}' is not a full https:// address — write https://... or leave it empty ('')",
        )
    return url


def home(site: Source, guides: list[Source], calculators: dict[str, Source], ctx: Context, extra_links: list[tuple[str, str]]) -> str:
    """The home page: the calculators first, then three ways in side by side (become a Partner, for clients,
    for partners), each the titles of its guides in task order (scripts/render/place.py), then "See also"
    (the journey more, the glossary...). A guide in no journey is still listed: at the end of its audience's ways in.

    Each guide appears once per way in; in two ways in only when both audiences do the task (or, in become a
    Partner, when a company weighs it before applying). Its summary is on the guide index and the guide itself.
    """
    texts = site.data["home"]
    titles = {**ctx.guide_titles, **{g.data["id"]: g.data["title"] for g in guides}}
    # The whole width for the ways in side by side: Material's sidebars hidden on wide screens (the navigation
    # holds only this page's siblings, the table of contents these few headings); phones keep the drawer.
    out = [HOME_FRONT_MATTER, f"# {texts['title']}\n", text(site, ("home", "intro"), texts["intro"], ctx, base="").strip() + "\n"]
    if calculators:
        out.append(f"## {texts['calculators']} {{ #calculators }}\n")
        rank = {name: index for index, name in enumerate(CALCULATOR_ORDER)}
        names = sorted(calculators, key=lambda name: (rank.get(name, len(rank)), name))
        links = "\n".join(f"- [{calculators[name].data['title']}](calculators/{name}.md)" for name in names)
        out.append(f'<div class="kb-calculators" markdown>\n\n{links}\n\n</div>\n')
    ways = place.ways_in(site, guides, titles)
    cards = []
    for way in ways:
        if not way.way.ordered:
            continue
        card = [f"## {texts[way.way.heading]} {{ #{way.way.anchor} }}\n"]
        if way.ids:
            card.append("\n".join(f"{n}. [{titles[i]}](guides/{i}.md)" for n, i in enumerate(way.ids, start=1)) + "\n")
        if way.way.name == "become_partner":
            card.append(_how_to_apply(site, ctx))
        cards.append('<div class="kb-way" markdown>\n\n' + "\n".join(card) + "\n</div>\n")
    if cards:
        out.append('<div class="kb-ways" markdown>\n\n' + "\n".join(cards) + "\n</div>\n")
    more = next((way.ids for way in ways if way.way.name == "more"), ())
    if more or extra_links:
        out.append(f"## {texts['more']} {{ #more }}\n")
        lines = [f"- [{titles[i]}](guides/{i}.md)" for i in more] + [f"- [{title}]({href})" for title, href in extra_links]
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def _how_to_apply(site: Source, ctx: Context) -> str:
    """The end of the become-a-Partner way in: the link to apply, or, while its address is not known, saying so."""
    url = apply_url(site)
    texts = site.data["home"]
    if url:
        label = text(site, ("home", "apply_link"), texts["apply_link"], ctx, base="").strip()
        return f"[{label}]({url})\n"
    return text(site, ("home", "apply_unknown"), texts["apply_unknown"], ctx, base="").strip() + "\n"


def guides_index(site: Source, guides: list[Source], ctx: Context) -> str:
    """Every guide, by title, with its audience: the one page that grows with the guides."""
    texts = site.data["guides_index"]
    out = [f"# {texts['title']}\n", text(site, ("guides_index", "intro"), texts["intro"], ctx, base="../").strip() + "\n"]
    lines = []
    for g in _by_title(guides):
        audience = ctx.labels[f"audience_{g.data['audience']}"]
        summary = _one_line(text(g, ("summary",), g.data["summary"], ctx, base="../").strip())
        lines.append(f"- [{g.data['title']}]({g.data['id']}.md) ({audience}): {summary}")
    out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def glossary(source: Source, ctx: Context) -> str:
    """The glossary page: one anchored heading per concept, so guides can link to a term."""
    data = source.data
    out = [f"# {data['title']}\n", text(source, ("intro",), data["intro"], ctx, base="").strip() + "\n"]
    for index, term in enumerate(data["terms"]):
        out.append(f"## {term['term']} {{ #{term['id']} }}\n")
        out.append(text(source, ("terms", index, "definition"), term["definition"], ctx, base="").strip() + "\n")
    return "\n".join(out)
