"""links: to guides, sections and calculators that exist in the language, and to what fr links."""

from __future__ import annotations

from scripts.checks import links
from scripts.sources.tree import LANGUAGES
from tests.scripts.checks.support import GUIDE, line_of, only, replace, rewrite, run, where


def test_a_link_to_a_guide_that_does_not_exist_is_reported_with_the_closest_id(tree):
    for lang in LANGUAGES:
        replace(tree, lang, GUIDE, "guide:access-types#compare", "guide:acces-types#compare")
    findings = run(tree, "links")
    assert len(findings) == len(LANGUAGES)
    assert all("no guide 'acces-types' — did you mean access-types?" in f.message for f in findings)


def test_a_related_guide_that_does_not_exist_is_reported(tree):
    text = replace(tree, "fr", GUIDE, "related:\n  - access-types", "related:\n  - access-type")
    finding = only([f for f in run(tree, "links") if f.lang == "fr"])
    assert finding.line == line_of(text, "  - access-type")
    assert "related: no guide 'access-type'" in finding.message


def test_a_link_to_a_guide_not_yet_translated_says_which_file_to_write(tree):
    (tree.lang_dir("de") / "guides/access-types.yml").unlink()
    messages = [f.message for f in run(tree, "links") if f.path == f"docs/de/{GUIDE}"]
    assert len(messages) == 2  # the step's link and the related id
    assert all("translate docs/fr/guides/access-types.yml into docs/de/guides/access-types.yml" in m for m in messages)


def test_a_link_to_a_section_that_does_not_exist_is_reported(tree):
    for lang in LANGUAGES:
        replace(tree, lang, GUIDE, "#compare", "#comparer")
    findings = run(tree, "links")
    assert {f.lang for f in findings} == set(LANGUAGES)
    assert all("has no section 'comparer'" in f.message for f in findings)


def test_a_link_target_that_is_not_a_guide_calculator_or_url_is_reported(tree):
    replace(tree, "it", GUIDE, "guide:access-types#compare", "access-types.md")
    messages = [f.message for f in run(tree, "links")]
    assert any("link target 'access-types.md' is not a guide" in m for m in messages)


def test_a_link_to_an_unknown_calculator_or_one_without_texts_is_reported(tree, widget_tree):
    for target, expected in (("calculator:prices", "no calculator 'prices'"), ("calculator:eligibility", "has no texts")):
        rewrite(widget_tree, "fr", GUIDE, step_wizard=f"Suivez [l'assistant]({target}).")
        assert any(expected in f.message for f in run(widget_tree, "links") if f.lang == "fr")


def test_an_external_url_other_than_fr_s_is_reported(tree):
    text = replace(tree, "de", GUIDE, "https://manager.infomaniak.com", "https://manager.infomaniak.com/de")
    finding = only(run(tree, "links"))
    assert finding.line == line_of(text, "manager.infomaniak.com/de")
    assert "use fr's URL (https://manager.infomaniak.com)" in finding.message


def test_a_declared_localized_url_is_accepted(tree, monkeypatch):
    monkeypatch.setitem(
        links.LOCALIZED_URLS, "https://manager.infomaniak.com", {"de": "https://manager.infomaniak.com/de"}
    )
    replace(tree, "de", GUIDE, "https://manager.infomaniak.com", "https://manager.infomaniak.com/de")
    assert run(tree, "links") == []


def test_a_link_of_fr_dropped_by_the_translation_is_reported(tree):
    rewrite(tree, "es", GUIDE, step_read="Lea primero la comparación de los accesos.")
    assert "fr links to guide:access-types#compare here" in only(run(tree, "links")).message


def test_a_link_to_another_existing_guide_than_fr_s_is_reported_in_that_language_only(tree):
    # every language links the same existing guide as fr, but de: only de is told
    text = replace(tree, "de", GUIDE, "guide:access-types#compare", "guide:add-a-client#invite")
    finding = only(run(tree, "links"))
    assert where(finding) == (f"docs/de/{GUIDE}", line_of(text, "guide:add-a-client#invite"), "links")
    assert "links to guide:add-a-client#invite, fr does not here" in finding.message
    assert finding.message.endswith("— link guide:access-types#compare as fr does")


def test_a_translation_checked_alone_is_compared_with_fr_s_links_as_in_a_whole_run(tree):
    # make serve checks a saved file alone (report only=): fr's own run has not read fr's links then.
    from scripts.checks import runner
    from tests.scripts.fixtures.kb_tree import FACTS

    replace(tree, "de", GUIDE, "guide:access-types#compare", "https://www.infomaniak.com/de")
    whole = [f for f in runner.report(tree, facts=FACTS).findings if f.check == "links"]
    alone = [f for f in runner.report(tree, facts=FACTS, only=[("de", GUIDE)]).findings if f.check == "links"]
    assert alone == whole
    assert [f.message.split(" (")[0] for f in alone] == [
        "sections.0.steps.1: links to https://www.infomaniak.com/de, fr does not here",
    ]
