"""stale: a translation records the fr text it follows; when fr changed since, it is a warning."""

from __future__ import annotations

from scripts.sources.tree import LANGUAGES
from tests.scripts.checks.support import GUIDE, only, replace, rewrite, run, where
from tests.scripts.fixtures.kb_tree import make_tree


def test_a_translation_without_source_hash_is_a_stale_warning(tmp_path):
    tree = make_tree(tmp_path, stamp=False)
    findings = run(tree)
    assert {f.check for f in findings} == {"stale"}
    assert {f.severity for f in findings} == {"warning"}
    assert len(findings) == 4 * 4  # 4 files x 4 translations


def test_a_translation_made_from_an_older_fr_is_a_stale_warning(tree):
    rewrite(tree, "fr", "site.yml", calculators="Calculatrices")
    findings = run(tree)
    assert {(f.check, f.path) for f in findings} == {("stale", f"docs/{lang}/site.yml") for lang in LANGUAGES if lang != "fr"}
    finding = findings[0]
    assert finding.line == 2
    assert "docs/fr/site.yml changed since this translation was made" in finding.message
    assert f"run python -m scripts.kb stamp {finding.path}" in finding.message


def test_only_the_translation_stamped_with_another_fr_than_the_current_is_stale(tree):
    path = tree.lang_dir("it") / "site.yml"
    recorded = path.read_text(encoding="utf-8").split("\n")[1]
    assert recorded.startswith("source_hash: ")
    replace(tree, "it", "site.yml", recorded, "source_hash: abcdefabcdef")
    assert [where(f) for f in run(tree, "stale")] == [("docs/it/site.yml", 2, "stale")]


def test_fr_formatting_changes_do_not_make_translations_stale(tree):
    path = tree.lang_dir("fr") / "site.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  intro: ", "  intro:\n    "), encoding="utf-8")
    assert run(tree, "stale") == []


# --- what French changed (the fr text kept by kb stamp) ---------------------------------------------


def stamp_all(tree, key: str, languages=("en", "de", "it", "es")) -> None:
    """kb stamp the translations of ``key``: each records fr's hash and fr's text is kept in the store."""
    from scripts import kb

    for lang in languages:
        kb.stamp(tree.lang_dir(lang) / key, tree)


def test_a_changed_fr_text_shows_its_old_and_new_text_and_a_word_diff_at_the_translation_s_line(tree):
    stamp_all(tree, GUIDE)
    replace(tree, "fr", GUIDE, "Suivez l'assistant jusqu'au bout.", "Suivez l'assistant jusqu'à la fin.")
    findings = [f for f in run(tree, "stale") if f.lang == "de"]
    finding = only(findings)
    assert where(finding) == ("docs/de/guides/add-a-client.yml", 13, "stale")  # "- text: Folgen Sie dem Assistenten ..."
    assert finding.severity == "warning"
    assert finding.message == (
        "docs/fr/guides/add-a-client.yml changed sections[0].steps[2].text since this translation was stamped:"
        " Suivez l'assistant jusqu'[-au bout-]{+à la fin+}."
        " — bring this text up to date, then run python -m scripts.kb stamp docs/de/guides/add-a-client.yml"
    )
    assert finding.changes == ({
        "field": "sections[0].steps[2].text",
        "old": "Suivez l'assistant jusqu'au bout.",
        "new": "Suivez l'assistant jusqu'à la fin.",
        "diff": "Suivez l'assistant jusqu'[-au bout-]{+à la fin+}.",
    },)
    assert finding.as_json()["changes"] == [dict(finding.changes[0])]


def test_each_changed_field_is_one_warning_at_its_own_line(tree):
    stamp_all(tree, GUIDE)
    replace(tree, "fr", GUIDE, "title: \"Ajouter un client\"", "title: \"Inviter un client\"")
    replace(tree, "fr", GUIDE, "Envoyez la demande au client.", "Envoyez la demande.")
    findings = [f for f in run(tree, "stale") if f.lang == "it"]
    assert [(f.line, f.changes[0]["field"], f.changes[0]["diff"]) for f in findings] == [
        (4, "title", "[-Ajouter-]{+Inviter+} un client"),
        (16, "sections[0].steps[2].substeps[1]", "Envoyez la demande [-au client-]."),
    ]
    assert all("once the 2 changes of fr are in, run python -m scripts.kb stamp" in f.message for f in findings)


def test_a_step_fr_inserted_is_one_change_where_it_goes_not_a_change_of_every_step_after_it(tree):
    stamp_all(tree, GUIDE)
    replace(
        tree, "fr", GUIDE, "      - text: \"Suivez", "      - \"Ouvrez l'onglet Clients.\"\n      - text: \"Suivez",
    )
    finding = only([f for f in run(tree, "stale") if f.lang == "es"])
    assert finding.line == 13  # the step before which it goes in the translation
    assert finding.changes == ({
        "field": "sections[0].steps[2]", "old": None, "new": "Ouvrez l'onglet Clients.",
        "diff": "{+Ouvrez l'onglet Clients.+}",
    },)
    assert finding.message.startswith("docs/fr/guides/add-a-client.yml added sections[0].steps[2] since")
    assert "translate it here" in finding.message


def test_a_text_fr_removed_is_shown_at_the_line_the_translation_still_has_it(tree):
    stamp_all(tree, GUIDE)
    replace(tree, "fr", GUIDE, "          - \"Indiquez le nom du client.\"\n", "")
    finding = only([f for f in run(tree, "stale") if f.lang == "en"])
    assert finding.line == 15
    assert finding.changes[0] == {
        "field": "sections[0].steps[2].substeps[0]", "old": "Indiquez le nom du client.", "new": None,
        "diff": "[-Indiquez le nom du client.-]",
    }
    assert "remove it here too" in finding.message


def test_without_the_fr_text_it_was_made_from_the_warning_says_so_and_names_the_hashes(tree):
    # make_tree stamps without keeping fr's text, as kb stamp did before it kept it
    rewrite(tree, "fr", "site.yml", calculators="Calculatrices")
    finding = only([f for f in run(tree, "stale") if f.lang == "de"])
    assert finding.line == 2
    assert finding.changes == ()
    assert "the fr text it was made from is not kept (.kb/fr-snapshots/" in finding.message
    assert "so what changed cannot be shown" in finding.message
    assert "changes" not in finding.as_json()


def test_a_damaged_fr_text_is_not_trusted(tree):
    stamp_all(tree, "site.yml")
    [snapshot] = (tree.root / ".kb" / "fr-snapshots").glob("*.json")
    snapshot.write_text(snapshot.read_text(encoding="utf-8").replace("Calculateurs", "Calculette"), encoding="utf-8")
    rewrite(tree, "fr", "site.yml", calculators="Calculatrices")
    finding = only([f for f in run(tree, "stale") if f.lang == "en"])
    assert finding.changes == ()
    assert f".kb/fr-snapshots/{snapshot.name} does not hold the fr text of that hash (edited by hand?)" in finding.message


def test_an_up_to_date_translation_reads_no_kept_fr_text(tree, monkeypatch):
    from scripts.sources import snapshots

    stamp_all(tree, GUIDE)

    def refuse(*_args):
        raise AssertionError("a snapshot was read for a file that is not stale")

    monkeypatch.setattr(snapshots, "load", refuse)
    assert run(tree, "stale") == []
