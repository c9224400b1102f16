"""Build-time accessibility touches on a page's HTML (``on_page_content``, after ``safety.clean_html``).

- :func:`scrollable_tables`: every table sits in a ``div.kb-scroll`` that scrolls it
  sideways, can be reached with the keyboard (``tabindex="0"``) and is named
  (``role="region"``, ``aria-label``: the table's caption, else the heading the table
  follows, else the page title). WCAG 2.1.1 and axe's ``scrollable-region-focusable``;
  kb.css makes the wrapper the scrolling box (Material's own runtime wrapper and the
  widgets' tables stop scrolling inside it).
- :func:`separate_blocks`: a line break between adjacent block elements, so text taken
  from the HTML (Material's search index) keeps words of different cells, items and
  paragraphs apart ("dégressif Nombre", not "dégressifNombre"). Browsers ignore that
  white space between blocks.

Both read HTML that Python-Markdown or scripts/render/widgets.py wrote and nh3 cleaned:
no comments, no raw ``<`` in text, attributes quoted.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_PERMALINK = re.compile(r"<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
# Closing tags of elements browsers lay out as blocks (or table parts, list items):
# white space after them never shows. Inline ones (a, span, output, ...) are left alone;
# a label only before a form control, another label (content tabs: flex items) or a block.
_BLOCK_END = re.compile(
    r"(</(?:p|li|dt|dd|ul|ol|dl|td|th|tr|thead|tbody|tfoot|caption|table|div|section|fieldset|legend|"
    r"h[1-6]|blockquote|details|summary|figure|figcaption|option|select)>|<br\s*/?>"
    r"|</label>(?=<(?:label|select|textarea|input|div|p|ul|ol|table)\b))(?=<)"
)
WRAPPER_CLASS = "kb-scroll"
# A calculator's form (scripts/render/widgets.py) and the attribute that keeps it out of the search index.
_WIDGET_FORM = re.compile(r"<form\b(?=[^>]*\sdata-calculator=)")
SEARCH_EXCLUDE = 'data-search-exclude="widget"'


def text_of(fragment: str) -> str:
    """The words of an HTML fragment: tags and permalinks dropped, entities read, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", _PERMALINK.sub("", fragment))).split())


def scrollable_tables(page_html: str, fallback_name: str = "") -> str:
    """Every table wrapped in a named, keyboard-focusable scrolling region."""
    headings = [(match.start(), text_of(match.group(2))) for match in _HEADING.finditer(page_html)]

    def wrap(match: re.Match) -> str:
        table = match.group(0)
        caption = _CAPTION.search(table)
        name = text_of(caption.group(1)) if caption else ""
        if not name:
            before = [text for start, text in headings if start < match.start() and text]
            name = before[-1] if before else fallback_name
        label = f' aria-label="{html.escape(name, quote=True)}"' if name else ""
        return f'<div class="{WRAPPER_CLASS}" role="region" tabindex="0"{label}>{table}</div>'

    return _TABLE.sub(wrap, page_html)


def separate_blocks(page_html: str) -> str:
    """A newline after each block element's end directly followed by a tag (never inside ``<pre>``)."""
    pres = [match.span() for match in _PRE.finditer(page_html)]

    def newline(match: re.Match) -> str:
        inside = any(start < match.start() < end for start, end in pres)
        return match.group(0) if inside else match.group(0) + "\n"

    return _BLOCK_END.sub(newline, page_html)


def unsearched_widgets(page_html: str) -> str:
    """Each calculator's form marked for Material's search to leave out (``data-search-exclude``).

    Its legends, labels, options, help texts and results made one search result fill the dialog;
    the page is still found by its title and introduction. Material's search plugin removes the
    attribute from the page once it has read it (scripts/site/search_index.py).
    """
    return _WIDGET_FORM.sub(f"<form {SEARCH_EXCLUDE}", page_html)


def finish(page_html: str, page_title: str = "") -> str:
    """What the ``on_page_content`` hook applies to every page, after cleaning."""
    return separate_blocks(scrollable_tables(unsearched_widgets(page_html), page_title))
