"""Load every language's sources and write the Markdown pages MkDocs builds.

All or nothing: if any source has a mistake, nothing is written and the last
good pages stay. A file is rewritten only when its text changed, so
``mkdocs serve`` (which watches docs/) does not loop on its own output.
Every ``.md`` under ``docs/<lang>/`` is generated (and git-ignored).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from scripts.checks import runner as checks
from scripts.render import markdown as render
from scripts.render import place, status
from scripts.sources.corpus import Corpus
from scripts.sources.loader import Source, SourceError
from scripts.sources.tree import LANGUAGES, Tree


@dataclass
class Language:
    """The valid sources of one language, as the corpus holds them (missing or broken ones are absent)."""

    lang: str
    site: Source | None = None
    glossary: Source | None = None
    guides: dict[str, Source] = field(default_factory=dict)
    calculators: dict[str, Source] = field(default_factory=dict)


def language(corpus: Corpus, lang: str) -> Language:
    return Language(lang, corpus.site(lang), corpus.glossary(lang), corpus.guides(lang), corpus.calculators(lang))


def context(language: Language, facts: dict, tables: dict, ways: tuple[place.Way, ...] = ()) -> render.Context:
    """What every page of one language needs; with ``ways`` (the home page's ways in), guide pages show their place."""
    assert language.site is not None
    return render.Context(
        lang=language.lang,
        labels=language.site.data["labels"],
        guide_titles={gid: g.data["title"] for gid, g in language.guides.items()},
        facts=facts,
        calculator_names=tuple(language.calculators),
        tables=tables,
        calculator_texts={name: source.data for name, source in language.calculators.items()},
        apply_url=language.site.data.get("apply_url", ""),
        ways=ways,
        home_texts=language.site.data["home"],
        home_link=language.site.data["not_found"]["home"],
    )


def render_language(
    language: Language, facts: dict, tables: dict, errors: list[SourceError], only: Collection[str] | None = None
) -> dict[str, str]:
    """Markdown pages of one language, by path relative to its folder (with ``only``, just those pages)."""
    if language.site is None:
        return {}
    guides = list(language.guides.values())
    try:  # computed once per language: each guide page reads its place from it
        ways = place.ways_in(language.site, guides, language.guides)
    except SourceError as exc:  # a journey naming no guide: reported (the home page would say the same), nothing written
        errors.append(exc)
        ways = ()
    ctx = context(language, facts, tables, ways)
    pages: dict[str, str] = {}

    def attempt(relative: str, make) -> None:
        if only is not None and relative not in only:
            return
        try:
            pages[relative] = make()
        except SourceError as exc:
            errors.append(exc)

    for guide_id, source in language.guides.items():
        attempt(f"guides/{guide_id}.md", lambda source=source: render.guide(source, ctx))
    attempt("guides/index.md", lambda: render.guides_index(language.site, guides, ctx))
    more: list[tuple[str, str]] = []
    if language.glossary is not None:
        attempt("glossary.md", lambda: render.glossary(language.glossary, ctx))
        more.append((language.glossary.data["title"], "glossary.md"))
    for name, source in language.calculators.items():
        from scripts.render import widgets  # imported late: it needs the calculators package

        attempt(f"calculators/{name}.md", lambda name=name, source=source: widgets.page(name, source, ctx))
    attempt("index.md", lambda: render.home(language.site, guides, language.calculators, ctx, more))
    return pages


def neighbour_pages(language: Language, ids: Collection[str]) -> set[str]:
    """The guide pages that show one of these guides as their previous or next (its title): to render again when
    it is saved (scripts/site/serve.py). Empty when the ways in cannot be made (the mistake is reported elsewhere)."""
    if language.site is None:
        return set()
    try:
        ways = place.ways_in(language.site, language.guides.values(), language.guides)
    except SourceError:
        return set()
    shown = {other for way in ways if way.way.ordered for guide_id in ids if guide_id in way for other in way.neighbours(guide_id)}
    return {f"guides/{other}.md" for other in shown - {None} - set(ids)}


def build_pages(corpus: Corpus) -> tuple[dict[Path, str], list[SourceError]]:
    """Every generated page of every language, and every mistake found on the way."""
    from calculators.placeholders import placeholders
    from scripts.render.tables import TABLES

    facts = placeholders()
    errors: list[SourceError] = []
    pages: dict[Path, str] = {}
    for lang in LANGUAGES:
        for relative, markdown in render_language(language(corpus, lang), facts, TABLES, errors).items():
            pages[corpus.tree.lang_dir(lang) / relative] = markdown
    return pages, errors


def write_pages(tree: Tree, pages: dict[Path, str]) -> list[Path]:
    """Write pages whose text changed, remove generated pages that have no source any more."""
    changed = []
    for path, markdown in pages.items():
        if path.exists() and path.read_text(encoding="utf-8") == markdown:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as tmp:
            tmp.write(markdown)
        os.replace(tmp.name, path)
        changed.append(path)
    for lang in LANGUAGES:
        for stale in tree.lang_dir(lang).rglob("*.md"):
            if stale not in pages:
                stale.unlink()
                changed.append(stale)
    return changed


def sync(corpus: Corpus, report: checks.Report | None = None) -> tuple[list[Path], list[SourceError]]:
    """Regenerate the pages; on any mistake write nothing and return the mistakes."""
    pages, errors = build_pages(corpus)
    if errors:
        # A text shown on several pages (a summary on the home and the index) is reported once.
        unique = {str(error): error for error in errors}.values()
        return [], sorted(unique, key=lambda e: (str(e.path), e.line))
    if report is not None:
        pages.update(status_pages(corpus, report))
    return write_pages(corpus.tree, pages), []


def status_pages(corpus: Corpus, report: checks.Report) -> dict[Path, str]:
    """The translation status page of each language, from the same report `kb check` prints."""
    words = {lang: site.data["status"] for lang in LANGUAGES if (site := corpus.site(lang)) is not None}
    return {corpus.tree.lang_dir(lang) / "status.md": page for lang, page in status.pages(report, words).items()}


def check_and_sync(corpus: Corpus) -> tuple[list[Path], list, list]:
    """What the build runs on the corpus it loaded once: every `kb check` check, then write the pages if no error was found.

    Returns the changed pages, the errors (nothing is written when there are
    any) and the warnings (stale translations).
    """
    report = checks.report(corpus)
    errors = [f for f in report.findings if f.severity == "error"]
    warnings = [f for f in report.findings if f.severity != "error"]
    if errors:
        return [], errors, warnings
    changed, source_errors = sync(corpus, report)
    return changed, list(source_errors), warnings
