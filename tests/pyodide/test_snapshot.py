"""The build's calculators snapshot (scripts/site/make_snapshot.mjs) restores under Node.js and answers
as the host does, without the standard library archive and without installing the wheel.

The runtime folder is written by ``scripts.site.runtime.install`` in a copy of the project (the
wheel and its snapshot come from the copied cache, or are made there). Needs node and
node_modules/pyodide; without them this test fails, it never skips.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks._project import copy_project
from calculators import api, present, registry
from scripts.render import formatting
from scripts.sources.tree import LANGUAGES, Tree

ROOT = Path(__file__).resolve().parents[2]
RESTORE = ROOT / "tests" / "pyodide" / "restore_snapshot.mjs"
INSTALL = "import sys; from pathlib import Path; from scripts.site import runtime; runtime.install(Path(sys.argv[1]))"


@pytest.fixture(scope="module")
def runtime_dir(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    site = project / "site"
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", INSTALL, str(site)], cwd=project, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return site / "assets" / "runtime"


def _restore(runtime: Path, requests: list[list[str]], tmp_path: Path) -> dict:
    node = shutil.which("node")
    assert node, "node is not on PATH: the Makefile installs Node.js"
    file = tmp_path / "requests.json"
    file.write_text(json.dumps(requests), encoding="utf-8")
    done = subprocess.run([node, str(RESTORE), str(runtime), str(file)], capture_output=True, text=True, timeout=600, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESTORED ")]
    assert done.returncode == 0 and lines, f"exit {done.returncode}:\n{done.stdout[-4000:]}{done.stderr[-4000:]}"
    return json.loads(lines[-1].removeprefix("RESTORED "))


def _setup(lang: str, name: str) -> str:
    texts = yaml.safe_load(Tree().calculator_source(lang, name).read_text(encoding="utf-8"))
    return json.dumps({"calculator": name, "texts": texts, "spec": formatting.spec(lang)}, ensure_ascii=False)


def _uleb(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def _active_data_segments(wasm: bytes) -> list[tuple[int, bytes]]:
    """(memory offset, bytes) of each active data segment: the WebAssembly binary format, read here on its own."""
    assert wasm[:4] == b"\0asm"
    at, found = 8, []
    while at < len(wasm):
        section, (size, at) = wasm[at], _uleb(wasm, at + 1)
        end = at + size
        if section == 11:  # data
            count, at = _uleb(wasm, at)
            for _ in range(count):
                flag, at = _uleb(wasm, at)
                if flag == 1:  # passive
                    length, at = _uleb(wasm, at)
                    at += length
                    continue
                if flag == 2:
                    _, at = _uleb(wasm, at)
                assert wasm[at] == 0x41, "an offset other than i32.const"
                offset, at = _uleb(wasm, at + 1)
                assert wasm[at] == 0x0B
                length, at = _uleb(wasm, at + 1)
                found.append((offset, wasm[at:at + length]))
                at += length
        at = end
    return found


def _decoded(runtime: Path, served: bytes) -> bytes:
    """The served snapshot gunzipped, its memory (after Pyodide's header) XOR the wasm's data segments."""
    image = bytearray(gzip.decompress(served))
    header = int.from_bytes(image[4:8], "little")
    for offset, data in _active_data_segments((runtime / "pyodide.asm.wasm").read_bytes()):
        start, end = header + offset, header + offset + len(data)
        mixed = int.from_bytes(image[start:end], "little") ^ int.from_bytes(data, "little")
        image[start:end] = mixed.to_bytes(len(data), "little")
    return bytes(image)


def test_the_lock_names_the_snapshot_with_its_sha256(runtime_dir):
    entry = json.loads((runtime_dir / "pyodide-lock.json").read_text(encoding="utf-8"))["calculators_snapshot"]
    assert entry["file_name"] == "calculators-snapshot.bin.gz"
    assert entry["sha256"] == hashlib.sha256((runtime_dir / entry["file_name"]).read_bytes()).hexdigest()


def test_the_served_snapshot_decodes_to_the_memory_whose_sha256_the_lock_gives(runtime_dir):
    entry = json.loads((runtime_dir / "pyodide-lock.json").read_text(encoding="utf-8"))["calculators_snapshot"]
    served = (runtime_dir / entry["file_name"]).read_bytes()
    memory = _decoded(runtime_dir, served)
    assert hashlib.sha256(memory).hexdigest() == entry["memory_sha256"]
    # Without the data segments XORed back, it is another memory: the decoding is not a no-op.
    assert hashlib.sha256(gzip.decompress(served)).hexdigest() != entry["memory_sha256"]
    # The XOR is what makes the file small: the decoded memory gzips to more than the served file.
    assert len(gzip.compress(memory, compresslevel=9)) > len(served)


@pytest.mark.parametrize("name", ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"])
def test_each_precompressed_core_file_decodes_to_the_file_itself(runtime_dir, name):
    assert gzip.decompress((runtime_dir / f"{name}.gz").read_bytes()) == (runtime_dir / name).read_bytes()


def test_the_archives_already_compressed_get_no_gzip_copy(runtime_dir):
    assert not (runtime_dir / "python_stdlib.zip.gz").exists()
    assert not list(runtime_dir.glob("*.whl.gz"))
    assert not (runtime_dir / "calculators-snapshot.bin.gz.gz").exists()


def test_the_restored_snapshot_answers_as_the_host_without_stdlib_or_wheel(runtime_dir, tmp_path):
    requests = []
    for lang in LANGUAGES:
        for name in registry.NAMES:
            setup = _setup(lang, name)
            defaults = api.defaults(name)
            requests += [
                [name, json.dumps(defaults), setup],
                [name, json.dumps({**defaults, next(iter(defaults)): "abc"}), setup],  # a reading error, in words
                [name, json.dumps({"no_such_field": "1"}), setup],
                [name, "{not json", setup],
            ]
    # 2000 hostings at CHF 9.92 each (the seed's unit price): CHF 19,840.00 before any reduction.
    requests.append(["pricing", json.dumps({**api.defaults("pricing"), "quantity": "2000"}), _setup("en", "pricing")])
    restored = _restore(runtime_dir, requests, tmp_path)

    assert restored["loaded"] == [], "the snapshot start installed a package: the calculators should be in memory"
    assert restored["stdlib_bytes"] == 22, "the standard library archive given was not the empty one"
    answers = [json.loads(answer) for answer in restored["answers"]]
    assert answers[-1]["view"]["normal_total"]["value"] == "19840.00"
    for (name, inputs, setup), answer in zip(requests, answers, strict=True):
        assert "calculator.internal_error" not in json.dumps(answer), (name, inputs, answer)
        assert answer == json.loads(present.handle_json(name, inputs, setup)), (name, inputs)
