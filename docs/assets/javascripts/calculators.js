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
// The page's URL before the reader started typing in a field: while typing, each keystroke replaces
// the current history entry; when the value is committed (change, Enter), that entry gets this URL back
// and the typed value is pushed as one new step. null when nothing is being typed.
let typedOver = null;
// Per form: what Python read in each number field, for the language switcher ({name: {raw, value}}).
const readNumbers = new WeakMap();
// Per request id: the inputs sent, so that a reply's numbers are paired with what the reader wrote.
const sentInputs = new Map();

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
  drawPictures(form, view);
}

// The pictures (scripts/render/pictures.py draws them for the build's defaults; the same rules here):
// [data-text-of] copies an output's text (the short "unknown" word when it has no value), a [data-bar]
// is as long as its output against [data-scale]'s, and the tiers' marks sit on a quantity axis.
const AXIS_START = 4, AXIS_END = 96, AXIS_ROOM = 1.25;
const pc = (value) => `${Math.round(value * 100) / 100}%`;

function drawPictures(form, view) {
  const raw = (name) => (view[name] ? String(view[name].value) : "");
  for (const element of form.querySelectorAll("[data-text-of]")) {
    const entry = view[element.dataset.textOf];
    if (!entry) continue;
    const text = entry.value === "" && element.dataset.unknown !== undefined ? element.dataset.unknown : entry.text;
    if (element.textContent !== text) element.textContent = text;
  }
  for (const bar of form.querySelectorAll("[data-bar]")) {
    const value = Number(raw(bar.dataset.bar)), full = Number(raw(bar.dataset.scale));
    const share = raw(bar.dataset.bar) !== "" && full > 0 && value > 0 ? Math.min(value / full, 1) : 0;
    bar.setAttribute("width", pc(share * 100));
  }
  for (const svg of form.querySelectorAll("svg[data-domain]")) {
    const quantity = Number(raw("quantity"));
    const end = Math.max(Number(svg.dataset.domain) || 0, quantity > 0 ? quantity : 0, 0) * AXIS_ROOM || AXIS_ROOM;
    const at = (q) => AXIS_START + (AXIS_END - AXIS_START) * Math.max(Math.min(q / end, 1), 0);
    for (const mark of svg.querySelectorAll("[data-at]")) {
      const x = pc(at(Number(raw(mark.dataset.at)) || 0));
      if (mark.tagName === "line") { mark.setAttribute("x1", x); mark.setAttribute("x2", x); }
      else mark.setAttribute("x", x);
    }
    for (const tier of svg.querySelectorAll("[data-from]")) {
      const from = at(Number(tier.dataset.from));
      const to = tier.dataset.to === "end" ? AXIS_END : at(Number(tier.dataset.to));
      if (tier.tagName === "rect") { tier.setAttribute("x", pc(from - 0.8)); tier.setAttribute("width", pc(to - from + 1.6)); }
      else tier.setAttribute("x", pc((from + to) / 2));
    }
  }
}

// Whether the reader has answered anything: until then the eligibility form shows no verdict (widgets.css).
// A URL with inputs is a calculation someone made: answered.
function setAnswered(form, answered) {
  if (answered) form.dataset.answered = "true";
  else delete form.dataset.answered;
}

// The language switcher (Material's header links to the same page in each language) carries the inputs.
// A number is carried as Python read it, written with the other language's decimal sign
// (data-decimals, from the build), so "15,5" here is "15.5" in English; anything else as it is.
function switcherQuery(form, lang) {
  if (!location.search) return "";
  const signs = new URLSearchParams(form.dataset.decimals || "");
  const read = readNumbers.get(form) || {};
  const inputs = inputsOf(form);
  for (const element of form.querySelectorAll("input[inputmode=decimal]")) {
    const known = read[element.name];
    if (element.name in inputs && known && known.raw === inputs[element.name] && inputs[element.name].trim() !== "" && signs.has(lang)) {
      inputs[element.name] = known.value.replace(".", signs.get(lang));
    }
  }
  return `?${new URLSearchParams(inputs)}`;
}

function updateSwitcher(form) {
  for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
    if (link.dataset.kbHref === undefined) link.dataset.kbHref = link.getAttribute("href") || "";
    const [base] = link.dataset.kbHref.split(/[?#]/);
    link.setAttribute("href", base + switcherQuery(form, link.getAttribute("hreflang")));
  }
}

// history: "push" a new entry (a committed value), "replace" the current one (typing), or "none" (restoring from the URL).
function compute(form, history) {
  if (form.dataset.state !== "ready") return;
  const id = nextId++;
  pending.set(id, form);
  form.dataset.lastSent = id;
  const inputs = inputsOf(form);
  sentInputs.set(id, inputs);
  if (form.dataset.stale !== "invalid") setStale(form, "pending");
  worker.postMessage({ id, calculator: form.dataset.calculator, inputs });
  if (history !== "none") follow(form, inputs, history);
}

// The URL follows the inputs: typing replaces the current entry; a committed value is one Back step.
function follow(form, inputs, history) {
  const url = new URL(location.href);
  url.search = new URLSearchParams(inputs).toString();
  if (history === "replace") {
    if (typedOver === null) typedOver = { url: location.href, state: window.history.state };
    if (url.href !== location.href) window.history.replaceState(inputs, "", url);
  } else {
    const before = typedOver || { url: location.href, state: window.history.state };
    typedOver = null;
    if (url.href !== before.url) {
      // The entry typed over gets its own URL back, then the committed value is a new step.
      if (before.url !== location.href) window.history.replaceState(before.state, "", before.url);
      window.history.pushState(inputs, "", url);
    } else if (url.href !== location.href) {
      window.history.replaceState(before.state, "", before.url); // typed, then put back as it was: no step
    }
  }
  updateSwitcher(form);
}

// A value is committed (change, Enter): the URL gets one history step for it.
function commit(form) {
  if (typedOver === null) return;
  if (form.dataset.state !== "ready") { typedOver = null; return; }
  follow(form, inputsOf(form), "push");
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

// What Python read in each number field of the inputs a reply answers (for the language switcher).
function rememberNumbers(form, inputs, result) {
  if (!inputs || !result) return;
  const read = {};
  for (const element of form.querySelectorAll("input[inputmode=decimal]")) {
    const value = result[element.name];
    if (element.name in inputs && value !== undefined && value !== null) read[element.name] = { raw: inputs[element.name], value: String(value) };
  }
  readNumbers.set(form, read);
  updateSwitcher(form);
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
    else {
      showView(form, data.view);
      rememberNumbers(form, sentInputs.get(data.id), data.result);
    }
    for (const id of sentInputs.keys()) if (id <= data.id) sentInputs.delete(id);
    if (data.id === Number(form.dataset.lastSent)) setStale(form, data.error ? "invalid" : null);
  };
  worker.onerror = () => forms.forEach(failed);
}

if (forms.length) {
  for (const form of forms) {
    // A shared link: its inputs are shown at once, and the result is marked as not theirs until computed.
    if (restoreFromUrl(form)) setStale(form, "pending");
    setAnswered(form, Boolean(location.search));
    updateSwitcher(form);
    form.addEventListener("input", (event) => {
      setAnswered(form, true);
      if (form.dataset.state !== "ready") {
        // The shown result is for the inputs as they were: say it is out of date until Python answers.
        form.dataset.touched = "true";
        applyEnabledWhen(form);
        setStale(form, form.dataset.state === "error" ? "unavailable" : "pending");
        return;
      }
      // Typing in a text field replaces the current history entry; a box or a list choice is committed at once.
      compute(form, event.target.type === "text" ? "replace" : "push");
    });
    form.addEventListener("change", () => commit(form));
    form.addEventListener("focusout", () => commit(form));
    form.addEventListener("submit", (event) => { event.preventDefault(); commit(form); });
  }
  window.addEventListener("popstate", () => forms.forEach((form) => {
    typedOver = null;
    restoreFromUrl(form);
    setAnswered(form, Boolean(location.search));
    compute(form, "none");
    updateSwitcher(form);
  }));
  start();
}
})();
