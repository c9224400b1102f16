"""The coverage matrix: each source file x each language, ok / stale / errors / missing.

``kb status`` prints it; the build publishes it, with the findings of the
page's language, as each language's "translation status" page
(``markdown(matrix, lang, texts)``). Both come from ``checks.report``: the
page cannot say something the checker does not. A stale file's findings that
say what French changed are shown as a list under the others, each field's
word diff with ``<del>``/``<ins>``; every word in it is escaped.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from scripts.checks import runner as checks
from scripts.checks.base import shown_safely
from scripts.sources import snapshots
from scripts.sources.corpus import shown_path
from scripts.sources.tree import LANGUAGES

# Worst first: a cell shows the worst state of its file.
STATES = ("missing", "errors", "stale", "ok")
# Plain signs that every text font has (emoji need an emoji font the reader may lack).
MARKS = {"ok": "✓", "stale": "↻", "errors": "✗", "missing": "–"}
KIND_ORDER = {"guide": 0, "site": 1, "glossary": 2, "calculator": 3}
# The word of a state in a cell of the status page's table (frame.css hides it visually on phones).
STATE_CLASS = "kb-translation-state"

@dataclass(frozen=True)
class Row:
    """One source file (guides/<id>.yml, site.yml, glossary.yml, calculators/<name>.yml) in every language."""

    key: str
    kind: str
    cells: dict[str, str]

    @property
    def name(self) -> str:
        return Path(self.key).stem if self.kind in ("guide", "calculator") else self.key


@dataclass(frozen=True)
class Matrix:
    languages: tuple[str, ...]
    rows: tuple[Row, ...]
    findings: tuple[checks.Finding, ...]

    def counts(self, lang: str) -> Counter:
        return Counter(row.cells[lang] for row in self.rows)

    def findings_of(self, lang: str) -> list[checks.Finding]:
        return [finding for finding in self.findings if finding.lang == lang]

    def as_json(self) -> dict:
        return {
            "languages": list(self.languages),
            "rows": [{"key": row.key, "kind": row.kind, "cells": row.cells} for row in self.rows],
            "counts": {lang: dict(self.counts(lang)) for lang in self.languages},
        }


def matrix(report: checks.Report) -> Matrix:
    """The state of every file of ``report`` in every language."""
    worst: dict[tuple[str, str], str] = {}
    for finding in report.findings:
        key = _key(report, finding)
        state = "missing" if finding.check == "missing" else "errors" if finding.is_error else "stale"
        current = worst.get((finding.lang, key), "ok")
        worst[(finding.lang, key)] = min(current, state, key=STATES.index)
    keys: dict[str, str] = {}
    for files in report.files.values():
        for key, file in files.items():
            keys.setdefault(key, file.kind)
    rows = []
    for key, kind in sorted(keys.items(), key=lambda item: (KIND_ORDER.get(item[1], 9), item[0])):
        cells = {}
        for lang in LANGUAGES:
            present = key in report.files.get(lang, {})
            cells[lang] = worst.get((lang, key), "ok") if present else "missing"
        rows.append(Row(key, kind, cells))
    return Matrix(tuple(LANGUAGES), tuple(rows), tuple(report.findings))


def _key(report: checks.Report, finding: checks.Finding) -> str:
    prefix = shown_path(report.tree, report.tree.lang_dir(finding.lang)) + "/"
    return finding.path.removeprefix(prefix)


def text(table: Matrix) -> str:
    """The matrix as a plain-text table, the count of each state per language, then what French changed."""
    width = max([len(row.key) for row in table.rows] + [len("file")])
    cell = max(len(state) for state in STATES)
    lines = [f"{'file':<{width}}  " + "  ".join(f"{lang:<{cell}}" for lang in table.languages)]
    for row in table.rows:
        lines.append(f"{row.key:<{width}}  " + "  ".join(f"{row.cells[lang]:<{cell}}" for lang in table.languages))
    for state in reversed(STATES):
        counts = "  ".join(f"{table.counts(lang)[state]:<{cell}}" for lang in table.languages)
        lines.append(f"{'(' + state + ')':<{width}}  {counts}")
    changed = [
        shown_safely(f"{finding.path}:{finding.line}: {change['field']}: {change['diff']}")
        for finding in table.findings for change in finding.changes
    ]
    if changed:
        lines += ["", "what French changed since the stale files were stamped:", *changed]
    return "\n".join(lines) + "\n"


def markdown(table: Matrix, lang: str, words: dict[str, str]) -> str:
    """The translation status page of ``lang``: the matrix, then every finding of that language.

    ``words`` is the ``status`` block of ``docs/<lang>/site.yml``.
    """
    header = [words["file"]] + [f"**{code}**" if code == lang else code for code in table.languages]
    out = [
        f"# {words['title']}",
        "",
        words["intro"],
        "",
        " · ".join(f"{MARKS[state]} {words[state]}" for state in reversed(STATES)),
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for row in table.rows:
        cells = [f"`{row.key}`"] + [state_cell(row.cells[code], words) for code in table.languages]
        out.append("| " + " | ".join(cells) + " |")
    counts = table.counts(lang)
    out += ["", f"## {words['findings']}", ""]
    out.append(" · ".join(f"{MARKS[state]} {counts[state]}" for state in reversed(STATES)))
    out.append("")
    own = table.findings_of(lang)
    listed = [finding for finding in own if not finding.changes]
    changed = [finding for finding in own if finding.changes]
    if listed:
        # A code block: messages hold {{ placeholders }}, brackets and quotes
        # that Markdown would otherwise interpret.
        out += ["```text", *(str(finding) for finding in listed), "```"]
    if changed:
        out += ["", *changes_html(changed)]
    if not own:
        out.append(words["none"])
    return "\n".join(out) + "\n"


def state_cell(state: str, words: dict[str, str]) -> str:
    """A cell of the matrix: the state's sign, then its word in a span (``STATE_CLASS``).

    On a phone the table keeps only the signs (their words are in the legend above it),
    so that the five languages fit beside the file names (docs/assets/stylesheets/frame.css);
    the word stays in the page for screen readers. The word is escaped: it is a translator's text.
    """
    return f'{MARKS[state]} <span class="{STATE_CLASS}">{_escaped(words[state])}</span>'


def changes_html(findings: list[checks.Finding]) -> list[str]:
    """What French changed, per stale field: a raw HTML block (Markdown leaves it as is), every text escaped.

    Each item: ``path:line`` and the field (code), fr's words with the removed
    ones in ``<del>`` and the added ones in ``<ins>``, then the fix.
    """
    items = []
    for finding in findings:
        fix = finding.message.rpartition(" — ")[2]  # the fix follows the last dash (fr's text may hold one)
        for change in finding.changes:
            diff = _diff_html(snapshots.word_diff(change["old"], change["new"]))
            items.append(
                f'<li><code>{_escaped(f"{finding.path}:{finding.line}")}</code> <code>{_escaped(change["field"])}</code>:'
                f" {diff}{' — ' + _escaped(fix) if fix else ''}</li>"
            )
    return ['<ul class="kb-stale-changes">', *items, "</ul>", ""]


def _diff_html(segments: list[snapshots.Segment]) -> str:
    out = ""
    for kind, text, spaced in segments:
        part = {"-": f"<del>{_escaped(text)}</del>", "+": f"<ins>{_escaped(text)}</ins>"}.get(kind, _escaped(text))
        out += (" " if spaced and out else "") + (snapshots.ELLIPSIS if kind == snapshots.ELLIPSIS else part)
    return out


def _escaped(text: str) -> str:
    """``text`` as HTML text: no tag, no entity, no line break, no character a check forbids (written as its code)."""
    return html.escape(shown_safely(" ".join(text.split("\n"))), quote=True)


def as_json(table: Matrix) -> str:
    return json.dumps(table.as_json(), ensure_ascii=False, indent=2)



def pages(report: checks.Report, words: dict[str, dict[str, str]]) -> dict[str, str]:
    """The status page of every language that has its words (what the build publishes), by language."""
    table = matrix(report)
    return {lang: markdown(table, lang, words[lang]) for lang in table.languages if lang in words}
