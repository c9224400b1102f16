"""align: a translation walked beside fr. One of fr's very shape is paired without the walk: the same outcome."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
import yaml

from scripts.checks.align import Alignment, _Walk, align
from scripts.checks.text import NEUTRAL, SPECIFIC
from scripts.sources import fast
from scripts.sources.corpus import File
from scripts.sources.tree import ROOT, Tree

FR = {
    "id": "g", "title": "Titre", "summary": "Résumé", "audience": "both",
    "sections": [
        {"id": "a", "title": "Un", "steps": ["Ouvrez.", {"text": "Cliquez.", "substeps": ["Ici.", "Là."]}]},
        {"id": "b", "title": "Deux", "variants": [{"role": "client", "intro": "Client."}]},
    ],
    "related": ["h", "i"],
}
EN = {
    "source_hash": "0123456789ab", "id": "g", "title": "Title", "summary": "Summary", "audience": "both",
    "sections": [
        {"id": "a", "title": "One", "steps": ["Open.", {"text": "Click.", "substeps": ["Here.", "There."]}]},
        {"id": "b", "title": "Two", "variants": [{"role": "client", "intro": "Client."}]},
    ],
    "related": ["h", "i"],
}


def _file(tree: Tree, lang: str, data: dict, key: str = "guides/g.yml", kind: str = "guide") -> File:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    file = File(tree, lang, key, kind, text=text)
    file.parsed = file.source = fast.parse(Path(key), text)
    return file


def _walked(ref: File, file: File) -> Alignment:
    """The full walk, whatever the shapes."""
    walk = _Walk(ref, file, Alignment([], []))
    walk.walk(ref.source.data, file.source.data, (), (), NEUTRAL[file.kind], SPECIFIC[file.kind])
    return walk.found


@pytest.fixture
def tree(tmp_path) -> Tree:
    return Tree(tmp_path)


def test_a_translation_of_fr_s_shape_pairs_each_text_with_fr_s_at_the_same_place(tree):
    found = align(_file(tree, "fr", FR), _file(tree, "en", EN))
    assert found.differences == []
    assert [(fpath, tr) for fpath, tpath, _fr, tr in found.pairs if fpath == tpath] == [
        (("title",), "Title"), (("summary",), "Summary"),
        (("sections", 0, "title"), "One"), (("sections", 0, "steps", 0), "Open."),
        (("sections", 0, "steps", 1, "text"), "Click."),
        (("sections", 0, "steps", 1, "substeps", 0), "Here."), (("sections", 0, "steps", 1, "substeps", 1), "There."),
        (("sections", 1, "title"), "Two"), (("sections", 1, "variants", 0, "intro"), "Client."),
    ]
    assert len(found.pairs) == 9


def test_sections_in_another_order_are_paired_by_id_and_reported(tree):
    en = copy.deepcopy(EN)
    en["sections"].reverse()
    found = align(_file(tree, "fr", FR), _file(tree, "en", en))
    assert [m for _line, m in found.differences] == [
        "sections: the sections are in another order than fr's (a, b) (docs/fr/guides/g.yml:5) — keep fr's order",
    ]
    assert (("sections", 0, "title"), ("sections", 1, "title"), "Un", "One") in found.pairs


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda en: en["sections"][1].update(id="c"), "section 'c' is not in fr"),
        (lambda en: en["sections"][1]["variants"][0].update(role="partner"), "'partner' differs from fr 'client'"),
        (lambda en: en.update(related=["h"]), "related: [h] differs from fr [h, i]"),
        (lambda en: en.update(audience="clients"), "'clients' differs from fr 'both'"),
        (lambda en: en.update(title=12), "the value 12 here, but fr has a text"),
        (lambda en: en["sections"][0]["steps"].append("More."), "3 item(s), fr has 2"),
        (lambda en: en.update(extra="Plus."), "key 'extra' is not in fr"),
        (lambda en: en.update(extra=[]), "key 'extra' is not in fr"),
        (lambda en: en["sections"][0].pop("title"), "key 'title' is missing"),
    ],
    ids=["section-id", "role", "related", "audience", "number", "list-length", "extra-text", "extra-empty-list", "missing"],
)
def test_a_translation_of_another_shape_is_walked_and_its_difference_reported(tree, change, expected):
    en = copy.deepcopy(EN)
    change(en)
    found = align(_file(tree, "fr", FR), _file(tree, "en", en))
    assert any(expected in message for _line, message in found.differences), found.differences


def test_the_same_id_twice_in_fr_is_paired_as_the_walk_pairs_it(tree):
    # _by_id keeps the last item of an id: both of fr's "a" sections are walked with the second.
    fr, en = copy.deepcopy(FR), copy.deepcopy(EN)
    fr["sections"][1]["id"] = en["sections"][1]["id"] = "a"
    found = align(_file(tree, "fr", fr), _file(tree, "en", en))
    titles = [(fpath, tr) for fpath, _tpath, _fr, tr in found.pairs if fpath[-1] == "title" and len(fpath) == 3]
    assert titles == [(("sections", 1, "title"), "Two"), (("sections", 1, "title"), "Two")]


def test_a_guide_s_id_is_compared_with_its_file_name_not_with_fr_s(tree):
    en = copy.deepcopy(EN)
    en["id"] = "other"
    assert align(_file(tree, "fr", FR), _file(tree, "en", en)).differences == []


def _mutations(rng: random.Random, data: dict) -> None:
    """One random change somewhere in ``data``: a value replaced, a key added or removed, a list changed."""
    containers = []

    def visit(node):
        if isinstance(node, (dict, list)):
            containers.append(node)
            for value in node.values() if isinstance(node, dict) else node:
                visit(value)

    visit(data)
    node = rng.choice(containers)
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    if not keys:
        return
    key = rng.choice(keys)
    what = rng.randrange(8)
    values = ["Texte", 12, 1.5, True, None, [], {}, ["x"], {"k": "v"}, "a", "b"]
    if what == 0:
        node[key] = rng.choice(values)
    elif what == 1 and isinstance(node, dict):
        node[rng.choice(["extra", "id", "title", "role"])] = rng.choice(values)
    elif what == 2:
        del node[key]
    elif what == 3 and isinstance(node, list):
        node.reverse()
    elif what == 4 and isinstance(node, list):
        node.append(copy.deepcopy(rng.choice(node)))
    elif what == 5 and isinstance(node, dict):
        items = list(node.items())
        rng.shuffle(items)
        node.clear()
        node.update(items)
    elif what == 6 and isinstance(node.get("id") if isinstance(node, dict) else None, str):
        node["id"] = rng.choice(["a", "b", "x"])
    else:
        node[key] = copy.deepcopy(node[key])


GUIDES = sorted((ROOT / "docs" / "fr" / "guides").glob("*.yml"))


@pytest.mark.parametrize("guide", GUIDES[:6], ids=[path.stem for path in GUIDES[:6]])
def test_whatever_the_translation_s_shape_the_alignment_is_the_walk_s(tree, guide):
    fr_data = fast.parse(guide, guide.read_text(encoding="utf-8")).data
    en_path = ROOT / "docs" / "en" / "guides" / guide.name
    en_data = fast.parse(en_path, en_path.read_text(encoding="utf-8")).data
    rng = random.Random(guide.stem)  # noqa: S311 - the same changes on each run, not a secret
    for _round in range(60):
        fr, en = copy.deepcopy(fr_data), copy.deepcopy(en_data)
        for _change in range(rng.randrange(3)):
            _mutations(rng, en)
        if rng.random() < 0.2:
            _mutations(rng, fr)
        ref, file = _file(tree, "fr", fr), _file(tree, "en", en)
        assert align(ref, file) == _walked(ref, file)


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_the_loader_records_one_line_per_node(lang):
    # The shortcut counts nodes with Source.lines: a key, a list item or a value each have one.
    for path in sorted((ROOT / "docs" / lang / "guides").glob("*.yml"))[:5]:
        source = fast.parse(path, path.read_text(encoding="utf-8"))
        assert sorted(map(str, _nodes(source.data, ()))) == sorted(map(str, source.lines))


def _nodes(node, where: tuple) -> list[tuple]:
    """The path of ``node`` and of every node under it."""
    found = [where]
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in children:
        found.extend(_nodes(value, (*where, key)))
    return found
