"""No translation becomes markup that runs: hostile text is refused at path:line, rendered HTML keeps only Markdown's."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from scripts.render import markdown as render
from scripts.render import safety, widgets
from scripts.site import generate
from scripts.sources import corpus
from scripts.sources.loader import SourceError, parse
from scripts.sources.tree import CALCULATORS, LANGUAGES, ROOT, Tree
from tests.scripts.hostile.support import site_markdown

from .test_render import ctx

# Each kind of executable markup a translator could paste, on one line (it must fit a title).
HOSTILE = {
    "script": ("<script>alert(1)</script>", "raw HTML '<script'"),
    "event-handler": ('<img src="x" onerror="alert(1)">', "raw HTML '<img'"),
    "attr-list-onclick": ('Cliquez **ici**{ onclick="alert(1)" }', "attribute list"),
    "attr-list-colon": ("Un paragraphe.{: .md-button }", "attribute list"),
    "javascript-link": ("[ici](javascript:alert(1))", "link to 'javascript:...'"),
    "entity-javascript": ("[ici](&#106;ava&#x73;cript&colon;alert(1))", "link to 'javascript:...'"),
    "split-javascript": ("[ici]( JaVa\nScript:alert(1))", "link to 'JaVaScript:...'"),
    "data-image": ("![logo](data:text/html;base64,PHNjcmlwdD4=)", "link to 'data:...'"),
    "vbscript-link": ("[ici](vbscript:msgbox(1))", "link to 'vbscript:...'"),
    "iframe": ('<iframe src="https://example.com"></iframe>', "raw HTML '<iframe'"),
    "object": ('<object data="x.swf"></object>', "raw HTML '<object'"),
    "embed": ('<embed src="x.swf">', "raw HTML '<embed'"),
    "svg": ("<svg/onload=alert(1)>", "raw HTML '<svg/onload=alert(1)'"),
    "closing-tag": ("</p><p onclick=alert(1)>", "raw HTML '</p'"),
    "comment": ("<!-- <script> -->", "raw HTML '<!--'"),
    "html-in-autolink-shape": ("<javascript:alert(1)>", "raw HTML '<javascript:alert(1)'"),
}

SAFE = [
    "Cliquez sur **Ajouter un client**, puis sur _Valider_.",
    "Voir [Moyens de paiement](guide:payment-methods) et le [calculateur](calculator:pricing#result).",
    "Ouvrez le [Manager](https://manager.infomaniak.com), écrivez à <partner@infomaniak.com> ou <https://www.infomaniak.com/fr>.",
    "Au moins {{ min_volume_chf }} par an, jusqu'à {{max_partner_discount}} de remise.",
    "Si 3 < 5 et 5 > 3, alors a < b est du texte; Web & Mail aussi.",
    "[Support](mailto:support@infomaniak.com) ou [téléphone](tel:+41228203544); [relatif](../autre/).",
    "- un\n- deux\n\n1. trois",
]


@pytest.mark.parametrize(("value", "expected"), HOSTILE.values(), ids=HOSTILE.keys())
def test_executable_markup_in_a_translation_is_named_with_the_fix(value, expected):
    problem = safety.check_text(value)
    assert problem is not None and expected in problem
    assert "write Markdown instead" in problem or "remove it" in problem or "link to an https://" in problem


@pytest.mark.parametrize("value", [
    "End &lt;/title&gt;&lt;script&gt;alert(document.domain)&lt;/script&gt;&lt;title&gt;",
    "Fin &#60;script&#62;", "Fin &#x3c;script&#x3E;", "Prix &amp; remise",
    "Fin &#60/title&#62 &#60script&#62 alert(1) &#60/script&#62", "Fin &#x3C script",
], ids=["named", "decimal", "hex", "harmless-but-still-an-entity", "decimal-without-semicolon", "hex-without-semicolon"])
def test_an_html_character_reference_is_refused_because_titles_decode_it(value):
    """Issue 11: the theme's striptags turns '&lt;script&gt;' in a title back into a <script> in <head>."""
    problem = safety.check_text(value)
    assert problem is not None and "HTML character reference" in problem and "write the character itself" in problem


def test_a_numeric_reference_without_semicolon_is_refused_because_the_markdown_completes_it():
    """Python-Markdown writes '&#60' back as '&#60;', which the theme's striptags then decodes into '<'."""
    assert markdown.markdown("# Fin &#60/title&#62 x").count("&#60;") == 1
    assert "HTML character reference '&#60'" in safety.check_text("Fin &#60/title&#62 x")


@pytest.mark.parametrize("value", ["R&D et AT&T", "Q&A: 3 < 5 & 5 > 3", "a &lt b, sans point-virgule"])
def test_an_ampersand_in_words_is_text(value):
    """A named reference needs its ';' to be completed by the Markdown: '&lt b' stays the text '&lt b'."""
    assert safety.check_text(value) is None
    assert "&amp;lt b" in markdown.markdown("a &lt b")


@pytest.mark.parametrize("name", ['Infomaniak Partner Program" autofocus onfocus="alert(1)" x="', 'Partner "Pro"', "Partner `x`"])
def test_a_site_name_that_could_leave_an_html_attribute_is_refused_at_its_line(name):
    text = f"# schema line\nsite_name: {json.dumps(name)}\n"
    [error] = safety.problems(parse(Path("docs/en/site.yml"), text))
    assert error.line == 2 and "site name may not hold the sign" in error.message


@pytest.mark.parametrize("value", [
    "> [more]: javascript:alert(1)\n\nsee [more]",
    "- [more]: javascript:alert(1)",
    "[more]:\n  javascript:alert(1)\n\n[x][more]",
], ids=["definition-in-a-quote", "definition-in-a-list", "address-on-the-next-line"])
def test_a_reference_definition_cannot_hide_a_javascript_link(value):
    """Issue 11: the destination is found by a CommonMark parser, wherever the definition stands."""
    problem = safety.check_text(value)
    assert problem is not None and problem.startswith("link to 'javascript:...' is not allowed")


@pytest.mark.parametrize("value", SAFE)
def test_the_markdown_translators_write_is_accepted(value):
    assert safety.check_text(value) is None


def test_message_parameters_are_plain_text_not_attribute_lists():
    """Calculator messages use {value}; only raw HTML is refused in those escaped texts."""
    assert safety.check_plain("« {value} » n'est pas un nombre; choisissez parmi {choices}.") is None
    assert "raw HTML" in safety.check_plain("<b>{value}</b>")


# --- Hostile text in every field type is refused at its line -----------------

GUIDE = """\
id: g
title: {title}
summary: {summary}
audience: both
prerequisites:
  - {prerequisite}
sections:
  - id: s
    title: {section_title}
    intro: {intro}
    steps:
      - {step}
      - text: {step_text}
        substeps:
          - {substep}
    notes:
      - {note}
    warnings:
      - {warning}
    variants:
      - role: client
        intro: {variant_intro}
        steps:
          - {variant_step}
      - role: partner
        notes:
          - {variant_note}
"""
GLOSSARY = """\
title: {title}
intro: {intro}
terms:
  - id: client
    term: {term}
    definition: {definition}
"""
SITE = """\
site_name: {site_name}
home:
  title: {home_title}
  intro: {home_intro}
  for_clients: Pour les clients
  for_partners: {for_partners}
  calculators: {calculators}
  more: Voir aussi
guides_index:
  title: Tous les guides
  intro: Tous.
labels:
  prerequisites: Prérequis
  related: Guides liés
  as_client: {as_client}
  as_partner: En tant que partenaire
  note: {note_label}
  warning: Attention
  audience_clients: Pour les clients
  audience_partners: Pour les partenaires
  audience_both: Pour tous
"""


def _fields(template: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", template)


def _fill(template: str, field: str, value: str) -> tuple[str, int]:
    """The template with ``value`` in ``field`` and harmless text elsewhere; the line of ``field``."""
    line = next(n for n, text in enumerate(template.splitlines(), start=1) if "{" + field + "}" in text)
    values = {name: json.dumps(value if name == field else f"Texte {name}.") for name in _fields(template)}
    return template.format(**values), line


def _render_guide(text: str) -> str:
    return render.guide(parse(Path("docs/fr/guides/g.yml"), text), ctx())


def _render_glossary(text: str) -> str:
    return render.glossary(parse(Path("docs/fr/glossary.yml"), text), ctx())


def _render_site(text: str) -> str:
    return render.home(parse(Path("docs/fr/site.yml"), text), [], {}, ctx(), [])


KINDS = {"guide": (GUIDE, _render_guide), "glossary": (GLOSSARY, _render_glossary), "site": (SITE, _render_site)}
CASES = [(kind, field) for kind, (template, _) in KINDS.items() for field in _fields(template)]


@pytest.mark.parametrize("payload", HOSTILE, ids=HOSTILE.keys())
@pytest.mark.parametrize(("kind", "field"), CASES, ids=[f"{k}-{f}" for k, f in CASES])
def test_hostile_text_in_any_field_stops_the_page_at_its_line(kind, field, payload):
    template, render_page = KINDS[kind]
    text, line = _fill(template, field, HOSTILE[payload][0])
    with pytest.raises(SourceError) as error:
        render_page(text)
    assert error.value.line == line
    assert HOSTILE[payload][1] in error.value.message
    assert str(error.value).startswith(f"docs/fr/{'guides/g' if kind == 'guide' else kind}.yml:{line}: ")


@pytest.mark.parametrize(("kind", "field"), CASES[:3], ids=[f"{k}-{f}" for k, f in CASES[:3]])
def test_the_same_fixtures_without_the_payload_render(kind, field):
    template, render_page = KINDS[kind]
    assert render_page(_fill(template, field, "Texte sûr, **gras**.")[0])


def test_a_hazard_deep_in_a_block_text_is_located_on_its_own_line(tmp_path):
    path = tmp_path / "docs" / "fr" / "guides" / "g.yml"
    path.parent.mkdir(parents=True)
    text = GUIDE.replace("    intro: {intro}\n", "    intro: |-\n      Ligne un.\n\n      Ligne <iframe src=x> trois.\n")
    path.write_text(_fill(text, "title", "Titre")[0], encoding="utf-8")
    with pytest.raises(SourceError) as error:
        render.guide(parse(path, path.read_text(encoding="utf-8")), ctx())
    assert error.value.line == 13 and "'<iframe'" in error.value.message


def test_a_source_is_refused_every_time_it_is_rendered_not_only_the_first():
    source = parse(Path("docs/fr/guides/g.yml"), _fill(GUIDE, "note", "<script>x</script>")[0])
    for _ in range(2):
        with pytest.raises(SourceError):
            render.guide(source, ctx())


# --- Calculator texts: Markdown title and intro checked, the rest escaped ------


def _calculator(name: str, change) -> tuple[str, dict]:
    path = ROOT / "docs" / "fr" / "calculators" / f"{name}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), data


@pytest.mark.parametrize(("field", "payload"), [("title", "script"), ("intro", "attr-list-onclick"), ("intro", "javascript-link")])
def test_a_calculator_title_or_intro_with_markup_is_refused(field, payload):
    text, _ = _calculator("pricing", lambda data: data.update({field: HOSTILE[payload][0]}))
    source = parse(Path("docs/fr/calculators/pricing.yml"), text)
    with pytest.raises(SourceError) as error:
        widgets.page("pricing", source, ctx(calculator_names=CALCULATORS))
    assert HOSTILE[payload][1] in error.value.message
    assert error.value.line == source.line_of((field,))


def test_raw_html_in_any_calculator_text_is_refused_at_its_line():
    text, _ = _calculator("pricing", lambda data: data["inputs"]["quantity"].update(label="<script>alert(1)</script>"))
    source = parse(Path("docs/fr/calculators/pricing.yml"), text)
    with pytest.raises(SourceError) as error:
        widgets.page("pricing", source, ctx(calculator_names=CALCULATORS))
    assert error.value.line == source.line_of(("inputs", "quantity", "label"))


@pytest.mark.parametrize("name", CALCULATORS)
def test_calculator_texts_are_escaped_in_the_widget_whatever_they_hold(name):
    """The second net for calculator texts: widgets.py escapes them, and the JSON setup cannot end its script element."""
    hostile = '<!--<script>alert("x")</script><img src=x onerror=alert(1)>'

    def poison(value):
        if isinstance(value, dict):
            return {key: key if key == "calculator" else poison(item) for key, item in value.items()}
        return hostile if isinstance(value, str) else value

    _, texts = _calculator(name, lambda data: data.update(poison(data)))
    html = widgets.form(name, texts, "fr")
    shown, _, setup = html.partition('<script type="application/json" class="kb-setup">')
    assert "<script" not in shown and "<img" not in shown and "<!--" not in shown
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in shown
    assert json.loads(setup.removesuffix("</form>").removesuffix("</script>"))["texts"]["title"] == hostile


def test_the_json_setup_cannot_swallow_the_page():
    _, texts = _calculator("pricing", lambda data: data.update(title='<!--<script>x</script>'))
    setup = widgets.form("pricing", texts, "fr").partition('class="kb-setup">')[2]
    assert "<!--" not in setup and "<script" not in setup.removesuffix("</script></form>")


# --- Every real source passes ---------------------------------------------------


def test_no_real_translation_is_refused():
    loaded, found = corpus.load(Tree()), []
    assert all(file.source is not None for files in loaded.files.values() for file in files.values())
    for lang in LANGUAGES:
        language = generate.language(loaded, lang)
        sources = [language.site, language.glossary, *language.guides.values(), *language.calculators.values()]
        for source in filter(None, sources):
            found.extend(str(e) for e in safety.problems(source))
    assert found == []


# --- clean_html: the allow-list over rendered HTML -------------------------------

DIRTY = {
    '<p>ok<script>alert(1)</script></p>': "<p>ok</p>",
    '<p onclick="alert(1)">ok</p>': "<p>ok</p>",
    '<a href="javascript:alert(1)" onmouseover="x()">ok</a>': "<a>ok</a>",
    '<a href="&#106;avascript:alert(1)">ok</a>': "<a>ok</a>",
    '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="a">': '<img alt="a">',
    '<iframe src="https://example.com"></iframe><object data="x"></object><embed src="x">': "",
    '<input type="text" name="q" onfocus="x()" autofocus>': '<input name="q">',
    '<style>body{display:none}</style><p style="color:red">x</p>': "<p>x</p>",
    '<form action="https://evil.example"><button formaction="x">go</button></form>': "go",
    '<td style="text-align: right; background: url(x)">1</td>': '<td style="text-align:right">1</td>',
    "<!-- hidden --><p>x</p>": "<p>x</p>",
}


@pytest.mark.parametrize(("dirty", "clean"), DIRTY.items(), ids=range(len(DIRTY)))
def test_clean_html_removes_what_could_run_or_load(dirty, clean):
    if dirty.startswith("<td"):
        dirty, clean = f"<table><tbody><tr>{dirty}</tr></tbody></table>", f"<table><tbody><tr>{clean}</tr></tbody></table>"
    assert safety.clean_html(dirty) == clean


class _Shape(HTMLParser):
    """Tags and attributes of a fragment, in order: what the reader's browser gets."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.shape: list = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.shape.append((tag, sorted((name, value or name) for name, value in attrs)))

    def handle_data(self, data):
        if data.strip():
            self.shape.append(data.strip())


@pytest.fixture(scope="module")
def site_html() -> dict[str, str]:
    """The HTML the site's Markdown makes of every generated page (before the hook cleans it), by page path."""
    pages, _ = generate.build_pages(corpus.load(Tree()))
    converter = site_markdown()
    return {path.relative_to(ROOT / "docs").as_posix(): converter.reset().convert(text) for path, text in pages.items()}


def test_clean_html_keeps_every_real_page_whole(site_html):
    """The allow-list covers what the site's Markdown makes: headings with permalinks, admonitions, tabs, tables, links."""
    checked = 0
    for path, html in site_html.items():
        if safety.is_generated_markup(path):
            continue
        assert _Shape(safety.clean_html(html)).shape == _Shape(html).shape, path
        checked += 1
    assert checked >= 5 * 4


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CALCULATORS)
def test_clean_html_keeps_every_calculator_page_whole(site_html, name, lang):
    """Issue 11: calculator pages are cleaned too; the widget markup is allowed by name, so nothing of it changes."""
    html = site_html[f"{lang}/calculators/{name}.md"]
    cleaned = safety.clean_html(html, widgets=True)
    assert _Shape(cleaned).shape == _Shape(html).shape
    assert '<script type="application/json" class="kb-setup">{"calculator": ' in cleaned
    assert re.search(r'<script src="(\.\./){2,3}assets/javascripts/calculators\.js"></script>', cleaned)
    # Without the widget allow-list, the same page loses its form: the allowance is what keeps it.
    assert "<form" not in safety.clean_html(html) and "<script" not in safety.clean_html(html)


# Allowed for widgets.py's markup although today's defaults do not show them (a disabled field, a checked box).
NOT_IN_TODAYS_PAGES = {("input", "disabled"), ("select", "disabled")}


def test_the_widget_allow_list_holds_nothing_the_widgets_do_not_make(site_html):
    found: set[tuple[str, str]] = set()

    class Inventory(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.add((tag, ""))
            found.update((tag, name) for name, _ in attrs)

    for path, html in site_html.items():
        if safety.is_generated_markup(path):
            Inventory().feed(html)
    allowed = {(tag, "") for tag in safety.WIDGET_TAGS}
    allowed |= {(tag, name) for tag, names in safety.WIDGET_ATTRIBUTES.items() if tag != "*" for name in names}
    allowed |= {(tag, name) for tag, rules in safety.WIDGET_ATTRIBUTE_VALUES.items() for name in rules}
    assert allowed - found == NOT_IN_TODAYS_PAGES
    anywhere = {name for _, name in found}
    assert safety.WIDGET_ATTRIBUTES["*"] <= anywhere


WIDGET_DIRTY = [
    '<p onclick="alert(1)" data-ready="x">ok</p>',
    '<form action="https://evil.example" data-calculator="pricing"><button formaction="x">go</button></form>',
    '<form data-worker="https://evil.example/w.mjs" data-runtime="data:text/javascript,alert(1)" data-state="ready"></form>',
    '<input type="hidden" name="q" onfocus="x()" autofocus>',
    '<input type="image" src="x" formaction="javascript:alert(1)">',
    "<script>alert(1)</script>",
    '<script type="application/json" class="kb-setup">alert(1)</script>',
    '<script type="application/json" class="kb-setup">{"a": 1}</script ><script>alert(1)</script>',
    '<script type="module" class="kb-setup">{}</script>',
    '<script src="https://evil.example/assets/javascripts/calculators.js"></script>',
    '<script src="../../assets/javascripts/calculators.js" onload="alert(1)"></script>',
    '<a href="javascript:alert(1)">x</a><a href="  JaVa&#x09;script:alert(1)">y</a>',
    '<output name="x" onfocus="alert(1)" tabindex="0" contenteditable>1</output>',
    '<select name="x" onchange="alert(1)"><option value="1" onclick="alert(1)">1</option></select>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe><object data="x"></object><embed src="x">',
    '<svg><script>alert(1)</script></svg><math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<style>*{}</style><p style="background:url(javascript:alert(1))">x</p>',
]


class _Executable(HTMLParser):
    """What a browser could run or load from a fragment: scripts, handlers, javascript:/data: URLs, frames."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "data-worker", "data-runtime", "srcdoc", "xlink:href"}

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes == {"type": "application/json", "class": "kb-setup"}:
                self._script = True
            elif not re.fullmatch(r"(\.\./){2,3}assets/javascripts/calculators\.js", attributes.get("src") or "") or len(attributes) != 1:
                self.found.append(f"<script {attributes}>")
        # Inline SVG shapes and text run nothing (the pricing pictures); what in SVG loads or runs is listed.
        if tag in {"iframe", "object", "embed", "math", "style", "base", "meta", "link", "button",
                   "foreignobject", "use", "image", "animate", "set"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            url = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or name in {"style", "srcdoc", "formaction", "action", "contenteditable"}:
                self.found.append(f"{tag}[{name}]")
            elif name in self.URL_ATTRIBUTES and (url.startswith(("javascript:", "data:", "vbscript:")) or "//" in url):
                self.found.append(f"{tag}[{name}={value}]")

    def handle_data(self, data):
        if self._script:  # a kept setup is JSON data, nothing else
            try:
                json.loads(data)
            except ValueError:
                self.found.append(f"setup {data[:40]!r}")
            self._script = False


@pytest.mark.parametrize("dirty", WIDGET_DIRTY, ids=range(len(WIDGET_DIRTY)))
def test_the_widget_allow_list_still_removes_what_could_run_or_load(dirty):
    assert _Executable(dirty).found  # the detector sees what is wrong with the input
    assert _Executable(safety.clean_html(dirty, widgets=True)).found == []


def test_a_generated_script_is_kept_only_in_its_exact_form():
    setup = '<script type="application/json" class="kb-setup">{"calculator": "pricing"}</script>'
    glue = '<script src="../../../assets/javascripts/calculators.js"></script>'
    assert safety.clean_html(f"<form>{setup}</form>{glue}", widgets=True) == f"<form>{setup}</form>{glue}"
    assert safety.clean_html(f"<form>{setup}</form>{glue}") == ""
    assert safety.clean_html(setup.replace("pricing", "</script><script>alert(1)//"), widgets=True).count("<script") == 0


def test_hostile_words_in_a_calculator_yaml_never_reach_the_page_as_markup():
    """Issue 11: the entity form is refused at its line; the attribute breaker is escaped text; the net removes the rest."""
    text, _ = _calculator("pricing", lambda data: data["inputs"]["quantity"].update(label="Nombre &lt;script&gt;alert(1)&lt;/script&gt;"))
    source = parse(Path("docs/fr/calculators/pricing.yml"), text)
    with pytest.raises(SourceError) as error:
        widgets.page("pricing", source, ctx(calculator_names=CALCULATORS))
    assert error.value.line == source.line_of(("inputs", "quantity", "label")) and "HTML character reference" in error.value.message
    breaker = 'Nombre" onclick="alert(1)" x="'
    text, _ = _calculator("pricing", lambda data: [data["inputs"]["quantity"].update(label=breaker, help=breaker),
                                                   data["status"].update(loading=breaker)])
    source = parse(Path("docs/fr/calculators/pricing.yml"), text)
    page = site_markdown().reset().convert(widgets.page("pricing", source, ctx(calculator_names=CALCULATORS)))
    cleaned = safety.clean_html(page, widgets=True)
    assert _Executable(cleaned).found == []
    assert 'data-loading="Nombre&quot; onclick=&quot;alert(1)&quot; x=&quot;"' in cleaned
    assert _Shape(cleaned).shape == _Shape(page).shape


def test_calculator_pages_get_the_widget_allow_list_other_pages_do_not():
    assert safety.is_generated_markup("calculators/pricing.md")
    assert safety.is_generated_markup("de/calculators/access.md")
    assert not safety.is_generated_markup("guides/calculators-explained.md")
    assert not safety.is_generated_markup("en/glossary.md")


@pytest.mark.build
def test_a_built_guide_keeps_its_tabs_admonitions_links_and_permalinks(built_site):
    page = (built_site / "guides" / "end-a-partnership" / "index.html").read_text(encoding="utf-8")
    content = page[page.index('<article class="md-content__inner'):page.index("</article>")]
    assert 'class="tabbed-set tabbed-alternate"' in content
    assert re.search(r'<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio"\s*/?>', content)
    assert '<label for="__tabbed_1_2">' in content
    permalink = yaml.safe_load((ROOT / "docs" / "fr" / "site.yml").read_text(encoding="utf-8"))["ui"]["permalink"]  # issue 13
    assert f'<a class="headerlink" href="#stop-collaboration" title="{permalink}">¶</a>' in content
    assert '<a href="https://manager.infomaniak.com">' in content
    assert '<a href="../modify-partner-access/">' in content
    guide = (built_site / "guides" / "add-a-client" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="admonition (info|note|warning)">\s*<p class="admonition-title">', guide)


@pytest.mark.parametrize("value", [
    "[le Manager](https://manager.infomaniak.com) puis\n\n[more]: javascript:alert(1)",
    "[more]: javascript:alert(1)\n\nVoir [le Manager](https://manager.infomaniak.com) et [more].",
], ids=["definition-after-an-inline-link", "definition-before-an-inline-link"])
def test_a_reference_definition_beside_an_inline_link_is_judged_too(value):
    problem = safety.check_text(value)
    assert problem is not None and problem.startswith("link to 'javascript:...' is not allowed")


def test_quotes_and_backticks_are_refused_in_the_site_name_only():
    text = '# schema line\nsite_name: "Partner"\nhome:\n  title: \'Cliquez sur "OK" puis `Enregistrer`\'\n'
    assert safety.problems(parse(Path("docs/en/site.yml"), text)) == []
    [error] = safety.problems(parse(Path("docs/en/site.yml"), text.replace('"Partner"', "'Partner \"Pro\"'")))
    assert error.line == 2 and "site name may not hold the sign" in error.message
