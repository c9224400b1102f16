"""The corpus's entry point: the strict loader's verdicts for 5000 files in seconds.

``scripts.sources.corpus`` (and ``kb``) load every source through this
module's ``read`` (or ``read_text``), ``parse`` and ``validate``. ``read_text``
and ``validate`` are the strict loader's own (``scripts.sources.loader``; the
schema verdict comes from jsonschema-rs, see ``scripts.sources.schema``);
``read`` refuses what ``read_text`` refuses and also returns the file's bytes,
which libyaml reads without the text being encoded again.
``parse`` accepts exactly what ``loader.parse`` accepts and returns the same
values, faster: libyaml's composer (C) builds the node tree instead of PyYAML's
pure-Python one, with no Python call per node when the text holds no '!' (so
no tag); then ``_walk``, the loader's ``source_of`` written for such a tree
(``source_of`` itself for a text with a '!'), applies every rule on keys,
tags, ambiguous words and limits. Whenever a text has anything the two
composers might judge differently, or any mistake at all, it calls
``loader.parse`` itself, so every error and its message come from the one
strict loader.

tests/scripts/sources/test_fastload.py checks the equivalence on every source
of the project and on generated texts.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from scripts.sources import loader
from scripts.sources.loader import MAX_DEPTH, MAX_NODES, Source, SourceError, decoded, read_text, validate

# libyaml's composer nests flow collections by recursion: keep them few.
_MAX_FLOW_OPENERS = 1000
# What may stand before an anchor (&name) or a tag (!name), besides white space: flow indicators, and
# the ':' and '?' that libyaml reads as indicators inside [...] or {...} even with no space after them.
_BEFORE_PROPERTY = "[{,:?"
_BLOCK_HEADER_INDICATORS = "-+0123456789"

_Scalar, _Mapping = yaml.ScalarNode, yaml.MappingNode
# The tags a plain scalar may resolve to that the strict loader builds a value of (a text, a number,
# true/false, null); the others (timestamp, merge '<<', value '=') it refuses.
_BUILT_TAGS = loader._PLAIN_TAGS - {loader._STR}


class _Composer(yaml.CSafeLoader):
    """libyaml's composer with PyYAML's tag resolution written for what a SafeLoader has.

    libyaml calls ``resolve`` (Python) for every node: PyYAML's generic version
    also looks up wildcard and path resolvers, which a SafeLoader never has, so
    it costs about a third of the whole composition. This one answers the same
    (tests/scripts/sources/test_fastload.py compares both on every scalar of the
    project's sources and on generated values). It composes the texts that hold
    a '!' (a tag may be written there); ``_Untagged`` all others.
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


class _Untagged(yaml.CSafeLoader):
    """libyaml's composer with no Python call per node, for a text without '!' (so without a tag).

    libyaml asks ``resolve`` the tag of every node and tells ``descend_resolver``
    and ``ascend_resolver`` where it goes: three Python calls a node, a quarter
    of the composition. Without a tag written, a scalar's tag follows from its
    style alone (libyaml's "plain implicit" is "plain style, no tag"), which
    ``_walk`` reads: so all three are ``"".format`` here, a C call that ignores
    its arguments and leaves every node's tag ''.
    """

    resolve = descend_resolver = ascend_resolver = "".format

    def __init__(self, stream: str | bytes) -> None:
        # Only libyaml's parser: the constructor and resolver state that CSafeLoader also sets up
        # serves construct_document and path resolvers, never used here (``_walk`` calls only the
        # scalar constructors, which keep no state).
        yaml.cyaml.CParser.__init__(self, stream)


def read(path: str | Path) -> tuple[bytes, str]:
    """The bytes of ``path`` and their text, refused as ``loader.read_text`` refuses (``loader.decoded``).

    One open, one stat and reads to the end of the file, with no pathlib object
    and no buffered reader: the corpus reads thousands of small files.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        raw = os.read(fd, os.fstat(fd).st_size)
        while more := os.read(fd, 1 << 16):  # a file that grew since the stat, or a short read
            raw += more
    finally:
        os.close(fd)
    return raw, decoded(path, raw)


def parse(path: Path, text: str, raw: bytes | None = None) -> Source:
    """``loader.parse(path, text)``, composed by libyaml when it judges the same.

    ``raw``: ``text`` as UTF-8 bytes, when the caller has them (libyaml reads
    bytes; a text would be encoded again).
    """
    return _parse_with_libyaml(path, text, raw) or loader.parse(path, text)


def _parse_with_libyaml(path: Path, text: str, raw: bytes | None = None) -> Source | None:
    if not yaml.__with_libyaml__ or _needs_pyyaml(text):
        return None
    tagged = "!" in text
    composer = (_Composer if tagged else _Untagged)(text if raw is None else raw)
    try:
        node = composer.get_single_node()
        # Sources are mappings; anything else (an empty document, a list) takes
        # the strict path, whose marks differ from libyaml's for empty scalars.
        if type(node) is not yaml.MappingNode:
            return None
        if tagged:
            return loader.source_of(path, node, composer, aliases_possible=False)  # _needs_pyyaml: no anchor
        return _walk(path, node, composer)
    except (yaml.YAMLError, SourceError, RecursionError, _Refused):
        return None
    finally:
        composer.dispose()


class _Refused(Exception):
    """``_walk`` met what the strict loader refuses: ``loader.parse`` says what, and where."""


def _walk(path: Path, root: yaml.MappingNode, composer: _Untagged) -> Source:
    """``loader.source_of`` for a tree that ``_Untagged`` composed: the same data, lines and texts.

    Every rule of ``source_of`` holds (ambiguous words, '?' in a plain text inside
    [...] or {...}, keys that are plain words and not the merge key '<<', no
    duplicate key, no tag but the ones a plain scalar resolves to that build a
    text, a number, true/false or null, the depth and the number of values),
    but a mistake only raises ``_Refused``: the strict loader then parses the
    text again and reports it. No node reached twice: the text has no anchor
    (``_needs_pyyaml``). Node counts are added per collection, and the common
    scalars (quoted, or plain text no resolver or rule concerns) are handled in
    their parent's loop: about one Python call per collection, not one per node.
    """
    lines: dict[loader.Path_, int] = {(): root.start_mark.line + 1}
    strings: list[tuple[loader.Path_, str]] = []
    append = strings.append
    by_first = _Composer._by_first
    constructors = composer.yaml_constructors
    ambiguous, ambiguous_length = loader._AMBIGUOUS_BOOLEANS, loader._AMBIGUOUS_LENGTH
    count = 1

    def scalar(node: yaml.ScalarNode, where: loader.Path_, in_flow: bool) -> object:
        text = node.value
        if node.style:  # quoted or block (plain is ''): a text
            append((where, text))
            return text
        if len(text) <= ambiguous_length and text.lower() in ambiguous:
            raise _Refused
        for tag, regexp in by_first.get(text[:1], ()):  # PyYAML's implicit resolvers, as _Composer.resolve
            if regexp.match(text):
                if tag not in _BUILT_TAGS:
                    raise _Refused
                try:
                    return constructors[tag](composer, node)
                except yaml.YAMLError:
                    raise _Refused from None
        if in_flow and "?" in text:
            raise _Refused
        append((where, text))
        return text

    def mapping(node: yaml.MappingNode, where: loader.Path_, depth: int, in_flow: bool) -> dict:
        nonlocal count
        pairs = node.value
        if pairs:
            count += 2 * len(pairs)  # keys and values
            if depth >= MAX_DEPTH or count > MAX_NODES:
                raise _Refused
        in_flow = in_flow or bool(node.flow_style)
        result: dict[str, object] = {}
        for key_node, value_node in pairs:
            if type(key_node) is not _Scalar:
                raise _Refused
            key = key_node.value
            if not key_node.style and (key == "<<" or (in_flow and "?" in key)):
                raise _Refused
            if key in result:
                raise _Refused
            child = where + (key,)  # cheaper than (*where, key)
            lines[child] = key_node.start_mark.line + 1
            kind = type(value_node)
            if kind is _Scalar:
                text = value_node.value
                # What most values are, written out here: a quoted text, or a plain one that no
                # implicit resolver or rule can concern. Anything else: scalar() judges.
                if value_node.style or (len(text) > ambiguous_length and text[0] not in by_first and not (in_flow and "?" in text)):
                    append((child, text))
                    result[key] = text
                else:
                    result[key] = scalar(value_node, child, in_flow)
            elif kind is _Mapping:
                result[key] = mapping(value_node, child, depth + 1, in_flow)
            else:
                result[key] = sequence(value_node, child, depth + 1, in_flow)
        return result

    def sequence(node: yaml.SequenceNode, where: loader.Path_, depth: int, in_flow: bool) -> list:
        nonlocal count
        items = node.value
        if items:
            count += len(items)
            if depth >= MAX_DEPTH or count > MAX_NODES:
                raise _Refused
        in_flow = in_flow or bool(node.flow_style)
        result: list[object] = []
        for index, item in enumerate(items):
            child = where + (index,)
            lines[child] = item.start_mark.line + 1
            kind = type(item)
            if kind is _Scalar:
                text = item.value
                if item.style or (len(text) > ambiguous_length and text[0] not in by_first and not (in_flow and "?" in text)):
                    append((child, text))  # as in mapping()
                    result.append(text)
                else:
                    result.append(scalar(item, child, in_flow))
            elif kind is _Mapping:
                result.append(mapping(item, child, depth + 1, in_flow))
            else:
                result.append(sequence(item, child, depth + 1, in_flow))
        return result

    data = mapping(root, (), 1, False)
    return Source(path=path, data=data, lines=lines, strings=strings)


def _needs_pyyaml(text: str) -> bool:
    """Whether ``text`` has what libyaml and PyYAML may judge differently, or what only PyYAML's composer refuses.

    Found by fuzzing both (tests/scripts/sources/test_fastload.py keeps doing
    it): a tab; an anchor (an alias needs one first) or a tag, that is a '&'
    or '!' at the start of a line, after white space, '[', '{', ',', ':' or '?'
    (``{"a":&x b}`` is an anchor to libyaml); a block scalar header followed by
    '#' (like '|-#'); many flow openers. (A '?' in a plain text inside [...] or
    {...} is refused by ``loader.source_of`` and ``_walk``.) Plain
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


__all__ = ["parse", "read", "read_text", "validate"]
