"""Rules of calculators.facts: the seeds' figures, the placeholders guides use
(computed, not typed), and the package's promises (standard library only,
Decimal only, __init__ only re-exports)."""

from __future__ import annotations

import ast
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from calculators import Fact, facts, placeholders

PACKAGE = Path(facts.__file__).resolve().parent
PLACEHOLDER_NAMES = {
    "min_volume_chf", "min_volume_eur", "max_partner_discount", "example_quantity",
    "example_partner_discount", "example_degressive_rate", "example_total_reduction",
    "example_chf_normal_total", "example_chf_after_discount", "example_chf_final_total",
    "example_eur_normal_total", "example_eur_after_discount", "example_eur_final_total",
    "unit_price_chf", "unit_price_eur", "example_chf_final_per_hosting", "example_eur_final_per_hosting",
}  # fmt: skip
# The figures the seeds print (discount-and-cashback and partner-program guides).
SEED_FIGURES = {
    "min_volume_chf": Fact("money", Decimal("2000"), "CHF"),
    "min_volume_eur": Fact("money", Decimal("1800"), "EUR"),
    "max_partner_discount": Fact("percent", Decimal("35")),
    "example_quantity": Fact("count", Decimal("35")),
    "example_partner_discount": Fact("percent", Decimal("20")),
    "example_degressive_rate": Fact("percent", Decimal("25")),
    "example_total_reduction": Fact("percent", Decimal("40")),
    "example_chf_normal_total": Fact("money", Decimal("347.20"), "CHF"),
    "example_chf_after_discount": Fact("money", Decimal("277.76"), "CHF"),
    "example_chf_final_total": Fact("money", Decimal("208.32"), "CHF"),
    "example_eur_normal_total": Fact("money", Decimal("201.25"), "EUR"),
    "example_eur_after_discount": Fact("money", Decimal("161.00"), "EUR"),
    "example_eur_final_total": Fact("money", Decimal("120.75"), "EUR"),
    "unit_price_chf": Fact("money", Decimal("9.92"), "CHF"),
    "unit_price_eur": Fact("money", Decimal("5.75"), "EUR"),
    "example_chf_final_per_hosting": Fact("money", Decimal("5.95"), "CHF"),
    "example_eur_final_per_hosting": Fact("money", Decimal("3.45"), "EUR"),
}


def test_placeholders_are_exactly_the_names_guides_use():
    """placeholders() provides every name the guides use, and no other."""
    assert set(placeholders()) == PLACEHOLDER_NAMES


def test_placeholders_hold_the_seeds_figures():
    """Each placeholder has the value, kind and currency the seeds give."""
    assert placeholders() == SEED_FIGURES


def test_money_facts_have_a_currency_and_others_do_not():
    """A money fact says its currency; a percent or a count has none."""
    for name, fact in placeholders().items():
        assert isinstance(fact.value, Decimal), name
        assert (fact.currency is not None) is (fact.kind == "money"), name
        assert fact.currency in (None, *facts.CURRENCIES)


def test_example_figures_are_computed_by_the_pricing_calculator(monkeypatch):
    """Change a unit price or a tier and the example figures follow: they are not typed."""
    monkeypatch.setitem(facts.UNIT_PRICES, "web-hosting", {"CHF": Decimal("10"), "EUR": Decimal("5.75")})
    computed = placeholders()
    assert computed["example_chf_normal_total"].value == Decimal("350.00")
    assert computed["example_chf_final_total"].value == Decimal("210.00")
    assert computed["unit_price_chf"].value == Decimal("10")


def test_example_rates_follow_the_tier_table(monkeypatch):
    """The example's degressive rate is looked up in the table, not typed."""
    rows = tuple(
        facts.Tier(t.min_quantity, t.max_quantity, Decimal("30") if t.rate == 25 else t.rate, t.source, t.provisional)
        for t in facts.DEGRESSIVE_TIERS["web-hosting"]
    )
    monkeypatch.setitem(facts.DEGRESSIVE_TIERS, "web-hosting", rows)
    computed = placeholders()
    assert computed["example_degressive_rate"].value == Decimal("30")
    assert computed["example_total_reduction"].value == Decimal("44")


def test_fact_is_frozen():
    """A Fact cannot be changed once made."""
    fact = Fact("count", Decimal(1))
    with pytest.raises(AttributeError):
        fact.value = Decimal(2)  # type: ignore[misc]


def test_thresholds_and_limits_are_the_seeds():
    """CHF 2000 / EUR 1800 a year, partner discount up to 35 %."""
    assert facts.MIN_ANNUAL_VOLUME == {"CHF": Decimal("2000"), "EUR": Decimal("1800")}
    assert facts.MAX_PARTNER_DISCOUNT == Decimal("35")
    assert facts.DEFAULT_PARTNER_DISCOUNT == Decimal("20")


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
