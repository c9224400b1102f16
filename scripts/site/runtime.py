"""The self-hosted Python runtime of the calculators, copied into the site once.

``site/assets/runtime/`` receives the Pyodide core from ``node_modules/pyodide``
(never a CDN), the ``calculators`` wheel, and a ``pyodide-lock.json`` that lists
that wheel with its sha256 (pyodide-lock's ``add_wheels_to_spec``, the code
behind ``pyodide lockfile add-wheels``). The lock keeps only the packages the
site ships, so the worker cannot be sent to fetch anything from elsewhere.
Language builds write their pages under ``site/<lang>/``; the runtime is
written once, at the site root, after all of them.

With them goes ``calculators-snapshot.bin.gz``: Python's memory once Pyodide has
started and imported the calculators, made by Node from those very files
(``scripts/site/make_snapshot.mjs``, Pyodide's private ``_makeSnapshot`` option),
XOR the data segments of ``pyodide.asm.wasm`` (``snapshot-codec.mjs``), gzip-compressed.
The lock names it under ``calculators_snapshot`` with the sha256 of the file as served
(``sha256``) and of the memory it decodes to (``memory_sha256``); the worker checks both
before restoring it and starts Python normally otherwise. It is cached next to the wheel,
keyed by the wheel, the Pyodide core, the script and the codec.

Each core file that gzip makes smaller gets a gzip-compressed copy beside it
(``pyodide.asm.wasm.gz``, ...) for servers that send precompressed files with
``Content-Encoding: gzip`` (nginx's ``gzip_static``, README "Deploying"): the browser
decodes them, so the page and Pyodide see the same bytes either way.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec

from scripts.sources.tree import ROOT

PYODIDE = ROOT / "node_modules" / "pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
RUNTIME_DIR = Path("assets") / "runtime"
WHEEL_CACHE = ROOT / ".cache" / "wheel"
GZIP_CACHE = ROOT / ".cache" / "gzip"
SNAPSHOT_SCRIPT = ROOT / "scripts" / "site" / "make_snapshot.mjs"
SNAPSHOT_CODEC = ROOT / "docs" / "assets" / "javascripts" / "snapshot-codec.mjs"
SNAPSHOT_NAME = "calculators-snapshot.bin.gz"
SNAPSHOT_KEY = "calculators_snapshot"  # the lock's entry: {"file_name", "sha256"}
SNAPSHOT_TIMEOUT_S = 600
# Core files served gzip-compressed where the server can (python_stdlib.zip is compressed already).
PRECOMPRESSED = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")


def _sources_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "calculators").rglob("*.py")) + [ROOT / "pyproject.toml"]:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def calculators_wheel() -> Path:
    """Build the calculators wheel (pure Python) unless the sources did not change."""
    target = WHEEL_CACHE / _sources_digest()
    wheels = sorted(target.glob("calculators-*.whl"))
    if wheels:
        return wheels[0]
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 - fixed command, our own interpreter
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(target), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    return sorted(target.glob("calculators-*.whl"))[0]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(runtime_dir: Path, wheel: Path) -> tuple[Path, dict]:
    """The memory snapshot of ``runtime_dir``'s Pyodide with ``wheel`` imported, from the cache or made by Node,
    and what make_snapshot.mjs said of it (``memory_sha256``, sizes)."""
    digest = hashlib.sha256()
    for path in [*(runtime_dir / name for name in CORE_FILES), wheel, SNAPSHOT_SCRIPT, SNAPSHOT_CODEC]:
        digest.update(_sha256(path).encode())
    cached = wheel.parent / f"snapshot-{digest.hexdigest()[:16]}.bin.gz"
    about = cached.with_suffix(".json")
    if cached.is_file() and about.is_file():
        return cached, json.loads(about.read_text(encoding="utf-8"))
    node = shutil.which("node")
    if node is None:
        raise FileNotFoundError("node is not on PATH: the build makes the calculators' snapshot with Node.js")
    partial = cached.with_suffix(".partial")
    done = subprocess.run(  # noqa: S603 - fixed command: node on our own script
        [node, str(SNAPSHOT_SCRIPT), str(runtime_dir), str(partial)],
        capture_output=True, text=True, timeout=SNAPSHOT_TIMEOUT_S, check=False,
    )
    said = re.search(r"^SNAPSHOT (\{.*\})$", done.stdout, re.MULTILINE)
    if done.returncode or not said:
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"make_snapshot.mjs failed (exit {done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    about.write_text(said.group(1), encoding="utf-8")
    partial.replace(cached)
    return cached, json.loads(said.group(1))


def precompress(path: Path) -> Path | None:
    """``path``.gz beside ``path`` (gzip level 9, no name or time in it: the same bytes each build), if smaller.

    The compressed bytes are kept in .cache/gzip under the file's sha256: a build into a new
    folder copies them instead of compressing 10 MB again (about 2 s of CPU a build).
    """
    target = path.with_name(path.name + ".gz")
    if target.is_file() and target.stat().st_mtime >= path.stat().st_mtime:
        return target
    data = path.read_bytes()
    cached = GZIP_CACHE / f"{hashlib.sha256(data).hexdigest()}.gz"
    if cached.is_file():
        packed = cached.read_bytes()
    else:
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(packed)
        partial.replace(cached)  # whole or absent, even with two builds at once
    if len(packed) >= len(data):
        target.unlink(missing_ok=True)
        return None
    target.write_bytes(packed)
    return target


def install(site_dir: Path) -> Path:
    """Write the runtime into ``site_dir/assets/runtime``; return that folder."""
    if not (PYODIDE / "pyodide.mjs").exists():
        raise FileNotFoundError(f"{PYODIDE} is missing: run `npm ci` (make setup does)")
    out = Path(site_dir) / RUNTIME_DIR
    out.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        source, target = PYODIDE / name, out / name
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, target)
        if name in PRECOMPRESSED:
            precompress(target)
    wheel = shutil.copyfile(calculators_wheel(), out / calculators_wheel().name)
    core = PyodideLockSpec.from_json(PYODIDE / "pyodide-lock.json")
    core.packages = {}  # only what the site ships: nothing to fetch from elsewhere
    spec = add_wheels_to_spec(core, [Path(wheel)], base_path=out)
    spec.to_json(out / "pyodide-lock.json")
    cached, about = snapshot(out, calculators_wheel())
    made = shutil.copyfile(cached, out / SNAPSHOT_NAME)
    lock = json.loads((out / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock[SNAPSHOT_KEY] = {"file_name": SNAPSHOT_NAME, "sha256": _sha256(made), "memory_sha256": about["memory_sha256"]}
    (out / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    return out
