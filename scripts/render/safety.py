"""Translators' text never becomes markup that runs in a reader's browser.

Two nets, one behind the other:

- ``check_text`` (at build and check time, through ``render.text``): a
  translation that carries raw HTML, a Markdown attribute list (``{ onclick=... }``
  through attr_list) or a link to a ``javascript:``/``data:``/... URL is refused
  as a ``SourceError`` at ``path:line`` with the fix. ``check`` applies it to
  every string of a source once, titles and labels included, since those reach
  page headings, the page ``<title>`` and the navigation without ``text()``.
- ``clean_html`` (``on_page_content`` hook): the HTML of every page keeps only what
  Material's Markdown makes, through an nh3 allow-list. Calculator pages are cleaned
  too (``widgets=True``): the markup scripts/render/widgets.py generates is allowed by
  name (tags, attributes, and the values of those that steer the glue), and its two
  script elements (the JSON setup, the glue's ``src``) are kept only in their exact
  generated form.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import weakref
from pathlib import Path

import nh3
from markdown_it import MarkdownIt

from calculators.grammar import FACT
from scripts.sources.loader import Source, SourceError

# --- What a translation may not contain ----------------------------------------

# Markdown autolinks (<https://...>, <name@example.com>) are the only angle brackets
# Markdown reads as links rather than raw HTML; every other "<letter", "</", "<!"
# or "<?" opens raw HTML, which translators never need.
_AUTOLINK = re.compile(r"<(?:https?://[^<>\s]+|[^<>\s@!/]+@[^<>\s@]+)>", re.IGNORECASE)
_RAW_HTML = re.compile(r"<[A-Za-z/!?][^\s<>]*")
# attr_list turns "{ ... }" after a heading, a paragraph or a link into HTML attributes
# (event handlers included); the only braces translations use are {{ placeholders }}.
_ATTR_LIST = re.compile(r"\{[^{}\n]*\}")
# Link and image destinations: [text](dest), ![alt](dest), reference definitions [id]: dest.
_DESTINATIONS = (
    re.compile(r"\]\(\s*<?([^)>]*)"),
    re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S*)", re.MULTILINE),
)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Browsers drop ASCII tabs and newlines anywhere in a URL, and controls and spaces before it.
_URL_IGNORED = re.compile(r"[\t\n\r]+|^[\x00-\x20]+")
SAFE_SCHEMES = ("https", "http", "mailto", "tel", "guide", "calculator")
# A destination starting with one of these, as written, is safe whatever follows:
# the scheme is already read (no '&' entity, no ignored character before its ':').
_SAFE_PREFIXES = tuple(f"{scheme}:" for scheme in SAFE_SCHEMES)

# Calculator texts other than the title and the intro are plain text that the widgets
# escape (and whose {name} braces are message parameters): only raw HTML is refused there.
_CALCULATOR_MARKDOWN = frozenset({("title",), ("intro",)})


def check_text(value: str) -> str | None:
    """What makes this Markdown translation unsafe, with the fix; None when it is safe."""
    found = _markdown_problem(value)
    return found[1] if found else None


def check_plain(value: str) -> str | None:
    """What makes this plain-text translation (escaped where it is shown) unsafe; None when safe."""
    found = _raw_html(value)
    return found[1] if found else None


# Each finder returns (the offending text, the message) or None.


def _raw_html(value: str) -> tuple[str, str] | None:
    if "<" not in value:  # most texts: no regex at all
        return None
    match = _RAW_HTML.search(_AUTOLINK.sub(" ", value))
    if match is None:
        return None
    return match.group(0), (
        f"raw HTML '{match.group(0)}' is not allowed in a translation: write Markdown instead "
        "(**bold**, [text](https://...), [text](guide:<id>)); to show the sign '<' itself, put a space after it"
    )


def _attribute_list(value: str) -> tuple[str, str] | None:
    if "{" not in value:
        return None
    match = _ATTR_LIST.search(FACT.sub(" ", value))
    if match is None:
        return None
    return match.group(0), (
        f"'{match.group(0)}' is a Markdown attribute list, which is not allowed in a translation: remove it "
        "(braces are only for placeholders, written {{ name }})"
    )


def _unsafe_link(value: str) -> tuple[str, str] | None:
    if "]" not in value:  # every kind of destination follows a ']'
        return None
    for target in _destinations(value):
        if target.startswith(_SAFE_PREFIXES):
            continue  # the usual guide:, https://... links: nothing to unescape or strip
        cleaned = _URL_IGNORED.sub("", html.unescape(target))
        scheme = _SCHEME.match(cleaned)
        if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            return target, (
                f"link to '{scheme.group(0)}...' is not allowed: link to an https:// address, "
                "a mailto: address, [text](guide:<id>) or [text](calculator:<name>)"
            )
    return None


_MARKDOWN = MarkdownIt("commonmark")
# markdown-it drops javascript: and similar links itself; Python-Markdown, which renders the pages, does
# not: keep every destination so that each one is judged here.
_MARKDOWN.validateLink = lambda url: True


def _destinations(value: str) -> list[str]:
    """Every link and image destination of ``value``: what a CommonMark parser finds (links, images,
    reference definitions inside lists, quotes or over two lines), and what the patterns find on top."""
    # The first pattern needs "](" and the second "]:": most texts have only one of them, or none.
    found = _DESTINATIONS[0].findall(value) if "](" in value else []  # (its one group: the destination)
    if "]:" not in value:
        return found  # no reference definition: the inline patterns find every destination (parsing costs more)
    found.extend(m.group(1) for m in _DESTINATIONS[1].finditer(value))
    env: dict = {}
    tokens = _MARKDOWN.parse(value, env)
    found.extend(reference["href"] for reference in env.get("references", {}).values())
    stack = list(tokens)
    while stack:
        token = stack.pop()
        for name in ("href", "src"):
            if token.attrs and name in token.attrs:
                found.append(str(token.attrs[name]))
        stack.extend(token.children or ())
    return found


# --- Every string of a source, once -------------------------------------------

_checked: dict[int, tuple[weakref.ref, SourceError | None]] = {}


def check(source: Source, where: tuple, value: str) -> None:
    """Raise ``SourceError`` at ``path:line`` if ``value`` or any other text of ``source`` is unsafe."""
    found = _markdown_problem(value)
    if found:
        raise _error(source, where, value, found)
    check_source(source)


def check_source(source: Source) -> None:
    """Raise the first unsafe text of ``source`` as a ``SourceError``.

    The whole source is checked the first time it is seen (and the answer kept while
    the source lives): a title or a label is refused as surely as a rendered text.
    """
    key = id(source)
    known = _checked.get(key)
    if known is None or known[0]() is not source:
        errors = problems(source)
        known = (weakref.ref(source, lambda _ref, key=key: _checked.pop(key, None)), errors[0] if errors else None)
        _checked[key] = known
    if known[1] is not None:
        raise known[1]


def problems(
    source: Source, strings: list[tuple[tuple, str]] | None = None, *, calculator: bool | None = None
) -> list[SourceError]:
    """Every unsafe text of ``source``, each at its line (``strings``: its (path, string) pairs, if already listed;
    ``calculator``: whether it is a calculator's texts, if the caller knows: else read from its folder's name)."""
    if calculator is None:
        # The folder's name from the path's string: pathlib's .parent costs more than the whole check of most files.
        calculator = os.path.basename(os.path.dirname(os.fspath(source.path))) == "calculators"
    errors = []
    for where, value in _strings(source.data) if strings is None else strings:
        if "<" not in value and "{" not in value and "]" not in value and "&" not in value and (
            where != ("site_name",) or ('"' not in value and "`" not in value)
        ):
            continue  # each finder needs one of these (raw HTML, attribute list, link, entity; the site name's
            # quotes): most texts pass here
        found = (_raw_html(value) or _entity(value)) if calculator and where not in _CALCULATOR_MARKDOWN else _markdown_problem(value)
        if found is None and where == ("site_name",):
            found = _site_name_problem(value)
        if found:
            errors.append(_error(source, where, value, found))
    return errors


def _markdown_problem(value: str) -> tuple[str, str] | None:
    return _raw_html(value) or _attribute_list(value) or _unsafe_link(value) or _entity(value)


# An HTML character reference (&lt; &#60; &#x3c;): the theme decodes page titles back into markup
# (striptags), so "&lt;script&gt;" in a title would become a script. Translators never need one.
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;)")  # a numeric one needs no ";" to be read
# The site name is printed inside HTML attributes by the theme, not always escaped.
_ATTRIBUTE_BREAKERS = frozenset('"<>`')


def _entity(value: str) -> tuple[str, str] | None:
    if "&" not in value:
        return None
    match = _ENTITY.search(value)
    if match is None:
        return None
    return match.group(0), (
        f"HTML character reference '{match.group(0)}' is not allowed in a translation: "
        f"write the character itself ('{html.unescape(match.group(0))}'), it is shown as text"
    )


def _site_name_problem(value: str) -> tuple[str, str] | None:
    bad = next((c for c in value if c in _ATTRIBUTE_BREAKERS), None)
    if bad is None:
        return None
    return bad, f"the site name may not hold the sign {bad}: it is printed inside HTML attributes — remove it"


def _strings(data) -> list[tuple[tuple, str]]:
    """Every string under ``data`` with its path, in document order (one list: nested generators cost more)."""
    found: list[tuple[tuple, str]] = []

    def walk(data, where: tuple) -> None:
        if isinstance(data, str):
            found.append((where, data))
        elif isinstance(data, dict):
            for key, value in data.items():
                walk(value, (*where, key))
        elif isinstance(data, list):
            for index, value in enumerate(data):
                walk(value, (*where, index))

    walk(data, ())
    return found


def _error(source: Source, where: tuple, value: str, found: tuple[str, str]) -> SourceError:
    snippet, message = found
    return SourceError(source.path, _line(source, where, value, snippet), message, key=".".join(map(str, where)))


def _line(source: Source, where: tuple, value: str, snippet: str) -> int:
    """The line of the offending text: the node's line, or a later one of a multi-line text."""
    start = source.line_of(where)
    snippet = snippet.strip()[:16]
    if not snippet or "\n" not in value.strip():
        return start
    try:
        lines = Path(source.path).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return start
    # A block text starts on the line after its key; a folded one may take more lines than it has.
    for number in range(start, min(len(lines), start + 2 * value.count("\n") + 2) + 1):
        if snippet in lines[number - 1]:
            return number
    return start


# --- The second net: an allow-list over the rendered HTML --------------------

# What Python-Markdown, the toc permalinks, admonition, details, tables and
# pymdownx.tabbed (alternate style: radio inputs and labels) produce.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
    "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label",
    "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
ATTRIBUTES = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "input": {"name", "checked"},
    "label": {"for"},
    "div": {"data-tabs"},
    "ol": {"start"},
    "details": {"open"},
    "th": {"style"},
    "td": {"style"},
}
# Content tabs are radio buttons; no other input belongs in a page of text.
ATTRIBUTE_VALUES = {"input": {"type": {"radio"}}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Python-Markdown aligns table columns with style="text-align: ..."; nothing else is kept.
STYLE_PROPERTIES = frozenset({"text-align"})


# What scripts/render/widgets.py makes on a calculator page, by name: the form, its fields and results.
# The pricing pictures (scripts/render/pictures.py) are SVG shapes and text only: no <a>, <use>, <image>,
# <foreignObject>, animation or style, nothing that loads or runs.
WIDGET_TAGS = frozenset({"fieldset", "form", "legend", "option", "output", "section", "select",
                         "figure", "figcaption", "svg", "rect", "line", "text"})
_SVG_PLACE = {"x", "y", "width", "height", "class"}
WIDGET_ATTRIBUTES = {
    "*": {"aria-current", "aria-describedby", "aria-live", "hidden"},
    "form": {"novalidate", "data-calculator", "data-decimals"},
    # The status line's words for each state of the runtime (shown as text by the glue).
    "p": {"data-loading", "data-ready", "data-error", "data-pending", "data-invalid", "data-unavailable", "data-show-when"},
    "table": {"data-show-when"},
    "input": {"value", "disabled"},
    "select": {"name", "disabled"},
    "option": {"value", "selected"},
    "div": {"data-enabled-when", "data-current-when"},
    # Named by their row's header (the full result and the phone's summary share that name).
    "output": {"name", "data-value", "aria-labelledby"},
    # The pictures: what the glue redraws them from (output names, quantities), and their text copies.
    "figure": {"data-show-when"},
    "svg": {"height", "data-domain"},
    "rect": _SVG_PLACE | {"rx", "data-bar", "data-scale", "data-from", "data-to"},
    "line": {"x1", "x2", "y1", "y2", "data-at"},
    "text": {"x", "y", "class", "data-text-of", "data-unknown", "data-at", "data-from", "data-to"},
    "span": {"data-show-when", "data-text-of", "data-unknown"},
    "tr": {"data-current-when"},
    "th": {"data-current-when"},
    "td": {"data-current-when"},
}
# Attributes that steer the glue or the browser: only the values widgets.py writes.
_ROOTS = ("../../", "../../../")  # from a calculator page to the site root (fr, then the other languages)
WIDGET_ATTRIBUTE_VALUES = {
    "form": {
        "data-state": {"static"},
        "data-worker": {f"{root}assets/javascripts/calculator-worker.mjs" for root in _ROOTS},
        "data-runtime": {f"{root}assets/runtime/" for root in _ROOTS},
    },
    "input": {"type": {"radio", "checkbox", "text"}, "inputmode": {"decimal"}, "autocomplete": {"off"}},
    "p": {"role": {"status"}},
    "th": {"scope": {"row", "col"}},
    "div": {"aria-hidden": {"true"}},  # the phone's summary, which repeats the result
    "svg": {"aria-hidden": {"true"}},  # a picture whose caption is its text
    "text": {"text-anchor": {"start", "middle", "end"}},
}
# The widget's two script elements, as widgets.py writes them: JSON data without any "<" (it cannot end its
# element), and the glue from the site itself. Any other script is removed with its content.
_WIDGET_SCRIPT = re.compile(
    r'<script type="application/json" class="kb-setup">([^<]*)</script>'
    r'|<script src="(?:\.\./){2,3}assets/javascripts/calculators\.js"></script>'
)


def _allow_list(widgets: bool) -> dict:
    tags, attributes = set(TAGS), {tag: set(names) for tag, names in ATTRIBUTES.items()}
    values = {tag: {name: set(allowed) for name, allowed in rules.items()} for tag, rules in ATTRIBUTE_VALUES.items()}
    if widgets:
        tags |= WIDGET_TAGS
        for tag, names in WIDGET_ATTRIBUTES.items():
            attributes.setdefault(tag, set()).update(names)
        for tag, rules in WIDGET_ATTRIBUTE_VALUES.items():
            for name, allowed in rules.items():
                values.setdefault(tag, {}).setdefault(name, set()).update(allowed)
    return {"tags": tags, "attributes": attributes, "tag_attribute_values": values}


_ALLOW_LISTS = {widgets: _allow_list(widgets) for widgets in (False, True)}


def clean_html(fragment: str, *, widgets: bool = False) -> str:
    """``fragment`` with only the tags, attributes and URL schemes Material's Markdown output needs;
    with ``widgets``, also the calculator markup of scripts/render/widgets.py (its scripts in their exact form)."""
    kept: dict[str, str] = {}
    if widgets and "<script" in fragment:
        fragment = _WIDGET_SCRIPT.sub(lambda match: _keep_script(match, kept), fragment)
    cleaned = nh3.clean(
        fragment,
        **_ALLOW_LISTS[widgets],
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )
    for token, script in kept.items():
        cleaned = cleaned.replace(token, script, 1)
    return cleaned


def _keep_script(match: re.Match, kept: dict[str, str]) -> str:
    """A token (plain text, unguessable) standing for a generated script while the rest is cleaned."""
    setup = match.group(1)
    if setup is not None:
        try:
            if not isinstance(json.loads(setup), dict):
                return ""
        except ValueError:
            return ""
    token = f"kbscript{secrets.token_hex(16)}"
    kept[token] = match.group(0)
    return token


def is_generated_markup(src_uri: str) -> bool:
    """Calculator pages: their widget markup is made (and escaped) by scripts/render/widgets.py, not by Markdown."""
    return "calculators" in Path(src_uri).parts[:-1]
