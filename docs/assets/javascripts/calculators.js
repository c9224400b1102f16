// Thin glue between a prerendered calculator form and the Python worker.
// It collects inputs, posts them, and writes what Python returns: no pricing,
// eligibility or access logic here (see calculators/present.py).
// A classic script placed right after the form(s), not a deferred module: it runs
// as soon as the parser reaches it, so the worker starts loading Pyodide before
// the theme's own scripts run (about 0.2 s sooner on a 2-core machine).
(() => {
"use strict";

const forms = [...document.querySelectorAll("form[data-calculator]")];
let worker = null;
let nextId = 1;
const pending = new Map();
// The field being typed in: its keystrokes replace one history entry instead of pushing one each.
let editing = null;

function setState(form, state) {
  form.dataset.state = state;
  showStatus(form);
}

// Whether the result shown answers the inputs shown. When it does not ("pending": a shared link or
// an edit not yet computed, "invalid": a field with a mistake, "unavailable": the runtime could not
// load), the outputs are aria-busy and the status line says so in words instead of the runtime's state.
function setStale(form, reason) {
  if (reason) form.dataset.stale = reason;
  else delete form.dataset.stale;
  const results = form.querySelector(".kb-results");
  if (reason) results?.setAttribute("aria-busy", "true");
  else results?.removeAttribute("aria-busy");
  showStatus(form);
}

function showStatus(form) {
  const status = form.querySelector(".kb-status");
  if (!status) return;
  const text = (form.dataset.stale && status.dataset[form.dataset.stale]) || status.dataset[form.dataset.state];
  if (text && status.textContent !== text) status.textContent = text;
}

// The input, select or radio group named like a Python argument (an <output> may share the name).
function controls(form, name) {
  return [...form.querySelectorAll(`:is(input, select, textarea)[name="${CSS.escape(name)}"]`)];
}

function valueOfControl(form, name) {
  const found = controls(form, name);
  const chosen = found.find((e) => e.type !== "radio" || e.checked);
  return chosen && chosen.type === "checkbox" ? String(chosen.checked) : chosen?.value;
}

// "name=value", several joined by "&": the same test as scripts/render/widgets.py's _holds.
function holds(condition, valueOf) {
  return condition.split("&").every((part) => {
    const [name, expected] = part.split("=");
    return valueOf(name) === expected;
  });
}

// A field that only applies with another input's value (data-enabled-when="access=full")
// is disabled otherwise, so it is neither sent nor focusable.
function applyEnabledWhen(form) {
  const valueOf = (name) => valueOfControl(form, name);
  for (const wrapper of form.querySelectorAll("[data-enabled-when]")) {
    const enabled = holds(wrapper.dataset.enabledWhen, valueOf);
    wrapper.classList.toggle("kb-disabled", !enabled);
    for (const element of wrapper.querySelectorAll("input, select")) element.disabled = !enabled;
  }
}

function inputsOf(form) {
  applyEnabledWhen(form);
  const inputs = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled || !["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName)) continue;
    if (element.type === "checkbox") inputs[element.name] = element.checked ? "true" : "false";
    else if (element.type === "radio") { if (element.checked) inputs[element.name] = element.value; }
    else inputs[element.name] = element.value;
  }
  return inputs;
}

function clearErrors(form) {
  for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
  for (const message of form.querySelectorAll(".kb-error")) if (message.textContent) message.textContent = "";
}

function showError(form, error) {
  const field = error.field ? controls(form, error.field)[0] : null;
  const target = (field && form.querySelector(`#${CSS.escape(field.id)}-error`)) || form.querySelector(".kb-form-error");
  if (field) field.setAttribute("aria-invalid", "true");
  if (target) target.textContent = error.message;
}

function showView(form, view) {
  for (const [name, { value, text }] of Object.entries(view)) {
    for (const output of form.querySelectorAll(`output[name="${CSS.escape(name)}"]`)) {
      output.dataset.value = value;
      // Rewriting an unchanged text would make the live region announce it again.
      if (output.textContent !== text) output.textContent = text;
    }
  }
  const valueOf = (name) => (view[name] ? String(view[name].value) : undefined);
  for (const element of form.querySelectorAll("[data-show-when]")) element.hidden = !holds(element.dataset.showWhen, valueOf);
  for (const element of form.querySelectorAll("[data-current-when]")) {
    if (holds(element.dataset.currentWhen, valueOf)) element.setAttribute("aria-current", "true");
    else element.removeAttribute("aria-current");
  }
}

// history: "push" a new entry, "replace" the current one, or "none" (restoring from the URL).
function compute(form, history) {
  if (form.dataset.state !== "ready") return;
  const id = nextId++;
  pending.set(id, form);
  form.dataset.lastSent = id;
  const inputs = inputsOf(form);
  if (form.dataset.stale !== "invalid") setStale(form, "pending");
  worker.postMessage({ id, calculator: form.dataset.calculator, inputs });
  if (history === "none") return;
  const url = new URL(location.href);
  url.search = new URLSearchParams(inputs).toString();
  if (url.href === location.href) return;
  if (history === "replace") window.history.replaceState(inputs, "", url);
  else window.history.pushState(inputs, "", url);
}

// The URL holds every input of the form; a URL without them means the build's defaults.
// Returns whether the form now shows other inputs than those the prerendered result answers.
function restoreFromUrl(form) {
  const params = new URLSearchParams(location.search);
  form.reset();
  for (const [name, value] of params) {
    for (const element of controls(form, name)) {
      if (element.type === "radio") element.checked = element.value === value;
      else if (element.type === "checkbox") element.checked = value === "true";
      else element.value = value;
    }
  }
  applyEnabledWhen(form);
  return [...form.elements].some((e) =>
    e.type === "radio" || e.type === "checkbox" ? e.checked !== e.defaultChecked
      : e.tagName === "SELECT" ? [...e.options].some((o) => o.selected !== o.defaultSelected)
        : "defaultValue" in e && e.name && e.value !== e.defaultValue);
}

function ready(form) {
  setState(form, "ready");
  // The form already shows the URL's inputs (applied at load) or the reader's edits: compute them.
  compute(form, form.dataset.touched ? "push" : "none");
}

function failed(form) {
  setState(form, "error");
  // Without Python the prerendered result stays: it answers the default inputs only.
  if (form.dataset.stale) setStale(form, "unavailable");
}

function start() {
  const first = forms[0];
  const workerUrl = new URL(first.dataset.worker, document.baseURI);
  workerUrl.searchParams.set("runtime", new URL(first.dataset.runtime, document.baseURI).href);
  worker = new Worker(workerUrl, { type: "module" });
  for (const form of forms) {
    setState(form, "loading");
    // Sent as text: the worker hands it to Python as is, nothing is parsed on this thread.
    worker.postMessage({ id: 0, calculator: form.dataset.calculator, setup: form.querySelector("script.kb-setup").textContent });
  }
  worker.onmessage = ({ data }) => {
    if (data.id === 0) {
      for (const form of forms) {
        // How Python started ("snapshot" or "normal"): for the tests and the benchmark, shown nowhere.
        if (data.start) form.dataset.runtimeStart = data.start;
        if (data.ready) ready(form);
        else failed(form);
      }
      return;
    }
    const form = pending.get(data.id);
    pending.delete(data.id);
    if (!form || data.id < Number(form.dataset.lastShown || 0)) return; // a newer answer is already shown
    form.dataset.lastShown = data.id;
    clearErrors(form);
    if (data.error) showError(form, data.error);
    else showView(form, data.view);
    if (data.id === Number(form.dataset.lastSent)) setStale(form, data.error ? "invalid" : null);
  };
  worker.onerror = () => forms.forEach(failed);
}

if (forms.length) {
  for (const form of forms) {
    // A shared link: its inputs are shown at once, and the result is marked as not theirs until computed.
    if (restoreFromUrl(form)) setStale(form, "pending");
    form.addEventListener("input", (event) => {
      if (form.dataset.state !== "ready") {
        // The shown result is for the inputs as they were: say it is out of date until Python answers.
        form.dataset.touched = "true";
        applyEnabledWhen(form);
        setStale(form, form.dataset.state === "error" ? "unavailable" : "pending");
        return;
      }
      compute(form, editing === event.target ? "replace" : "push");
      editing = event.target;
    });
    form.addEventListener("change", () => { editing = null; });
    form.addEventListener("submit", (event) => { event.preventDefault(); editing = null; compute(form, "replace"); });
  }
  window.addEventListener("popstate", () => forms.forEach((form) => {
    editing = null;
    restoreFromUrl(form);
    compute(form, "none");
  }));
  start();
}
})();
