// The calculators' Python runtime, off the main thread (Pyodide's documented
// Web Worker pattern): one loadPyodide() promise, messages tagged with ids.
//   in:  {id: 0, calculator, setup}                  once per form; setup: JSON text {calculator, texts, spec}
//        {id, calculator, inputs}                    each input change
//   out: {id, result, view} | {id, error}            error: {field, key, params, message}
//        {id: 0, ready: true} | {id: 0, failed: "why"}
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

const python = (async () => {
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  // packageBaseUrl: packages come from this site's lock file, never from Pyodide's default CDN.
  const pyodide = await Promise.race([loadPyodide({ indexURL: runtime, packageBaseUrl: runtime, fullStdLib: false }), wasmFailure]);
  // checkIntegrity: the wheel's sha256 from pyodide-lock.json is enforced.
  await pyodide.loadPackage("calculators", { checkIntegrity: true, messageCallback: () => {} });
  return pyodide.pyimport("calculators.present").handle_json;
})();

python.then(
  () => self.postMessage({ id: 0, ready: true }),
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
    const handle = await python;
    const reply = JSON.parse(handle(calculator, JSON.stringify(inputs), setups.get(calculator) || "{}"));
    self.postMessage({ id, ...reply });
  } catch (error) {
    self.postMessage({ id, error: internalError(calculator, error) });
  }
};
