// Run the calculator test suite inside Pyodide under Node.js, so that what the
// browser runs is what was tested.
//
//   node tests/pyodide/run_in_pyodide.mjs [pytest arguments]
//
// Loads the self-hosted Pyodide from node_modules, unpacks the pure-Python
// wheels of pytest, Hypothesis and their dependencies from
// .cache/pyodide-wheels (scripts/fetch_pyodide_wheels.sh fills it; override with
// PYODIDE_WHEELS_DIR), copies calculators/, tests/calculators/, the widget
// texts and their schema into Pyodide's file system, runs pytest.main() and
// exits with pytest's exit code. The last line is the summary, e.g.
//   PYODIDE_SUMMARY {"exit_code":0,"collected":446,"passed":431,...}

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const started = performance.now();
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WHEELS = resolve(ROOT, process.env.PYODIDE_WHEELS_DIR ?? join(".cache", "pyodide-wheels"));
const PROJECT = "/home/pyodide/project";
const SKIPPED = new Set(["__pycache__", ".hypothesis", ".pytest_cache"]);

function fail(message) {
  console.error(`run_in_pyodide: ${message}`);
  process.exit(2);
}

// An uncaught error would print Pyodide's minified source line; print the message.
process.on("uncaughtException", (error) => fail(error?.stack ?? String(error)));
process.on("unhandledRejection", (error) => fail(error?.stack ?? String(error)));

// Every file under `dir` (host path), skipping caches.
function* files(dir) {
  for (const entry of readdirSync(dir)) {
    if (SKIPPED.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

function copyInto(pyodide, hostPath) {
  if (!existsSync(hostPath)) fail(`missing ${relative(ROOT, hostPath)}`);
  const paths = statSync(hostPath).isDirectory() ? [...files(hostPath)] : [hostPath];
  for (const path of paths) {
    const target = join(PROJECT, relative(ROOT, path));
    pyodide.FS.mkdirTree(dirname(target));
    pyodide.FS.writeFile(target, readFileSync(path));
  }
  return paths.length;
}

if (!existsSync(WHEELS)) fail(`no wheel directory ${WHEELS}: run scripts/fetch_pyodide_wheels.sh`);
const wheels = readdirSync(WHEELS).filter((name) => name.endsWith(".whl"));
for (const required of ["pytest-", "pluggy-", "iniconfig-", "packaging-", "pygments-", "hypothesis-", "sortedcontainers-"]) {
  if (!wheels.some((name) => name.toLowerCase().startsWith(required))) {
    fail(`no ${required}*.whl in ${WHEELS}: run scripts/fetch_pyodide_wheels.sh`);
  }
}

const pyodide = await loadPyodide();
// Raw writes, so pytest's progress dots stay on one line.
const writer = (stream) => ({
  write(bytes) {
    stream.write(bytes);
    return bytes.length;
  },
});
pyodide.setStdout(writer(process.stdout));
pyodide.setStderr(writer(process.stderr));
const loaded = performance.now();

const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
for (const wheel of wheels) {
  // A Node Buffer is not a typed array Pyodide knows: hand it the bytes.
  const bytes = new Uint8Array(readFileSync(join(WHEELS, wheel)));
  pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
}

let copied = copyInto(pyodide, join(ROOT, "calculators"));
copied += copyInto(pyodide, join(ROOT, "tests", "calculators"));
copied += copyInto(pyodide, join(ROOT, "schemas", "calculator.schema.json"));
for (const lang of readdirSync(join(ROOT, "docs"))) {
  const texts = join(ROOT, "docs", lang, "calculators");
  if (existsSync(texts)) copied += copyInto(pyodide, texts);
}
console.log(`run_in_pyodide: Pyodide ${pyodide.version} loaded in ${((loaded - started) / 1000).toFixed(1)} s; ` +
  `${wheels.length} wheels unpacked, ${copied} project files copied`);

const args = process.argv.slice(2);
pyodide.globals.set("extra_args", pyodide.toPy(args));
const summary = pyodide.runPython(`
import json, os, sys

os.chdir(${JSON.stringify(PROJECT)})
sys.path.insert(0, ${JSON.stringify(PROJECT)})
sys.dont_write_bytecode = True

import pytest


class Count:
    """Tally of what pytest collected and how each test ended."""

    def __init__(self):
        self.counts = {"collected": 0, "passed": 0, "failed": 0, "skipped": 0, "xfailed": 0, "errors": 0}

    def pytest_collection_modifyitems(self, items):
        self.counts["collected"] = len(items)

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.outcome != "passed":
            if report.outcome == "failed" and report.when != "call":
                self.counts["errors"] += 1
            elif hasattr(report, "wasxfail"):  # a strict xfail that failed as expected (an unexpected pass fails)
                self.counts["xfailed"] += 1
            else:
                self.counts[report.outcome] += 1


count = Count()
arguments = list(extra_args) or ["tests/calculators"]
code = pytest.main(
    ["-q", "-rs", "-p", "no:cacheprovider", "--strict-markers", "--strict-config",
     "-o", "xfail_strict=true", f"--rootdir={os.getcwd()}", *arguments],
    plugins=[count],
)
json.dumps({"exit_code": int(code), **count.counts})
`);

const result = JSON.parse(summary);
result.python = pyodide.runPython("import sys; sys.version.split()[0]");
result.seconds = Number(((performance.now() - started) / 1000).toFixed(1));
console.log(`PYODIDE_SUMMARY ${JSON.stringify(result)}`);
process.exit(result.exit_code);
