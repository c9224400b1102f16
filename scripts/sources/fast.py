"""The corpus's entry point: the strict loader's verdicts for 5000 files in seconds.

``scripts.sources.corpus`` (and ``kb``) load every source through this
module's ``read_text``, ``parse`` and ``validate``. ``read_text`` and
``validate`` are the strict loader's own (``scripts.sources.loader``; the
schema verdict comes from jsonschema-rs, see ``scripts.sources.schema``).
``parse`` accepts exactly what ``loader.parse`` accepts and returns the same
values, faster: libyaml's composer (C) builds the node tree instead of PyYAML's
pure-Python one, then the loader's own ``source_of`` applies every rule on
keys, tags, ambiguous words and limits. Whenever a text has anything the two
composers might judge differently, or any mistake at all, it calls
``loader.parse`` itself, so every error and its message come from the one
strict loader.

tests/scripts/sources/test_fastload.py checks the equivalence on every source
of the project and on generated texts.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts.sources import loader
from scripts.sources.loader import Source, SourceError, read_text, validate

# libyaml's composer nests flow collections by recursion: keep them few.
_MAX_FLOW_OPENERS = 1000
# What may stand before an anchor (&name) or a tag (!name), besides white space.
_BEFORE_PROPERTY = "[{,"
_BLOCK_HEADER_INDICATORS = "-+0123456789"


class _Composer(yaml.CSafeLoader):
    """libyaml's composer with PyYAML's tag resolution written for what a SafeLoader has.

    libyaml calls ``resolve`` (Python) for every node: PyYAML's generic version
    also looks up wildcard and path resolvers, which a SafeLoader never has, so
    it costs about a third of the whole composition. This one answers the same
    (tests/scripts/sources/test_fastload.py compares both on every scalar of the
    project's sources and on generated values).
    """

    _by_first = yaml.CSafeLoader.yaml_implicit_resolvers
    _scalar, _sequence, _mapping = (
        yaml.CSafeLoader.DEFAULT_SCALAR_TAG, yaml.CSafeLoader.DEFAULT_SEQUENCE_TAG, yaml.CSafeLoader.DEFAULT_MAPPING_TAG,
    )

    def resolve(self, kind: type, value: object, implicit: tuple) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], ()):  # value[:1] is '' for an empty value
                    if regexp.match(value):
                        return tag
            return self._scalar
        return self._mapping if kind is yaml.MappingNode else self._sequence

    # A SafeLoader has no path resolvers: nothing to track as libyaml descends and ascends.
    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def parse(path: Path, text: str) -> Source:
    """``loader.parse(path, text)``, composed by libyaml when it judges the same."""
    return _parse_with_libyaml(path, text) or loader.parse(path, text)


def _parse_with_libyaml(path: Path, text: str) -> Source | None:
    if not yaml.__with_libyaml__ or _needs_pyyaml(text):
        return None
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
        # Sources are mappings; anything else (an empty document, a list) takes
        # the strict path, whose marks differ from libyaml's for empty scalars.
        if type(node) is not yaml.MappingNode:
            return None
        return loader.source_of(path, node, composer, aliases_possible=False)  # _needs_pyyaml: no anchor
    except (yaml.YAMLError, SourceError, RecursionError):
        return None
    finally:
        composer.dispose()


def _needs_pyyaml(text: str) -> bool:
    """Whether ``text`` has what libyaml and PyYAML may judge differently, or what only PyYAML's composer refuses.

    Found by fuzzing both (tests/scripts/sources/test_fastload.py keeps doing
    it): a tab; an anchor (an alias needs one first) or a tag, that is a '&'
    or '!' at the start of a line, after white space, '[', '{' or ','; a block
    scalar header followed by '#' (like '|-#'); many flow openers. (A '?' in a
    plain text inside [...] or {...} is refused by ``loader.source_of``.) Plain
    searches for the few marks, not one regular expression: this runs on every
    text and must cost little next to libyaml's parse.
    """
    if "\t" in text or text.count("[") + text.count("{") > _MAX_FLOW_OPENERS:
        return True
    for mark in "&!":
        at = text.find(mark)
        while at != -1:
            if at == 0 or text[at - 1].isspace() or text[at - 1] in _BEFORE_PROPERTY:
                return True
            at = text.find(mark, at + 1)
    at = text.find("#")
    while at != -1:
        start = at
        while start and text[start - 1] in _BLOCK_HEADER_INDICATORS:
            start -= 1
        if start and text[start - 1] in "|>":
            return True
        at = text.find("#", at + 1)
    return False


__all__ = ["parse", "read_text", "validate"]
