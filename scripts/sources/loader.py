"""Strict loading of the translators' YAML sources: every rule, and the reference parser.

PyYAML (the YAML library this project uses) is permissive where translators
need it strict: it keeps the last of two duplicate keys, reads ``no`` as
false, expands aliases without limit. Loading a source takes three steps:

- ``read_text``: UTF-8 without a byte-order mark, tabs or control characters;
- ``parse``: the node tree composed by a strict SafeLoader subclass, then
  ``source_of``, which builds plain Python values from it with every rule on
  keys, tags and ambiguous words and records the line of every node;
- ``validate``: the JSON Schema that editors use (``scripts.sources.schema``).

Every mistake raises ``SourceError`` with ``path:line``. ``load(path, schema)``
does the three steps for one file. The corpus (``scripts.sources.corpus``, what
``kb check``, the pages and the hooks read) loads every file through
``scripts.sources.fast`` instead, whose ``parse`` composes with libyaml (C)
when it judges the same and otherwise calls this ``parse``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from scripts.sources import schema as schemas
from scripts.sources.schema import SCHEMA_DIR, describe

# Limits that keep a hostile or broken file from hanging the build.
MAX_BYTES = 512 * 1024
MAX_DEPTH = 32
MAX_NODES = 50_000

_TAG_PREFIX = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = (_TAG_PREFIX + name for name in ("str", "map", "seq", "merge"))
_PLAIN_TAGS = frozenset(_TAG_PREFIX + name for name in ("str", "int", "float", "bool", "null"))
_IMPLICIT_TAGS = frozenset({"timestamp", "binary"})

# YAML 1.1 reads these plain words as booleans ("the Norway problem").
_AMBIGUOUS_BOOLEANS = frozenset({"y", "n", "yes", "no", "on", "off"})
_AMBIGUOUS_LENGTH = max(map(len, _AMBIGUOUS_BOOLEANS))

# What read_text refuses in a decoded text: tabs and control characters (C0 but
# line ends, DEL, C1).
_REFUSED_CHARS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The same in the UTF-8 bytes: every byte but C0 controls (line ends aside) and DEL, and C1 controls.
_ALLOWED_BYTES = bytes(byte for byte in range(256) if not _REFUSED_CHARS.match(chr(byte)) or byte >= 0x80)
_C1_BYTES = re.compile(b"\xc2[\x80-\x9f]")

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
    # Every text (str value) with its path, in document order: what ``source_of`` met while it built
    # ``data``, so the checks need not walk the data again (None: not recorded, walk ``data``).
    strings: list[tuple[Path_, str]] | None = field(default=None, repr=False, compare=False)

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
    return decoded(path, path.read_bytes())


def decoded(path: Path | str, raw: bytes) -> str:
    """The text of ``raw``, the bytes of ``path``: UTF-8 without a byte-order mark, tabs or control characters."""
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
    # In valid UTF-8 a C0 character or DEL is its own byte and a C1 character is 0xC2 then 0x80-0x9F:
    # deleting every other byte (in C), then looking for 0xC2 0x80-0x9F where there is a 0xC2, costs
    # a fraction of a search of the decoded text; that search runs only on a text that has one, for its line.
    if raw.translate(None, _ALLOWED_BYTES) or (b"\xc2" in raw and _C1_BYTES.search(raw) is not None):
        refused = _REFUSED_CHARS.search(text)
        assert refused is not None
        number = text.count("\n", 0, refused.start()) + 1
        line_text = text.split("\n")[number - 1]
        if "\t" in line_text:
            raise SourceError(path, number, "tab character: indent and separate with spaces only")
        raise SourceError(path, number, f"control character U+{ord(refused.group()):04X}: remove it")
    return text


def parse(path: Path, text: str) -> Source:
    """Parse YAML ``text`` strictly into plain values, recording every node's line.

    PyYAML's pure-Python composer, the reference; ``scripts.sources.fast.parse``
    gives the same verdicts faster for the corpus.
    """
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        unclosed = exc.context_mark is not None and "quoted scalar" in (exc.context or "")
        failed = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
        spanning = _quote_closed_late(text, failed.line if failed else -1)
        if spanning is not None:
            # A quote left open is closed by the next quote written, lines later: YAML fails
            # there, the mistake is where the quote opens.
            opened, closed, quote = spanning
            raise SourceError(
                path, opened + 1,
                f"YAML syntax: the quote {quote} opened on this line is closed only on line {closed + 1}:"
                f" end the text with {quote} on this line",
            ) from None
        if unclosed:
            # An unclosed quote runs to the end of the file: the mistake is where it opens.
            quote = text.split("\n")[exc.context_mark.line][exc.context_mark.column : exc.context_mark.column + 1] or '"'
            raise SourceError(
                path, exc.context_mark.line + 1,
                f"YAML syntax: the quote {quote} opened on this line is never closed: end the text with {quote}",
            ) from None
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
    return source_of(path, node, loader)


def _quote_closed_late(text: str, failed_line: int) -> tuple[int, int, str] | None:
    """The quoted text that opens on one line and closes on the line where YAML failed: (line it
    opens on, line it closes on, its quote), 0-based; None when there is none.

    Only asked once a file has failed to parse: a text that runs over several lines is valid YAML.
    """
    lines = text.split("\n")[: failed_line + 1] if failed_line >= 0 else []
    # Cheap first: the failing line holds a quote that an earlier line left open (an odd count),
    # and the file is not failing for its depth (scanning a 100k-deep flow costs its square).
    if not lines or not any(
        quote in lines[-1] and any(line.count(quote) % 2 for line in lines[:-1]) for quote in "\"'"
    ) or max(text.count("["), text.count("{")) > MAX_DEPTH * 4:
        return None
    text = "\n".join(lines)  # nothing after the failing line is needed

    def spans(token: yaml.Token) -> bool:
        return (
            isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')
            and token.start_mark.line < token.end_mark.line == failed_line
        )

    scanner = yaml.SafeLoader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if spans(token):
                return token.start_mark.line, token.end_mark.line, token.style
            if token.start_mark.line > failed_line:
                return None
    except yaml.YAMLError:
        # Scanned ahead of the failure, not handed out yet.
        return next(((t.start_mark.line, t.end_mark.line, t.style) for t in scanner.tokens if spans(t)), None)
    finally:
        scanner.dispose()
    return None


def source_of(
    path: Path, root: yaml.Node, constructor: yaml.constructor.SafeConstructor, *, aliases_possible: bool = True
) -> Source:
    """The strict rules on a composed node tree: plain values and the line of every node.

    Every rule on keys, tags and ambiguous words is here, and the limits again
    (depth, number of values, no node reached twice): ``_StrictLoader`` applies
    them while composing, libyaml's composer (``scripts.sources.fast``) does not.
    A plain text holding '?' inside [...] or {...} is refused too: PyYAML ends
    the text at the '?', libyaml does not, so only libyaml's tree can hold one.
    ``aliases_possible=False``: the caller knows the text has no anchor (so no
    alias: libyaml refuses an alias to no anchor), and nodes are not tracked.
    ``scripts.sources.fast._walk`` is this walk for a tree libyaml composed
    without tags (a text with no '!'), which most sources are: a rule changed
    here changes there (tests/scripts/sources/test_fastload.py compares both
    loaders on the project's sources and on generated texts).
    """
    lines: dict[Path_, int] = {}
    strings: list[tuple[Path_, str]] = []  # every text with its path, in document order
    reached: set[int] = set()  # ids of the nodes converted: fewer than converted means an alias
    count = 0
    scalar_constructors = constructor.yaml_constructors

    def value(node: yaml.Node, where: Path_, depth: int, in_flow: bool) -> Any:
        nonlocal count
        count += 1
        if aliases_possible:
            reached.add(id(node))
        line = lines[where] = node.start_mark.line + 1
        if depth > MAX_DEPTH or count > MAX_NODES:
            raise _beyond_limits(path, line, depth)
        tag = node.tag
        if type(node) is yaml.ScalarNode:
            text = node.value
            plain = not node.style  # PyYAML's plain style is None, libyaml's ''
            if tag == _STR:
                if plain:
                    if len(text) <= _AMBIGUOUS_LENGTH and text.lower() in _AMBIGUOUS_BOOLEANS:
                        raise _ambiguous(path, line, text)
                    if in_flow and "?" in text:
                        raise _question_mark(path, line)
                strings.append((where, text))
                return text
            if tag not in _PLAIN_TAGS:
                name = tag.removeprefix(_TAG_PREFIX)
                if plain and name in _IMPLICIT_TAGS:
                    raise SourceError(path, line, f"'{text}' is read as a {name}: put it in quotes")
                raise SourceError(path, line, f"unknown tag !!{name}: remove it")
            if plain and len(text) <= _AMBIGUOUS_LENGTH and text.lower() in _AMBIGUOUS_BOOLEANS:
                raise _ambiguous(path, line, text)
            try:
                return scalar_constructors[tag](constructor, node)
            except yaml.YAMLError as exc:
                raise SourceError(path, line, f"YAML value: {getattr(exc, 'problem', exc)}") from None
        in_flow = in_flow or bool(node.flow_style)
        if type(node) is yaml.MappingNode and tag == _MAP:
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                count += 1
                if aliases_possible:
                    reached.add(id(key_node))
                key_line = key_node.start_mark.line + 1
                if depth >= MAX_DEPTH or count > MAX_NODES:
                    raise _beyond_limits(path, key_line, depth + 1)
                if type(key_node) is not yaml.ScalarNode or key_node.tag == _MERGE:
                    raise SourceError(path, key_line, "keys must be plain words")
                key = key_node.value
                if in_flow and not key_node.style and "?" in key:
                    raise _question_mark(path, key_line)
                child = (*where, key)
                if key in result:
                    raise SourceError(
                        path,
                        key_line,
                        f"duplicate key '{key}' (first at line {lines[child]}): keep only one",
                        key=key,
                    )
                result[key] = value(value_node, child, depth + 1, in_flow)
                lines[child] = key_line
            return result
        if type(node) is yaml.SequenceNode and tag == _SEQ:
            return [value(item, (*where, index), depth + 1, in_flow) for index, item in enumerate(node.value)]
        raise SourceError(path, line, f"unknown tag !!{tag.removeprefix(_TAG_PREFIX)}: remove it")

    data = value(root, (), 1, False)
    if aliases_possible and len(reached) < count:
        raise SourceError(path, 1, "YAML syntax: aliases (*name) are not allowed: write the text out in full")
    return Source(path=path, data=data, lines=lines, strings=strings)


def _beyond_limits(path: Path, line: int, depth: int) -> SourceError:
    if depth > MAX_DEPTH:
        return SourceError(path, line, f"YAML syntax: nested more than {MAX_DEPTH} levels deep")
    return SourceError(path, line, f"YAML syntax: too many values (more than {MAX_NODES}): split the file")


def _ambiguous(path: Path, line: int, text: str) -> SourceError:
    return SourceError(
        path,
        line,
        f"'{text}' is ambiguous (YAML reads it as true/false): write \"{text}\" in quotes for text, or true/false",
    )


def _question_mark(path: Path, line: int) -> SourceError:
    return SourceError(path, line, "YAML syntax: '?' inside [...] or {...}: put the text in quotes")


def validate(source: Source, schema: str) -> None:
    """Validate against ``schemas/<schema>.schema.json``; report every error with its line."""
    errors = schemas.errors(source.data, schema)
    if errors:
        errors.sort(key=lambda e: (_line(source, e), list(map(str, e.absolute_path))))
        raise SourceErrors([SourceError(source.path, _line(source, e), describe(e)) for e in errors])


def _line(source: Source, error: jsonschema.ValidationError) -> int:
    where = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if extra:
            where = (*where, extra[0])
    return source.line_of(where)


def load(path: Path, schema: str) -> Source:
    """Read, parse and validate one source file; raise SourceError(s) on any mistake."""
    source = parse(path, read_text(path))
    validate(source, schema)
    return source


__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "SCHEMA_DIR", "Source", "SourceError", "SourceErrors",
    "decoded", "describe", "load", "parse", "read_text", "source_of", "validate",
]
