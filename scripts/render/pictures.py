"""The pricing calculator's pictures, drawn as SVG at build time from a result (``present.view``).

Two pictures, each a ``<figure>`` whose caption is its text alternative (the same numbers as the result,
as text); the SVG itself is ``aria-hidden`` so that a screen reader hears the numbers once:

- :func:`breakdown`: one bar per step of the price, normal -> after the partner discount -> final,
  each as long as its amount against the normal price; the final bar is empty when no rate is known.
- :func:`tiers`: a quantity axis with the **sourced** rows of a product's degressive-rate table
  (``facts.DEGRESSIVE_TIERS``: nothing else is drawn, no row is invented) and the reader's quantity marked.

Geometry is in percentages of the picture's width (no ``viewBox``): the picture follows the column's
width while its words keep the page's font size. ``calculators.js`` redraws both from each new result
with the same rules (:func:`bar_percent`, :func:`axis_percent`): the ``data-*`` attributes below name
the outputs a length or a position is read from.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from html import escape

from calculators.facts import Tier
from calculators.numbers import number, percent

# The breakdown: label line then bar, per step (pixels).
BAR_STEPS = ("normal_total", "after_discount", "final_total")
ROW_HEIGHT = 46
BAR_HEIGHT = 16
LABEL_BASELINE = 16
# The tiers' axis spans this part of the width (percent), with room for the labels at both ends.
AXIS_START, AXIS_END = Decimal(4), Decimal(96)
# The axis reaches this far beyond the largest quantity drawn (a mark at the very end would be cut).
AXIS_ROOM = Decimal("1.25")
TIERS_HEIGHT = 74
AXIS_Y = 40


def _pc(value: Decimal) -> str:
    """A percentage as SVG writes it, two decimals at most ("37.5%")."""
    text = f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _decimal(raw: str) -> Decimal | None:
    try:
        value = Decimal(raw)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return value if value.is_finite() else None


def bar_percent(value: str, scale: str) -> Decimal:
    """How long a bar is, in percent of the full width: ``value`` against ``scale`` (0 when either is unknown)."""
    amount, full = _decimal(value), _decimal(scale)
    if amount is None or full is None or full <= 0 or amount <= 0:
        return Decimal(0)
    return min(amount / full, Decimal(1)) * 100


def axis_end(rows: tuple[Tier, ...], quantity: str) -> Decimal:
    """The largest quantity on the axis: the largest drawn (a row's bound or the reader's), with room after it."""
    known = [Decimal(bound) for row in rows for bound in (row.min_quantity, row.max_quantity) if bound is not None]
    reader = _decimal(quantity)
    if reader is not None and reader > 0:
        known.append(reader)
    return max(known, default=Decimal(1)) * AXIS_ROOM


def axis_percent(quantity: Decimal | int | str, end: Decimal) -> Decimal:
    """Where ``quantity`` sits on the axis, in percent of the picture's width."""
    value = _decimal(str(quantity))
    if value is None or end <= 0:
        return AXIS_START
    return AXIS_START + (AXIS_END - AXIS_START) * max(min(value / end, Decimal(1)), Decimal(0))


def _attrs(**attributes: str) -> str:
    return "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"' for name, value in attributes.items())


def _text_of(name: str, shown: dict, unknown: str) -> str:
    """The text of an output as a picture shows it: the short "unknown" word when it has no value."""
    entry = shown.get(name, {"value": "", "text": ""})
    return entry["text"] if entry["value"] != "" else unknown


def breakdown(texts: dict, shown: dict) -> str:
    """Normal price -> after the partner discount -> final price, as bars, with the numbers as its caption."""
    labels = {name: texts["results"][name]["label"] for name in BAR_STEPS}
    unknown = texts["messages"]["unknown"]
    scale = shown.get("normal_total", {}).get("value", "")
    rows = []
    for index, name in enumerate(BAR_STEPS):
        top = index * ROW_HEIGHT
        width = bar_percent(shown.get(name, {}).get("value", ""), scale)
        rows.append(
            f'<text{_attrs(x="0", y=str(top + LABEL_BASELINE), class_="kb-svg-label")}>{escape(labels[name])}</text>'
            f'<text{_attrs(x="100%", y=str(top + LABEL_BASELINE), text_anchor="end", class_="kb-svg-value", data_text_of=name, data_unknown=unknown)}>'
            f"{escape(_text_of(name, shown, unknown))}</text>"
            f'<rect{_attrs(x="0", y=str(top + LABEL_BASELINE + 6), width="100%", height=str(BAR_HEIGHT), class_="kb-svg-track")}></rect>'
            f'<rect{_attrs(x="0", y=str(top + LABEL_BASELINE + 6), width=_pc(width), height=str(BAR_HEIGHT),
                           class_=f"kb-svg-bar kb-svg-bar-{index}", data_bar=name, data_scale="normal_total")}></rect>'
        )
    caption = " → ".join(
        f'{escape(labels[name])} <span{_attrs(data_text_of=name, data_unknown=unknown)}>{escape(_text_of(name, shown, unknown))}</span>'
        for name in BAR_STEPS
    )
    height = str(ROW_HEIGHT * len(BAR_STEPS))
    return (
        f'<figure class="kb-picture kb-picture-breakdown">'
        f'<svg{_attrs(class_="kb-svg", height=height, aria_hidden="true")}>{"".join(rows)}</svg>'
        f'<figcaption><span class="kb-picture-title">{escape(texts["messages"]["picture_breakdown"])}</span> {caption}</figcaption></figure>'
    )


def tiers(rows: tuple[Tier, ...], texts: dict, shown: dict, spec: dict, shown_when: str) -> str:
    """The sourced rows of one product's table on a quantity axis, the reader's quantity marked (``shown_when``:
    the glue's condition for this product's picture; ``hidden`` when it does not hold for ``shown``)."""
    quantity = shown.get("quantity", {"value": "", "text": ""})
    end = axis_end(rows, quantity["value"])
    domain = max((Decimal(b) for row in rows for b in (row.min_quantity, row.max_quantity) if b is not None), default=Decimal(0))
    marks = []
    for row in rows:
        start, stop = axis_percent(row.min_quantity, end), axis_percent(row.max_quantity if row.max_quantity is not None else end, end)
        middle = (start + stop) / 2
        to = str(row.max_quantity) if row.max_quantity is not None else "end"
        label = f"{number(Decimal(row.min_quantity), spec)}"
        if row.max_quantity != row.min_quantity:
            label += f"–{number(Decimal(row.max_quantity), spec)}" if row.max_quantity is not None else "+"
        marks.append(
            f'<rect{_attrs(x=_pc(start - Decimal("0.8")), y=str(AXIS_Y - 6), width=_pc(stop - start + Decimal("1.6")), height="12",
                           rx="3", class_="kb-svg-tier", data_from=str(row.min_quantity), data_to=to)}></rect>'
            f'<text{_attrs(x=_pc(middle), y=str(AXIS_Y - 12), text_anchor="middle", class_="kb-svg-label", data_from=str(row.min_quantity), data_to=to)}>'
            f"{escape(label)} → {escape(percent(row.rate, spec))}</text>"
        )
    at = axis_percent(quantity["value"], end)
    reader = (
        f'<line{_attrs(x1=_pc(at), x2=_pc(at), y1=str(AXIS_Y - 10), y2=str(AXIS_Y + 10), class_="kb-svg-mark", data_at="quantity")}></line>'
        f'<text{_attrs(x=_pc(at), y=str(AXIS_Y + 26), text_anchor="middle", class_="kb-svg-value", data_at="quantity", data_text_of="quantity")}>'
        f'{escape(quantity["text"])}</text>'
    )
    axis = (
        f'<line{_attrs(x1=_pc(AXIS_START), x2=_pc(AXIS_END), y1=str(AXIS_Y), y2=str(AXIS_Y), class_="kb-svg-axis")}></line>'
        f'<text{_attrs(x=_pc(AXIS_START), y=str(AXIS_Y + 26), text_anchor="middle", class_="kb-svg-label")}>0</text>'
    )
    words = texts["inputs"]["quantity"]["label"], texts["results"]["degressive_rate"]["label"]
    unknown = texts["messages"]["unknown"]
    caption = (
        f'<span class="kb-picture-title">{escape(texts["messages"]["picture_tiers"])}</span> '
        f'{escape(words[0])} <span{_attrs(data_text_of="quantity")}>{escape(quantity["text"])}</span> · '
        f'{escape(words[1])} <span{_attrs(data_text_of="degressive_rate", data_unknown=unknown)}>'
        f'{escape(_text_of("degressive_rate", shown, unknown))}</span>'
    )
    return (
        f'<figure class="kb-picture kb-picture-tiers"{shown_when}>'
        f'<svg{_attrs(class_="kb-svg", height=str(TIERS_HEIGHT), aria_hidden="true", data_domain=str(domain))}>{axis}{"".join(marks)}{reader}</svg>'
        f"<figcaption>{caption}</figcaption></figure>"
    )
