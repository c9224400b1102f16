"""Hostile source files stop with a clear error, fast and in bounded memory (no hang, no blow-up).

tests/scripts/test_sources.py checks what each mistake says; this checks what it costs.
"""

from __future__ import annotations

import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from scripts.sources.loader import MAX_BYTES, MAX_DEPTH, MAX_NODES, SourceError, SourceErrors, load

SECONDS = 5  # untraced; tracing memory makes PyYAML several times slower
PEAK_BYTES = 64 * 1024 * 1024


def _load_in_thread(path: Path, timeout: float) -> BaseException | None:
    outcome: dict = {}

    def run():
        try:
            load(path, "guide")
        except BaseException as exc:  # noqa: BLE001 - the test asserts what it was
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"loading {path.name} still runs after {timeout} s"
    return outcome.get("error")


def load_bounded(path: Path) -> tuple[BaseException | None, float, int]:
    """Load ``path`` twice: timed (it must end within SECONDS), then with memory traced; the error, the time, the peak."""
    start = time.perf_counter()
    error = _load_in_thread(path, SECONDS)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    try:
        _load_in_thread(path, 12 * SECONDS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return error, elapsed, peak


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
def test_a_hazard_is_a_located_error_in_bounded_time_and_memory(tmp_path, content, expected):
    path = write(tmp_path, content)
    error, seconds, peak = load_bounded(path)
    assert isinstance(error, (SourceError, SourceErrors)), repr(error)
    first = error.errors[0] if isinstance(error, SourceErrors) else error
    assert expected in str(error)
    assert str(first).startswith(f"{path}:{first.line}: ")
    assert seconds < SECONDS
    assert peak < PEAK_BYTES, f"{peak / 1e6:.0f} MB"


def test_the_biggest_allowed_file_loads_in_bounded_time_and_memory(tmp_path):
    """Just under every limit is not a hazard: it loads (or fails the schema) without blowing up."""
    step = "      - Cliquez sur **Ajouter un client** puis validez le formulaire.\n"
    head = "id: g\ntitle: T\nsummary: S.\naudience: both\nsections:\n  - id: s\n    title: S\n    steps:\n"
    count = min((MAX_BYTES - len(head)) // len(step.encode()), MAX_NODES - 20)
    path = write(tmp_path, head + step * count)
    error, seconds, peak = load_bounded(path)
    assert error is None, error
    assert seconds < SECONDS and peak < PEAK_BYTES


@pytest.mark.parametrize("content", ["id: !!python/object/apply:os.system ['true']\n", "id: !!set {a: null}\n", "!!omap\n- id: g\n"])
def test_a_tag_on_a_list_or_mapping_is_refused_as_an_unknown_tag(tmp_path, content):
    """Tags on containers too (never constructed, but refused rather than silently dropped)."""
    error, _, _ = load_bounded(write(tmp_path, content))
    assert "unknown tag" in str(error)
