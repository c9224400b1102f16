// Thin glue between a prerendered calculator form and the Python worker.
// It collects inputs, posts them, and writes what Python returns: no pricing,
// eligibility or access logic here (see calculators/present.py).
const forms = [...document.querySelectorAll("form[data-calculator]")];
let worker = null;
let nextId = 1;
const pending = new Map();

function setState(form, state) {
  form.dataset.state = state;
  const status = form.querySelector(".kb-status");
  if (status && status.dataset[state]) status.textContent = status.dataset[state];
}

// A field that only applies with another input's value (data-enabled-when="access=full")
// is disabled otherwise, so it is neither sent nor focusable.
function applyEnabledWhen(form) {
  for (const wrapper of form.querySelectorAll("[data-enabled-when]")) {
    const [name, expected] = wrapper.dataset.enabledWhen.split("=");
    const control = form.elements.namedItem(name);
    const enabled = control && control.value === expected;
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
  for (const message of form.querySelectorAll(".kb-error")) { message.textContent = ""; message.hidden = true; }
}

function showError(form, error) {
  const field = error.field && form.elements.namedItem(error.field);
  const target = field && field.id ? form.querySelector(`#${CSS.escape(field.id)}-error`) : form.querySelector(".kb-form-error");
  if (field && field.setAttribute) field.setAttribute("aria-invalid", "true");
  if (target) { target.textContent = error.message; target.hidden = false; }
}

function showView(form, view) {
  for (const [name, { value, text }] of Object.entries(view)) {
    for (const output of form.querySelectorAll(`output[name="${CSS.escape(name)}"]`)) {
      output.dataset.value = value;
      output.textContent = text;
    }
  }
  const valueOf = (name) => (view[name] ? String(view[name].value) : undefined);
  for (const element of form.querySelectorAll("[data-show-when]")) {
    const [name, expected] = element.dataset.showWhen.split("=");
    element.hidden = valueOf(name) !== expected;
  }
  for (const element of form.querySelectorAll("[data-current-when]")) {
    const [name, expected] = element.dataset.currentWhen.split("=");
    if (valueOf(name) === expected) element.setAttribute("aria-current", "true");
    else element.removeAttribute("aria-current");
  }
}

function compute(form, { push } = { push: true }) {
  if (form.dataset.state !== "ready") return;
  const id = nextId++;
  pending.set(id, form);
  const inputs = inputsOf(form);
  worker.postMessage({ id, calculator: form.dataset.calculator, inputs });
  if (push) {
    const url = new URL(location.href);
    url.search = new URLSearchParams(inputs).toString();
    if (url.href !== location.href) history.pushState(inputs, "", url);
  }
}

function restoreFromUrl(form) {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of params) {
    const element = form.elements.namedItem(name);
    if (!element) continue;
    if (element instanceof RadioNodeList) { for (const radio of element) radio.checked = radio.value === value; }
    else if (element.type === "checkbox") element.checked = value === "true";
    else element.value = value;
  }
  return [...params.keys()].length > 0;
}

function start() {
  const first = forms[0];
  const workerUrl = new URL(first.dataset.worker, document.baseURI);
  workerUrl.searchParams.set("runtime", new URL(first.dataset.runtime, document.baseURI).href);
  worker = new Worker(workerUrl, { type: "module" });
  for (const form of forms) {
    setState(form, "loading");
    const setup = JSON.parse(form.querySelector("script.kb-setup").textContent);
    worker.postMessage({ id: 0, setup });
  }
  worker.onmessage = ({ data }) => {
    if (data.id === 0) {
      for (const form of forms) {
        setState(form, data.ready ? "ready" : "error");
        if (data.ready && restoreFromUrl(form)) compute(form, { push: false });
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
  };
  worker.onerror = () => forms.forEach((form) => setState(form, "error"));
}

if (forms.length) {
  for (const form of forms) {
    applyEnabledWhen(form);
    form.addEventListener("input", () => compute(form));
    form.addEventListener("submit", (event) => { event.preventDefault(); compute(form); });
  }
  window.addEventListener("popstate", () => forms.forEach((form) => { restoreFromUrl(form); compute(form, { push: false }); }));
  start();
}
