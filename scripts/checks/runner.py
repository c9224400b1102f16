"""Cross-language checks: where a language disagrees with the reference (fr).

Every source is loaded once (``scripts.sources.corpus``); every check
registered in ``scripts.checks.base.REGISTRY`` looks at every file it
``needs``, in the order it was registered, and records each mistake as a
problem of the file; ``report`` turns them into ``Finding``s that name the
file, the line, the check and, after " — ", the fix. ``kb check``, ``kb
status`` and the build all call ``report``. Translations are compared with
fr; fr itself gets the checks that need no reference (syntax, schema,
encoding, placeholders, links, terminology, unsafe).

The checks, their severities and what they find: ``table_markdown()``
(README.md holds its output). Only ``stale`` is a warning: a translation made
from an older fr text is still a correct page, and it stays readable until
the translator catches up.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

# isort: off
# The families of checks, imported in the order their checks run and the README lists them.
from scripts.checks import syntax, encoding, structure, placeholders, numbers, links, terminology, same, markup, markdown_structure, spelling, typography, stale  # noqa: F401
# isort: on
from scripts.checks.base import REGISTRY, CannotRun, Context, Finding, Run, table_markdown
from scripts.sources.corpus import Corpus, File, bulk_allocation
from scripts.sources.corpus import load as load_corpus
from scripts.sources.tree import REFERENCE, Tree

SEVERITIES: dict[str, str] = {check.id: check.severity for check in REGISTRY.values()}


@dataclass
class Report:
    """What ``report`` found: the files of every language and every finding."""

    tree: Tree
    files: dict[str, dict[str, File]]
    findings: list[Finding]
    corpus: Corpus | None = None

    @property
    def file_count(self) -> int:
        return sum(len(files) for files in self.files.values())

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def known_facts() -> frozenset[str]:
    """The names a {{ placeholder }} may use: the ones the build fills (calculators.placeholders)."""
    try:
        from calculators.placeholders import placeholders as fact_names
    except ImportError as exc:
        raise CannotRun(f"the calculators package could not be imported ({exc}) — run make setup") from exc
    return frozenset(fact_names())


def report(
    source: Tree | Corpus | None = None, *, facts: Collection[str] | None = None, only: Collection[tuple[str, str]] | None = None
) -> Report:
    """Run every check on a loaded corpus (or load ``source``'s tree, the project by default).

    Call it once per corpus: the checks record their problems on the corpus' files.
    ``only``: just these (lang, key) files (``make serve`` after a save: freshly loaded files).
    """
    corpus = source if isinstance(source, Corpus) else None
    tree = corpus.tree if corpus is not None else (source or Tree())
    if not tree.root.is_dir():
        raise CannotRun(f"{tree.root} is not a folder — give --root the folder that holds docs/")
    if not tree.lang_dir(REFERENCE).is_dir():
        raise CannotRun(f"{tree.lang_dir(REFERENCE)} does not exist — the reference language ({REFERENCE}) is needed")
    facts = known_facts() if facts is None else frozenset(facts)
    if corpus is None:
        corpus = load_corpus(tree)
    if not corpus.files[REFERENCE]:
        raise CannotRun(f"no source in {tree.lang_dir(REFERENCE)} — nothing to compare with")
    checks = [check for check in REGISTRY.values() if check.needs != "loader"]
    findings: list[Finding] = []
    with bulk_allocation():
        run = Run(corpus, frozenset(facts))
        for context in _contexts(run) if only is None else _only_contexts(run, only):
            for check in checks:
                if check.needs in context.meets:
                    check.run(context)
            file = context.file
            findings.extend(
                Finding(file.shown, p.line, file.lang, file.guide, p.check, REGISTRY[p.check].severity, p.message, p.changes)
                for p in file.problems
            )
    return Report(tree, corpus.files, sorted(set(findings)), corpus)


def _contexts(run: Run) -> Iterator[Context]:
    """Each file of each language with its fr original, and each file fr has that a language lacks."""
    files = run.corpus.files
    reference = files[REFERENCE]
    for lang, lang_files in files.items():
        if lang == REFERENCE:
            yield from (Context(run, file, None) for file in lang_files.values())
            continue
        for key in sorted(set(reference) - set(lang_files)):
            fr = reference[key]
            yield Context(run, File(run.corpus.tree, lang, key, fr.kind), fr, absent=True)
        for key, file in lang_files.items():
            yield Context(run, file, reference.get(key))


def _only_contexts(run: Run, only: Collection[tuple[str, str]]) -> Iterator[Context]:
    """The contexts of the files ``only`` names (lang, key), made as ``_contexts`` makes them."""
    files = run.corpus.files
    reference = files[REFERENCE]
    for lang, key in only:
        file = files.get(lang, {}).get(key)
        fr = reference.get(key)
        if lang == REFERENCE:
            if file is not None:
                yield Context(run, file, None)
        elif file is not None:
            yield Context(run, file, fr)
        elif fr is not None:
            yield Context(run, File(run.corpus.tree, lang, key, fr.kind), fr, absent=True)


def run(tree: Tree | None = None, *, facts: Collection[str] | None = None) -> list[Finding]:
    """Every finding of every check on ``tree``, sorted by path and line."""
    return report(tree, facts=facts).findings


__all__ = ["SEVERITIES", "CannotRun", "Finding", "Report", "known_facts", "report", "run", "table_markdown"]
