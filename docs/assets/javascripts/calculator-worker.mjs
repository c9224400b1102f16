// The calculators' Python runtime, off the main thread (Pyodide's documented
// Web Worker pattern): one loadPyodide() promise, messages tagged with ids.
//   in:  {id: 0, calculator, setup}                  once per form; setup: JSON text {calculator, texts, spec}
//        {id, calculator, inputs}                    each input change
//   out: {id, result, view} | {id, error}            error: {field, key, params, message}
//        {id: 0, ready: true, start, refused} | {id: 0, failed: "why"}
//        start: "snapshot" | "normal" (how Python started); refused: why the snapshot was not used, or null
import { xorDataSegments } from "./snapshot-codec.mjs";

const runtime = new URL(self.location.href).searchParams.get("runtime");

// Pyodide 314 only logs a failed WebAssembly instantiation ("wasm instantiation
// failed!") and its loadPyodide() then never settles; turn that log into a failure.
let wasmFailed;
const wasmFailure = new Promise((_, reject) => { wasmFailed = reject; });
const warn = console.warn.bind(console);
console.warn = (...args) => {
  if (args[0] === "wasm instantiation failed!") wasmFailed(new Error(String(args[0])));
  warn(...args);
};

// Two ways to start, both from this site's files only:
// - "snapshot": Python's memory as the build left it, calculators imported (scripts/site/make_snapshot.mjs),
//   restored instead of starting Python (Pyodide's private _loadSnapshot option). The file is that memory
//   XOR the data segments of pyodide.asm.wasm, gzipped (snapshot-codec.mjs): the lock gives the sha256 of
//   the file (checked before it is decoded) and of the memory it decodes to (checked before the restore,
//   so the decoding's other input, the wasm, is covered too); the wheel it was made from is checked too.
//   The standard library archive is not needed (everything an answer imports is in the snapshot).
// - "normal": Pyodide starts Python and installs the wheel, its sha256 enforced by Pyodide itself.
// A snapshot that is missing, refused or fails to restore falls back to the normal start.
const SNAPSHOT_KEY = "calculators_snapshot";
const STDLIB = "python_stdlib.zip";
const WASM = "pyodide.asm.wasm";
// An empty zip archive (its end-of-central-directory record only): what the snapshot start writes in
// place of the standard library archive, which the restored Python does not read.
const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

async function bytesOf(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function sha256(bytes) {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// The bytes (a promise of them) once their sha256 is the expected one.
async function checked(pending, expected, name) {
  const bytes = await pending;
  const found = await sha256(bytes);
  if (found !== expected) throw new Error(`${name}: sha256 ${found} is not the lock's ${expected}`);
  return bytes;
}

async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function load(loadPyodide, options) {
  // packageBaseUrl: packages come from this site's lock file, never from Pyodide's default CDN.
  return Promise.race([loadPyodide({ indexURL: runtime, packageBaseUrl: runtime, fullStdLib: false, ...options }), wasmFailure]);
}

async function normalStart(loadPyodide) {
  const pyodide = await load(loadPyodide, {});
  // checkIntegrity: the wheel's sha256 from pyodide-lock.json is enforced.
  await pyodide.loadPackage("calculators", { checkIntegrity: true, messageCallback: () => {} });
  return pyodide;
}

async function snapshotStart(loadPyodide, lockText, snapshotBytes) {
  const lock = JSON.parse(lockText);
  const snapshot = lock[SNAPSHOT_KEY];
  if (!snapshot) throw new Error("the lock names no snapshot");
  const wheel = lock.packages.calculators;
  const [compressed] = await Promise.all([
    checked(snapshotBytes, snapshot.sha256, snapshot.file_name),
    checked(bytesOf(new URL(wheel.file_name, runtime)), wheel.sha256, wheel.file_name),
  ]);
  const stdlib = new URL(STDLIB, runtime).href;
  const wasmUrl = new URL(WASM, runtime).href;
  let wasmSeen;
  const wasmBytes = new Promise((resolve, reject) => { wasmSeen = { resolve, reject }; });
  const fetchAll = self.fetch;
  self.fetch = (resource, init) => {
    const url = String(resource);
    // Pyodide fetches the standard library archive while it starts: the restored Python has no use for it.
    if (url === stdlib) return Promise.resolve(new Response(EMPTY_ZIP));
    const pending = fetchAll(resource, init);
    // Pyodide fetches the wasm (before it awaits the snapshot); a copy of its bytes decodes the snapshot.
    if (url === wasmUrl) pending.then((response) => response.clone().arrayBuffer()).then((b) => wasmSeen.resolve(new Uint8Array(b)), wasmSeen.reject);
    return pending;
  };
  const memory = (async () => xorDataSegments(await gunzip(compressed), await wasmBytes))()
    .then((image) => checked(image, snapshot.memory_sha256, `${snapshot.file_name} decoded`));
  memory.catch(() => {}); // loadPyodide awaits it: a failure refuses the snapshot there
  try {
    return await load(loadPyodide, { lockFileContents: lockText, _loadSnapshot: memory });
  } finally {
    self.fetch = fetchAll;
  }
}

const python = (async () => {
  // The snapshot's name is fixed: its download starts with the lock's, before the lock is read.
  const lockText = fetch(new URL("pyodide-lock.json", runtime)).then((r) => (r.ok ? r.text() : ""));
  const snapshotBytes = bytesOf(new URL("calculators-snapshot.bin.gz", runtime));
  for (const pending of [lockText, snapshotBytes]) pending.catch(() => {}); // judged below (a failure means the normal start)
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  let pyodide;
  let start = "snapshot";
  let refused = null;
  try {
    pyodide = await snapshotStart(loadPyodide, await lockText, snapshotBytes);
  } catch (error) {
    refused = String(error && error.message ? error.message : error);
    console.warn(`calculators: runtime snapshot refused (${refused}); starting Python instead`);
    start = "normal";
    pyodide = await normalStart(loadPyodide);
  }
  return { handle: pyodide.pyimport("calculators.present").handle_json, start, refused };
})();

python.then(
  ({ start, refused }) => self.postMessage({ id: 0, ready: true, start, refused }),
  (error) => self.postMessage({ id: 0, failed: String(error && error.message ? error.message : error) }),
);

const setups = new Map();

function internalError(calculator, error) {
  let message = String(error);
  try {
    message = JSON.parse(setups.get(calculator)).texts.errors["calculator.internal_error"] || message;
  } catch {
    // no texts for this calculator: the raw error is all there is to show
  }
  return { field: null, key: "calculator.internal_error", params: {}, message };
}

self.onmessage = async (event) => {
  const { id, setup, calculator, inputs } = event.data;
  if (setup !== undefined) {
    setups.set(calculator, setup);
    return;
  }
  try {
    const { handle } = await python;
    const reply = JSON.parse(handle(calculator, JSON.stringify(inputs), setups.get(calculator) || "{}"));
    self.postMessage({ id, ...reply });
  } catch (error) {
    self.postMessage({ id, error: internalError(calculator, error) });
  }
};
