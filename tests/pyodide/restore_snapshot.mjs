// Restore the build's calculators snapshot in Pyodide under Node.js, as the browser's worker does
// (docs/assets/javascripts/calculator-worker.mjs): the lock's sha256 checked, the gzip undone, the
// data segments of the runtime's pyodide.asm.wasm XORed back (snapshot-codec.mjs), the decoded
// memory's sha256 checked against the lock's memory_sha256, `_loadSnapshot`, and an empty archive in place of the standard library, so that an answer which
// would need a module the snapshot has not imported fails instead of passing unnoticed.
//
//   node tests/pyodide/restore_snapshot.mjs RUNTIME_DIR REQUESTS_JSON
//
// REQUESTS_JSON: [[calculator, inputs_json, setup_json], ...]. Prints one line:
//   RESTORED {"answers": [handle_json's text, ...], "loaded": [packages Pyodide installed], "stdlib_bytes": n}

import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

const [runtimeArg, requestsArg] = process.argv.slice(2);
const runtime = resolve(runtimeArg) + "/";
const requests = JSON.parse(readFileSync(requestsArg, "utf8"));
const codec = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/assets/javascripts/snapshot-codec.mjs");
const { xorDataSegments } = await import(pathToFileURL(codec).href);

const lock = JSON.parse(readFileSync(runtime + "pyodide-lock.json", "utf8"));
const entry = lock.calculators_snapshot;
const compressed = readFileSync(runtime + entry.file_name);
const digest = createHash("sha256").update(compressed).digest("hex");
if (digest !== entry.sha256) {
  console.error(`restore_snapshot: ${entry.file_name} has sha256 ${digest}, the lock says ${entry.sha256}`);
  process.exit(1);
}
const memory = xorDataSegments(new Uint8Array(gunzipSync(compressed)), readFileSync(runtime + "pyodide.asm.wasm"));
const memoryDigest = createHash("sha256").update(memory).digest("hex");
if (memoryDigest !== entry.memory_sha256) {
  console.error(`restore_snapshot: the decoded snapshot has sha256 ${memoryDigest}, the lock says ${entry.memory_sha256}`);
  process.exit(1);
}
// The end-of-central-directory record alone: a valid, empty zip archive.
const emptyStdlib = join(mkdtempSync(join(tmpdir(), "kb-snapshot-")), "empty.zip");
writeFileSync(emptyStdlib, new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));

const { loadPyodide } = await import(pathToFileURL(runtime + "pyodide.mjs").href);
const pyodide = await loadPyodide({
  indexURL: runtime,
  packageBaseUrl: runtime,
  fullStdLib: false,
  stdLibURL: emptyStdlib,
  _loadSnapshot: memory,
});
const handle = pyodide.pyimport("calculators.present").handle_json;
const answers = requests.map(([calculator, inputs, setup]) => handle(calculator, inputs, setup));
const stdlibBytes = pyodide.FS.stat(pyodide.runPython("import sys; [p for p in sys.path if p.endswith('.zip')][0]")).size;
console.log(`RESTORED ${JSON.stringify({ answers, loaded: Object.keys(pyodide.loadedPackages), stdlib_bytes: stdlibBytes })}`);
