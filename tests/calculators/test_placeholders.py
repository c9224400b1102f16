"""Rules of calculators.placeholders: every {{ name }} a guide may use, with the
seeds' figures, the worked example's computed by pricing.quote (not typed)."""

from __future__ import annotations

from decimal import Decimal

from calculators import Fact, facts
from calculators.placeholders import placeholders

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


def test_placeholders_hold_the_seeds_figures():
    """Each placeholder has the value, kind and currency the seeds give."""
    assert placeholders() == SEED_FIGURES


def test_money_facts_are_written_with_their_cents():
    """A guide shows money with two decimals: CHF 2000 is the fact 2000.00 (its text "CHF 2,000.00" in en)."""
    computed = placeholders()
    assert str(computed["min_volume_chf"].value) == "2000.00"
    assert str(computed["min_volume_eur"].value) == "1800.00"
    assert str(computed["example_eur_after_discount"].value) == "161.00"
    for name, fact in computed.items():
        if fact.kind == "money":
            assert fact.value.as_tuple().exponent <= -2, name


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
        facts.Tier(t.min_quantity, t.max_quantity, Decimal("30") if t.rate == 25 else t.rate, t.source)
        for t in facts.DEGRESSIVE_TIERS["web-hosting"]
    )
    monkeypatch.setitem(facts.DEGRESSIVE_TIERS, "web-hosting", rows)
    computed = placeholders()
    assert computed["example_degressive_rate"].value == Decimal("30")
    assert computed["example_total_reduction"].value == Decimal("44")
