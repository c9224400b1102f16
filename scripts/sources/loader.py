"""Strict loading of the translators' YAML sources.

PyYAML (the YAML library this project uses) is permissive where translators
need it strict: it keeps the last of two duplicate keys, reads ``no`` as
false, expands aliases without limit. ``load()`` composes the node tree with a
strict SafeLoader subclass, builds plain Python values from it while recording
the line of every node, and validates the result against the same JSON Schema
that editors use. Every mistake raises ``SourceError`` with ``path:line``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"

# Limits that keep a hostile or broken file from hanging the build.
MAX_BYTES = 512 * 1024
MAX_DEPTH = 32
MAX_NODES = 50_000

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")
)
_IMPLICIT_TAGS = frozenset({"timestamp", "binary"})

# YAML 1.1 reads these plain words as booleans ("the Norway problem").
_AMBIGUOUS_BOOLEANS = frozenset({"y", "n", "yes", "no", "on", "off"})

Path_ = tuple[str | int, ...]


class SourceError(Exception):
    """A mistake in a source file, located at ``path:line``."""

    def __init__(self, path: Path | str, line: int, message: str, *, key: str = "") -> None:
        self.path = Path(path)
        shown = self.path.relative_to(Path.cwd()) if self.path.is_relative_to(Path.cwd()) else self.path
        super().__init__(f"{shown}:{line}: {message}")
        self.line = line
        self.message = message
        self.key = key


class SourceErrors(Exception):
    """Several mistakes found in one file (schema validation reports all)."""

    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Source:
    """A loaded source: its data and the line of every node, by JSON path."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(repr=False)

    def line_of(self, location: Path_) -> int:
        """The line of ``location``, or of its nearest ancestor that has one."""
        location = tuple(location)
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location, 1)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and anchors and bounds depth and size."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed: write the text out in full",
                problem_mark=event.start_mark,
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="anchors (&name) are not allowed: write the text out in full",
                problem_mark=event.start_mark,
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise yaml.MarkedYAMLError(
                problem=f"too many values (more than {MAX_NODES}): split the file",
                problem_mark=event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"nested more than {MAX_DEPTH} levels deep",
                    problem_mark=event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_text(path: Path) -> str:
    """Read ``path`` as UTF-8 without a byte-order mark, tabs or control characters."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise SourceError(path, 1, f"file is {len(raw)} bytes, more than {MAX_BYTES}: split it")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise SourceError(path, 1, "starts with a byte-order mark: save the file as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            path,
            line,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 (the file was saved in another encoding): "
            "save it as UTF-8",
        ) from None
    for number, line_text in enumerate(text.split("\n"), start=1):
        if "\t" in line_text:
            raise SourceError(path, number, "tab character: indent and separate with spaces only")
        bad = next((c for c in line_text if _is_control(c)), None)
        if bad is not None:
            raise SourceError(
                path, number, f"control character U+{ord(bad):04X}: remove it"
            )
    return text


def _is_control(char: str) -> bool:
    code = ord(char)
    return (code < 0x20 and char not in "\n\r") or 0x7F <= code < 0xA0


def parse(path: Path, text: str) -> Source:
    """Parse YAML ``text`` strictly into plain values, recording every node's line."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or str(exc)
        raise SourceError(path, line, f"YAML syntax: {problem}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly everything
        raise SourceError(path, 1, f"YAML syntax: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        raise SourceError(path, 1, "the file is empty: expected a mapping of keys")
    lines: dict[Path_, int] = {}
    data = _to_python(path, node, (), lines, loader)
    return Source(path=path, data=data, lines=lines)


def _to_python(path: Path, node: yaml.Node, where: Path_, lines: dict, loader) -> Any:
    lines[where] = node.start_mark.line + 1
    container_tag = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}.get(type(node))
    if container_tag and node.tag != container_tag:
        tag = node.tag.removeprefix("tag:yaml.org,2002:")
        raise SourceError(path, node.start_mark.line + 1, f"unknown tag !!{tag}: remove it")
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError(path, line, "keys must be plain words")
            key = key_node.value
            if key in result:
                first = lines[(*where, key)]
                raise SourceError(
                    path, line, f"duplicate key '{key}' (first at line {first}): keep only one", key=key
                )
            lines[(*where, key)] = line
            result[key] = _to_python(path, value_node, (*where, key), lines, loader)
            lines[(*where, key)] = line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(path, item, (*where, index), lines, loader)
            for index, item in enumerate(node.value)
        ]
    line = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.removeprefix("tag:yaml.org,2002:")
        if node.style is None and tag in _IMPLICIT_TAGS:
            raise SourceError(path, line, f"'{node.value}' is read as a {tag}: put it in quotes")
        raise SourceError(path, line, f"unknown tag !!{tag}: remove it")
    if node.style is None and node.value.lower() in _AMBIGUOUS_BOOLEANS:
        raise SourceError(
            path,
            line,
            f"'{node.value}' is ambiguous (YAML reads it as true/false): "
            f'write "{node.value}" in quotes for text, or true/false',
        )
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise SourceError(path, line, f"YAML value: {getattr(exc, 'problem', exc)}") from None


@functools.cache
def schema_validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validate(source: Source, schema: str) -> None:
    """Validate against ``schemas/<schema>.schema.json``; report every error with its line."""
    errors = sorted(
        schema_validator(schema).iter_errors(source.data),
        key=lambda e: (_line(source, e), list(map(str, e.absolute_path))),
    )
    if errors:
        raise SourceErrors([SourceError(source.path, _line(source, e), describe(e)) for e in errors])


def _line(source: Source, error: jsonschema.ValidationError) -> int:
    where = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if extra:
            where = (*where, extra[0])
    return source.line_of(where)


def describe(error: jsonschema.ValidationError) -> str:
    """A schema error in a translator's words: where, what was found, what was expected."""
    where = ".".join(str(p) for p in error.absolute_path) or "top level"
    kind = error.validator
    if kind == "oneOf" and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        detail = describe(best).removeprefix(f"{where}: ") if best is not None else error.message
        return f"{where}: expected text, or a mapping with text and substeps ({detail})"
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        return f"{where}: unknown key {', '.join(map(repr, extra))}; expected one of: {', '.join(allowed)}"
    if kind == "required":
        return f"{where}: missing key {error.message.split(' is a required')[0]}"
    if kind == "type":
        return f"{where}: expected {_type_words(error.validator_value)}, got {_value_words(error.instance)}"
    if kind == "enum":
        choices = ", ".join(map(str, error.validator_value))
        return f"{where}: expected one of {choices}, got {error.instance!r}"
    if kind == "pattern":
        if error.validator_value == "^[^\\n]+$":
            return f"{where}: expected a single line of text"
        if "[a-z0-9]+(-" in error.validator_value:
            return f"{where}: expected lowercase words joined by hyphens (like add-a-client), got {error.instance!r}"
        return f"{where}: {error.instance!r} does not match the expected form {error.validator_value}"
    if kind == "minLength":
        return f"{where}: expected text, got an empty string"
    if kind == "minItems":
        return f"{where}: expected at least {error.validator_value} item(s)"
    if kind == "maxItems":
        return f"{where}: expected at most {error.validator_value} item(s)"
    if kind == "uniqueItems":
        return f"{where}: the same item is listed twice"
    return f"{where}: {error.message}"


def _type_words(expected: str | list[str]) -> str:
    names = {"string": "text", "object": "a mapping of keys", "array": "a list", "integer": "a whole number"}
    if isinstance(expected, list):
        return " or ".join(names.get(t, t) for t in expected)
    return names.get(expected, expected)


def _value_words(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "a mapping of keys"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def load(path: Path, schema: str) -> Source:
    """Read, parse and validate one source file; raise SourceError(s) on any mistake."""
    source = parse(path, read_text(path))
    validate(source, schema)
    return source
