"""scripts/site/runtime.py's ``precompress``: the gzip copy a server sends, made once per file content."""

from __future__ import annotations

import gzip

import pytest

from scripts.site import runtime


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(runtime, "GZIP_CACHE", folder)
    return folder


def test_the_copy_decodes_to_the_file_and_holds_no_name_nor_time(tmp_path, cache):
    path = tmp_path / "a" / "pyodide.asm.wasm"
    path.parent.mkdir()
    path.write_bytes(b"pyodide " * 10_000)
    packed = runtime.precompress(path)
    assert packed == path.with_name("pyodide.asm.wasm.gz")
    assert gzip.decompress(packed.read_bytes()) == path.read_bytes()
    assert packed.read_bytes()[4:8] == b"\0\0\0\0"  # mtime 0: the same bytes each build
    assert packed.read_bytes()[3] & 0x08 == 0  # no file name


def test_a_second_build_elsewhere_copies_the_cached_bytes_instead_of_compressing(tmp_path, cache, monkeypatch):
    first, second = tmp_path / "one" / "f.mjs", tmp_path / "two" / "f.mjs"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(b"export const x = 1;\n" * 5_000)
    runtime.precompress(first)
    monkeypatch.setattr(runtime.gzip, "compress", lambda *a, **k: pytest.fail("compressed again"))
    assert runtime.precompress(second).read_bytes() == first.with_name("f.mjs.gz").read_bytes()
    assert len(list(cache.iterdir())) == 1


def test_other_content_is_compressed_again_and_a_file_that_does_not_shrink_gets_no_copy(tmp_path, cache):
    path = tmp_path / "f.mjs"
    path.write_bytes(b"a" * 10_000)
    runtime.precompress(path)
    path.write_bytes(b"b" * 10_000)
    path.with_name("f.mjs.gz").unlink()  # a new build folder
    assert gzip.decompress(runtime.precompress(path).read_bytes()) == b"b" * 10_000
    assert len(list(cache.iterdir())) == 2
    tiny = tmp_path / "tiny.mjs"
    tiny.write_bytes(b"x")
    assert runtime.precompress(tiny) is None
    assert not tiny.with_name("tiny.mjs.gz").exists()
