"""Calculator pages: the form and its prerendered result, made at build time.

The result shown before any Python runs in the browser comes from the same
``calculators`` code (``api.run`` on the defaults, ``present.view``) that the
Web Worker runs later, with the texts of ``docs/<lang>/calculators/<name>.yml``.
Markup contract (DESIGN.md): ``form[data-calculator][data-state]``, inputs named
like the Python arguments, ``output[name][data-value]``.
"""

from __future__ import annotations

import json
from html import escape
from typing import NamedTuple

from calculators import api, present, registry
from calculators._inputs import Boolean, Choice, Optional
from calculators.facts import DEGRESSIVE_TIERS
from calculators.numbers import percent
from scripts.render import formatting, pictures
from scripts.render import markdown as render
from scripts.sources.loader import Source
from scripts.sources.tree import LANGUAGES, REFERENCE

# Inputs shown only when another input has a value (the glue disables them otherwise).
ENABLED_WHEN = {("access", "payment"): "access=full"}
# The main result of each calculator: kept in view on a phone as a compact summary.
SUMMARY = {"pricing": ("final_total",), "eligibility": ("eligible",), "access": ("allowed", "partner_benefit")}


class Parts(NamedTuple):
    """A widget's results: ``results`` (the live region, beside the inputs), ``pictures`` (beside it too,
    outside the live region) and ``more`` (below both, full width: tables and notes read once)."""

    results: str
    pictures: str
    more: str


def _attrs(**attributes: str | None) -> str:
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"' for name, value in attributes.items() if value is not None
    )


def _field(calculator: str, name: str, field, words: dict, defaults: dict[str, str]) -> str:
    ident = f"{calculator}-{name.replace('_', '-')}"
    help_id, error_id = f"{ident}-help", f"{ident}-error"
    described = f"{help_id} {error_id}" if words.get("help") else error_id
    inner = field.inner if isinstance(field, Optional) else field
    label = escape(words["label"])
    default = defaults.get(name, "")
    enabled_when = ENABLED_WHEN.get((calculator, name))
    # Disabled as the glue would disable it, so the static form already reads right.
    disabled = enabled_when is not None and not _holds(enabled_when, {k: {"value": v} for k, v in defaults.items()})
    state = (" checked" if isinstance(inner, Boolean) and default.lower() in {"true", "on", "yes", "1"} else "") + (" disabled" if disabled else "")
    if isinstance(inner, Boolean):
        control = f'<input type="checkbox"{_attrs(id=ident, name=name, value="true", aria_describedby=described)}{state}>'
        head = f'<label class="kb-check"{_attrs(for_=ident)}>{control} {label}</label>'
    elif isinstance(inner, Choice):
        options = words.get("options", {})
        choices = "".join(
            f'<option value="{escape(c)}"{" selected" if c == default else ""}>{escape(options.get(c, c))}</option>'
            for c in inner.choices
        )
        head = f'<label for="{ident}">{label}</label><select{_attrs(id=ident, name=name, aria_describedby=described)}{state}>{choices}</select>'
    else:
        head = (
            f'<label for="{ident}">{label}</label>'
            f'<input type="text" inputmode="decimal" autocomplete="off"{_attrs(id=ident, name=name, value=default, aria_describedby=described)}{state}>'
        )
    help_text = f'<p class="kb-help"{_attrs(id=help_id)}>{escape(words["help"])}</p>' if words.get("help") else ""
    # Always in the page and live (empty until a reply names this field), so the message is announced.
    error = f'<p class="kb-error"{_attrs(id=error_id, aria_live="polite")}></p>'
    wrapper = " kb-disabled" if disabled else ""
    return f'<div class="kb-field{wrapper}"{_attrs(data_enabled_when=enabled_when)}>{head}{help_text}{error}</div>'


def _output(name: str, shown: dict, labelled_by: str | None = None) -> str:
    """``<output name data-value>``; ``labelled_by``: the id of the words that name it (its row's header)."""
    entry = shown.get(name, {"value": "", "text": ""})
    return f'<output{_attrs(name=name, data_value=entry["value"], aria_labelledby=labelled_by)}>{escape(entry["text"])}</output>'


def _label_id(calculator: str, name: str) -> str:
    """The id of the header naming result ``name``: the full result and its summary share it as their name."""
    return f"{calculator}-result-{name.replace('_', '-')}"


def _holds(condition: str, shown: dict) -> bool:
    """``name=value`` (several joined by ``&``) against the raw values, as the glue tests it."""
    pairs = (part.partition("=") for part in condition.split("&"))
    return all(shown.get(name, {}).get("value") == expected for name, _, expected in pairs)


def _visible(condition: str, shown: dict) -> str:
    """``data-show-when`` plus the prerendered ``hidden`` state, as the glue computes it."""
    return f'{_attrs(data_show_when=condition)}{"" if _holds(condition, shown) else " hidden"}'


def _current(condition: str, shown: dict) -> str:
    return f'{_attrs(data_current_when=condition)}{_attrs(aria_current="true") if _holds(condition, shown) else ""}'


def _row(label: str, inner: str, ident: str | None = None) -> str:
    return f'<tr><th scope="row"{_attrs(id=ident)}>{escape(label)}</th><td>{inner}</td></tr>'


def _result_row(calculator: str, name: str, label: str, shown: dict, after: str = "") -> str:
    """One result in the results table; a main result (repeated by the phone's summary) is named by its header."""
    if name not in SUMMARY[calculator]:
        return _row(label, _output(name, shown) + after)
    ident = _label_id(calculator, name)
    return _row(label, _output(name, shown, ident) + after, ident)


def _parts_pricing(texts: dict, shown: dict, spec: dict) -> Parts:
    labels = {k: v["label"] for k, v in texts["results"].items()}
    messages = texts["messages"]
    rows = "".join(
        _result_row("pricing", name, labels[name], shown)
        for name in ("unit_price", "normal_total", "after_discount", "degressive_rate", "final_total",
                     "final_per_hosting", "total_reduction")
    )
    breakdown = (
        f'<table class="kb-breakdown"><caption>{escape(messages["excl_vat"])}</caption><tbody>{rows}</tbody></table>'
        f'<p>{_output("unit_price_note", shown)}</p><p>{escape(messages["formula"])}</p>'
    )
    # The breakdown's picture beside the result, outside its live region (its caption repeats the numbers);
    # each sourced rate table below both columns, with its picture (the reader's quantity marked).
    tables = "".join(
        _tiers(product, texts, shown, spec) + pictures.tiers(rows, texts, shown, spec, _visible(f"product={product}", shown))
        for product, rows in DEGRESSIVE_TIERS.items() if rows
    )
    # The cashback rule, in words: its amount depends on what the public price holds, which the sources do not say.
    cashback = f'<div class="kb-cashback"><p>{escape(messages["cashback"])}</p></div>'
    return Parts(breakdown, pictures.breakdown(texts, shown), tables + cashback)


def _tiers(product: str, texts: dict, shown: dict, spec: dict) -> str:
    """The sourced rows of ``product``'s degressive-rate table, the reader's row marked as current."""
    words = texts["tiers"]
    head = "".join(f'<th scope="col">{escape(words[k])}</th>' for k in ("min_quantity", "max_quantity", "rate", "source"))
    rows = []
    for index, tier in enumerate(DEGRESSIVE_TIERS[product]):
        upper = str(tier.max_quantity) if tier.max_quantity is not None else words["open_ended"]
        rows.append(
            f"<tr{_current(f'product={product}&tier_index={index}', shown)}>"
            f"<td>{tier.min_quantity}</td><td>{escape(upper)}</td><td>{escape(percent(tier.rate, spec))}</td>"
            f"<td>{escape(words['sources'][tier.source.guide])}</td></tr>"
        )
    return (
        f'<table class="kb-tiers"{_visible(f"product={product}", shown)}><caption>{escape(words["caption"])}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _unanswered(text: str) -> str:
    """Shown instead of a verdict until the reader answers a question (widgets.css; the glue sets data-answered)."""
    return f'<span class="kb-unanswered">{escape(text)}</span>'


def _parts_eligibility(texts: dict, shown: dict, spec: dict, *, apply_url: str = "") -> Parts:
    messages = texts["messages"]
    labels = {k: v["label"] for k, v in texts["results"].items()}
    items = "".join(
        f'<li><span class="kb-condition">{_output(f"condition_text_{c}", shown)}</span> '
        f'{_output(f"condition_{c}", shown)}{_unanswered(messages["unanswered"])}'
        f'<span class="kb-reason"{_visible(f"condition_{c}=false", shown)}> {_output(f"condition_reason_{c}", shown)}</span></li>'
        for c in texts["conditions"]
    )
    verdict = "".join(
        _result_row("eligibility", name, labels[name], shown, _unanswered(messages["unanswered_verdict"]) if name == "eligible" else "")
        for name in ("eligible", "min_volume", "volume_shortfall")
    )
    results = (
        f'<table class="kb-verdict"><tbody>{verdict}</tbody></table>'
        f'<p{_visible("eligible=true", shown)}>{escape(messages["eligible"])}</p>'
        + _next_steps(messages, shown, apply_url)
        + f'<p class="kb-not-eligible"{_visible("eligible=false", shown)}>{escape(messages["not_eligible"])}</p>'
    )
    # Each condition with its reason: below both columns, so that the verdict beside the inputs stays short
    # enough to be kept in view.
    notes = (
        f'<ul class="kb-conditions">{items}</ul>'
        f'<p class="kb-note"{_visible("suggest_affiliate_program=true", shown)}>{escape(messages["affiliate_program"])}</p>'
        f'<p class="kb-note">{escape(messages["one_program"])}</p>'
    )
    return Parts(results, "", notes)


# From a calculator page (<lang>/calculators/<name>/) to the guide stating the conditions, in the same language.
CONDITIONS_HREF = f"../../guides/{render.CONDITIONS_GUIDE}/#eligibility"


def _next_steps(messages: dict, shown: dict, apply_url: str) -> str:
    """With an eligible result: the conditions to read, and where to apply, or that its address is not given here."""
    conditions = f'<a{_attrs(href=CONDITIONS_HREF)}>{escape(messages["conditions_link"])}</a>'
    if apply_url and render.APPLY_URL.fullmatch(apply_url):
        apply = f'<a{_attrs(href=apply_url)}>{escape(messages["apply_link"])}</a>'
    else:
        apply = escape(messages["apply_unknown"])
    return f'<p class="kb-next"{_visible("eligible=true", shown)}>{conditions} {apply}</p>'


def _parts_access(texts: dict, shown: dict, spec: dict) -> Parts:
    labels = {k: v["label"] for k, v in texts["results"].items()}
    messages = texts["messages"]
    rows = "".join(_result_row("access", name, labels[name], shown) for name in registry.get("access").outputs)
    results = (
        f'<table class="kb-scenario"><tbody>{rows}</tbody></table>'
        f'<p class="kb-note"{_visible("allowed=false", shown)}>{escape(messages["not_allowed"])}</p>'
        f'<p class="kb-note"{_visible("payer=not_stated", shown)}>{escape(messages["not_stated"])}</p>'
        f'<p>{escape(messages["client_decides"])}</p>'
    )
    return Parts(results, "", comparison_html(texts, shown) + comparison_cards(texts, shown))


def comparison_html(texts: dict, shown: dict | None = None) -> str:
    table = present.comparison(texts)
    shown = shown or {}
    head = "".join(
        f'<th scope="col"{_current(f"column={cid}", shown)}>{escape(title)}</th>' for cid, title in table["columns"]
    )
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(
            f'<td{_current(f"column={cid}", shown)}>{escape(value)}</td>'
            for (cid, _), value in zip(table["columns"], values, strict=True)
        )
        + "</tr>"
        for _, label, values in table["rows"]
    )
    caption = escape(texts["messages"]["table_caption"])
    return f'<table class="kb-compare"><caption>{caption}</caption><thead><tr><td></td>{head}</tr></thead><tbody>{body}</tbody></table>'


def comparison_cards(texts: dict, shown: dict | None = None) -> str:
    """The same comparison, one card per column: what a phone shows instead of the table (widgets.css),
    so that the reader's own column (``aria-current``) is never cut at the screen's edge."""
    table = present.comparison(texts)
    shown = shown or {}
    cards = "".join(
        f'<div class="kb-card"{_current(f"column={cid}", shown)}><p class="kb-card-title">{escape(title)}</p><dl>'
        + "".join(f"<dt>{escape(label)}</dt><dd>{escape(values[index])}</dd>" for _, label, values in table["rows"])
        + "</dl></div>"
        for index, (cid, title) in enumerate(table["columns"])
    )
    caption = escape(texts["messages"]["table_caption"])
    return f'<div class="kb-compare-cards"><p class="kb-cards-caption">{caption}</p>{cards}</div>'


# The results parts of each widget: the function ``_parts_<name>`` above, one per registered calculator.
PARTS = {name: globals()[f"_parts_{name}"] for name in registry.NAMES}


def _joined(name: str):
    def results(texts: dict, shown: dict, spec: dict, **options: str) -> str:
        return "".join(PARTS[name](texts, shown, spec, **options))
    return results


# Everything a widget shows of a result, as one fragment (the parts in the page's order).
RESULTS = {name: _joined(name) for name in registry.NAMES}



def summary(name: str, texts: dict, shown: dict) -> str:
    """The main result again, as ``<output>`` elements of the same names and accessible names (the results'
    headers), which stay in view at the bottom of a phone's screen while the reader scrolls the inputs.

    Hidden from assistive technologies (``aria-hidden``): the full result, in the live region, already says
    every change once, and read in the page's order a repeated copy would only be said twice.
    """
    items = []
    for output in SUMMARY[name]:
        extra = _unanswered(texts["messages"]["unanswered_verdict"]) if name == "eligibility" else ""
        items.append(
            f'<span class="kb-summary-item"><span class="kb-summary-label">{escape(texts["results"][output]["label"])}</span> '
            f"{_output(output, shown, _label_id(name, output))}{extra}</span>"
        )
    return f'<div class="kb-summary" aria-hidden="true">{"".join(items)}</div>'


# Each language's decimal sign, for the language switcher: a number is carried written as the other language writes it.
DECIMALS = "&".join(f"{lang}={formatting.spec(lang)['decimal']}" for lang in LANGUAGES)


def site_root(lang: str) -> str:
    """From a calculator page to the site root, where assets and the runtime live once for all languages."""
    return "../../" if lang == REFERENCE else "../../../"


# The status line's texts: the runtime's state, or why the result shown does not answer the inputs shown
# (calculators.js shows the second kind over the first, with aria-busy on the results).
STATUS_STATES = ("loading", "ready", "error", "pending", "invalid", "unavailable")


def form(name: str, texts: dict, lang: str, *, apply_url: str = "") -> str:
    """The whole widget: inputs with their defaults, and the result for those defaults.

    ``apply_url``: the language's address to apply to the Partner Program ("" while not known), for eligibility.
    """
    root = site_root(lang)
    spec = formatting.spec(lang)
    defaults = api.defaults(name)
    shown = present.view(name, api.run(name, defaults), texts, spec)
    fields = "".join(
        _field(name, field_name, field, texts["inputs"][field_name], defaults)
        for field_name, field in registry.get(name).fields.items()
    )
    # No "<" at all in the JSON: nothing in a text can end or reopen the script element.
    setup = json.dumps({"calculator": name, "texts": texts, "spec": spec}, ensure_ascii=False).replace("<", "\\u003c")
    status = texts["status"]
    parts = PARTS[name](texts, shown, spec, **({"apply_url": apply_url} if name == "eligibility" else {}))
    scripts = _attrs(data_worker=f"{root}assets/javascripts/calculator-worker.mjs", data_runtime=f"{root}assets/runtime/")
    states = _attrs(**{f"data_{state}": status[state] for state in STATUS_STATES})
    # Wide screens: inputs and result side by side, the result kept in view (widgets.css); phones: one column,
    # the summary at the bottom of the screen, then the result, then what is read once (tables, notes).
    more = f'<div class="kb-more">{parts.more}</div>' if parts.more else ""
    return (
        f'<form class="kb-calculator" novalidate{_attrs(data_calculator=name, data_state="static")}{scripts}{_attrs(data_decimals=DECIMALS)}>'
        f'<p class="kb-status" role="status"{states}>{escape(status["loading"])}</p>'
        '<div class="kb-layout"><div class="kb-main">'
        f'<fieldset class="kb-inputs"><legend>{escape(texts["title"])}</legend>{fields}</fieldset>'
        f'<p class="kb-error kb-form-error" aria-live="polite"></p></div>'
        f"{summary(name, texts, shown)}"
        f'<div class="kb-aside"><section class="kb-results" aria-live="polite">{parts.results}</section>{parts.pictures}</div>'
        f"</div>{more}"
        f'<script type="application/json" class="kb-setup">{setup}</script>'
        "</form>"
    )


def page(name: str, source: Source, ctx: render.Context) -> str:
    """The Markdown page of one calculator (title, intro, then the widget as raw HTML)."""
    texts = {k: v for k, v in source.data.items() if k != "source_hash"}
    intro = render.text(source, ("intro",), texts["intro"], ctx, base="../").strip()
    return (
        f"# {texts['title']}\n\n{intro}\n\n{form(name, texts, ctx.lang, apply_url=ctx.apply_url)}\n\n"
        # Classic, not a deferred module: it starts the worker while the rest of the page is still parsing.
        f'<script src="{site_root(ctx.lang)}assets/javascripts/calculators.js"></script>\n'
    )
