"""placeholders: {{ facts }} known, well formed and the same as fr's; widget {parameters} fr's and snake_case."""

from __future__ import annotations

import re

import pytest

from scripts.checks.placeholders import miswritten
from scripts.sources.tree import LANGUAGES
from tests.scripts.checks.support import GUIDE, line_of, only, replace, rewrite, run, where
from tests.scripts.fixtures.kb_tree import WIDGET, stamped, text_of, write


def test_a_placeholder_of_fr_missing_in_the_translation_is_reported(tree):
    text = rewrite(tree, "de", GUIDE, add_summary="Wie man einen Kunden einlädt; der Rabatt erreicht 35 %.")
    finding = only(run(tree, "placeholders"))
    assert finding.line == line_of(text, "summary:")
    assert "{{ max_partner_discount }} is missing" in finding.message


def test_a_placeholder_fr_does_not_have_is_reported(tree):
    text = rewrite(tree, "en", GUIDE, add_title="Add a client ({{ min_volume_chf }})")
    finding = only(run(tree, "placeholders"))
    assert where(finding) == (f"docs/en/{GUIDE}", line_of(text, "min_volume_chf"), "placeholders")
    assert "{{ min_volume_chf }} is not in fr" in finding.message


def test_an_unknown_placeholder_is_reported_with_the_closest_name(tree):
    for lang in LANGUAGES:  # even where every language agrees
        words = text_of(lang, GUIDE).split("summary: ")[1].split("\n")[0].strip('"')
        rewrite(tree, lang, GUIDE, add_summary=words.replace("max_partner_discount", "max_discount"))
    findings = run(tree, "placeholders")
    assert len(findings) == len(LANGUAGES)
    assert all("unknown placeholder {{ max_discount }} — write {{ max_partner_discount }}" in f.message for f in findings)


def test_a_malformed_placeholder_is_reported(tree):
    rewrite(tree, "it", GUIDE, add_title="Aggiungere un cliente {{ min_volume_chf }")
    assert "not closed or opened properly" in only(run(tree, "placeholders")).message


def test_spacing_inside_a_placeholder_does_not_matter(tree):
    text = text_of("de", GUIDE).replace("{{ max_partner_discount }}", "{{max_partner_discount}}")
    write(tree, "de", GUIDE, stamped("de", GUIDE, text))
    assert run(tree, "placeholders") == []


def test_a_widget_placeholder_must_match_fr(widget_tree):
    text = rewrite(widget_tree, "de", WIDGET, too_small="Geben Sie mindestens {minimum} Hosting an.")
    findings = run(widget_tree, "placeholders")
    assert {f.line for f in findings} == {line_of(text, "quantity.too_small")}
    assert {re.search(r"\{\w+\} is (missing|not in fr)", f.message).group() for f in findings} == {
        "{min} is missing", "{minimum} is not in fr",
    }


@pytest.mark.parametrize(("lang", "written"), [("de", "Min"), ("es", "MIN")])
def test_a_widget_brace_word_that_is_no_snake_case_parameter_is_reported(widget_tree, lang, written):
    # the widget fills {min} only: {Min} would reach the reader as written
    text = replace(widget_tree, lang, WIDGET, "{min}", f"{{{written}}}")
    finding = only(run(widget_tree, "placeholders"))
    assert where(finding) == (f"docs/{lang}/{WIDGET}", line_of(text, f"{{{written}}}"), "placeholders")
    assert f"{{{written}}} is not a parameter the widget fills" in finding.message
    assert finding.message.endswith("— write {min}")  # and not also "{min} is missing"


@pytest.mark.parametrize(
    ("text", "found"),
    [("{Min}", {"Min": "min"}), ("{minValue} {MaxValue}", {"minValue": "min_value", "MaxValue": "max_value"}),
     ("{2}", {"2": ""}), ("{min} {{ fact }}", {})],
)
def test_a_miswritten_parameter_is_read_with_the_name_it_likely_means(text, found):
    assert miswritten(text) == found


def test_a_brace_figure_in_a_widget_text_is_no_parameter(widget_tree):
    replace(widget_tree, "fr", WIDGET, "{min}", "{min} {2}")
    finding = only(run(widget_tree, "placeholders"))
    assert "{2} is not a parameter" in finding.message
    assert "write a lower-case snake_case name" in finding.message


def test_a_placeholder_written_with_yaml_escapes_is_read_as_the_reader_gets_it(tree):
    # Files whose raw text holds no brace at all, fr's included: "\x7b" is one once YAML has read it.
    write(tree, "fr", GUIDE, re.sub(r"\{\{[^}]*\}\}", "", text_of("fr", GUIDE)))
    text = re.sub(r"\{\{[^}]*\}\}", "", rewrite(tree, "de", GUIDE))
    text = text.replace(text.split("\n")[line_of(text, "title:") - 1], 'title: "Kunde \\x7b\\x7b max_discount \\x7d\\x7d"')
    write(tree, "de", GUIDE, text)
    assert "{" not in text and "}" not in text
    findings = run(tree, "placeholders")
    assert any(
        f.line == line_of(text, "title:") and "unknown placeholder {{ max_discount }}" in f.message for f in findings
    ), "\n".join(map(str, findings))
