"""The coverage matrix: each file in each language is ok, stale, errors or missing, as the checker says."""

from __future__ import annotations

import json

import pytest

from scripts.checks import runner as checks
from scripts.render import status
from scripts.sources import corpus
from scripts.sources.tree import LANGUAGES
from tests.scripts.fixtures.kb_tree import FACTS, STATUS_WORDS, make_tree, text_of, write

GUIDE = "guides/add-a-client.yml"


@pytest.fixture
def table(tmp_path) -> status.Matrix:
    """fr ok; en stale (never stamped); de with an error; it missing a guide; es ok."""
    tree = make_tree(tmp_path)
    write(tree, "en", GUIDE, text_of("en", GUIDE))
    text = (tree.lang_dir("de") / GUIDE).read_text(encoding="utf-8")
    (tree.lang_dir("de") / GUIDE).write_text(text.replace("audience: partners", "audience: clients"), encoding="utf-8")
    (tree.lang_dir("it") / GUIDE).unlink()
    return status.matrix(checks.report(tree, facts=FACTS))


def test_each_cell_is_the_worst_state_of_its_file(table):
    row = next(r for r in table.rows if r.key == GUIDE)
    assert row.cells == {"fr": "ok", "en": "stale", "de": "errors", "it": "missing", "es": "ok"}


def test_rows_are_guides_then_site_glossary_and_widget_texts(tmp_path, monkeypatch):
    monkeypatch.setitem(corpus.SCHEMAS, "calculator", "no-such-schema")
    table = status.matrix(checks.report(make_tree(tmp_path, widgets=True), facts=FACTS))
    assert [row.key for row in table.rows] == [
        "guides/access-types.yml", "guides/add-a-client.yml", "site.yml", "glossary.yml", "calculators/pricing.yml",
    ]
    assert all(state == "ok" for row in table.rows for state in row.cells.values())


def test_a_file_only_a_translation_has_is_missing_in_fr_and_an_error_there(tmp_path):
    tree = make_tree(tmp_path)
    write(tree, "de", "guides/extra.yml", text_of("de", "guides/access-types.yml").replace("access-types", "extra", 1))
    row = next(r for r in status.matrix(checks.report(tree, facts=FACTS)).rows if r.key == "guides/extra.yml")
    assert row.cells["fr"] == "missing" and row.cells["de"] == "errors"


def test_counts_per_language(table):
    # it: add-a-client missing, and access-types' related link to it is an error
    assert table.counts("it") == {"ok": 2, "errors": 1, "missing": 1}
    assert table.counts("fr") == {"ok": 4}


def test_the_text_table_has_a_column_per_language_and_a_line_per_file(table):
    lines = status.text(table).splitlines()
    assert lines[0].split() == ["file", *LANGUAGES]
    assert lines[2].split() == [GUIDE, "ok", "stale", "errors", "missing", "ok"]
    assert lines[-1].split() == ["(missing)", "0", "0", "0", "1", "0"]


def test_the_status_page_of_a_language_shows_the_matrix_and_that_language_s_findings(table):
    page = status.markdown(table, "de", STATUS_WORDS["de"])
    assert page.startswith("# Stand der Übersetzungen\n")
    assert "| Datei | fr | en | **de** | it | es |" in page
    word = '<span class="kb-translation-state">{}</span>'.format
    assert (f"| `{GUIDE}` | ✓ {word('aktuell')} | ↻ {word('zu prüfen')} | ✗ {word('Fehler')} | – {word('fehlt')} "
            f"| ✓ {word('aktuell')} |") in page
    assert "docs/de/guides/add-a-client.yml" in page
    assert "docs/it/" not in page.split("## ")[1]  # only de's findings below the table


def test_a_cell_s_word_is_in_its_own_span_and_escaped(table):
    """A phone shows the signs only (frame.css hides the span): the word must be apart, and is a translator's text."""
    words = {**STATUS_WORDS["de"], "stale": "<b>zu</b> & prüfen"}
    page = status.markdown(table, "de", words)
    assert '↻ <span class="kb-translation-state">&lt;b&gt;zu&lt;/b&gt; &amp; prüfen</span>' in page
    assert not any("<b>" in line for line in page.splitlines() if line.startswith("| `"))


def test_a_language_without_findings_says_so(table):
    assert status.markdown(table, "es", STATUS_WORDS["es"]).rstrip().endswith(STATUS_WORDS["es"]["none"])


def test_the_page_speaks_with_the_words_it_is_given(table):
    page = status.markdown(table, "fr", {**STATUS_WORDS["fr"], "title": "Traductions"})
    assert page.startswith("# Traductions\n")


def test_the_matrix_as_json(table):
    data = json.loads(status.as_json(table))
    assert data["languages"] == list(LANGUAGES)
    assert {"key": GUIDE, "kind": "guide", "cells": {"fr": "ok", "en": "stale", "de": "errors", "it": "missing",
                                                    "es": "ok"}} in data["rows"]


def test_the_build_gets_one_page_per_language(tmp_path):
    pages = status.pages(checks.report(make_tree(tmp_path), facts=FACTS), STATUS_WORDS)
    assert list(pages) == list(LANGUAGES)
    assert all(page.startswith(f"# {STATUS_WORDS[lang]['title']}\n") for lang, page in pages.items())


def test_the_status_page_shows_what_french_changed_next_to_each_stale_file_escaped(tmp_path):
    from scripts import kb

    tree = make_tree(tmp_path)
    kb.stamp(tree.lang_dir("de") / GUIDE, tree)
    fr = tree.lang_dir("fr") / GUIDE
    fr.write_text(
        fr.read_text(encoding="utf-8").replace(
            "Suivez l'assistant jusqu'au bout.", "Suivez <b>l'assistant</b> & **tout** [ici](javascript:x)."
        ),
        encoding="utf-8",
    )
    page = status.markdown(status.matrix(checks.report(tree, facts=FACTS)), "de", STATUS_WORDS["de"])
    assert (
        '<ul class="kb-stale-changes">\n'
        "<li><code>docs/de/guides/add-a-client.yml:13</code> <code>sections[0].steps[2].text</code>:"
        " Suivez <ins>&lt;b&gt;</ins>l&#x27;assistant <del>jusqu&#x27;au bout</del>"
        "<ins>&lt;/b&gt; &amp; **tout** [ici](javascript:x)</ins>."
        " — bring this text up to date, then run python -m scripts.kb stamp docs/de/guides/add-a-client.yml</li>\n"
        "</ul>\n"
    ) in page
    assert not any("<b>" in line for line in page.splitlines() if line.startswith("| `"))
    assert page.count("bring this text up to date") == 1  # shown once: in the list, not also in the code block


def test_the_stale_change_list_stays_text_once_markdown_has_read_the_page(tmp_path):
    import markdown as python_markdown

    from scripts import kb

    tree = make_tree(tmp_path)
    kb.stamp(tree.lang_dir("it") / GUIDE, tree)
    fr = tree.lang_dir("fr") / GUIDE
    fr.write_text(fr.read_text(encoding="utf-8").replace("Envoyez la demande au client.", "Envoyez **la** `demande` <i>x</i> — vite."),
                  encoding="utf-8")
    page = status.markdown(status.matrix(checks.report(tree, facts=FACTS)), "it", STATUS_WORDS["it"])
    html = python_markdown.markdown(page, extensions=["admonition", "attr_list", "md_in_html", "tables", "toc"])
    assert (
        "Envoyez <ins>**</ins>la<ins>** `</ins>demande <del>au client</del><ins>` &lt;i&gt;x&lt;/i&gt; — vite</ins>."
        " — bring this text up to date, then run python -m scripts.kb stamp docs/it/guides/add-a-client.yml</li>"
    ) in html  # the fix is the message's, after fr's own dash
    changes = html.split('<ul class="kb-stale-changes">')[1]
    assert "<strong>" not in changes and "<i>" not in changes and changes.count("<code>") == 2  # path:line, field


def test_kb_status_s_text_ends_with_what_french_changed(tmp_path):
    from scripts import kb

    tree = make_tree(tmp_path)  # every translation records the hash of the same fr text...
    kb.stamp(tree.lang_dir("en") / GUIDE, tree)  # ... which stamping one of them keeps, for all four
    fr = tree.lang_dir("fr") / GUIDE
    fr.write_text(fr.read_text(encoding="utf-8").replace("Inviter le client", "Inviter un client"), encoding="utf-8")
    lines = status.text(status.matrix(checks.report(tree, facts=FACTS))).splitlines()
    assert lines[-5:] == [
        "what French changed since the stale files were stamped:",
        "docs/de/guides/add-a-client.yml:9: sections[0].title: Inviter [-le-]{+un+} client",
        "docs/en/guides/add-a-client.yml:9: sections[0].title: Inviter [-le-]{+un+} client",
        "docs/es/guides/add-a-client.yml:9: sections[0].title: Inviter [-le-]{+un+} client",
        "docs/it/guides/add-a-client.yml:9: sections[0].title: Inviter [-le-]{+un+} client",
    ]
