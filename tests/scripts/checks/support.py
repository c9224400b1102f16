"""What the check tests share: run the checker on a tree, break one thing in it, find the line of a word."""

from __future__ import annotations

from scripts.checks import runner as checks
from scripts.sources.tree import Tree
from tests.scripts.fixtures.kb_tree import FACTS, stamped, text_of, write

GUIDE = "guides/add-a-client.yml"


def run(tree: Tree, check: str | None = None) -> list[checks.Finding]:
    """The findings of ``check`` (of every check when None) on ``tree``."""
    return [f for f in checks.run(tree, facts=FACTS) if check is None or f.check == check]


def rewrite(tree: Tree, lang: str, key: str, **words: str) -> str:
    """Write ``lang``'s ``key`` with some words replaced (still stamped); return its text."""
    text = stamped(lang, key, text_of(lang, key, **words))
    write(tree, lang, key, text)
    return text


def replace(tree: Tree, lang: str, key: str, old: str, new: str) -> str:
    """Replace the first ``old`` of ``lang``'s ``key`` with ``new``; return the new text."""
    path = tree.lang_dir(lang) / key
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    """The number of the first line of ``text`` holding ``needle``."""
    return next(number for number, line in enumerate(text.split("\n"), start=1) if needle in line)


def only(findings: list[checks.Finding]) -> checks.Finding:
    assert len(findings) == 1, "\n".join(map(str, findings))
    return findings[0]


def where(finding: checks.Finding) -> tuple[str, int, str]:
    """(path, line, check) of a finding: what a translator needs to find the mistake."""
    return finding.path, finding.line, finding.check
