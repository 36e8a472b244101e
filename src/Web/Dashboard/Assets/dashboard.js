// AmiOrchestrator dashboard: a small ES module, no build step. It reads the node's HTTP API and follows its
// server-sent event streams; it never decides anything the engine decides (buttons only send commands, and the
// engine's answer is shown as it comes).

const STATUS = {
  queued: { label: "Queued", tone: "neutral" },
  settingUp: { label: "Setting up", tone: "active" },
  deploying: { label: "Deploying", tone: "active" },
  awaitingApproval: { label: "Awaiting approval", tone: "attention" },
  swapping: { label: "Swapping", tone: "active" },
  succeeded: { label: "Succeeded", tone: "success" },
  rollingBack: { label: "Rolling back", tone: "warning" },
  rolledBack: { label: "Rolled back", tone: "muted" },
  rollbackFailed: { label: "Rollback failed", tone: "danger" },
  failed: { label: "Failed", tone: "danger" },
  aborted: { label: "Aborted", tone: "muted" },
};
const STRATEGY = { basic: "Basic", canary: "Canary", blueGreen: "Blue/Green" };
const RUNNING = ["settingUp", "deploying", "awaitingApproval", "swapping", "rollingBack"];

// What each command needs and when the engine would take it. The engine decides; this only greys out buttons that
// could not work, and says why in their tooltip.
const COMMANDS = {
  approve: {
    label: "Approve", style: "approve", reason: false,
    allowed: (s) => s === "awaitingApproval",
    why: "Only a deployment waiting at an approval gate can be approved",
    title: (id) => `Approve the gate of ${id}?`,
    text: "The deployment continues with its next phase.",
  },
  reject: {
    label: "Reject", style: "danger", reason: true,
    allowed: (s) => s === "awaitingApproval",
    why: "Only a deployment waiting at an approval gate can be rejected",
    title: (id) => `Reject the gate of ${id}?`,
    text: "The deployment rolls back (or fails, when it does not roll back on failure).",
  },
  rollback: {
    label: "Roll back", style: "danger", reason: true,
    allowed: (s) => ["queued", "settingUp", "deploying", "awaitingApproval", "swapping", "failed", "aborted", "rollbackFailed"].includes(s),
    why: "A deployment that succeeded, rolled back or is rolling back cannot be rolled back",
    title: (id) => `Roll back ${id}?`,
    text: "The previous group goes back to its capacity and policies; the new group is drained and deleted.",
  },
  abort: {
    label: "Abort", style: "danger", reason: true,
    allowed: (s) => ["queued", "settingUp", "deploying", "awaitingApproval", "swapping", "rollingBack", "rollbackFailed"].includes(s),
    why: "Only a deployment that has not ended can be aborted",
    title: (id) => `Abort ${id}?`,
    text: "The deployment stops after the step in progress and changes nothing more; its groups stay as they are.",
  },
};

const main = document.getElementById("main");
let routeAbort = new AbortController();
let streamsOpen = 0;

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

/** Builds an element; text children are text nodes, so no data ever becomes markup. */
function h(tag, attrs = {}, ...children) {
  const svg = ["svg", "g", "path", "line", "text", "circle", "rect", "title", "polyline"].includes(tag);
  const el = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.setAttribute("class", value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** ISO times from the API carry 7 fractional digits; Date reads at most 3 reliably. */
function time(text) {
  return text ? new Date(text.replace(/(\.\d{3})\d+/, "$1")) : null;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
const day = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

function when(text) {
  const t = time(text);
  if (!t) return "";
  const today = new Date().toDateString() === t.toDateString();
  return today ? clock.format(t) : `${day.format(t)} ${clock.format(t)}`;
}

function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "";
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.round(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

function between(from, to) {
  const a = time(from), b = time(to);
  return a && b ? b - a : null;
}

function badge(status, large = false) {
  const s = STATUS[status] ?? { label: status, tone: "neutral" };
  return h("span", { class: `badge tone-${s.tone}${large ? " large" : ""}`, dataset: { status } }, s.label);
}

function sizes(group) {
  const n = (v) => (v === undefined || v === null ? "–" : v);
  return `${n(group.minSize)} / ${n(group.desiredCapacity)} / ${n(group.maxSize)}`;
}

function toast(title, message, tone) {
  const el = h("div", { class: `toast tone-${tone}` }, h("strong", {}, title), message);
  document.getElementById("toasts").append(el);
  setTimeout(() => el.remove(), 8000);
}

function setLive(state) {
  const el = document.getElementById("live");
  el.dataset.state = state;
  el.textContent = { live: "Live", retrying: "Reconnecting…", idle: "Offline" }[state];
}

// ---------------------------------------------------------------------------------------------------------------
// Talking to the node

const tokenKey = "ami-orchestrator.token";
const token = () => sessionStorage.getItem(tokenKey);

function headers(extra = {}, useToken = token()) {
  return useToken ? { ...extra, Authorization: `Bearer ${useToken}` } : extra;
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = "GET", body, useToken, signal } = {}) {
  const response = await fetch(path, {
    method,
    signal,
    headers: headers(body ? { "Content-Type": "application/json" } : {}, useToken ?? token()),
    body: body ? JSON.stringify(body) : undefined,
  });
  const payload = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, payload);
  return payload;
}

/**
 * Follows a server-sent event stream with fetch (EventSource cannot send the Authorization header). Every stream
 * starts with a snapshot, so a reconnect after a dropped connection simply starts again.
 */
async function follow(path, handlers, signal) {
  while (!signal.aborted) {
    try {
      const response = await fetch(path, { headers: headers({ Accept: "text/event-stream" }), signal });
      if (response.status === 401) { askForToken(); return; }
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
      streamsOpen++;
      setLive("live");
      try {
        await readEvents(response.body, handlers);
      } finally {
        streamsOpen--;
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status === 404) { handlers.notFound?.(error.problem); return; }
    }
    if (signal.aborted) return;
    setLive(streamsOpen > 0 ? "live" : "retrying");
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

async function readEvents(body, handlers) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) type = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length && handlers[type]) handlers[type](JSON.parse(data.join("\n")));
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Token dialog

function askForToken() {
  const dialog = document.getElementById("token-dialog");
  if (dialog.open) return;
  document.getElementById("token-input").value = token() ?? "";
  dialog.showModal();
}

document.getElementById("token-button").addEventListener("click", askForToken);
document.getElementById("token-form").addEventListener("submit", () => {
  const value = document.getElementById("token-input").value.trim();
  if (value) sessionStorage.setItem(tokenKey, value);
  route();
});
document.getElementById("token-clear").addEventListener("click", () => {
  sessionStorage.removeItem(tokenKey);
  document.getElementById("token-dialog").close();
  route();
});

// ---------------------------------------------------------------------------------------------------------------
// Commands: confirm, send, show the engine's answer

function confirmCommand(verb, deploymentId, view) {
  const command = COMMANDS[verb];
  const dialog = document.getElementById("confirm");
  const form = document.getElementById("confirm-form");
  const by = document.getElementById("confirm-by");
  const reason = document.getElementById("confirm-reason");
  const tokenInput = document.getElementById("confirm-token");
  const error = document.getElementById("confirm-error");
  const submit = document.getElementById("confirm-submit");
  document.getElementById("confirm-title").textContent = command.title(deploymentId);
  document.getElementById("confirm-text").textContent =
    command.text + (view.currentStep && verb === "approve" ? ` Gate: ${view.currentStep}.` : "");
  document.getElementById("confirm-reason-field").hidden = !command.reason;
  reason.required = command.reason;
  reason.value = "";
  by.value = localStorage.getItem("ami-orchestrator.by") ?? "";
  tokenInput.value = token() ?? "";
  error.hidden = true;
  submit.textContent = command.label;
  submit.className = `button ${command.style === "approve" ? "approve" : command.style === "danger" ? "danger-solid" : "primary"}`;
  submit.disabled = false;

  form.onsubmit = async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const body = { by: by.value.trim() };
    if (command.reason) body.reason = reason.value.trim();
    // An approval names the gate the person saw, so it cannot let a later gate pass by accident.
    if ((verb === "approve" || verb === "reject") && view.currentAction === "approval") body.gateStepId = view.currentStep;
    const useToken = tokenInput.value.trim() || null;
    try {
      const answer = await api(`api/deployments/${encodeURIComponent(deploymentId)}/${verb}`, { method: "POST", body, useToken });
      localStorage.setItem("ami-orchestrator.by", body.by);
      if (useToken) sessionStorage.setItem(tokenKey, useToken);
      dialog.close();
      toast(`${command.label}: ${deploymentId}`, `The engine took it: ${answer.message}.`, "success");
    } catch (failure) {
      const errors = failure.problem?.errors ?? {};
      const lines = Object.entries(errors).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
      error.textContent = lines.length ? lines.join("; ") : failure.message;
      error.hidden = false;
      submit.disabled = false;
    }
  };
  document.getElementById("confirm-cancel").onclick = () => dialog.close();
  dialog.showModal();
  (by.value ? (command.reason ? reason : submit) : by).focus();
}

// ---------------------------------------------------------------------------------------------------------------
// The deployment list

const LIST_FILTERS = ["status", "service", "lineage"];

function listQuery(filters) {
  const query = new URLSearchParams();
  for (const key of LIST_FILTERS) if (filters[key]) query.set(key, filters[key]);
  return query;
}

function phaseCell(d) {
  const s = STATUS[d.status] ?? STATUS.queued;
  const total = d.phaseCount ?? 0;
  const phase = Math.min(d.phase ?? 0, total);
  const bar = h("span", { class: `tone-${s.tone}` });
  bar.style.width = `${d.status === "succeeded" ? 100 : total ? Math.round((phase / total) * 100) : 0}%`;
  return h("div", { class: "mini" },
    h("div", { class: "mini-bar" }, bar),
    h("span", { class: "mini-text" }, total ? `${phase} / ${total}` : "–"));
}

function deploymentRows(deployments) {
  return deployments.map((d) => h("tr", { class: "clickable", dataset: { deploymentId: d.deploymentId }, onclick: () => { location.hash = `#/deployments/${encodeURIComponent(d.deploymentId)}`; } },
    h("td", {}, h("a", { class: "id-link", href: `#/deployments/${encodeURIComponent(d.deploymentId)}`, onclick: (e) => e.stopPropagation() }, d.deploymentId),
      h("span", { class: "sub" }, `by ${d.submittedBy}`)),
    h("td", {}, d.service, h("span", { class: "sub" }, d.environment)),
    h("td", {}, h("a", { href: `#/lineages/${encodeURIComponent(d.lineageId)}`, onclick: (e) => e.stopPropagation() }, d.lineageId),
      h("span", { class: "sub" }, STRATEGY[d.strategy] ?? d.strategy)),
    h("td", {}, badge(d.status)),
    h("td", {}, phaseCell(d)),
    h("td", {}, d.currentAction ? h("span", { class: "mono" }, d.currentAction) : h("span", { class: "faint" }, "–"),
      d.warningCount ? h("span", { class: "sub" }, `${d.warningCount} warning${d.warningCount > 1 ? "s" : ""}`) : null),
    h("td", {}, d.newAsg ? h("span", { class: "mono" }, d.newAsg) : h("span", { class: "faint" }, "–"),
      d.previousAsg ? h("span", { class: "sub mono" }, `from ${d.previousAsg}`) : null),
    h("td", { class: "num" }, when(d.submittedAt)),
    h("td", { class: "num" }, d.endedAt ? duration(between(d.startedAt ?? d.submittedAt, d.endedAt)) : h("span", { class: "faint" }, d.startedAt ? "running" : "waiting"))));
}

function deploymentTable(tbody) {
  return h("table", { class: "deployments" },
    h("thead", {}, h("tr", {},
      h("th", {}, "Deployment"), h("th", {}, "Service"), h("th", {}, "Lineage"), h("th", {}, "Status"), h("th", {}, "Phase"),
      h("th", {}, "Step"), h("th", {}, "New group"), h("th", { class: "num" }, "Submitted"), h("th", { class: "num" }, "Duration"))),
    tbody);
}

/** A live table of deployments: the first page follows the list stream; older pages load on request. */
function liveDeployments(filters, signal, { onChange } = {}) {
  const tbody = h("tbody");
  const older = h("tbody");
  const count = h("span");
  const more = h("button", { class: "button small", type: "button", hidden: true }, "Older deployments");
  let cursor = null;
  let first = [];

  const render = () => {
    tbody.replaceChildren(...deploymentRows(first));
    if (first.length === 0 && older.childElementCount === 0)
      tbody.replaceChildren(h("tr", {}, h("td", { colspan: 9, class: "empty" }, "No deployment matches.")));
    const total = first.length + older.childElementCount;
    count.textContent = `${total} deployment${total === 1 ? "" : "s"} shown`;
    more.hidden = !cursor;
  };
  more.addEventListener("click", async () => {
    const query = listQuery(filters);
    query.set("cursor", cursor);
    const page = await api(`api/deployments?${query}`, { signal });
    older.append(...deploymentRows(page.deployments));
    cursor = page.nextCursor;
    render();
  });
  follow(`api/events/deployments?${listQuery(filters)}`, {
    page: (page) => {
      first = page.deployments;
      if (older.childElementCount === 0) cursor = page.nextCursor;
      render();
      onChange?.(page);
    },
  }, signal);
  render();
  const table = deploymentTable(tbody);
  table.append(older);
  return h("div", {}, table, h("div", { class: "table-foot" }, count, more));
}

function listPage(params, signal) {
  const filters = Object.fromEntries(LIST_FILTERS.map((k) => [k, params.get(k) ?? ""]));
  const apply = (event) => {
    event.preventDefault();
    const form = new FormData(event.target.closest("form"));
    const query = new URLSearchParams();
    for (const key of LIST_FILTERS) if (form.get(key)) query.set(key, form.get(key).trim());
    location.hash = `#/${query.size ? "?" + query : ""}`;
  };
  const statusSelect = h("select", { name: "status", onchange: apply },
    h("option", { value: "" }, "Any status"),
    h("option", { value: RUNNING.join(",") }, "Running"),
    ...Object.entries(STATUS).map(([value, s]) => h("option", { value }, s.label)));
  statusSelect.value = filters.status;
  const filterBar = h("form", { class: "filters", onsubmit: apply },
    h("label", { class: "field" }, h("span", {}, "Status"), statusSelect),
    h("label", { class: "field" }, h("span", {}, "Service"), h("input", { name: "service", value: filters.service, placeholder: "any", onchange: apply })),
    h("label", { class: "field" }, h("span", {}, "Lineage"), h("input", { name: "lineage", value: filters.lineage, placeholder: "any", onchange: apply })),
    h("span", { class: "spacer" }),
    h("a", { class: "button small", href: "#/" }, "Clear filters"));
  return [
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "Deployments")),
      h("span", { class: "muted" }, "Newest first · updates live")),
    h("section", { class: "card" }, filterBar, liveDeployments(filters, signal)),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// One deployment

function phaseProgress(view) {
  const segments = ["Setup"];
  for (let i = 1; i <= view.phases; i++) segments.push(view.phases === 1 ? "Deploy" : `Phase ${i}`);
  if (view.strategy === "blueGreen") segments.push("Swap");
  const s = STATUS[view.status] ?? STATUS.queued;
  let current;
  if (view.status === "queued") current = -1;
  else if (view.status === "settingUp") current = 0;
  else if (view.status === "swapping") current = segments.length - 1;
  else if (view.status === "succeeded") current = segments.length;
  else current = Math.min(view.phase, segments.length - 1);
  const bars = segments.map((label, i) => h("div", {
    class: `phase${i < current ? " done" : ""}${i === current ? ` current tone-${s.tone}` : ""}`,
    dataset: { phase: i },
  }, h("div", { class: "phase-bar" }), h("div", { class: "phase-label" }, label)));
  const words = view.status === "queued"
    ? `Waiting for lineage ${view.lineage}${view.queuePosition ? ` (position ${view.queuePosition})` : ""}`
    : view.phases ? `Phase ${view.phase} of ${view.phases} · ${s.label.toLowerCase()}` : s.label;
  const step = view.currentStep
    ? h("span", {}, " · step ", h("span", { class: "mono" }, view.currentAction),
      view.currentStepDeadline ? ` · deadline ${when(view.currentStepDeadline)}` : "")
    : null;
  return h("section", { class: "card" },
    h("div", { class: "card-head" }, h("h2", {}, "Progress"), h("span", { class: "hint" }, STRATEGY[view.strategy] ?? "")),
    h("div", { class: "card-body" }, h("div", { class: "phases" }, bars),
      h("div", { class: "phase-status", id: "phase-status" }, h("strong", {}, words), step)));
}

function groupCard(group) {
  return h("div", { class: `group role-${group.role}${group.deleted ? " deleted" : ""}` },
    h("span", { class: "role" }, `${group.role} group${group.deleted ? " · deleted" : ""}`),
    h("div", { class: "sizes" },
      h("div", {}, h("b", {}, group.minSize ?? "–"), h("span", {}, "min")),
      h("div", {}, h("b", {}, group.desiredCapacity ?? "–"), h("span", {}, "desired")),
      h("div", {}, h("b", {}, group.maxSize ?? "–"), h("span", {}, "max"))),
    h("span", { class: "name" }, group.name));
}

/** Desired capacity of the new and previous groups over time, as steps: a change holds until the next one. */
function capacityChart(timeline) {
  const series = (timeline?.capacity ?? []).filter((s) => s.points.length);
  if (!series.length) return h("div", { class: "empty" }, "No group capacity recorded yet.");
  const W = 640, H = 230, L = 34, R = 12, T = 12, B = 26;
  const steps = series.map((s) => {
    let desired = 0;
    return {
      role: s.role, group: s.group,
      points: s.points.map((p) => {
        if (p.kind === "deleted") desired = 0;
        else if (p.desiredCapacity !== undefined && p.desiredCapacity !== null) desired = p.desiredCapacity;
        return { t: time(p.at).getTime(), desired, kind: p.kind };
      }),
    };
  });
  const summary = timeline.summary;
  const times = steps.flatMap((s) => s.points.map((p) => p.t));
  const t0 = Math.min(...times, time(summary.startedAt ?? summary.submittedAt).getTime());
  const t1 = Math.max(...times, time(summary.endedAt ?? summary.lastChangedAt).getTime(), t0 + 1000);
  const top = Math.max(1, ...steps.flatMap((s) => s.points.map((p) => p.desired)));
  const yMax = top <= 4 ? top : Math.ceil(top / 2) * 2;
  const x = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const y = (v) => T + (1 - v / yMax) * (H - T - B);
  const tickEvery = yMax <= 6 ? 1 : Math.ceil(yMax / 5);
  const gridlines = [];
  for (let v = 0; v <= yMax; v += tickEvery) {
    gridlines.push(h("line", { class: v === 0 ? "axis" : "gridline", x1: L, x2: W - R, y1: y(v), y2: y(v) }));
    gridlines.push(h("text", { x: L - 8, y: y(v) + 4, "text-anchor": "end" }, v));
  }
  const labels = [0, 0.5, 1].map((f) => {
    const t = t0 + f * (t1 - t0);
    return h("text", { x: x(t), y: H - 6, "text-anchor": f === 0 ? "start" : f === 1 ? "end" : "middle" }, clock.format(new Date(t)));
  });
  const lines = steps.map((s) => {
    let d = "";
    s.points.forEach((p, i) => {
      d += i === 0 ? `M ${x(p.t)} ${y(p.desired)}` : ` H ${x(p.t)} V ${y(p.desired)}`;
    });
    d += ` H ${x(t1)}`;
    const role = s.role === "new" ? "new" : "previous";
    return h("g", {},
      role === "new" ? h("path", { class: "area-new", d: `${d} V ${y(0)} H ${x(s.points[0].t)} Z` }) : null,
      h("path", { class: `series-${role}`, d, dataset: { group: s.group } }),
      s.points.map((p) => h("circle", { class: `dot-${role}`, cx: x(p.t), cy: y(p.desired), r: 3.5 },
        h("title", {}, `${s.group}: desired ${p.desired} at ${clock.format(new Date(p.t))} (${p.kind})`))));
  });
  return h("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Desired capacity of the new and previous groups over time" },
    gridlines, labels, lines);
}

function timelineTable(timeline) {
  const steps = timeline?.steps ?? [];
  if (!steps.length) return h("div", { class: "empty" }, "No step has started yet.");
  const longest = Math.max(1, ...steps.map((s) => between(s.startedAt, s.endedAt) ?? 0));
  const rows = steps.map((s) => {
    const ms = between(s.startedAt, s.endedAt);
    const outcome = s.outcome ?? "running";
    const tone = { succeeded: "success", failed: s.tolerated ? "attention" : "danger", cancelled: "muted", running: "active" }[outcome];
    const bar = h("span", { class: "duration-bar" });
    bar.style.width = `${ms === null ? 2 : Math.max(2, (ms / longest) * 90)}px`;
    const stage = s.stage === "setup" ? "setup" : s.stage === "rollback" ? "rollback" : s.stage === "swap" ? "swap" : `phase ${s.phase}`;
    return h("tr", { dataset: { step: s.stepId } },
      h("td", {}, h("span", { class: "step-action" }, s.action), h("span", { class: "step-target" }, s.target)),
      h("td", {}, stage),
      h("td", { class: "num" }, when(s.startedAt)),
      h("td", {}, h("div", { class: "duration" }, bar, h("span", { class: "duration-text" }, ms === null ? "running" : duration(ms)))),
      h("td", {}, h("span", { class: `badge tone-${tone}` }, s.tolerated && outcome === "failed" ? "warning" : outcome)),
      h("td", { class: "detail" },
        s.failureMessage ? h("span", { class: "failure" }, `${s.failureCode ? s.failureCode + ": " : ""}${s.failureMessage}`) : s.detail ?? ""));
  });
  return h("table", { class: "timeline" },
    h("thead", {}, h("tr", {}, h("th", {}, "Step"), h("th", {}, "Stage"), h("th", { class: "num" }, "Started"), h("th", {}, "Duration"),
      h("th", {}, "Outcome"), h("th", {}, "Detail"))),
    h("tbody", {}, rows));
}

function deploymentPage(id, signal) {
  const state = { view: null, timeline: null };
  const root = h("div", {}, h("div", { class: "empty" }, "Loading…"));

  const render = () => {
    const { view, timeline } = state;
    if (!view) return;
    const s = STATUS[view.status] ?? STATUS.queued;
    const started = view.startedAt ?? view.submittedAt;
    const facts = [
      ["Service", `${view.service ?? "–"} · ${view.environment ?? "–"}`],
      ["Lineage", view.lineage ? h("a", { href: `#/lineages/${encodeURIComponent(view.lineage)}` }, view.lineage) : "–"],
      ["Strategy", STRATEGY[view.strategy] ?? "–"],
      ["Submitted", `${when(view.submittedAt)} by ${view.submittedBy ?? "–"}`],
      ["Duration", view.endedAt ? duration(between(started, view.endedAt)) : view.startedAt ? `running since ${when(view.startedAt)}` : "not started"],
    ];
    const actions = Object.entries(COMMANDS).map(([verb, c]) => {
      const allowed = c.allowed(view.status);
      return h("button", {
        class: `button ${c.style}`, type: "button", disabled: !allowed, title: allowed ? c.text : c.why, dataset: { action: verb },
        onclick: () => confirmCommand(verb, view.deploymentId, view),
      }, c.label);
    });
    const notices = [];
    if (view.failureReason || view.problems?.length)
      notices.push(h("div", { class: "notice danger", id: "failure" }, h("strong", {}, `${s.label}: `), view.failureReason ?? "",
        view.problems?.length ? h("ul", {}, view.problems.map((p) => h("li", {}, `${p.path}: ${p.message}`))) : null));
    const warnings = timeline?.warnings?.length ? timeline.warnings : view.warnings ?? [];
    if (warnings.length)
      notices.push(h("div", { class: "notice warning", id: "warnings" }, h("strong", {}, `${warnings.length} warning${warnings.length > 1 ? "s" : ""}`),
        h("ul", {}, warnings.map((w) => h("li", {}, w)))));
    const groups = [view.newGroup, view.previousGroup, ...(view.olderGroups ?? [])].filter(Boolean);

    root.replaceChildren(
      h("div", { class: "crumbs" }, h("a", { href: "#/" }, "Deployments"), " / ", view.deploymentId),
      h("section", { class: "card" },
        h("div", { class: "summary" },
          h("div", {},
            h("h1", {}, view.deploymentId, h("span", { id: "status" }, badge(view.status, true))),
            h("div", { class: "facts" }, facts.map(([label, value]) => h("span", {}, h("span", { class: "label" }, label), value)))),
          h("div", { class: "actions" }, actions)),
        notices),
      phaseProgress(view),
      h("div", { class: "grid" },
        h("section", { class: "card" },
          h("div", { class: "card-head" }, h("h2", {}, "Desired capacity"),
            h("div", { class: "legend" }, h("span", { class: "new" }, "new group"), h("span", { class: "previous" }, "previous group"))),
          h("div", { class: "card-body" }, capacityChart(timeline))),
        h("section", { class: "card" },
          h("div", { class: "card-head" }, h("h2", {}, "Groups"), h("span", { class: "hint" }, "min / desired / max as set by the deployment")),
          h("div", { class: "card-body" }, groups.length ? h("div", { class: "groups" }, groups.map(groupCard)) : h("div", { class: "empty" }, "No group yet.")))),
      h("section", { class: "card" },
        h("div", { class: "card-head" }, h("h2", {}, "Timeline"), h("span", { class: "hint" }, timeline ? `${timeline.steps.length} steps` : "waiting for the read model")),
        h("div", { class: "card-body" }, timelineTable(timeline))));
  };

  follow(`api/deployments/${encodeURIComponent(id)}/events`, {
    view: (view) => { if (!state.view || view.version >= state.view.version) { state.view = view; render(); } },
    timeline: (timeline) => { state.timeline = timeline; render(); },
    notFound: () => root.replaceChildren(h("div", { class: "card empty" }, `No deployment has the id '${id}'.`)),
  }, signal);
  return [root];
}

// ---------------------------------------------------------------------------------------------------------------
// One lineage

function lineagePage(id, signal) {
  const groups = h("div", { class: "card-body" }, h("div", { class: "empty" }, "Loading…"));
  const load = async () => {
    try {
      const lineage = await api(`api/lineages/${encodeURIComponent(id)}`, { signal });
      const rows = lineage.groups.map((g) => {
        const state = g.deletedAt ? ["Deleted", "muted"] : (g.desiredCapacity ?? 0) > 0 ? ["Serving", "success"] : ["At zero", "neutral"];
        return h("tr", { dataset: { group: g.name } },
          h("td", { class: "num" }, g.revision ?? "–"),
          h("td", {}, h("span", { class: "mono" }, g.name)),
          h("td", {}, h("span", { class: `badge tone-${state[1]}` }, state[0])),
          h("td", { class: "num" }, sizes(g)),
          h("td", {}, g.createdBy ? h("a", { href: `#/deployments/${encodeURIComponent(g.createdBy)}` }, g.createdBy) : h("span", { class: "faint" }, "before the engine"),
            g.createdAt ? h("span", { class: "sub" }, when(g.createdAt)) : null),
          h("td", {}, g.deletedBy ? h("a", { href: `#/deployments/${encodeURIComponent(g.deletedBy)}` }, g.deletedBy) : h("span", { class: "faint" }, "–"),
            g.deletedAt ? h("span", { class: "sub" }, when(g.deletedAt)) : null),
          h("td", {}, h("a", { href: `#/deployments/${encodeURIComponent(g.lastDeploymentId)}` }, g.lastDeploymentId),
            h("span", { class: "sub" }, `as its ${g.lastRole} group · ${g.changes.length} change${g.changes.length === 1 ? "" : "s"}`)));
      });
      groups.replaceChildren(h("table", { class: "lineage-groups" },
        h("thead", {}, h("tr", {}, h("th", { class: "num" }, "Revision"), h("th", {}, "Group"), h("th", {}, "State"),
          h("th", { class: "num" }, "Min / desired / max"), h("th", {}, "Created by"), h("th", {}, "Deleted by"), h("th", {}, "Last changed by"))),
        h("tbody", {}, rows)));
    } catch (error) {
      if (signal.aborted) return;
      if (error.status === 401) askForToken();
      groups.replaceChildren(h("div", { class: "empty" },
        error.status === 404 ? "No deployment has recorded a group of this lineage yet." : `Could not load the lineage: ${error.message}`));
    }
  };
  return [
    h("div", { class: "crumbs" }, h("a", { href: "#/" }, "Deployments"), " / lineage"),
    h("div", { class: "page-head" }, h("h1", {}, id), h("span", { class: "muted" }, "Groups of this infrastructure definition, newest revision first")),
    h("section", { class: "card", id: "lineage-groups" }, h("div", { class: "card-head" }, h("h2", {}, "Groups")), groups),
    // Each change of the lineage's deployments may have changed its groups: the list stream says when to read them again.
    h("section", { class: "card" }, h("div", { class: "card-head" }, h("h2", {}, "Deployments")), liveDeployments({ lineage: id }, signal, { onChange: load })),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Routing and the read model's lag

function route() {
  routeAbort.abort();
  routeAbort = new AbortController();
  const signal = routeAbort.signal;
  setLive("idle");
  const [path, search] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(search ?? "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  let content;
  if (parts[0] === "deployments" && parts[1]) content = deploymentPage(parts[1], signal);
  else if (parts[0] === "lineages" && parts[1]) content = lineagePage(parts[1], signal);
  else content = listPage(params, signal);
  document.querySelectorAll("[data-nav]").forEach((a) => a.classList.toggle("current", parts.length === 0));
  main.replaceChildren(...content);
  window.scrollTo(0, 0);
}

async function showReadModel() {
  const el = document.getElementById("read-model");
  try {
    const status = await api("api/read-model");
    el.textContent = status.lag === 0 ? "Read model up to date" : `Read model ${status.lag} events behind`;
  } catch {
    el.textContent = "";
  }
}

window.addEventListener("hashchange", route);
route();
showReadModel();
setInterval(showReadModel, 10000);
