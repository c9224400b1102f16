"""Hostile source files stop with a clear error in bounded work and memory (no hang, no blow-up).

Work is counted, not timed: the Python function calls a load makes must stay
linear in the size of the file (a load that expands aliases, or loops, runs
out of its budget and fails), and the memory it allocates is bounded.
benchmarks/checker.py measures time. tests/scripts/sources/test_sources.py
checks what each mistake says; this checks what it costs.
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml

from scripts.sources.loader import MAX_BYTES, MAX_DEPTH, MAX_NODES, SourceError, SourceErrors, load

# The budget of Python calls for a file of n bytes: CALLS_PER_BYTE * n + BASE_CALLS.
# Loading 150 kB of 50,000 one-character values takes about 51 calls a byte.
CALLS_PER_BYTE = 64
BASE_CALLS = 20_000
PEAK_BYTES = 64 * 1024 * 1024


class OverBudget(Exception):
    """The load made more calls than its budget."""


def calls_of_load(path: Path, budget: int) -> tuple[BaseException | None, int]:
    """Load ``path`` counting Python calls, stopped with OverBudget past ``budget``: the error and the count."""
    count = 0

    def count_calls(frame, event, arg):  # noqa: ANN001, ARG001 - sys.setprofile's signature
        nonlocal count
        if event == "call":
            count += 1
            if count > budget:
                raise OverBudget(f"more than {budget} calls")

    sys.setprofile(count_calls)
    try:
        load(path, "guide")
    except (SourceError, SourceErrors) as exc:
        return exc, count
    finally:
        sys.setprofile(None)
    return None, count


def peak_of_load(path: Path) -> int:
    tracemalloc.start()
    try:
        try:
            load(path, "guide")
        except (SourceError, SourceErrors):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def load_bounded(path: Path) -> tuple[BaseException | None, int]:
    """Load ``path`` within its budget of calls, then with memory traced; the error and the peak."""
    budget = CALLS_PER_BYTE * path.stat().st_size + BASE_CALLS
    error, _ = calls_of_load(path, budget)
    return error, peak_of_load(path)


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "g.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def billion_laughs() -> str:
    """Ten levels of ten aliases each: 10**10 strings if expanded."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


HAZARDS = {
    "billion-laughs": (billion_laughs(), "anchors (&name) are not allowed"),
    "merge-key-bomb": ("base: &b {x: 1}\n" + "".join(f"k{n}: {{<<: *b}}\n" for n in range(20_000)), "anchors (&name) are not allowed"),
    "100k-lines-of-keys": ("".join(f"key{n:06d}: value\n" for n in range(100_000)), "split it"),
    "100k-line-list": ("items:\n" + "  - x\n" * 100_000, "split it"),
    "too-many-values": ("items: [" + ", ".join(["1"] * (MAX_NODES + 10)) + "]\n", "too many values"),
    "flow-nesting-100k-deep": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than"),
    "block-nesting-deep": ("".join(" " * n + f"k{n}:\n" for n in range(MAX_DEPTH * 4)) + " " * MAX_DEPTH * 4 + "x\n", "nested more than"),
    "one-line-of-400k": ("title: " + "x" * 400_000 + "\n", "missing key 'id'"),
    "just-over-the-size-limit": ("#" * (MAX_BYTES + 1), "split it"),
    "many-documents": ("id: a\n---\nid: b\n", "YAML syntax"),
    "utf16": ("id: g\ntitle: Été\n".encode("utf-16"), "not UTF-8"),
    "latin1": ("id: g\ntitle: Été\n".encode("latin-1"), "byte 0xc9 is not UTF-8"),
    "bom": (b"\xef\xbb\xbfid: g\n", "byte-order mark"),
    "tab": ("id: g\ntitle:\tx\n", "tab character"),
    "nul": ("id: g\ntitle: x\x00\n", "U+0000"),
    "duplicate-key": ("id: g\nid: h\n", "duplicate key 'id'"),
    "norway": ("id: g\naudience: no\n", "'no' is ambiguous"),
    "on-off": ("id: g\ntitle: off\n", "'off' is ambiguous"),
    "custom-tag": ("id: !include /etc/passwd\n", "unknown tag"),
    "binary": ("id: !!binary aGVsbG8=\n", "read as a binary"),
    "python-tag-on-a-scalar": ("id: !!python/name:os.system x\n", "unknown tag"),
}


@pytest.mark.parametrize(("content", "expected"), HAZARDS.values(), ids=HAZARDS.keys())
def test_a_hazard_is_a_located_error_in_bounded_work_and_memory(tmp_path, content, expected):
    path = write(tmp_path, content)
    error, peak = load_bounded(path)
    assert isinstance(error, (SourceError, SourceErrors)), repr(error)
    first = error.errors[0] if isinstance(error, SourceErrors) else error
    assert expected in str(error)
    assert str(first).startswith(f"{path}:{first.line}: ")
    assert peak < PEAK_BYTES, f"{peak / 1e6:.0f} MB"


def test_the_biggest_allowed_file_loads_in_bounded_work_and_memory(tmp_path):
    """Just under every limit is not a hazard: it loads (or fails the schema) without blowing up."""
    step = "      - Cliquez sur **Ajouter un client** puis validez le formulaire.\n"
    head = "id: g\ntitle: T\nsummary: S.\naudience: both\nsections:\n  - id: s\n    title: S\n    steps:\n"
    count = min((MAX_BYTES - len(head)) // len(step.encode()), MAX_NODES - 20)
    path = write(tmp_path, head + step * count)
    error, peak = load_bounded(path)
    assert error is None, error
    assert peak < PEAK_BYTES, f"{peak / 1e6:.0f} MB"


@pytest.mark.parametrize("content", ["id: !!python/object/apply:os.system ['true']\n", "id: !!set {a: null}\n", "!!omap\n- id: g\n"])
def test_a_tag_on_a_list_or_mapping_is_refused_as_an_unknown_tag(tmp_path, content):
    """Tags on containers too (never constructed, but refused rather than silently dropped)."""
    error, _ = load_bounded(write(tmp_path, content))
    assert "unknown tag" in str(error)


def test_the_budget_stops_a_load_that_expands_aliases(tmp_path, monkeypatch):
    """The budget can fail: a load that walks the billion laughs with its aliases expanded runs out of it."""

    def walk(value) -> None:  # noqa: ANN001
        for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
            walk(item)

    def expanding_load(path: Path, schema: str) -> None:  # noqa: ARG001 - load's signature
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))

    monkeypatch.setattr(sys.modules[__name__], "load", expanding_load)
    path = write(tmp_path, billion_laughs())
    with pytest.raises(OverBudget):
        calls_of_load(path, CALLS_PER_BYTE * path.stat().st_size + BASE_CALLS)
