"""Build-time accessibility touches: named, focusable table regions; blocks kept apart for search."""

from __future__ import annotations

import re

from scripts.render import a11y

GUIDE = (
    '<h1 id="t">Remise<a class="headerlink" href="#t" title="Permanent link">¶</a></h1>'
    '<h2 id="ex">Exemple chiffré<a class="headerlink" href="#ex" title="Permanent link">¶</a></h2>'
    "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>dégressif</td><td>25 %</td></tr></tbody></table>"
)


def test_a_table_is_wrapped_in_a_focusable_region_named_after_its_heading():
    out = a11y.scrollable_tables(GUIDE, "Page")
    assert '<div class="kb-scroll" role="region" tabindex="0" aria-label="Exemple chiffré"><table>' in out
    assert out.endswith("</table></div>")


def test_a_caption_names_the_region_before_any_heading():
    out = a11y.scrollable_tables('<h2 id="h">Titre</h2><table class="kb-compare"><caption>Types d\'accès &amp; co</caption></table>')
    assert 'aria-label="Types d&#x27;accès &amp; co"' in out


def test_without_caption_or_heading_the_page_title_names_it():
    assert 'aria-label="Statut"' in a11y.scrollable_tables("<p>x</p><table><tr><td>1</td></tr></table>", "Statut")


def test_every_table_of_a_page_is_wrapped_once():
    out = a11y.scrollable_tables(GUIDE + "<p>entre</p>" + GUIDE, "Page")
    assert out.count('<div class="kb-scroll"') == 2 == out.count("<table>")


def test_cells_items_and_paragraphs_are_separated_but_inline_markup_is_not():
    out = a11y.separate_blocks(GUIDE + "<ul><li>un</li><li>deux</li></ul><p>a<strong>b</strong></p>")
    text = re.sub(r"<[^>]*>", "", out)
    assert "dégressif\n25 %" in text and "un\ndeux" in text
    assert "ab" in text  # <strong> inside a paragraph stays glued to its word


def test_code_blocks_are_left_as_written():
    code = "<pre><code><p>a</p><p>b</p></code></pre>"
    assert a11y.separate_blocks(code) == code


def test_a_form_label_is_separated_from_its_select():
    out = a11y.separate_blocks('<label for="c">Devise</label><select id="c"><option>Franc suisse</option></select>')
    assert "Devise</label>\n<select" in out
