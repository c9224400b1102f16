"""Strict loading: every kind of source mistake stops with path:line and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.sources.loader import MAX_BYTES, MAX_DEPTH, SourceError, SourceErrors, load, parse, read_text

GOOD = """\
id: add-a-client
title: Ajouter un client
summary: Comment ajouter un client.
audience: partners
sections:
  - id: add
    title: Ajouter
    steps:
      - Cliquez sur **Ajouter un client**.
"""


def write(tmp_path: Path, content: str | bytes, name: str = "add-a-client.yml") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def error_of(path: Path) -> SourceError:
    with pytest.raises((SourceError, SourceErrors)) as info:
        load(path, "guide")
    exc = info.value
    return exc.errors[0] if isinstance(exc, SourceErrors) else exc


def test_a_good_source_loads_with_the_line_of_every_node(tmp_path):
    source = load(write(tmp_path, GOOD), "guide")
    assert source.data["sections"][0]["steps"] == ["Cliquez sur **Ajouter un client**."]
    assert source.line_of(("title",)) == 2
    assert source.line_of(("sections", 0, "steps", 0)) == 9


@pytest.mark.parametrize(
    ("content", "line", "expected"),
    [
        (GOOD + "title: Encore\n", 10, "duplicate key 'title' (first at line 2)"),
        (GOOD.replace("audience: partners", "audience: no"), 4, "'no' is ambiguous"),
        (GOOD.replace("audience: partners", "audience: On"), 4, "'On' is ambiguous"),
        (GOOD.replace("    title: Ajouter", "\ttitle: Ajouter"), 7, "tab character"),
        (GOOD + "colour: blue\n", 10, "unknown key 'colour'; expected one of"),
        (GOOD.replace("summary: Comment ajouter un client.\n", ""), 1, "missing key 'summary'"),
        (GOOD.replace("title: Ajouter un client", "title: 2000"), 2, "title: expected text, got a number (2000)"),
        (GOOD.replace("audience: partners", "audience: everyone"), 4, "expected one of clients, partners, both"),
        (GOOD.replace("  - id: add", "  - id: Add_It"), 6, "expected lowercase words joined by hyphens"),
        (GOOD.replace("summary: Comment", "summary: [Comment"), 4, "YAML syntax"),
        (GOOD + "extra: !include other.yml\n", 10, "unknown tag"),
        (GOOD + "extra: !!python/object:os.system x\n", 10, "unknown tag"),
        (GOOD.replace("title: Ajouter un client", "title: 2024-01-01"), 2, "read as a timestamp: put it in quotes"),
        ("a: &x [1]\nb: *x\n", 1, "anchors (&name) are not allowed"),
        ("", 1, "the file is empty"),
    ],
    ids=[
        "duplicate-key", "norway-no", "norway-on", "tab", "unknown-key", "missing-field", "wrong-type",
        "bad-enum", "bad-id", "syntax", "unknown-tag", "python-tag", "timestamp", "alias", "empty",
    ],
)
def test_each_mistake_names_its_line_and_what_was_expected(tmp_path, content, line, expected):
    error = error_of(write(tmp_path, content))
    assert error.line == line
    assert expected in error.message
    assert str(error).startswith(f"{tmp_path / 'add-a-client.yml'}:{line}: ")


def test_bytes_that_are_not_utf8_are_located(tmp_path):
    error = error_of(write(tmp_path, GOOD.encode() + "note: caf\xe9\n".encode("latin-1")))
    assert error.line == 10
    assert "byte 0xe9 is not UTF-8" in error.message


def test_a_byte_order_mark_is_refused(tmp_path):
    error = error_of(write(tmp_path, b"\xef\xbb\xbf" + GOOD.encode()))
    assert error.line == 1 and "byte-order mark" in error.message


def test_control_characters_are_refused(tmp_path):
    error = error_of(write(tmp_path, GOOD.replace("Comment", "Com\x07ment")))
    assert error.line == 3 and "U+0007" in error.message


# What read_text refuses, written out: C0 controls but line feed and carriage return (tab has its own
# message), DEL and the C1 controls.
REFUSED = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)}
SWEPT = [*range(0x00, 0x180), 0x2028, 0x200B, 0xFEFF, 0xFFFD, 0x1F600]


@pytest.mark.parametrize("code", SWEPT, ids=lambda code: f"U+{code:04X}")
def test_exactly_the_control_characters_are_refused_wherever_they_stand(tmp_path, code):
    """Each character on line 4, after a line with French quotes and a no-break space (0xC2 bytes in UTF-8)."""
    char = chr(code)
    content = f"# « x »\u00a0\na: b\nc: d\ne: f{char}g\n"
    path = write(tmp_path, content)
    if code in REFUSED:
        with pytest.raises(SourceError) as info:
            read_text(path)
        assert info.value.line == 4
        assert info.value.message == f"control character U+{code:04X}: remove it"
    elif code == 0x09:
        with pytest.raises(SourceError, match="tab character") as info:
            read_text(path)
        assert info.value.line == 4
    else:
        assert read_text(path) == content


def test_every_schema_error_is_reported_not_only_the_first(tmp_path):
    content = GOOD.replace("audience: partners", "audience: all") + "colour: blue\n"
    with pytest.raises(SourceErrors) as info:
        load(write(tmp_path, content), "guide")
    assert [e.line for e in info.value.errors] == [4, 10]


def test_alias_bombs_are_refused_before_expansion(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
    )
    assert "not allowed" in error_of(write(tmp_path, bomb)).message


def test_deep_nesting_is_refused(tmp_path):
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert "nested more than" in error_of(write(tmp_path, deep)).message


def test_very_large_files_are_refused_without_parsing(tmp_path):
    big = GOOD + "# " + "x" * MAX_BYTES + "\n"
    assert "split it" in error_of(write(tmp_path, big)).message


def test_substeps_must_be_a_list_of_texts(tmp_path):
    content = GOOD.replace(
        "      - Cliquez sur **Ajouter un client**.",
        "      - text: Choisissez\n        substeps: texte",
    )
    error = error_of(write(tmp_path, content))
    assert error.line == 9 and "expected text, or a mapping with text and substeps" in error.message


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens_not_at_the_end_of_the_file(tmp_path, quote):
    """Issue 11: the scanner only fails at the end of the file; the translator needs the opening line."""
    path = tmp_path / "g.yml"
    path.write_text(f"id: g\ntitle: {quote}Ajouter un client\nsummary: Texte.\naudience: partners\nsections: []\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        parse(path, path.read_text(encoding="utf-8"))
    assert error.value.line == 2
    assert f"the quote {quote} opened on this line is never closed" in error.value.message
