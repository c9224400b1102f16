"""The small five-language tree every check test starts from (clean), with and without widget texts."""

from __future__ import annotations

import pytest

from scripts.sources import corpus
from scripts.sources.tree import Tree
from tests.scripts.fixtures.kb_tree import make_tree


@pytest.fixture
def tree(tmp_path) -> Tree:
    return make_tree(tmp_path)


@pytest.fixture
def widget_tree(tmp_path, monkeypatch) -> Tree:
    """The tree with widget texts, checked without the calculators' schema (theirs to define)."""
    monkeypatch.setitem(corpus.SCHEMAS, "calculator", "no-such-schema")
    return make_tree(tmp_path, widgets=True)
