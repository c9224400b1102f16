"""The corpus of translator mistakes: how many of them `kb check` catches, kind by kind.

Each mistake is made in a copy of the project (``_project.copy_project``), one
at a time, in the project's own translations (and fr for typos): a number
typed for a placeholder or added, a placeholder broken, a link target changed, a forbidden glossary
variant, a YAML step removed, a text left in French, a bullet removed from a
list inside a text, bold left open, a link left unclosed (its address still in
the text), a French word left, a typo, a French sign without its space. The checker runs in process
(``scripts.checks.runner.report``); a mistake is caught when the file it was
made in gets a finding other than ``stale``. The clean copy is checked first:
its findings are false findings (there must be none).

    python -m benchmarks.mistakes [--without md-structure,spelling,foreign-word]

``--without`` leaves checks out of the run (what the catch rate was without them).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from benchmarks._project import copy_project
from scripts.checks import runner
from scripts.checks.base import REGISTRY
from scripts.sources.tree import Tree

TRANSLATIONS = ("en", "de", "it", "es")
GUIDES = ("add-a-client", "access-types", "partner-program", "payment-methods", "discount-and-cashback")
# A French word of the program a translator may leave, and the word of each language it stands for in the texts.
FRENCH_LEFT = {"de": ("Kunden", "Clients"), "it": ("hosting", "hébergements"), "en": ("accounting", "Comptabilité"),
               "es": ("alojamientos", "hébergements")}
Mistake = tuple[str, str, str, str]  # kind, file (relative to the project), old text, new text


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _block_list_items(lines: list[str]) -> Iterator[str]:
    """Lines of a Markdown list inside a ``|-`` block scalar (a bullet a translator can drop)."""
    inside = None
    for line in lines:
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if line.rstrip().endswith(("|-", "|")):
            inside = indent
            continue
        if inside is not None and stripped and indent <= inside:
            inside = None
        if inside is not None and stripped.startswith("- "):
            yield line


def catalogue(root: Path) -> list[Mistake]:
    """Realistic mistakes, made in the project's own files (each old text exists, once or first)."""
    found: list[Mistake] = []
    for lang in TRANSLATIONS:
        for guide in GUIDES:
            rel = f"docs/{lang}/guides/{guide}.yml"
            path = root / rel
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            lines = _lines(path)
            title = next((line for line in lines if line.startswith("title: ")), None)
            fr_title = next((line for line in _lines(root / f"docs/fr/guides/{guide}.yml") if line.startswith("title: ")), None)
            # The guides type no figure (a {{ fact }} holds each): a translator types one, or adds one.
            fact = re.search(r"\{\{ *[a-z_]+ *\}\}", text)
            if fact:
                found.append(("placeholder broken", rel, "{{ ", "{ "))
                found.append(("figure typed for a placeholder", rel, fact.group(0), "2000"))
            if title and guide in GUIDES[:2]:
                found.append(("figure added", rel, title, f"{title} (30)"))
            if guide in GUIDES[:2]:
                step = next((line for line in lines if re.match(r"^      - \S", line) and line not in _block_list_items(lines)), None)
                if step:
                    found.append(("YAML step removed", rel, step + "\n", ""))
                if title and fr_title:
                    found.append(("text left in French", rel, title, fr_title))
            link = re.search(r"\]\(guide:([a-z-]+)\)", text)
            if link and guide in GUIDES[:3]:
                found.append(("link target changed", rel, link.group(0), f"](guide:{link.group(1)[:-1]})"))
            external = re.search(r"\[[^\]\n]+\]\((https://[^)\s]+)\)", text)
            if external:
                found.append(("link left unclosed", rel, external.group(0), external.group(0)[:-1]))
                found.append(("link with a space", rel, external.group(0), external.group(0).replace("](", "] (")))
            bold = re.search(r"\*\*([^*\n]+)\*\*", text)
            if bold and guide in GUIDES[:3]:
                found.append(("bold left open", rel, bold.group(0), bold.group(0)[:-2]))
            item = next(_block_list_items(lines), None)
            if item and guide in GUIDES[:3]:
                found.append(("bullet removed in a text", rel, item + "\n", ""))
            if title and guide in GUIDES[:3]:
                word = max(re.findall(r"[^\W\d_]{5,}", title[7:]), key=len, default=None)
                if word:
                    typo = word[:2] + word[3] + word[2] + word[4:]
                    found.append((f"typo ({lang})", rel, f"{word}", typo))
            if title and fr_title and guide in GUIDES[:3]:
                # A word of the title left as fr writes it: the translator's longest word becomes fr's.
                mine = max(re.findall(r"[^\W\d_]{5,}", title[7:]), key=len, default=None)
                theirs = max(re.findall(r"[^\W\d_]{5,}", fr_title[7:]), key=len, default=None)
                if mine and theirs and mine.lower() != theirs.lower():
                    found.append(("French word left", rel, title, title.replace(mine, theirs, 1)))
            forbidden = _forbidden(root, lang)
            if forbidden and title and guide in GUIDES[:2]:
                found.append(("glossary forbidden variant", rel, title, f"{title} ({forbidden})"))
        own, french = FRENCH_LEFT[lang]
        for guide in GUIDES:
            rel = f"docs/{lang}/guides/{guide}.yml"
            if (root / rel).is_file() and re.search(rf"\b{own}\b", (root / rel).read_text(encoding="utf-8")):
                found.append(("French word left", rel, own, french))
                if sum(1 for kind, *_ in found if kind == "French word left" and _ [0].startswith(f"docs/{lang}/")) >= 2:
                    break
    for guide in GUIDES[:3]:  # typos in fr too
        rel = f"docs/fr/guides/{guide}.yml"
        title = next(line for line in _lines(root / rel) if line.startswith("title: "))
        word = max(re.findall(r"[^\W\d_]{5,}", title[7:]), key=len)
        found.append(("typo (fr)", rel, word, word[:2] + word[3] + word[2] + word[4:]))
    for guide in GUIDES:  # French typography: the space before ":" or ";" left out (keys have none: only texts match)
        rel = f"docs/fr/guides/{guide}.yml"
        text = (root / rel).read_text(encoding="utf-8")
        for sign in (":", ";"):
            spaced = re.search(rf"[^\W\d_]+ {sign} ", text)
            if spaced:
                found.append(("fr: no space before : or ;", rel, spaced.group(0), spaced.group(0).replace(f" {sign}", sign)))
    return found


def _forbidden(root: Path, lang: str) -> str | None:
    text = (root / f"docs/{lang}/glossary.yml").read_text(encoding="utf-8")
    match = re.search(r"forbidden:\n\s+- (.+)", text)
    return match.group(1).strip().strip('"') if match else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.mistakes", description=__doc__.splitlines()[0])
    parser.add_argument("--without", default="", help="check ids to leave out, comma-separated")
    args = parser.parse_args(argv)
    for check_id in filter(None, args.without.split(",")):
        del REGISTRY[check_id]
    with tempfile.TemporaryDirectory(prefix="kb-mistakes-") as folder:
        root = copy_project(Path(folder) / "project")
        tree = Tree(root)
        clean = runner.report(tree).findings
        mistakes = catalogue(root)
        attempts: Counter[str] = Counter()
        caught: Counter[str] = Counter()
        by: dict[str, Counter[str]] = {}
        missed = []
        for kind, rel, old, new in mistakes:
            path = root / rel
            original = path.read_text(encoding="utf-8")
            if old not in original or old == new:
                continue
            path.write_text(original.replace(old, new, 1), encoding="utf-8")
            try:
                findings = runner.report(tree).findings
            finally:
                path.write_text(original, encoding="utf-8")
            attempts[kind] += 1
            found = {f.check for f in findings if f.path == rel and f.check != "stale"}
            by.setdefault(kind, Counter()).update(found)
            if found:
                caught[kind] += 1
            else:
                missed.append(f"{kind}: {rel}: {old.strip()[:50]!r} -> {new.strip()[:50]!r}")
    width = max(map(len, attempts)) + 2
    print(f"{'kind':<{width}} attempts  caught  catch rate  reported by")
    for kind in attempts:
        checks = ", ".join(f"{check} {count}" for check, count in by[kind].most_common())
        print(f"{kind:<{width}} {attempts[kind]:>8}  {caught[kind]:>6}  {caught[kind] / attempts[kind]:>9.0%}   {checks}")
    total, hits = sum(attempts.values()), sum(caught.values())
    print(f"{'all':<{width}} {total:>8}  {hits:>6}  {hits / total:>9.0%}")
    print(f"false findings on the clean tree: {len(clean)}")
    for line in missed:
        print(f"  missed: {line}")
    for finding in clean:
        print(f"  false: {finding}")
    return 0 if not clean else 1


if __name__ == "__main__":
    sys.exit(main())
