"""Sources to Markdown, with Material's own means.

Notes and warnings become admonitions, per-role variants content tabs, steps
numbered lists; program figures come from ``calculators`` through
placeholders. Every function here is pure: data in, Markdown out, so the build
and the checker share it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from calculators import grammar
from scripts.render import formatting, safety
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
    """The Markdown page of one guide."""
    data = source.data
    out = [f"# {data['title']}\n", text(source, ("summary",), data["summary"], ctx, base="../").strip() + "\n"]
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


def _guide_list(guides: list[Source], ctx: Context, *, base: str, numbered: bool = False) -> list[str]:
    """One line per guide, its title linked, then its summary: an ordered list when ``numbered``."""
    lines = []
    for number, g in enumerate(guides, start=1):
        summary = text(g, ("summary",), g.data["summary"], ctx, base=base).strip()
        mark = f"{number}." if numbered else "-"
        lines.append(f"{mark} [{g.data['title']}]({base}guides/{g.data['id']}.md): {_one_line(summary)}")
    return lines


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _by_title(guides: list[Source]) -> list[Source]:
    return sorted(guides, key=lambda g: g.data["title"].casefold())


# The home page's ways in: (journey in site.yml's journeys, its heading in site.yml's home, the
# audiences whose guides missing from every journey are added at its end, by title).
WAYS_IN = (
    ("become_partner", "become_partner", frozenset()),
    ("clients", "for_clients", frozenset({"clients", "both"})),
    ("partners", "for_partners", frozenset({"partners", "both"})),
)
# The guide that states the conditions to become a Partner (also linked from the eligibility result).
CONDITIONS_GUIDE = "partner-program"
# What an application address may be (schemas/site.schema.json says the same): https, nothing that ends a link.
APPLY_URL = re.compile(r"https://[^\s<>\"'()\[\]]+")


def apply_url(site: Source) -> str:
    """The language's apply_url, refused at its line unless empty or a full https:// address."""
    url = site.data.get("apply_url", "")
    if url and not APPLY_URL.fullmatch(url):
        raise SourceError(
            site.path, site.line_of(("apply_url",)),
            f"apply_url '{url}' is not a full https:// address — write https://... or leave it empty ('')",
        )
    return url


def journey(site: Source, name: str, ctx: Context) -> list[str]:
    """The guide ids of one journey, in order; an unknown id is refused at its line."""
    ids = site.data.get("journeys", {}).get(name, [])
    for index, guide_id in enumerate(ids):
        if guide_id not in ctx.guide_titles:
            raise SourceError(
                site.path, site.line_of(("journeys", name, index)),
                f"journeys.{name}: guide '{guide_id}' does not exist{_suggest(guide_id, ctx.guide_titles)}",
            )
    return list(ids)


def home(site: Source, guides: list[Source], calculators: dict[str, Source], ctx: Context, extra_links: list[tuple[str, str]]) -> str:
    """The home page: the calculators, then three ways in (become a Partner, for clients, for partners),
    each an ordered list from site.yml's journeys, then "See also" (the journey more, the glossary...).

    A guide in no journey is still listed: at the end of its audience's ways in, by title.
    """
    texts = site.data["home"]
    by_id = {g.data["id"]: g for g in guides}
    out = [f"# {texts['title']}\n", text(site, ("home", "intro"), texts["intro"], ctx, base="").strip() + "\n"]
    if calculators:
        out.append(f"## {texts['calculators']}\n")
        out.append(
            "\n".join(f"- [{c.data['title']}](calculators/{name}.md)" for name, c in calculators.items()) + "\n"
        )
    journeys = {name: journey(site, name, ctx) for name in ("become_partner", "clients", "partners", "more")}
    placed = {guide_id for ids in journeys.values() for guide_id in ids}
    unplaced = [g for g in _by_title(guides) if g.data["id"] not in placed]
    for name, heading, audiences in WAYS_IN:
        ids = list(dict.fromkeys(journeys[name] + [g.data["id"] for g in unplaced if g.data["audience"] in audiences]))
        if name == "become_partner" and "journeys" not in site.data:
            continue  # (a site without journeys: its guides by audience, as they come)
        out.append(f"## {texts[heading]}\n")
        if ids:
            out.append("\n".join(_guide_list([by_id[i] for i in ids], ctx, base="", numbered=True)) + "\n")
        if name == "become_partner":
            out.append(_how_to_apply(site, ctx))
    more = [by_id[i] for i in dict.fromkeys(journeys["more"])]
    if more or extra_links:
        out.append(f"## {texts['more']}\n")
        lines = _guide_list(more, ctx, base="") + [f"- [{title}]({href})" for title, href in extra_links]
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
