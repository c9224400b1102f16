"""Tables that guides insert with ``table: <name>``, computed from ``calculators``.

Labels come from the calculator texts of the page's language
(``docs/<lang>/calculators/*.yml``, as loaded for the build: ``texts`` maps a
calculator name to its data); values from the calculators, never typed.
"""

from __future__ import annotations

from calculators import api, present
from calculators.facts import EXAMPLE_PARTNER_DISCOUNT, EXAMPLE_PRODUCT, EXAMPLE_QUANTITY
from scripts.render import formatting


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), line(["---"] * len(header)), *map(line, rows)]) + "\n"


def access_comparison(texts: dict[str, dict], lang: str) -> str:
    """Every capability under limited access and the two kinds of full access."""
    table = present.comparison(texts["access"])
    return _markdown([""] + [title for _, title in table["columns"]], [[label, *values] for _, label, values in table["rows"]])


# The rows of the payment-methods guide: what changes with whose payment methods are used.
PAYMENT_ROWS = (
    "payment_methods_chosen_by", "payer_when_client_orders", "invoices_when_client_orders",
    "payer_when_partner_orders", "invoices_when_partner_orders", "benefit_when_client_orders",
    "benefit_when_partner_orders", "products_installed_in",
)


def payment_methods(texts: dict[str, dict], lang: str) -> str:
    """Full access with the client's or the partner's payment methods, side by side."""
    table = present.comparison(texts["access"])
    full = [i for i, (cid, _) in enumerate(table["columns"]) if cid.startswith("full_")]
    rows = [[label, *(values[i] for i in full)] for rid, label, values in table["rows"] if rid in PAYMENT_ROWS]
    return _markdown([""] + [table["columns"][i][1] for i in full], rows)


def pricing_example(calculator_texts: dict[str, dict], lang: str) -> str:
    """The worked example of the discount-and-cashback guide, in CHF and EUR."""
    texts = calculator_texts["pricing"]
    labels = {k: v["label"] for k, v in texts["results"].items()}
    spec = formatting.spec(lang)
    quotes = [
        present.view(
            "pricing",
            api.run("pricing", {"quantity": str(EXAMPLE_QUANTITY), "currency": currency,
                                        "partner_discount": str(EXAMPLE_PARTNER_DISCOUNT), "product": EXAMPLE_PRODUCT}),
            texts, spec,
        )
        for currency in formatting.CURRENCIES
    ]
    names = ("normal_total", "after_discount", "degressive_rate", "final_total", "final_per_hosting", "total_reduction")
    rows = [[labels[n], *(q[n]["text"] for q in quotes)] for n in names]
    header = [texts["messages"]["excl_vat"], *formatting.CURRENCIES]
    return _markdown(header, rows)


TABLES = {
    "access-comparison": access_comparison,
    "payment-methods": payment_methods,
    "pricing-example": pricing_example,
}

