"""Rules of calculators.facts (data only, Decimal only) and the package's
promises (standard library only, no float, __init__ only re-exports)."""

from __future__ import annotations

import ast
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from calculators import Fact, facts

PACKAGE = Path(facts.__file__).resolve().parent
def test_fact_is_frozen():
    """A Fact cannot be changed once made."""
    fact = Fact("count", Decimal(1))
    with pytest.raises(AttributeError):
        fact.value = Decimal(2)  # type: ignore[misc]


def test_facts_import_nothing_from_the_package():
    """facts is data: every module may read it, and it reads no module (no import cycle)."""
    tree = ast.parse(Path(facts.__file__).read_text(encoding="utf-8"))
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert [name for name in imported if name.split(".")[0] == "calculators"] == []
    assert [node.name for node in tree.body if isinstance(node, ast.FunctionDef)] == []


def test_money_and_rates_in_the_tables_are_decimal():
    """No float anywhere in the facts tables."""
    for prices in facts.UNIT_PRICES.values():
        assert all(isinstance(price, Decimal) for price in prices.values())
    for rows in facts.DEGRESSIVE_TIERS.values():
        assert all(isinstance(row.rate, Decimal) for row in rows)
    assert all(isinstance(amount, Decimal) for amount in facts.MIN_ANNUAL_VOLUME.values())


# The package's promises.


def _modules():
    return sorted(PACKAGE.glob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_calculators_import_only_the_standard_library(path):
    """Every import is the standard library or the package itself, so Pyodide runs it unchanged."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "relative imports: use calculators.<module>"
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top == "calculators" or top in sys.stdlib_module_names or top == "__future__", name


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_calculators_never_use_float(path):
    """No float() call nor float literal: money and rates are Decimal."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        assert not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float")
        assert not (isinstance(node, ast.Constant) and isinstance(node.value, float))


def test_init_only_re_exports():
    """calculators/__init__.py holds imports, __all__ and a docstring, nothing else."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        is_docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        is_all = isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["__all__"]
        assert is_docstring or is_all or isinstance(node, ast.ImportFrom), ast.dump(node)
    import calculators

    for name in calculators.__all__:
        assert hasattr(calculators, name)
