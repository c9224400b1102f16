"""Links: to guides, sections and calculators that exist in the language; the same targets and URLs as fr.

A guide's ``related`` ids and the site's ``journeys`` (the home page's ways in) are guide links too.

Destinations are read with the one grammar (calculators/grammar.py) the
renderer rewrites: ``guide:<id>[#anchor]``, ``calculator:<name>``, or a full
``https://`` / ``mailto:`` address.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from calculators.grammar import EXTERNAL_TARGET, INTERNAL_TARGET, LINK_DESTINATION, link_destinations
from scripts.checks.base import Check, Context, register
from scripts.checks.text import dotted, texts, url_pattern
from scripts.sources.corpus import File
from scripts.sources.tree import CALCULATORS, REFERENCE

# External URLs must equal fr's, unless a localized page is declared here:
# fr URL -> {language: URL of the same page in that language}.
LOCALIZED_URLS: dict[str, dict[str, str]] = {}


@dataclass
class Language:
    """What links of one language can point to."""

    lang: str
    guides: dict[str, File]
    calculators: set[str]

    def sections(self, guide: str) -> set[str] | None:
        file = self.guides.get(guide)
        if file is None or file.source is None:
            return None
        return {section.get("id") for section in file.source.data.get("sections", []) if isinstance(section, dict)}


def language(files: dict[str, File], lang: str) -> Language:
    """The guides and calculators ``lang``'s links can point to."""
    guides = {file.guide: file for file in files.values() if file.kind == "guide"}
    calculators = {Path(key).stem for key, file in files.items() if file.kind == "calculator"}
    return Language(lang, guides, calculators & set(CALCULATORS))


@register
class Links(Check):
    id = "links"
    description = "a link to no guide, a link target or external URL that differs"

    def run(self, context: Context) -> None:
        file = context.file
        here = context.run.per_language(language, file.lang)
        reference = context.run.per_language(language, REFERENCE)
        assert file.source is not None
        related = file.source.data.get("related") if file.kind == "guide" else None
        if isinstance(related, list):
            for index, target in enumerate(related):
                if isinstance(target, str):
                    problem = _guide_problem(target, None, here, reference)
                    if problem:
                        self.add(context, file.line_of(("related", index)), f"related: {problem}")
        journeys = file.source.data.get("journeys") if file.kind == "site" else None
        if isinstance(journeys, dict):
            for name, ids in journeys.items():
                for index, target in enumerate(ids if isinstance(ids, list) else ()):
                    if isinstance(target, str):
                        problem = _guide_problem(target, None, here, reference)
                        if problem:
                            self.add(context, file.line_of(("journeys", name, index)), f"journeys.{name}: {problem}")
        # Each text's link destinations, kept for this file's comparison with fr (and theirs with this one, in fr).
        destinations = file.__dict__["_link_destinations"] = {}
        known = context.run.per_language(_problems, file.lang)  # target -> what is wrong with it ("" if nothing)
        for where, text in texts(file):
            if "](" not in text:
                continue
            targets = destinations[where] = link_destinations(text)
            for target in targets:
                problem = known.get(target)
                if problem is None:
                    problem = known[target] = _target_problem(target, here, reference)
                if problem:
                    self.add(context, file.line_of(where, target), f"{dotted(where)}: {problem}")
        if context.ref is not None:
            self._against_fr(context)

    def _against_fr(self, context: Context) -> None:
        file, ref = context.file, context.ref
        assert ref is not None
        fr_memo = ref.__dict__.setdefault("_link_targets", {})
        fr_destinations = ref.__dict__.get("_link_destinations", {})  # fr's own run found them (unless only= left it out)
        destinations = file.__dict__.get("_link_destinations", {})
        for fpath, tpath, fr_text, tr_text in context.pairs:
            if "](" not in fr_text and "](" not in tr_text and "://" not in fr_text and "://" not in tr_text:
                continue
            fr_list = fr_memo.get(fpath)
            if fr_list is None:  # read once per run for the four translations that compare with it
                fr_list = fr_memo[fpath] = _link_targets(fr_text, fr_destinations.get(fpath))
            tr_list = _link_targets(tr_text, destinations.get(tpath))
            if fr_list == tr_list:
                continue  # the same targets in the same order (most texts): nothing to count
            fr_targets, tr_targets = Counter(fr_list), Counter(tr_list)
            fr_line = f"{ref.shown}:{ref.line_of(fpath)}"
            missing = sorted((fr_targets - tr_targets).elements())
            for target in sorted((tr_targets - fr_targets).elements()):
                variant = next((m for m in missing if LOCALIZED_URLS.get(m, {}).get(file.lang) == target), None)
                if variant is not None:
                    missing.remove(variant)
                    continue
                if EXTERNAL_TARGET.match(target):
                    fix = (
                        f"use fr's URL ({', '.join(missing)}), or declare this page as its localized variant in "
                        "LOCALIZED_URLS (scripts/checks/links.py)" if missing else "link what fr links here, or remove it"
                    )
                else:
                    fix = f"link {', '.join(missing)} as fr does" if missing else "remove it: fr has no such link here"
                self.add(
                    context, file.line_of(tpath, target),
                    f"{dotted(tpath)}: links to {target}, fr does not here ({fr_line}) — {fix}",
                )
                missing = []  # already named in the fix
            for target in missing:
                self.add(
                    context, file.line_of(tpath),
                    f"{dotted(tpath)}: fr links to {target} here ({fr_line}), this text does not — add the link",
                )


def _link_targets(text: str, destinations: list[str] | None = None) -> list[str]:
    """The link destinations of ``text`` (``destinations``, when already read), then its bare URLs."""
    if destinations is None:
        destinations = link_destinations(text) if "](" in text else []  # (each destination follows a "](")
    if "://" not in text:
        return destinations
    text = LINK_DESTINATION.sub("] ", text)
    bare = url_pattern(text).findall(text)
    return destinations + [url for url in bare if "://" in url]


def _problems(_files: object, _lang: str) -> dict[str, str]:
    """What is wrong with each link target of a language, worked out once per run (a target is one word)."""
    return {}


def _target_problem(target: str, here: Language, reference: Language) -> str:
    internal = INTERNAL_TARGET.match(target)
    if internal is None:
        if EXTERNAL_TARGET.match(target):
            return ""
        return (
            f"link target '{target}' is not a guide, a calculator or a full URL"
            " — write [text](guide:<guide-id>), [text](calculator:<name>) or [text](https://...)"
        )
    kind, name, anchor = internal.groups()
    if kind == "guide":
        return _guide_problem(name, anchor, here, reference)
    if name not in here.calculators:
        if name in CALCULATORS:
            return (
                f"calculator '{name}' has no texts in {here.lang}"
                f" — translate docs/{REFERENCE}/calculators/{name}.yml into docs/{here.lang}/calculators/{name}.yml"
            )
        return f"no calculator '{name}' — use one of: {', '.join(CALCULATORS)}"
    return ""


def _closest(name: str, known: Collection[str]) -> str | None:
    """The known id nearest to a mistyped one: ``get_close_matches(name, near, n=1)``, without its full
    ``ratio()`` for every id of about the same length.

    ``quick_ratio()`` is an upper bound of ``ratio()``: the ids are tried from the highest bound down,
    and the search stops once no bound left can reach the best ratio found (a tie still counts:
    get_close_matches keeps the greatest id of equal ratios).
    """
    near = [other for other in known if abs(len(other) - len(name)) <= 3]
    matcher = SequenceMatcher()
    matcher.set_seq2(name)
    bounded = []
    for other in near:
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() >= _CUTOFF and (bound := matcher.quick_ratio()) >= _CUTOFF:
            bounded.append((bound, other))
    bounded.sort(reverse=True)
    best: tuple[float, str] | None = None
    for bound, other in bounded:
        if best is not None and bound < best[0]:
            break
        matcher.set_seq1(other)
        score = matcher.ratio()
        if score >= _CUTOFF and (best is None or (score, other) > best):
            best = (score, other)
    return best[1] if best else None


_CUTOFF = 0.6  # get_close_matches' default


def _guide_problem(name: str, anchor: str | None, here: Language, reference: Language) -> str:
    if name not in here.guides:
        if name in reference.guides and here.lang != reference.lang:
            return (
                f"guide '{name}' does not exist in {here.lang} yet"
                f" — translate docs/{REFERENCE}/guides/{name}.yml into docs/{here.lang}/guides/{name}.yml"
            )
        close = _closest(name, here.guides)
        return f"no guide '{name}' — " + (f"did you mean {close}?" if close else "link a guide that exists")
    if anchor:
        sections = here.sections(name)
        if sections is not None and anchor not in sections:
            return f"guide '{name}' has no section '{anchor}' — use one of: {', '.join(sorted(map(str, sections)))}"
    return ""
