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
// taken: the browser restores it without the standard library archive. OUTPUT receives the
// snapshot gzip-compressed (the worker decompresses it with DecompressionStream).
// Prints one line: SNAPSHOT {"bytes": compressed, "memory": raw, "modules": n, "seconds": s}.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const started = performance.now();
const [runtimeArg, outputArg] = process.argv.slice(2);
if (!runtimeArg || !outputArg) {
  console.error("usage: node scripts/site/make_snapshot.mjs RUNTIME_DIR OUTPUT");
  process.exit(2);
}
const runtime = resolve(runtimeArg) + "/";

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
import gc, sys
gc.collect()
len(sys.modules)
`);

const memory = pyodide.makeMemorySnapshot();
const compressed = gzipSync(memory, { level: 9 });
writeFileSync(outputArg, compressed);
const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
console.log(`SNAPSHOT ${JSON.stringify({ bytes: compressed.length, memory: memory.length, modules, seconds })}`);
