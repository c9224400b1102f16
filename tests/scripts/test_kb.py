"""The kb command line: exit codes, text and JSON output, and stamp."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scripts import kb
from scripts.checks import runner as checks
from scripts.sources.hashing import source_hash
from scripts.sources.loader import parse
from scripts.sources.tree import ROOT
from tests.scripts.fixtures.kb_tree import FACTS, make_tree, text_of, write

JSON_FIELDS = {"path", "line", "lang", "guide", "check", "severity", "message"}


@pytest.fixture(autouse=True)
def fixed_facts(monkeypatch):
    """The fixture tree's placeholders, whatever the calculators package holds today."""
    monkeypatch.setattr(checks, "known_facts", lambda: FACTS)


def kb_main(*argv: str) -> int:
    return kb.main([str(arg) for arg in argv])


def test_a_clean_project_prints_only_the_summary_and_exits_0(tmp_path, capsys):
    assert kb_main("check", "--root", make_tree(tmp_path).root) == 0
    assert capsys.readouterr().out == "kb check: 0 errors, 0 warnings in 20 files (5 languages)\n"


def test_warnings_alone_exit_0(tmp_path, capsys):
    assert kb_main("check", "--root", make_tree(tmp_path, stamp=False).root) == 0
    out = capsys.readouterr().out
    assert "warning[stale]" in out
    assert out.endswith("kb check: 0 errors, 16 warnings in 20 files (5 languages)\n")


def test_errors_exit_1_with_one_line_each_then_the_summary(tmp_path, capsys):
    tree = make_tree(tmp_path)
    (tree.lang_dir("de") / "site.yml").unlink()
    assert kb_main("check", "--root", tree.root) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("docs/de/site.yml:1: error[missing]: ")
    assert lines[-1] == "kb check: 1 error, 0 warnings in 19 files (5 languages)"


def test_json_is_a_list_of_findings_with_the_contract_s_fields(tmp_path, capsys):
    tree = make_tree(tmp_path)
    (tree.lang_dir("de") / "guides" / "access-types.yml").unlink()
    assert kb_main("check", "--root", tree.root, "--format", "json") == 1
    findings = json.loads(capsys.readouterr().out)
    assert findings and all(set(f) == JSON_FIELDS for f in findings)
    missing = next(f for f in findings if f["check"] == "missing")
    assert missing == {
        "path": "docs/de/guides/access-types.yml", "line": 1, "lang": "de", "guide": "access-types",
        "check": "missing", "severity": "error", "message": missing["message"],
    }


def test_lang_shows_one_language(tmp_path, capsys):
    tree = make_tree(tmp_path)
    (tree.lang_dir("de") / "site.yml").unlink()
    assert kb_main("check", "--root", tree.root, "--lang", "it") == 0
    assert capsys.readouterr().out == "kb check: 0 errors, 0 warnings in 4 files (1 language)\n"


@pytest.mark.parametrize("make", [lambda p: p / "nowhere", lambda p: p], ids=["no-folder", "no-fr"])
def test_a_tree_without_fr_cannot_be_checked_exit_2(tmp_path, capsys, make):
    assert kb_main("check", "--root", make(tmp_path)) == 2
    assert "could not run" in capsys.readouterr().err


def test_a_bug_is_not_mistaken_for_errors_found(tmp_path, monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(checks, "report", broken)
    assert kb_main("check", "--root", make_tree(tmp_path).root) == 2
    assert "bug" in capsys.readouterr().err


def test_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        kb.main(["check", "--format", "xml"])
    assert exit_info.value.code == 2


def test_status_prints_the_matrix(tmp_path, capsys):
    tree = make_tree(tmp_path)
    (tree.lang_dir("es") / "glossary.yml").unlink()
    assert kb_main("status", "--root", tree.root) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["file", "fr", "en", "de", "it", "es"]
    assert "glossary.yml" in out and "missing" in out


def test_status_prints_json_and_markdown(tmp_path, capsys):
    tree = make_tree(tmp_path)
    assert kb_main("status", "--root", tree.root, "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["languages"] == ["fr", "en", "de", "it", "es"]
    assert kb_main("status", "--root", tree.root, "--format", "markdown", "--lang", "de") == 0
    assert capsys.readouterr().out.startswith("# Stand der Übersetzungen\n")


@pytest.mark.skipif(not (ROOT / "docs" / "fr").is_dir(), reason="no project sources")
def test_python_dash_m_scripts_kb_runs():
    result = subprocess.run(
        [sys.executable, "-m", "scripts.kb", "check", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr
    assert isinstance(json.loads(result.stdout), list)


# --- stamp ----------------------------------------------------------------------------


def test_stamp_then_check_shows_no_stale_then_a_change_of_fr_makes_it_stale(tmp_path, capsys):
    tree = make_tree(tmp_path, stamp=False)
    target = tree.lang_dir("de") / "guides" / "add-a-client.yml"
    before = target.read_text(encoding="utf-8")
    assert kb_main("stamp", "--root", tree.root, target) == 0
    after = target.read_text(encoding="utf-8")
    fr_hash = source_hash(parse(target, text_of("fr", "guides/add-a-client.yml")).data)
    assert after.split("\n") == [before.split("\n")[0], f"source_hash: {fr_hash}", *before.split("\n")[1:]]
    assert "docs/de/guides/add-a-client.yml" not in {f.path for f in checks.run(tree, facts=FACTS)}

    fr = tree.lang_dir("fr") / "guides" / "add-a-client.yml"
    fr.write_text(fr.read_text(encoding="utf-8").replace("Inviter le client", "Inviter un client"), encoding="utf-8")
    [stale] = [f for f in checks.run(tree, facts=FACTS) if f.path == "docs/de/guides/add-a-client.yml"]
    assert (stale.check, stale.severity, stale.line) == ("stale", "warning", 9)  # the translation's section title
    assert stale.changes[0]["diff"] == "Inviter [-le-]{+un+} client"

    assert kb_main("stamp", "--root", tree.root, target) == 0  # after updating the translation
    restamped = target.read_text(encoding="utf-8")
    assert restamped.count("source_hash:") == 1
    assert restamped.replace(restamped.split("\n")[1], "") == after.replace(after.split("\n")[1], "")
    assert "docs/de/guides/add-a-client.yml" not in {f.path for f in checks.run(tree, facts=FACTS)}


def test_stamp_quotes_a_hash_made_of_digits_alone(tmp_path, capsys):
    """About one fr text in 300 hashes to twelve digits: unquoted, YAML reads a number and the schema refuses it."""
    tree = make_tree(tmp_path, stamp=False)
    fr = tree.lang_dir("fr") / "guides" / "add-a-client.yml"
    original = fr.read_text(encoding="utf-8")
    for number in range(100_000):  # a title whose file hashes to digits alone (found by trying, checked below)
        text = original.replace("Inviter le client", f"Inviter le client {number}")
        if source_hash(parse(fr, text).data).isdigit():
            break
    fr.write_text(text, encoding="utf-8")
    digits = source_hash(parse(fr, text).data)
    assert digits.isdigit()
    target = tree.lang_dir("de") / "guides" / "add-a-client.yml"
    assert kb_main("stamp", "--root", tree.root, target) == 0
    assert f'source_hash: "{digits}"' in target.read_text(encoding="utf-8").split("\n")
    found = {(f.path, f.check) for f in checks.run(tree, facts=FACTS)}
    assert not {check for path, check in found if path == "docs/de/guides/add-a-client.yml"} - {"numbers"}
    assert kb_main("stamp", "--root", tree.root, target) == 0
    assert "already" in capsys.readouterr().out


def test_stamp_changes_one_line_only_and_keeps_windows_line_ends(tmp_path):
    tree = make_tree(tmp_path, stamp=False)
    target = write(tree, "it", "site.yml", text_of("it", "site.yml").replace("\n", "\r\n"))
    before = target.read_bytes()
    assert kb_main("stamp", "--root", tree.root, target) == 0
    after = target.read_bytes()
    assert after.count(b"\r\n") == before.count(b"\r\n") + 1
    assert after.replace(after.split(b"\r\n")[1] + b"\r\n", b"", 1) == before


def test_stamp_again_changes_nothing(tmp_path, capsys):
    tree = make_tree(tmp_path)
    target = tree.lang_dir("es") / "glossary.yml"
    before = target.read_bytes()
    assert kb_main("stamp", "--root", tree.root, target) == 0
    assert target.read_bytes() == before
    assert "already" in capsys.readouterr().out


def test_stamp_inserts_at_the_top_when_there_is_no_comment_line(tmp_path):
    tree = make_tree(tmp_path, stamp=False)
    text = text_of("en", "glossary.yml").split("\n", 1)[1]
    target = write(tree, "en", "glossary.yml", text)
    assert kb_main("stamp", "--root", tree.root, target) == 0
    assert target.read_text(encoding="utf-8").startswith("source_hash: ")


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("fr/site.yml", "reference language"),
        ("de/nothing.yml", "not a translation source"),
        ("de/guides/nothing.yml", "no such file"),
    ],
)
def test_stamp_refuses_what_is_not_a_translation_exit_2(tmp_path, capsys, where, expected):
    tree = make_tree(tmp_path)
    assert kb_main("stamp", "--root", tree.root, tree.docs / where) == 2
    assert expected in capsys.readouterr().err


def test_stamp_refuses_a_file_that_does_not_load(tmp_path, capsys):
    tree = make_tree(tmp_path, stamp=False)
    target = write(tree, "de", "site.yml", text_of("de", "site.yml") + "site_name: twice\n")
    before = target.read_bytes()
    assert kb_main("stamp", "--root", tree.root, target) == 2
    assert "does not load" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_stamp_refuses_when_fr_does_not_load(tmp_path, capsys):
    tree = make_tree(tmp_path, stamp=False)
    write(tree, "fr", "site.yml", text_of("fr", "site.yml") + "colour: blue\n")
    assert kb_main("stamp", "--root", tree.root, tree.lang_dir("it") / "site.yml") == 2
    assert "docs/fr/site.yml does not load" in capsys.readouterr().err


def test_stamp_refuses_a_file_outside_the_project(tmp_path, capsys):
    tree = make_tree(tmp_path / "project")
    stray = tmp_path / "site.yml"
    stray.write_text("site_name: x\n", encoding="utf-8")
    assert kb_main("stamp", "--root", tree.root, stray) == 2
    assert "not under" in capsys.readouterr().err


def test_a_relative_file_is_found_from_the_current_folder(tmp_path, monkeypatch):
    tree = make_tree(tmp_path, stamp=False)
    target = tree.lang_dir("es") / "site.yml"
    assert "source_hash:" not in target.read_text(encoding="utf-8")
    monkeypatch.chdir(tree.root)
    assert kb.main(["stamp", "--root", ".", "docs/es/site.yml"]) == 0
    assert "source_hash:" in target.read_text(encoding="utf-8")


# --- stamp keeps the fr text; check shows what French changed --------------------------------------


def snapshot_files(tree) -> list[str]:
    store = tree.root / ".kb" / "fr-snapshots"
    return sorted(p.name for p in store.iterdir()) if store.is_dir() else []


def test_stamp_keeps_the_fr_text_under_its_hash_outside_docs(tmp_path, capsys):
    tree = make_tree(tmp_path, stamp=False)
    fr_data = parse(tree.lang_dir("fr") / "guides/add-a-client.yml", text_of("fr", "guides/add-a-client.yml")).data
    fr_hash = source_hash(fr_data)
    assert kb_main("stamp", "--root", tree.root, tree.lang_dir("de") / "guides/add-a-client.yml") == 0
    assert capsys.readouterr().out == (
        f"docs/de/guides/add-a-client.yml: source_hash {fr_hash} (the hash of docs/fr/guides/add-a-client.yml);"
        f" its text kept in .kb/fr-snapshots/{fr_hash}.json\n"
    )
    kept = tree.root / ".kb" / "fr-snapshots" / f"{fr_hash}.json"
    assert json.loads(kept.read_text(encoding="utf-8")) == fr_data
    assert fr_data["sections"][0]["steps"][2]["text"] == "Suivez l'assistant jusqu'au bout."


def test_two_languages_stamped_on_the_same_fr_share_one_kept_text(tmp_path, capsys):
    tree = make_tree(tmp_path, stamp=False)
    targets = [tree.lang_dir(lang) / "site.yml" for lang in ("de", "it")]
    assert kb_main("stamp", "--root", tree.root, *targets) == 0
    fr_hash = source_hash(parse(targets[0], text_of("fr", "site.yml")).data)
    assert snapshot_files(tree) == [f"{fr_hash}.json"]
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(f"its text kept in .kb/fr-snapshots/{fr_hash}.json")
    assert out[1] == f"docs/it/site.yml: source_hash {fr_hash} (the hash of docs/fr/site.yml)"


def test_stamping_a_file_already_stamped_keeps_its_fr_text_too(tmp_path):
    tree = make_tree(tmp_path)  # stamped the way kb stamp did before it kept fr's text
    assert snapshot_files(tree) == []
    assert kb_main("stamp", "--root", tree.root, tree.lang_dir("es") / "glossary.yml") == 0
    assert len(snapshot_files(tree)) == 1


def test_a_kept_fr_text_no_translation_follows_any_more_is_removed_by_stamp(tmp_path, capsys):
    tree = make_tree(tmp_path, stamp=False)
    targets = {lang: tree.lang_dir(lang) / "site.yml" for lang in ("en", "de", "it", "es")}
    assert kb_main("stamp", "--root", tree.root, *targets.values()) == 0
    [old] = snapshot_files(tree)
    fr = tree.lang_dir("fr") / "site.yml"
    fr.write_text(fr.read_text(encoding="utf-8").replace("Calculateurs", "Calculatrices"), encoding="utf-8")
    assert kb_main("stamp", "--root", tree.root, targets["de"]) == 0
    new = next(name for name in snapshot_files(tree) if name != old)
    assert snapshot_files(tree) == sorted([old, new])  # en, it and es still follow the old text
    capsys.readouterr()
    assert kb_main("stamp", "--root", tree.root, targets["en"], targets["it"], targets["es"]) == 0
    assert snapshot_files(tree) == [new]
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"kb stamp: removed 1 fr text that no translation follows any more: .kb/fr-snapshots/{old}"
    )


def test_check_shows_what_french_changed_in_text_and_json(tmp_path, capsys):
    tree = make_tree(tmp_path)
    target = tree.lang_dir("de") / "guides/add-a-client.yml"
    assert kb_main("stamp", "--root", tree.root, target) == 0
    fr = tree.lang_dir("fr") / "guides/add-a-client.yml"
    fr.write_text(fr.read_text(encoding="utf-8").replace("Envoyez la demande au client.", "Envoyez l'invitation au client."),
                  encoding="utf-8")
    capsys.readouterr()
    assert kb_main("check", "--root", tree.root, "--lang", "de") == 0
    assert capsys.readouterr().out == (
        "docs/de/guides/add-a-client.yml:16: warning[stale]: docs/fr/guides/add-a-client.yml changed"
        " sections[0].steps[2].substeps[1] since this translation was stamped:"
        " Envoyez [-la demande-]{+l'invitation+} au client."
        " — bring this text up to date, then run python -m scripts.kb stamp docs/de/guides/add-a-client.yml\n"
        "kb check: 0 errors, 1 warning in 4 files (1 language)\n"
    )
    assert kb_main("check", "--root", tree.root, "--lang", "de", "--format", "json") == 0
    [finding] = json.loads(capsys.readouterr().out)
    assert set(finding) == JSON_FIELDS | {"changes"}
    assert (finding["line"], finding["check"], finding["severity"]) == (16, "stale", "warning")
    assert finding["changes"] == [{
        "field": "sections[0].steps[2].substeps[1]",
        "old": "Envoyez la demande au client.",
        "new": "Envoyez l'invitation au client.",
        "diff": "Envoyez [-la demande-]{+l'invitation+} au client.",
    }]
