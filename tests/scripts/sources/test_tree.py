"""Where things live: the listing of a folder's sources."""

from __future__ import annotations

from pathlib import Path

from scripts.sources.tree import Tree, yml_names


def test_the_sources_of_a_folder_are_its_yml_names_in_order_as_the_glob_finds_them(tmp_path):
    for name in ("b.yml", "a.yml", ".hidden.yml", "A.yml", "notes.txt", "x.yml.bak", "x.yaml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "folder.yml").mkdir()
    (tmp_path / "broken.yml").symlink_to(tmp_path / "nowhere")
    expected = [".hidden.yml", "A.yml", "a.yml", "b.yml", "broken.yml", "folder.yml"]
    assert yml_names(str(tmp_path)) == expected
    assert [path.name for path in sorted(tmp_path.glob("*.yml"))] == expected


def test_an_absent_folder_or_a_file_has_no_sources(tmp_path):
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert yml_names(str(tmp_path / "absent")) == []
    assert yml_names(str(tmp_path / "file")) == []


def test_a_language_s_guides_are_its_guide_files_in_order(tmp_path):
    tree = Tree(tmp_path)
    guides = tree.lang_dir("de") / "guides"
    guides.mkdir(parents=True)
    for name in ("vat-number.yml", "add-a-client.yml", "README.md"):
        (guides / name).write_text("", encoding="utf-8")
    assert tree.guide_sources("de") == [guides / "add-a-client.yml", guides / "vat-number.yml"]
    assert tree.guide_sources("it") == []
    assert all(isinstance(path, Path) for path in tree.guide_sources("de"))
