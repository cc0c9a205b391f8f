// The review desk's keyboard and its calls to the API. Everything shown from data goes in
// through textContent, never as HTML. Decisions are kept here until saved, so undo is free;
// each one is checked by the server with kgraph review's own code as it is made.
const body = document.body;
const doc = body.dataset.doc;
const root = body.dataset.root || "";
const keyHeader = body.dataset.header || "X-Review-Key";
const THRESHOLD = 0.9;
const KEY_STORE = "kgraph-review-key";
const FLASH_STORE = "kgraph-desk-flash";

const items = [...document.querySelectorAll("#items > li.item")];
const byKey = new Map(items.map((li) => [li.dataset.key, li]));
const status = document.getElementById("status");
let current = 0;
// Each action: {kind: "accept" | "reject" | "edit" | "merge", keys: [...], reason,
// assignments, into}. A merge says a proposed entity is the registry's entity `into`.
const actions = [];

function say(text, kind = "info") {
  status.textContent = text;
  status.className = `status ${kind}`;
}

function decisions() {
  const accept = new Set();
  const reject = {};
  const edits = {};
  const merge = {};
  for (const action of actions) {
    for (const key of action.keys) {
      if (action.kind === "accept") {
        accept.add(key);
        delete reject[key];
        delete merge[key];
      } else if (action.kind === "reject") {
        accept.delete(key);
        reject[key] = action.reason;
        delete merge[key];
      } else if (action.kind === "merge") {
        accept.delete(key);
        delete reject[key];
        merge[key] = action.into;
      } else {
        (edits[key] ||= []).push(...action.assignments);
      }
    }
  }
  return { accept: [...accept], reject, edits, merge };
}

function decided(d) {
  return new Set([...d.accept, ...Object.keys(d.reject), ...Object.keys(d.merge)]);
}

function render(edited = null) {
  const d = decisions();
  const done = decided(d);
  items.forEach((li, index) => {
    const key = li.dataset.key;
    const state = d.accept.includes(key) ? "accepted" : key in d.reject ? "rejected"
      : key in d.merge ? "merged" : "";
    li.classList.toggle("accepted", state === "accepted");
    li.classList.toggle("rejected", state === "rejected");
    li.classList.toggle("merged", state === "merged");
    li.classList.toggle("edited", key in d.edits);
    li.classList.toggle("current", index === current);
    const shown = state === "merged" ? `merged into ${d.merge[key]}` : state;
    li.querySelector(".decision").textContent =
      shown + (key in d.edits ? (state ? ", edited" : "edited") : "");
    const renamed = lastRenamed[key];
    li.querySelector(".renamed").textContent = renamed ? `→ ${renamed}` : "";
    const reason = li.querySelector(".reason");
    reason.hidden = state !== "rejected";
    reason.textContent = state === "rejected" ? `reason: ${d.reject[key]}` : "";
    const values = edited && edited[key] ? edited[key].values : key in d.edits ? null : JSON.parse(li.dataset.values);
    if (values) {
      for (const dd of li.querySelectorAll("dd[data-field]")) {
        const value = values[dd.dataset.field];
        dd.textContent = value === null || value === undefined ? "—" : String(value);
      }
    }
  });
  for (const mark of document.querySelectorAll("mark[data-items]")) {
    const on = mark.dataset.items.split(" ").map(Number);
    mark.classList.toggle("current", on.includes(current));
    mark.classList.toggle("done", on.every((i) => items[i] && done.has(items[i].dataset.key)));
  }
  document.getElementById("progress").textContent =
    `${done.size} of ${items.length} decided, not yet saved`;
}

function focus(index) {
  if (!items.length) return;
  current = Math.max(0, Math.min(items.length - 1, index));
  render(lastEdited);
  const li = items[current];
  li.scrollIntoView({ block: "nearest" });
  const mark = document.querySelector("mark.current");
  if (mark) mark.scrollIntoView({ block: "nearest" });
}

async function call(path, payload, write) {
  const headers = { "Content-Type": "application/json" };
  if (write) headers[keyHeader] = sessionStorage.getItem(KEY_STORE) || "";
  const response = await fetch(`${root}${path}`, {
    method: "POST", headers, body: JSON.stringify(payload), credentials: "same-origin",
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(answer.detail || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return answer;
}

let lastEdited = null;
// The key each proposal will be written under, where the decisions change it (a merge).
let lastRenamed = {};
// The server is asked in order, one call at a time; a key pressed meanwhile is never lost.
let queue = Promise.resolve();
function queued(task) {
  queue = queue.then(task, task);
  return queue;
}

async function recheck() {
  const checked = await call(`/desk/${doc}/check`, { ...decisions(), version: body.dataset.version }, false);
  lastEdited = checked.edited;
  lastRenamed = checked.renamed || {};
}

// A decision shows at once and the cursor moves on; the server's check follows, and a
// decision it refuses is taken back with the reason shown.
function act(action) {
  actions.push(action);
  render(lastEdited);
  if (action.kind !== "edit") focus(nextOpen());
  return queued(async () => {
    if (!actions.includes(action)) return;
    try {
      await recheck();
      render(lastEdited);
    } catch (error) {
      // A conflict keeps the decision: saving it is refused too, and says so.
      if (error.status !== 409) actions.splice(actions.indexOf(action), 1);
      refused(error);
      render(lastEdited);
    }
  });
}

function nextOpen() {
  const done = decided(decisions());
  for (let i = current + 1; i < items.length; i++) if (!done.has(items[i].dataset.key)) return i;
  return current;
}

function currentKey() {
  return items.length ? items[current].dataset.key : null;
}

// A dialog's answer is taken in its form's submit event, which runs within the Enter key's
// own event: a key pressed right after Enter then finds the decision made. (Waiting for the
// dialog's close event, which comes later, let a quick "a" accept what was being rejected.)
let onAnswer = null;
for (const form of document.querySelectorAll("dialog form")) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const ok = !(event.submitter && event.submitter.value === "cancel");
    const answer = onAnswer;
    onAnswer = null;
    const dialog = form.closest("dialog");
    dialog.close();
    // The closed dialog's input may keep the focus, and the desk ignores keys typed in inputs.
    if (dialog.contains(document.activeElement)) document.activeElement.blur();
    if (ok && answer) answer();
  });
}

function ask(dialog, setup, answer) {
  setup();
  onAnswer = answer;
  dialog.showModal();
}

function reject() {
  const key = currentKey();
  if (!key) return;
  const dialog = document.getElementById("reject-dialog");
  const input = document.getElementById("reason");
  ask(dialog, () => {
    dialog.querySelector(".what").textContent = key;
    input.value = "";
  }, () => act({ kind: "reject", keys: [key], reason: input.value.trim() }));
}

function edit() {
  const key = currentKey();
  if (!key) return;
  const li = byKey.get(key);
  const values = (lastEdited && lastEdited[key] && lastEdited[key].values) || JSON.parse(li.dataset.values);
  const dialog = document.getElementById("edit-dialog");
  const fields = dialog.querySelector(".fields");
  ask(dialog, () => {
    dialog.querySelector(".what").textContent = key;
    fields.replaceChildren();
    for (const [name, value] of Object.entries(values)) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.name = name;
      input.value = value === null || value === undefined ? "" : String(value);
      input.dataset.was = input.value;
      input.autocomplete = "off";
      label.append(document.createTextNode(`${name} `), input);
      fields.append(label);
    }
    const extra = document.createElement("label");
    const input = document.createElement("input");
    input.name = "";
    input.placeholder = "props.new_property=value";
    input.dataset.was = "";
    input.className = "free";
    extra.append(document.createTextNode("other "), input);
    fields.append(extra);
    fields.querySelector("input").focus();
  }, () => {
    const assignments = [];
    for (const input of fields.querySelectorAll("input")) {
      if (input.value === input.dataset.was) continue;
      assignments.push(input.classList.contains("free") ? input.value.trim() : `${input.name}=${input.value}`);
    }
    if (assignments.length) act({ kind: "edit", keys: [key], assignments });
  });
}

// A new entity that the registry has already: pick it (the name index's candidates first,
// any registry id of the same type by its name), and the proposal's facts name it instead.
function merge() {
  const key = currentKey();
  if (!key) return;
  const li = byKey.get(key);
  if (!li.classList.contains("entity")) {
    say("only a proposed entity can be merged into one the registry has", "error");
    return;
  }
  const candidates = JSON.parse(li.dataset.candidates || "[]");
  const dialog = document.getElementById("merge-dialog");
  const input = document.getElementById("merge-into");
  const choices = dialog.querySelector(".choices");
  ask(dialog, () => {
    dialog.querySelector(".what").textContent = key;
    input.setAttribute("list", `entities-${li.dataset.type}`);
    input.value = candidates.length ? candidates[0] : "";
    choices.replaceChildren();
    for (const id of candidates) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = id;
      button.addEventListener("click", () => {
        input.value = id;
        input.focus();
      });
      choices.append(button);
    }
    if (!candidates.length) {
      choices.textContent = `no registry ${li.dataset.type} goes by a name like this: type its id or name`;
    }
  }, () => {
    const into = input.value.trim();
    if (into) act({ kind: "merge", keys: [key], into });
  });
  // After showModal, which focuses the dialog's first control (a candidate's button): Enter
  // merges into the first candidate, typing replaces it.
  input.focus();
  input.select();
}

function acceptSure() {
  const done = decided(decisions());
  const keys = items
    .filter((li) => Number(li.dataset.confidence) >= THRESHOLD && !done.has(li.dataset.key))
    .map((li) => li.dataset.key);
  const dialog = document.getElementById("confirm-dialog");
  ask(dialog, () => {
    dialog.querySelector(".question").textContent = keys.length
      ? `Accept ${keys.length} undecided proposal${keys.length === 1 ? "" : "s"} at or above ${THRESHOLD}?`
      : `No undecided proposal is at or above ${THRESHOLD}.`;
    document.getElementById("confirm-ok").disabled = !keys.length;
  }, () => keys.length && act({ kind: "accept", keys }));
}

function undo() {
  if (!actions.length) return;
  const action = actions.pop();
  focus(items.findIndex((li) => li.dataset.key === action.keys[0]));
  say(`undone: ${action.kind} ${action.keys.join(", ")}`);
  return queued(async () => {
    try {
      await recheck();
      render(lastEdited);
    } catch (error) {
      refused(error);
    }
  });
}

function refused(error) {
  if (error.status === 409) say(`conflict (409): ${error.message}`, "conflict");
  else say(`refused: ${error.message}`, "error");
}

function save() {
  return queued(async () => {
    const d = decisions();
    if (!decided(d).size && !Object.keys(d.edits).length) {
      say("nothing to save yet");
      return;
    }
    try {
      const saved = await call(`/desk/${doc}/review`, { ...d, version: body.dataset.version }, true);
      sessionStorage.setItem(FLASH_STORE, `saved: accepted ${saved.accepted.length}, rejected ` +
        `${saved.rejected.length}, edited ${saved.edited.length}, merged ${(saved.merged || []).length}; ` +
        `${saved.pending.length} still wait` +
        (saved.accepted.length ? ". Load the graph (L) to make the accepted ones curated." : ""));
      actions.length = 0;
      location.reload();
    } catch (error) {
      const hint = error.status === 401 ? " (type the review key in the box above)" : "";
      say(`not saved (${error.status}): ${error.message}${hint}`,
        error.status === 409 ? "conflict" : "error");
    }
  });
}

function load() {
  say("loading the graph ...");
  return queued(async () => {
    try {
      const report = await call("/desk/load", {}, true);
      const section = document.getElementById("report");
      section.hidden = false;
      section.querySelector("pre").textContent = report.lines.join("\n");
      say(`loaded (${report.mode}, ${report.seconds} s)`, "ok");
      section.scrollIntoView({ block: "nearest" });
    } catch (error) {
      say(`not loaded (${error.status}): ${error.message}`, "error");
    }
  });
}

const KEYS = {
  j: () => focus(current + 1), ArrowDown: () => focus(current + 1),
  k: () => focus(current - 1), ArrowUp: () => focus(current - 1),
  a: () => currentKey() && act({ kind: "accept", keys: [currentKey()] }),
  r: reject, e: edit, m: merge, u: undo, A: acceptSure, s: save, L: load,
};

document.addEventListener("keydown", (event) => {
  if (document.querySelector("dialog[open]")) return;
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  if (typing && !target.closest("dialog:not([open])")) return;
  if (event.altKey || event.metaKey) return;
  const handler = event.ctrlKey ? (event.key === "z" ? undo : null) : KEYS[event.key];
  if (!handler) return;
  event.preventDefault();
  handler();
});

document.getElementById("accept").addEventListener("click", KEYS.a);
document.getElementById("reject").addEventListener("click", reject);
document.getElementById("edit").addEventListener("click", edit);
document.getElementById("merge").addEventListener("click", merge);
document.getElementById("undo").addEventListener("click", undo);
document.getElementById("accept-sure").addEventListener("click", acceptSure);
document.getElementById("save").addEventListener("click", save);
document.getElementById("load").addEventListener("click", load);
items.forEach((li, index) => li.addEventListener("click", () => focus(index)));
for (const mark of document.querySelectorAll("mark[data-items]")) {
  mark.addEventListener("click", () => focus(Number(mark.dataset.items.split(" ")[0])));
}
const keyInput = document.getElementById("key");
keyInput.value = sessionStorage.getItem(KEY_STORE) || "";
keyInput.addEventListener("change", () => sessionStorage.setItem(KEY_STORE, keyInput.value));
document.getElementById("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY_STORE, keyInput.value);
  keyInput.blur();
});
if (body.dataset.writable !== "yes") {
  say("this API has no review key set (KGRAPH_REVIEW_KEY or KGRAPH_API_KEY): the desk only reads", "error");
}
const flash = sessionStorage.getItem(FLASH_STORE);
if (flash) {
  sessionStorage.removeItem(FLASH_STORE);
  say(flash, "ok");
}
focus(0);
body.dataset.ready = "yes";
