"""scripts/render/typography.py: in French pages, the space before : ; ? ! never breaks a line."""

from __future__ import annotations

import pytest

from scripts.render.typography import no_break_before_signs

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<p>Infomaniak : ajouter</p>", f"<p>Infomaniak{NBSP}: ajouter</p>"),
        ("<li>un produit ;</li>", f"<li>un produit{NNBSP};</li>"),
        ("<p>un projet ? Oui !</p>", f"<p>un projet{NNBSP}? Oui{NNBSP}!</p>"),
        ("<p><strong>Revenu</strong> ;\nla suite</p>", f"<p><strong>Revenu</strong>{NNBSP};\nla suite</p>"),
        ("<p>« {value} » : écrivez</p>", f"<p>« {{value}} »{NBSP}: écrivez</p>"),
        ("<p><code>x</code> : la suite</p>", f"<p><code>x</code>{NBSP}: la suite</p>"),
    ],
    ids=["colon", "semicolon-before-tag", "question-and-exclamation", "after-markup", "after-a-quote", "after-code"],
)
def test_the_space_before_a_sign_in_text_becomes_the_no_break_space_french_uses(page, expected):
    assert no_break_before_signs(page) == expected


@pytest.mark.parametrize(
    "page",
    [
        "<p><code>a ; b</code> et <pre><code>x : y</code></pre></p>",  # code as written
        '<a title="Aide : ici" href="guide?x=1">Aide</a>',  # attributes as written
        "<p>à 10:30, voir https://www.infomaniak.com/fr et ceci: cela</p>",  # no space before the sign
        "<p> : au début</p>",  # nothing before the space
        '<form class="kb-calculator" data-calculator="pricing"><p>Prix unitaire : 9,92 CHF ; fin</p></form>',  # a calculator
    ],
    ids=["code-and-pre", "attributes", "no-space", "start-of-text", "calculator-form"],
)
def test_code_attributes_and_signs_without_a_space_are_left_as_written(page):
    assert no_break_before_signs(page) == page


def test_text_after_a_code_element_is_read_again():
    page = "<p><code>a ; b</code> puis c ; d</p>"
    assert no_break_before_signs(page) == f"<p><code>a ; b</code> puis c{NNBSP}; d</p>"
