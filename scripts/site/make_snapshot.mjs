// The calculators' Pyodide memory snapshot, made at build time (scripts/site/runtime.py runs it).
//
//   node scripts/site/make_snapshot.mjs RUNTIME_DIR OUTPUT
//
// RUNTIME_DIR is the site's own runtime folder (assets/runtime: the Pyodide core copied from
// node_modules, the calculators wheel, the lock with the wheel's sha256), so the snapshot is made
// by the very files the browser loads: Pyodide refuses a snapshot from another build (BUILD_ID).
// Pyodide starts with `_makeSnapshot` (a private option of Pyodide 314), unpacks the wheel once its
// sha256 matches the lock's, imports calculators.present and runs handle_json for each
// calculator, with valid and invalid inputs, so that every module an answer needs is imported before the memory is
// taken: the browser restores it without the standard library archive.
// What is left unread goes before the memory is taken, so that it compresses to next to nothing:
// the standard library archive's table of contents (zipimport's cache: the restored Python is
// given an empty archive anyway), the memory malloc holds free and the stack below its pointer
// (zeroed). OUTPUT receives the snapshot XOR the data segments of RUNTIME_DIR's pyodide.asm.wasm
// (docs/assets/javascripts/snapshot-codec.mjs: what Python did not change becomes zeros),
// gzip-compressed; the worker gunzips it (DecompressionStream) and XORs the same segments back.
// Prints one line: SNAPSHOT {"bytes": served, "memory": raw, "memory_sha256": of the raw snapshot,
//   "plain_gzip_bytes": the raw snapshot gzipped alone, "modules": n, "seconds": s}.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const started = performance.now();
const [runtimeArg, outputArg] = process.argv.slice(2);
if (!runtimeArg || !outputArg) {
  console.error("usage: node scripts/site/make_snapshot.mjs RUNTIME_DIR OUTPUT");
  process.exit(2);
}
const runtime = resolve(runtimeArg) + "/";
const codec = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/assets/javascripts/snapshot-codec.mjs");
const { xorDataSegments } = await import(pathToFileURL(codec).href);

const { loadPyodide } = await import(pathToFileURL(runtime + "pyodide.mjs").href);
const pyodide = await loadPyodide({ indexURL: runtime, packageBaseUrl: runtime, fullStdLib: false, _makeSnapshot: true });
// Not loadPackage(): the snapshot refuses a changed package registry (a hiwire entry); the wheel is
// checked against the lock's sha256 here and unpacked into site-packages, as loadPackage would.
const lock = JSON.parse(readFileSync(runtime + "pyodide-lock.json", "utf8"));
const entry = lock.packages.calculators;
const wheel = readFileSync(runtime + entry.file_name);
const digest = createHash("sha256").update(wheel).digest("hex");
if (digest !== entry.sha256) {
  console.error(`make_snapshot: ${entry.file_name} has sha256 ${digest}, the lock says ${entry.sha256}`);
  process.exit(1);
}
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
pyodide.unpackArchive(new Uint8Array(wheel), "wheel", { extractDir: sitePackages });

const modules = pyodide.runPython(`
import json
from calculators import api, registry
from calculators.present import handle_json

def _warm_up():
    for name in registry.NAMES:
        defaults = api.defaults(name)
        handle_json(name, json.dumps(defaults), "{}")
        handle_json(name, json.dumps({key: "x" for key in defaults}), "{}")  # a reading error
        handle_json(name, json.dumps({"not_a_field": "1"}), "{}")  # an unknown field
        handle_json(name, "not json", "{}")
    handle_json("no-such-calculator", "{}", "{}")

_warm_up()
del _warm_up
import gc, linecache, sys, zipimport
zipimport._zip_directory_cache.clear()
sys.path_importer_cache.clear()
linecache.clearcache()
gc.collect()
len(sys.modules)
`);

// Zero what malloc holds free, without growing the memory: capped at its present footprint, malloc
// hands out every free block (largest first) and fails instead of asking for more; each is zeroed, then freed.
const heap = pyodide._module;
const limit = heap._malloc_footprint_limit();
heap._malloc_set_footprint_limit(heap._malloc_footprint());
const blocks = [];
for (let size = 1 << 24; size >= 16;) {
  const pointer = heap._malloc(size);
  if (pointer) {
    heap.HEAPU8.fill(0, pointer, pointer + size);
    blocks.push(pointer);
  } else {
    size >>= 1;
  }
}
for (const pointer of blocks) heap._free(pointer);
heap._malloc_set_footprint_limit(limit);
// The stack grows down: below its pointer is unused (left at the bottom: this very call's frames).
heap.HEAPU8.fill(0, heap._emscripten_stack_get_end(), heap._emscripten_stack_get_current());

const memory = pyodide.makeMemorySnapshot();
const memorySha256 = createHash("sha256").update(memory).digest("hex");
const plainGzipBytes = gzipSync(memory, { level: 9 }).length;
const compressed = gzipSync(xorDataSegments(memory, readFileSync(runtime + "pyodide.asm.wasm")), { level: 9 });
writeFileSync(outputArg, compressed);
const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
const made = { bytes: compressed.length, memory: memory.length, memory_sha256: memorySha256, plain_gzip_bytes: plainGzipBytes, modules, seconds };
console.log(`SNAPSHOT ${JSON.stringify(made)}`);
