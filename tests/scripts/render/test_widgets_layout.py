"""The widget's markup for issue 13 (scripts/render/widgets.py): two columns, a summary that repeats the main
result under the same names, the access comparison as cards too, a neutral eligibility form, the decimal signs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml
from babel.numbers import get_decimal_symbol

from calculators import access
from scripts.render import widgets
from scripts.sources.tree import CALCULATORS, LANGUAGES, ROOT


def texts(lang: str, name: str) -> dict:
    data = yaml.safe_load((ROOT / "docs" / lang / "calculators" / f"{name}.yml").read_text(encoding="utf-8"))
    data.pop("source_hash", None)
    return data


class _Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CALCULATORS)
def test_the_summary_repeats_the_main_result_with_its_name_and_is_hidden_from_assistive_technologies(lang, name):
    html = widgets.form(name, texts(lang, name), lang)
    summary = re.search(r'<div class="kb-summary" aria-hidden="true">(.*?)</div>', html).group(1)
    elements = _Elements(html).elements
    ids = {attrs["id"]: index for index, (_, attrs) in enumerate(elements) if "id" in attrs}
    for output in widgets.SUMMARY[name]:
        copies = [attrs for tag, attrs in elements if tag == "output" and attrs.get("name") == output]
        assert len(copies) == 2  # the full result and its summary
        assert {attrs["aria-labelledby"] for attrs in copies} == {f"{name}-result-{output.replace('_', '-')}"}
        assert copies[0]["aria-labelledby"] in ids
        assert f'name="{output}"' in summary
        label = texts(lang, name)["results"][output]["label"]
        assert re.search(rf'<th scope="row" id="{copies[0]["aria-labelledby"]}">{re.escape(label)}</th>', html.replace("&#x27;", "'"))
    # Two columns' worth: the inputs, then the result beside them.
    assert html.index('<div class="kb-main">') < html.index('<div class="kb-aside">') < html.index('<section class="kb-results"')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_access_comparison_is_also_one_card_per_column(lang):
    words = texts(lang, "access")
    cards = widgets.comparison_cards(words)
    columns = [column["id"] for column in access.compare()["columns"]]
    assert cards.count('<div class="kb-card"') == len(columns)
    for column in columns:
        assert f'data-current-when="column={column}"' in cards
    assert cards.count("<dt>") == len(columns) * len(words["capabilities"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_eligibility_form_says_not_answered_yet_in_the_readers_language(lang):
    words = texts(lang, "eligibility")
    html = widgets.form("eligibility", words, lang)
    assert html.count(f'<span class="kb-unanswered">{words["messages"]["unanswered"]}</span>'.replace("'", "&#x27;")) == len(words["conditions"])
    verdict = f'<span class="kb-unanswered">{words["messages"]["unanswered_verdict"]}</span>'.replace("'", "&#x27;")
    assert html.count(verdict) == 2  # the verdict and its summary
    assert 'class="kb-not-eligible"' in html


def test_the_form_carries_each_languages_decimal_sign_for_the_language_switcher():
    html = widgets.form("pricing", texts("de", "pricing"), "de")
    signs = dict(pair.split("=") for pair in re.search(r'data-decimals="([^"]*)"', html).group(1).split("&amp;"))
    assert signs == {lang: get_decimal_symbol(locale) for lang, locale in LANGUAGES.items()}
