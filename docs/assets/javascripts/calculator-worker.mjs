// The calculators' Python runtime, off the main thread (Pyodide's documented
// Web Worker pattern): one loadPyodide() promise, messages tagged with ids.
//   in:  {id, setup: {calculator, texts, spec}}      once per form
//        {id, calculator, inputs}                    each input change
//   out: {id, result, view} | {id, error}            error: {field, key, params, message}
//        {id: 0, ready: true} | {id: 0, failed: "why"}
const runtime = new URL(self.location.href).searchParams.get("runtime");

const python = (async () => {
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  const pyodide = await loadPyodide({ indexURL: runtime, fullStdLib: false });
  // checkIntegrity: the wheel's sha256 from pyodide-lock.json is enforced.
  await pyodide.loadPackage("calculators", { checkIntegrity: true, messageCallback: () => {} });
  return pyodide.pyimport("calculators.present").handle_json;
})();

python.then(
  () => self.postMessage({ id: 0, ready: true }),
  (error) => self.postMessage({ id: 0, failed: String(error && error.message ? error.message : error) }),
);

const setups = new Map();

self.onmessage = async (event) => {
  const { id, setup, calculator, inputs } = event.data;
  if (setup) {
    setups.set(setup.calculator, JSON.stringify(setup));
    return;
  }
  try {
    const handle = await python;
    const reply = JSON.parse(handle(calculator, JSON.stringify(inputs), setups.get(calculator) || "{}"));
    self.postMessage({ id, ...reply });
  } catch (error) {
    self.postMessage({ id, error: { field: null, key: "runtime", params: {}, message: String(error) } });
  }
};
