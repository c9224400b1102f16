"""The strict loader's verdicts, faster: what ``kb check`` needs for 5000 files in seconds.

``read_text``, ``parse`` and ``validate`` here accept exactly what the
functions of the same name in ``scripts.sources`` accept and return the same
values; whenever a file has anything they might judge differently (or any
mistake at all), they call ``scripts.sources`` itself, so every error and its
message come from the one strict loader. What is faster:

- reading: one regex pass for tabs and control characters instead of a loop
  over characters;
- parsing: libyaml's composer (C) instead of PyYAML's pure-Python one, then
  the strict loader's own conversion (``sources._to_python``), which applies
  every rule on keys, tags and ambiguous words;
- validating: the schema compiled once into Python closures for the verdict
  (about ten times faster than jsonschema's generic machinery); a file that
  fails is validated again by jsonschema for the messages.

tests/scripts/test_checks.py checks the equivalence on every source of the
project and on generated mutations of them.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from scripts.sources import loader as sources
from scripts.sources.loader import Source, SourceError

# What sources.read_text refuses in a decoded text: tabs and control characters.
_REFUSED_CHARS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Where libyaml and PyYAML are known to judge differently, or where the strict
# rules need PyYAML's composer: such texts take the strict path. Found by
# fuzzing both (tests/scripts/test_fastload.py keeps doing it):
# an anchor (an alias needs one first), a tag, a block scalar header followed
# by '#', a tab. (A '?' in a plain scalar inside [...] or {...} is caught
# after composing: PyYAML ends the scalar there, libyaml does not.)
_STRICT_ONLY = re.compile(r"(?:^|[\s\[{,])[&!]|[|>][-+0-9]*#|\t", re.MULTILINE)
# libyaml's composer nests flow collections by recursion: keep them few.
_MAX_FLOW_OPENERS = 1000


def read_text(path: Path) -> str:
    """``sources.read_text(path)``."""
    raw = path.read_bytes()
    if len(raw) <= sources.MAX_BYTES and not raw.startswith(b"\xef\xbb\xbf"):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if not _REFUSED_CHARS.search(text):
                return text
    return sources.read_text(path)


def parse(path: Path, text: str) -> Source:
    """``sources.parse(path, text)``."""
    return _parse_with_libyaml(path, text) or sources.parse(path, text)


def _parse_with_libyaml(path: Path, text: str) -> Source | None:
    if not yaml.__with_libyaml__ or _STRICT_ONLY.search(text):
        return None
    if text.count("[") + text.count("{") > _MAX_FLOW_OPENERS:
        return None
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        # Sources are mappings; anything else (an empty document, a list) takes
        # the strict path, whose marks differ from libyaml's for empty scalars.
        if not isinstance(node, yaml.MappingNode) or not _within_limits(node):
            return None
        lines: dict = {}
        data = sources._to_python(path, node, (), lines, loader)  # noqa: SLF001 - the strict rules themselves
    except (yaml.YAMLError, SourceError, RecursionError):
        return None
    finally:
        loader.dispose()
    return Source(path=path, data=data, lines=lines)


def _within_limits(root: yaml.Node) -> bool:
    """No node reached twice (an alias), within the strict loader's depth and size limits.

    Also gives plain scalars PyYAML's style (None), which the strict rules test.
    """
    seen: set[int] = set()
    stack = [(root, 1, False)]
    while stack:
        node, depth, in_flow = stack.pop()
        if id(node) in seen or depth >= sources.MAX_DEPTH or len(seen) >= sources.MAX_NODES - 1:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.style == "":
                node.style = None  # libyaml's plain style is '', PyYAML's None: the strict rules test None
                if in_flow and "?" in node.value:
                    return False
            continue
        in_flow = in_flow or bool(node.flow_style)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1, in_flow))
                stack.append((value, depth + 1, in_flow))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1, in_flow) for item in node.value)
    return True


def validate(source: Source, schema: str) -> None:
    """``sources.validate(source, schema)``: raises its ``SourceErrors`` when the data is invalid."""
    if not is_valid(source.data, schema):
        sources.validate(source, schema)


def is_valid(data: Any, schema: str) -> bool:
    return _compiled(schema)(data)


# --- The schema as closures ------------------------------------------------------

Check = Callable[[Any], bool]

# Keywords that only annotate.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"})
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


class _Unsupported(Exception):
    """A keyword this compiler does not know: jsonschema judges instead."""


@functools.cache
def _compiled(schema: str) -> Check:
    document = json.loads((sources.SCHEMA_DIR / f"{schema}.schema.json").read_text(encoding="utf-8"))
    try:
        return _compile(document, document, 0)
    except (_Unsupported, KeyError, RecursionError):
        return sources.schema_validator(schema).is_valid


def _compile(node: Any, document: dict, depth: int) -> Check:
    if depth > 64:
        raise RecursionError  # a recursive $ref: leave it to jsonschema
    if node is True:
        return lambda value: True
    if node is False:
        return lambda value: False
    if not isinstance(node, dict):
        raise _Unsupported(node)
    checks: list[Check] = []
    for keyword, argument in node.items():
        if keyword in _ANNOTATIONS:
            continue
        make = _KEYWORDS.get(keyword)
        if make is None:
            if keyword in ("then", "else") and "if" in node:
                continue
            raise _Unsupported(keyword)
        checks.append(make(argument, node, document, depth + 1))
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _ref(argument: str, node: dict, document: dict, depth: int) -> Check:
    if not argument.startswith("#/"):
        raise _Unsupported(argument)
    target: Any = document
    for part in argument[2:].split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return _compile(target, document, depth)


def _type(argument: str | list[str], node: dict, document: dict, depth: int) -> Check:
    tests = [_TYPES[name] for name in ([argument] if isinstance(argument, str) else argument)]
    return lambda value: any(test(value) for test in tests)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return False
    return type(a) is type(b) and a == b or (
        isinstance(a, (int, float)) and isinstance(b, (int, float)) and a == b
    )


def _enum(argument: list, *_: Any) -> Check:
    return lambda value: any(_equal(value, choice) for choice in argument)


def _const(argument: Any, *_: Any) -> Check:
    return lambda value: _equal(value, argument)


def _pattern(argument: str, *_: Any) -> Check:
    search = re.compile(argument).search
    return lambda value: not isinstance(value, str) or search(value) is not None


def _min_length(argument: int, *_: Any) -> Check:
    return lambda value: not isinstance(value, str) or len(value) >= argument


def _max_length(argument: int, *_: Any) -> Check:
    return lambda value: not isinstance(value, str) or len(value) <= argument


def _properties(argument: dict, node: dict, document: dict, depth: int) -> Check:
    checks = {name: _compile(sub, document, depth) for name, sub in argument.items()}
    return lambda value: not isinstance(value, dict) or all(
        check(value[name]) for name, check in checks.items() if name in value
    )


def _additional(argument: Any, node: dict, document: dict, depth: int) -> Check:
    if "patternProperties" in node:
        raise _Unsupported("patternProperties")
    known = frozenset(node.get("properties", {}))
    check = _compile(argument, document, depth)
    return lambda value: not isinstance(value, dict) or all(
        check(item) for name, item in value.items() if name not in known
    )


def _required(argument: list[str], *_: Any) -> Check:
    return lambda value: not isinstance(value, dict) or all(name in value for name in argument)


def _property_names(argument: Any, node: dict, document: dict, depth: int) -> Check:
    check = _compile(argument, document, depth)
    return lambda value: not isinstance(value, dict) or all(check(name) for name in value)


def _min_properties(argument: int, *_: Any) -> Check:
    return lambda value: not isinstance(value, dict) or len(value) >= argument


def _max_properties(argument: int, *_: Any) -> Check:
    return lambda value: not isinstance(value, dict) or len(value) <= argument


def _items(argument: Any, node: dict, document: dict, depth: int) -> Check:
    if "prefixItems" in node or isinstance(argument, list):
        raise _Unsupported("prefixItems")
    check = _compile(argument, document, depth)
    return lambda value: not isinstance(value, list) or all(check(item) for item in value)


def _min_items(argument: int, *_: Any) -> Check:
    return lambda value: not isinstance(value, list) or len(value) >= argument


def _max_items(argument: int, *_: Any) -> Check:
    return lambda value: not isinstance(value, list) or len(value) <= argument


def _unique_items(argument: bool, *_: Any) -> Check:
    if not argument:
        return lambda value: True
    return lambda value: not isinstance(value, list) or not any(
        _equal(value[i], value[j]) for i in range(len(value)) for j in range(i + 1, len(value))
    )


def _all_of(argument: list, node: dict, document: dict, depth: int) -> Check:
    checks = [_compile(sub, document, depth) for sub in argument]
    return lambda value: all(check(value) for check in checks)


def _any_of(argument: list, node: dict, document: dict, depth: int) -> Check:
    checks = [_compile(sub, document, depth) for sub in argument]
    return lambda value: any(check(value) for check in checks)


def _one_of(argument: list, node: dict, document: dict, depth: int) -> Check:
    checks = [_compile(sub, document, depth) for sub in argument]
    return lambda value: sum(1 for check in checks if check(value)) == 1


def _not(argument: Any, node: dict, document: dict, depth: int) -> Check:
    check = _compile(argument, document, depth)
    return lambda value: not check(value)


def _if(argument: Any, node: dict, document: dict, depth: int) -> Check:
    test = _compile(argument, document, depth)
    then = _compile(node.get("then", True), document, depth)
    otherwise = _compile(node.get("else", True), document, depth)
    return lambda value: then(value) if test(value) else otherwise(value)


_KEYWORDS: dict[str, Callable[..., Check]] = {
    "$ref": _ref,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    "minLength": _min_length,
    "maxLength": _max_length,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "propertyNames": _property_names,
    "minProperties": _min_properties,
    "maxProperties": _max_properties,
    "items": _items,
    "minItems": _min_items,
    "maxItems": _max_items,
    "uniqueItems": _unique_items,
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "not": _not,
    "if": _if,
}
