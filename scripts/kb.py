"""The translators' command line.

    python -m scripts.kb check [--root DIR] [--format text|json] [--lang CODE]
    python -m scripts.kb status [--root DIR] [--format text|json|markdown] [--lang CODE]
    python -m scripts.kb stamp FILE... [--root DIR]

``check`` exits 0 when there is no error (warnings allowed), 1 when there are
errors, 2 when it could not run. ``stamp`` records in a translation the hash
of the fr text it now follows (exit 2 when it refuses), keeps that fr text in
``.kb/fr-snapshots/<hash>.json`` (so that ``check`` can later show what French
changed) and removes the kept texts that no translation records any more.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from scripts.checks import runner as checks
from scripts.render import status
from scripts.sources import corpus, snapshots
from scripts.sources import fast as fastload
from scripts.sources.hashing import KEY, PATTERN
from scripts.sources.loader import SCHEMA_DIR, SourceError, SourceErrors
from scripts.sources.tree import LANGUAGES, REFERENCE, Tree

EXIT_OK, EXIT_ERRORS, EXIT_CANNOT_RUN = 0, 1, 2
_KINDS = {"site.yml": "site", "glossary.yml": "glossary", "guides": "guide", "calculators": "calculator"}
_HASH_LINE = re.compile(rf"^{KEY}\s*:")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    tree = Tree(args.root.resolve()) if args.root else Tree()
    try:
        return args.command(args, tree)
    except checks.CannotRun as exc:
        print(f"kb {args.name}: could not run: {exc}", file=sys.stderr)
    except Exception:  # a bug must not look like "errors found" (exit 1) to CI
        traceback.print_exc()
        print(f"kb {args.name}: could not run (the traceback above is a bug in scripts/)", file=sys.stderr)
    return EXIT_CANNOT_RUN


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scripts.kb", description="Translators' checks of the knowledge base.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(command=handler, name=name)
        sub.add_argument("--root", type=Path, help="the project tree (the folder holding docs/); default: this one")
        return sub

    check = command("check", _check, "every place where a language disagrees with fr: path:line: error[check]: ...")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--lang", choices=tuple(LANGUAGES), action="append", help="only this language (repeatable)")
    matrix = command("status", _status, "the coverage matrix: each file x each language, ok/stale/errors/missing")
    matrix.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    matrix.add_argument("--lang", choices=tuple(LANGUAGES), default=REFERENCE, help="language of the markdown page")
    stamp = command(
        "stamp", _stamp,
        f"record in translations the hash of the fr text they follow ({KEY}), and keep that text in {snapshots.STORE}",
    )
    stamp.add_argument("files", nargs="+", type=Path, metavar="FILE", help="docs/<lang>/... translation files")
    return parser


def _check(args: argparse.Namespace, tree: Tree) -> int:
    report = checks.report(tree)
    findings = [f for f in report.findings if not args.lang or f.lang in args.lang]
    errors = sum(1 for f in findings if f.is_error)
    if args.format == "json":
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        languages = len(args.lang) if args.lang else len(LANGUAGES)
        files = sum(len(report.files[lang]) for lang in (args.lang or LANGUAGES))
        warnings = len(findings) - errors
        print(
            f"kb check: {_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(files, 'file')}"
            f" ({_count(languages, 'language')})"
        )
    return EXIT_ERRORS if errors else EXIT_OK


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _status(args: argparse.Namespace, tree: Tree) -> int:
    report = checks.report(tree)
    table = status.matrix(report)
    if args.format == "json":
        print(status.as_json(table))
    elif args.format == "markdown":
        site = report.corpus.site(args.lang) if report.corpus is not None else None
        if site is None:
            print(f"kb status: cannot read the status words of {args.lang}: run kb check --lang {args.lang}", file=sys.stderr)
            return EXIT_CANNOT_RUN
        words = site.data["status"]
        print(status.markdown(table, args.lang, words), end="")
    else:
        print(status.text(table), end="")
    return EXIT_OK


class StampRefused(Exception):
    """A file that must not be stamped, and why."""


def _stamp(args: argparse.Namespace, tree: Tree) -> int:
    refused = 0
    for path in args.files:
        try:
            print(stamp(path, tree))
        except StampRefused as exc:
            print(f"kb stamp: {path}: not stamped: {exc}", file=sys.stderr)
            refused += 1
    removed = snapshots.prune(tree)
    if removed:
        print(f"kb stamp: removed {_count(len(removed), 'fr text')} that no translation follows any more:"
              f" {', '.join(snapshots.shown(digest) for digest in removed)}")
    return EXIT_CANNOT_RUN if refused else EXIT_OK


def stamp(path: Path, tree: Tree) -> str:
    """Write ``source_hash: <hash of the fr file>`` into the translation ``path``; say what was done.

    Only that one line changes: it replaces the existing ``source_hash`` line,
    or is inserted after the comment lines at the top (the schema line). The fr
    data of that hash is kept in the snapshot store (written once, shared by
    every translation stamped on it), also when the hash was already there.
    """
    path = path.resolve()
    lang, key = _locate(path, tree)
    translation = _loaded(tree, lang, key, path)
    original = _loaded(tree, REFERENCE, key, tree.lang_dir(REFERENCE) / key)
    new_hash = original.data_hash
    assert translation.source is not None and original.source is not None and PATTERN.match(new_hash)
    shown = translation.shown
    if translation.source.data.get(KEY) == new_hash:
        kept = _keep(tree, original, new_hash)
        return f"{shown}: {KEY} {new_hash} is already the hash of {original.shown}{kept}"
    newline = "\r\n" if "\r\n" in translation.text else "\n"
    lines = translation.text.split(newline)
    # A hash of digits alone would be read as a number (and refused by the schema): quoted then.
    line = f'{KEY}: "{new_hash}"' if new_hash.isdigit() else f"{KEY}: {new_hash}"
    if KEY in translation.source.data:
        index = translation.line_of((KEY,)) - 1
        if not _HASH_LINE.match(lines[index]):
            raise StampRefused(f"line {index + 1} is not a plain '{KEY}: ...' line: write {line} there by hand")
        lines[index] = line
    else:
        index = 0
        while index < len(lines) and (lines[index].startswith(("#", "%")) or lines[index].rstrip() == "---"):
            index += 1
        lines.insert(index, line)
    text = newline.join(lines)
    _verify(translation, text, new_hash)
    kept = _keep(tree, original, new_hash)  # before the stamp: a stamp never points to a text not kept
    _write(path, text)
    return f"{shown}: {KEY} {new_hash} (the hash of {original.shown}){kept}"


def _keep(tree: Tree, original: corpus.File, new_hash: str) -> str:
    """Keep fr's data under its hash; say so when a file was written."""
    assert original.source is not None
    digest, written = snapshots.save(tree, original.source.data)
    assert digest == new_hash
    return f"; its text kept in {snapshots.shown(digest)}" if written else ""


def _locate(path: Path, tree: Tree) -> tuple[str, str]:
    docs = tree.docs.resolve()
    if not path.is_relative_to(docs):
        raise StampRefused(f"not under {docs}: give a docs/<lang>/... file of the project (see --root)")
    lang, *rest = path.relative_to(docs).parts
    if lang == REFERENCE:
        raise StampRefused(f"{REFERENCE} is the reference language: its files record no {KEY}")
    key = "/".join(rest)
    kind = _KINDS.get(rest[0]) if rest else None
    if lang not in LANGUAGES or kind is None or len(rest) != (1 if kind in ("site", "glossary") else 2) \
            or path.suffix != ".yml":
        raise StampRefused("not a translation source (docs/<lang>/guides/<id>.yml, site.yml, glossary.yml or "
                           "calculators/<name>.yml)")
    if not path.is_file():
        raise StampRefused("no such file")
    return lang, key


def _loaded(tree: Tree, lang: str, key: str, path: Path) -> corpus.File:
    file = corpus.File(tree, lang, key, _KINDS[key.split("/")[0]])
    if not path.is_file():
        raise StampRefused(f"{file.shown} does not exist: there is no fr text to follow")
    corpus.load_file(file)
    if file.source is None:
        details = "; ".join(f"line {f.line}: {f.message}" for f in file.problems[:3])
        raise StampRefused(f"{file.shown} does not load ({details}): fix it first (python -m scripts.kb check)")
    return file


def _verify(translation: corpus.File, text: str, new_hash: str) -> None:
    """The stamped text must load to the same data plus the new hash."""
    assert translation.source is not None
    expected = {**translation.source.data, KEY: new_hash}
    try:
        source = fastload.parse(translation.path, text)
        schema = corpus.SCHEMAS[translation.kind]
        if (SCHEMA_DIR / f"{schema}.schema.json").is_file():
            fastload.validate(source, schema)
    except (SourceError, SourceErrors) as exc:
        raise StampRefused(f"the stamped file would not load ({exc}): add {KEY}: {new_hash} by hand") from None
    if source.data != expected:
        raise StampRefused(f"the file's layout does not allow a safe edit: add {KEY}: {new_hash} by hand")


def _write(path: Path, text: str) -> None:
    """Replace ``path`` at once (a reader never sees half a file), keeping its permissions."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    ) as tmp:
        tmp.write(text)
    shutil.copymode(path, tmp.name)
    os.replace(tmp.name, path)


if __name__ == "__main__":
    sys.exit(main())
