"""site.yml's journeys: the same lists of existing guides in every language; apply_url is each language's own."""

from __future__ import annotations

from tests.scripts.checks.support import line_of, only, replace, run, where

SITE = "site.yml"


def test_a_journey_naming_no_guide_is_a_links_error_at_its_line(tree):
    text = replace(tree, "fr", SITE, "  partners: []\n", "  partners:\n    - add-a-client\n    - acess-types\n")
    finding = only(run(tree, "links"))
    assert where(finding) == ("docs/fr/site.yml", line_of(text, "    - acess-types"), "links")
    assert finding.message == "journeys.partners: no guide 'acess-types' — did you mean access-types?"


def test_a_journey_naming_a_guide_the_language_lacks_says_to_translate_it(tree):
    for lang in ("fr", "de"):
        replace(tree, lang, SITE, "  clients: []\n", "  clients:\n    - access-types\n")
    (tree.lang_dir("de") / "guides/access-types.yml").unlink()
    finding = only([f for f in run(tree, "links") if f.path == "docs/de/site.yml"])
    assert "journeys.clients: guide 'access-types' does not exist in de yet" in finding.message


def test_a_journey_that_differs_from_fr_is_a_structure_error_with_fr_s_list(tree):
    replace(tree, "fr", SITE, "  partners: []\n", "  partners:\n    - add-a-client\n    - access-types\n")
    for lang in ("en", "de", "es"):
        replace(tree, lang, SITE, "  partners: []\n", "  partners:\n    - add-a-client\n    - access-types\n")
    text = replace(tree, "it", SITE, "  partners: []\n", "  partners:\n    - access-types\n    - add-a-client\n")
    findings = [f for f in run(tree) if f.severity == "error"]
    finding = only(findings)
    assert where(finding) == ("docs/it/site.yml", line_of(text, "  partners:"), "structure")
    assert finding.message.startswith(
        "journeys.partners: [access-types, add-a-client] differs from fr [add-a-client, access-types] (docs/fr/site.yml:"
    )
    assert finding.message.endswith("— write fr's list")


def test_a_guide_id_in_a_journey_is_not_a_text_to_translate(tree):
    for lang in ("fr", "en", "de", "it", "es"):
        replace(tree, lang, SITE, "  more: []\n", "  more:\n    - access-types\n    - add-a-client\n")
    assert [f for f in run(tree) if f.severity == "error"] == []


def test_apply_url_is_each_language_s_own(tree):
    replace(tree, "de", SITE, 'apply_url: ""', "apply_url: https://example.com/de/apply")
    assert [f for f in run(tree) if f.severity == "error"] == []
