"""What the hostile-translator properties share (issue 11).

A copy of the reference language's sources to write one hostile text into at a time; the verdict
of ``kb check`` on that file; the HTML its pages become (rendered, converted by the site's Markdown,
cleaned as the build's hook cleans them, and placed where the theme prints titles and the site
name); and a judge of that HTML that reads it with a real HTML parser.

The property of every family: a hostile text is either refused by ``kb check`` at a line inside
its own file, with the expected check id, or every page it reaches holds nothing a browser would
run (no script but the widgets' own, no ``on*=`` attribute, no ``javascript:``/``data:``/
``vbscript:`` address) and no forbidden character.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, settings
from markupsafe import Markup

from scripts.checks import runner
from scripts.render import safety
from scripts.site import generate
from scripts.sources.tree import REFERENCE, ROOT, Tree

# Few examples per property (each one runs `kb check` on a copy and renders its pages); nothing stored on disk.
HOSTILE = settings(max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
# English number conventions, as the build gives them to a widget (scripts/render/formatting.py).
SPEC_EN = {"locale": "en", "decimal": ".", "group": ",", "groups": [","], "grouping": 3,
           "money": {"prefix": "\u00a4", "suffix": ""}, "percent": {"prefix": "", "suffix": "%"},
           "symbols": {"CHF": "CHF", "EUR": "\u20ac"}}  # fmt: skip

# The list, written here from Unicode's tables rather than taken from the checker: C0 and C1
# controls (a newline aside), bidirectional controls and marks, invisible formatting characters,
# tag characters, lone surrogates.
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f"  # C0 (tab included: a text never needs one), DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u200b-\u200d\u2060-\u2064\ufeff"  # zero-width space, joiners, word joiner, invisible operators, BOM
    "\U000e0000-\U000e007f"  # tag characters
    "\ud800-\udfff]"  # lone surrogates
)
EXECUTABLE_SCHEMES = ("javascript:", "data:", "vbscript:")
# An <svg> drawing (the calculators' pictures, the theme's icons) runs nothing by itself; inside one, these
# elements can run or load something (a foreign document, another file, an animated javascript: address).
# Its <script> and its on* attributes are judged like any other. Tag names as html.parser gives them (lower case).
_SVG_ACTIVE = frozenset({"foreignobject", "use", "image", "animate", "set", "animatemotion", "animatetransform", "handler", "listener"})
# Browsers drop these anywhere in a URL (tabs, newlines) or before it (controls and spaces).
_URL_IGNORED = re.compile(r"[\t\n\r]|^[\x00-\x20]+")
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                             "data-worker", "data-runtime"})  # fmt: skip
_JS_TYPES = frozenset({"", "module", "text/javascript", "application/javascript"})  # what a browser runs
_WIDGET_GLUE = re.compile(r"(\.\./){2,3}assets/javascripts/calculators\.js")


class Judge(HTMLParser):
    """Everything in an HTML document that a browser could run, and every forbidden character.

    ``theme_scripts``: for a whole built page, the inline scripts the templates write (allowed as they
    are), and scripts loaded from the site itself (a relative ``src``)."""

    def __init__(self, theme_scripts: frozenset[str] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.executable: list[str] = []
        self.characters: list[str] = []
        self._theme_scripts = theme_scripts
        self._script: str | None = None  # the kind of script element whose text comes next

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script":
            src = attributes.get("src")
            if attributes == {"type": "application/json", "class": "kb-setup"}:
                self._script = "setup"  # the widget's setup: data, judged as JSON below
            elif set(attributes) == {"src"} and _WIDGET_GLUE.fullmatch(src or ""):
                pass  # the widget's glue, from the site itself
            elif self._theme_scripts is not None and attributes.get("type", "").lower() not in _JS_TYPES:
                pass  # data for the theme's own code (Material's __config JSON), never run
            elif self._theme_scripts is not None and src is None:
                self._script = "inline"
            elif self._theme_scripts is not None and src and not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", src.strip()):
                pass  # a script file of the site itself
            else:
                self.executable.append(f"<script {attributes}>")
        elif tag in {"iframe", "frame", "object", "embed", "base", "math", "style", "link", "meta"} | _SVG_ACTIVE:
            if self._theme_scripts is None or tag in {"iframe", "frame", "object", "embed", "base"} | _SVG_ACTIVE:
                self.executable.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            # A whole page: the theme's own style attributes and search form (its action is judged as an address below).
            theme_own = self._theme_scripts is not None and name in {"style", "action"}
            if name.startswith("on") or (name in {"srcdoc", "formaction", "action", "style"} and not theme_own):
                self.executable.append(f"<{tag} {name}={value!r}>")
            if name in _URL_ATTRIBUTES and _URL_IGNORED.sub("", value).lower().startswith(EXECUTABLE_SCHEMES):
                self.executable.append(f"<{tag} {name}={value!r}>")
            self._characters(f"{tag}[{name}]", value)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script == "inline":  # an empty inline script: nothing to run
            self._script = None

    def handle_data(self, data: str) -> None:
        kind, self._script = self._script, None
        if kind == "setup":
            try:
                json.loads(data)
            except ValueError:
                self.executable.append(f"setup that is not JSON: {data[:60]!r}")
        elif kind == "inline" and data not in (self._theme_scripts or ()):
            self.executable.append(f"inline script no template writes: {data[:80]!r}")
        self._characters("text", data)

    def _characters(self, where: str, value: str) -> None:
        found = FORBIDDEN.search(value)
        if found:
            self.characters.append(f"{where}: U+{ord(found.group(0)):04X}")


# A numeric character reference: Python's parser drops those of controls, browsers keep the character.
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def judge(html: str, theme_scripts: frozenset[str] | None = None) -> Judge:
    found = Judge(theme_scripts)
    for match in _NUMERIC_REFERENCE.finditer(html):
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if code <= 0x10FFFF and FORBIDDEN.match(chr(code)):
            found.characters.append(f"reference {match.group(0)}")
    found.feed(html)
    found.close()
    return found


def assert_inert(html: str, *, characters: bool = True) -> None:
    found = judge(html)
    assert found.executable == [], found.executable
    if characters:
        assert found.characters == [], found.characters


# --- The theme's own places: the page <title> (through striptags) and the site name in attributes ----------


def with_theme(page_html: str, site_name: str) -> str:
    """``page_html`` as Material places it: its h1 in ``<title>`` through ``striptags`` (which decodes
    entities back into markup), the site name unescaped in an ``aria-label`` and in the header."""
    titles = re.findall(r"<h1[^>]*>(.*?)</h1>", page_html, re.DOTALL)
    title = Markup(re.sub(r'<a class="headerlink".*?</a>', "", titles[0])).striptags() if titles else ""  # noqa: S704 - the theme does it
    return (
        f"<html><head><title>{title} - {site_name}</title></head><body>"
        f'<a href="." title="{site_name}" aria-label="{site_name}">x</a><span>{site_name}</span>'
        f"{page_html}</body></html>"
    )


# --- A copy of the reference language, one hostile text at a time ------------------------------------------

_MARKDOWN: markdown.Markdown | None = None


def site_markdown() -> markdown.Markdown:
    """The site's Markdown (mkdocs.yml's extensions and their options), made once."""
    global _MARKDOWN  # noqa: PLW0603 - one converter for the whole session: building it costs more than a page
    if _MARKDOWN is None:
        config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        names, configs = [], {}
        for entry in config["markdown_extensions"]:
            name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
            names.append(name)
            configs[name] = options
        _MARKDOWN = markdown.Markdown(extensions=names, extension_configs=configs)
    return _MARKDOWN


def pages_of(key: str) -> tuple[str, ...]:
    """The pages (relative to the language folder) where a text of source ``key`` shows."""
    if key.startswith("guides/"):
        return (key.replace(".yml", ".md"), "guides/index.md", "index.md")
    if key.startswith("calculators/"):
        return (key.replace(".yml", ".md"), "index.md")
    if key == "glossary.yml":
        return ("glossary.md",)
    return ("index.md", "guides/index.md", "guides/end-a-partnership.md", "calculators/eligibility.md", "glossary.md")


@dataclass
class Verdict:
    """What became of one hostile text: refused (the findings on its file) or the HTML of its pages."""

    path: str
    findings: list[runner.Finding] = field(default_factory=list)
    render_errors: list[str] = field(default_factory=list)
    html: dict[str, str] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return bool(self.findings or self.render_errors)


@dataclass
class Workspace:
    """A copy of ``docs/fr`` (the sources only) in which one file at a time is rewritten."""

    root: Path

    @classmethod
    def make(cls, target: Path) -> Workspace:
        shutil.copytree(ROOT / "docs" / REFERENCE, target / "docs" / REFERENCE, ignore=shutil.ignore_patterns("*.md"))
        return cls(target)

    @property
    def tree(self) -> Tree:
        return Tree(self.root)

    def original(self, key: str) -> str:
        return (ROOT / "docs" / REFERENCE / key).read_text(encoding="utf-8")

    def shown(self, key: str) -> str:
        return f"docs/{REFERENCE}/{key}"

    @contextmanager
    def written(self, key: str, content: str | bytes) -> Iterator[Path]:
        path = self.root / "docs" / REFERENCE / key
        before = path.read_bytes()
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        try:
            yield path
        finally:
            path.write_bytes(before)

    def verdict(self, key: str, content: str | bytes, *, render: bool = True) -> Verdict:
        """``kb check``'s findings on ``key`` written as ``content``; without any, the HTML of its pages."""
        with self.written(key, content):
            report = runner.report(self.tree)
        shown = self.shown(key)
        found = Verdict(shown, [f for f in report.findings if f.path == shown and f.is_error])
        if found.findings or not render:
            return found
        from calculators.placeholders import placeholders
        from scripts.render.tables import TABLES

        errors: list = []
        language = generate.language(report.corpus, REFERENCE)
        pages = generate.render_language(language, placeholders(), TABLES, errors, only=pages_of(key))
        found.render_errors = [str(error) for error in errors if str(error).startswith(shown + ":")]
        assert not [e for e in errors if not str(e).startswith(shown + ":")], errors  # only the hostile file fails
        site_name = language.site.data["site_name"]
        converter = site_markdown()
        for relative, text in pages.items():
            html = safety.clean_html(converter.reset().convert(text), widgets=safety.is_generated_markup(relative))
            found.html[relative] = with_theme(html, site_name)
        return found


def file_lines(content: str | bytes) -> int:
    data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    return data.count(b"\n") + 1


# --- Writing a value into a YAML source -----------------------------------------------------------------------


def value_span(text: str, where: tuple) -> tuple[int, int, int, int]:
    """(start index, end index, line, column) of the value node at ``where`` in ``text`` (1-based line)."""
    node = yaml.compose(text)
    for step in where:
        if isinstance(node, yaml.MappingNode):
            node = next(value for key, value in node.value if key.value == step)
        else:
            node = node.value[step]
    start, end = node.start_mark, node.end_mark
    return start.index, end.index, start.line + 1, start.column


def key_column(text: str, index: int) -> int:
    """The indentation of the line holding ``index``."""
    line = text[text.rfind("\n", 0, index) + 1:index]
    return len(line) - len(line.lstrip(" -"))


def scalar(value: str, style: str, indent: int) -> str:
    """``value`` written as a YAML scalar: "double" (JSON's escapes, characters raw), "escaped" (every
    non-ASCII character as a \\u escape), "single", "plain" or "block" (literal ``|-``)."""
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    if style == "escaped":
        return json.dumps(value, ensure_ascii=True)
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "plain":
        return value
    if style == "block":
        pad = " " * (indent + 2)
        return "|-\n" + "\n".join(pad + line if line else "" for line in value.split("\n"))
    raise ValueError(style)


def with_value(text: str, where: tuple, value: str, style: str = "double") -> tuple[str, int, int]:
    """``text`` with the value at ``where`` replaced; the first and last line the new value takes."""
    start, end, line, _ = value_span(text, where)
    written = scalar(value, style, key_column(text, start))
    if text[start:end].endswith("\n"):  # a block scalar's span ends after its last line break
        written += "\n"
    new = text[:start] + written + text[end:]
    return new, line, line + written.rstrip("\n").count("\n")


# Where a translator's text lands, by kind: (source key, path in it). Single-line in fr, so the value's
# line is the line a finding must name.
TITLES = [
    ("guides/end-a-partnership.yml", ("title",)),
    ("guides/add-a-client.yml", ("sections", 0, "title")),
    ("site.yml", ("home", "title")),
    ("site.yml", ("guides_index", "title")),
    ("glossary.yml", ("title",)),
    ("calculators/pricing.yml", ("title",)),
    ("calculators/access.yml", ("title",)),
]
LABELS = [
    ("site.yml", ("labels", "prerequisites")),
    ("site.yml", ("labels", "as_client")),
    ("site.yml", ("home", "for_clients")),
    ("calculators/pricing.yml", ("inputs", "quantity", "label")),
    ("calculators/eligibility.yml", ("status", "loading")),
    ("glossary.yml", ("terms", 0, "term")),
]
SITE_NAME = ("site.yml", ("site_name",))
# Texts rendered as Markdown (links, block structure).
MARKDOWN_TEXTS = [
    ("guides/end-a-partnership.yml", ("summary",)),
    ("guides/end-a-partnership.yml", ("sections", 0, "intro")),
    ("site.yml", ("home", "intro")),
    ("glossary.yml", ("terms", 0, "definition")),
    ("calculators/pricing.yml", ("intro",)),
]


def assert_refused_or_inert(verdict: Verdict, content: str | bytes, lines: range, checks: set[str]) -> str:
    """The property of every family: refused at a line inside the file with one of ``checks`` (and one
    finding within ``lines``, where the hostile value stands), or inert wherever it shows. Which one."""
    last = file_lines(content)
    if verdict.findings:
        shown = [str(f) for f in verdict.findings]
        assert all(1 <= f.line <= last for f in verdict.findings), shown
        assert any(f.line in lines and f.check in checks for f in verdict.findings), (lines, checks, shown)
        return "refused"
    if verdict.render_errors:  # refused by the page's renderer: still path:line
        assert all(re.match(rf"{re.escape(verdict.path)}:(\d+): ", e) for e in verdict.render_errors), verdict.render_errors
        assert any(int(e[len(verdict.path) + 1:].split(":")[0]) in lines for e in verdict.render_errors), verdict.render_errors
        return "refused"
    assert verdict.html, "nothing was rendered"
    for html in verdict.html.values():
        assert_inert(html)
    return "sanitized"
