// jnas ui: polls the run folder once a second; charts are PNG images drawn by the server.
"use strict";

const token = new URLSearchParams(location.search).get("token");
const selected = new Set();
let openRun = null;      // id of the run whose detail is shown
let openVersion = null;  // its version stamp when its charts were last loaded
let openArch = null;

function api(path, params) {
  const q = new URLSearchParams(params || {});
  if (token) q.set("token", token);
  return path + "?" + q.toString();
}

function esc(s) {
  return String(s === null || s === undefined ? "" : s)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function duration(s) {
  if (s === null || s === undefined) return "";
  s = Math.round(s);
  if (s < 60) return s + " s";
  if (s < 3600) return Math.floor(s / 60) + " min " + (s % 60) + " s";
  return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
}

function figure(v) {
  if (typeof v === "number") return Number.isInteger(v) ? v.toLocaleString("en") : v.toPrecision(4);
  return v;
}

function resultText(r) {
  return Object.entries(r || {}).map(([k, v]) => k + " " + figure(v)).join(", ");
}

async function getJson(url) {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) throw new Error((await r.text()) || r.statusText);
  return r.json();
}

function row(run) {
  const pct = run.progress === null || run.progress === undefined ? null : Math.round(run.progress * 1000) / 10;
  const tr = document.createElement("tr");
  tr.dataset.id = run.id;
  tr.dataset.status = run.status;
  tr.dataset.command = run.command;
  if (run.id === openRun) tr.className = "selected";
  tr.innerHTML =
    `<td><input type="checkbox" ${selected.has(run.id) ? "checked" : ""}></td>` +
    `<td><a href="#run=${encodeURIComponent(run.id)}">${esc(run.id)}</a></td>` +
    `<td>${esc(run.command)}</td>` +
    `<td><span class="status ${esc(run.status)}">${esc(run.status)}</span>` +
    (run.message ? `<div class="hint">${esc(run.message)}</div>` : "") + `</td>` +
    `<td>${pct === null ? "" : `<span class="progress" data-value="${pct}"><div style="width:${pct}%"></div></span> ${pct}%`}` +
    (run.stage ? `<div class="hint stage">${esc(run.stage)}</div>` : "") + `</td>` +
    `<td>${run.status === "running" ? duration(run.eta_seconds) : ""}</td>` +
    `<td>${duration(run.elapsed_seconds)}</td>` +
    `<td>${esc(run.seed)}</td>` +
    `<td class="result">${esc(resultText(run.result))}</td>`;
  tr.querySelector("input").addEventListener("change", (e) => {
    if (e.target.checked) selected.add(run.id); else selected.delete(run.id);
    document.getElementById("compare").disabled = selected.size < 2;
  });
  return tr;
}

async function refreshList() {
  const runs = await getJson(api("/api/runs"));
  const body = document.querySelector("#runs tbody");
  body.replaceChildren(...runs.map(row));
  document.getElementById("empty").hidden = runs.length > 0;
  document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
}

async function refreshDetail() {
  if (!openRun) return;
  const d = await getJson(api("/api/run", { id: openRun }));
  const sec = document.getElementById("detail");
  if (d.version === openVersion && sec.dataset.id === openRun) {
    sec.querySelector(".summary").innerHTML = summaryHtml(d.summary);
    return;
  }
  openVersion = d.version;
  sec.dataset.id = openRun;
  sec.hidden = false;
  const charts = d.charts.map((c) =>
    `<figure><img class="chart" data-name="${esc(c.name)}" data-points="${c.points}" ` +
    `data-series="${esc(JSON.stringify(c.series))}" alt="${esc(c.title)}" ` +
    `src="${api("/api/chart.png", { id: openRun, name: c.name, v: d.version })}">` +
    `<figcaption>${esc(c.name)}: ${c.points} points</figcaption></figure>`).join("");
  const images = d.images.map((n) =>
    `<figure><img class="image" alt="${esc(n)}" src="${api("/api/file", { id: openRun, name: n, v: d.version })}">` +
    `<figcaption>${esc(n)}</figcaption></figure>`).join("");
  const archs = d.archs.length === 0 ? "" :
    `<h3>Architectures</h3><table class="archs"><tbody>` + d.archs.map((a) =>
      `<tr data-arch="${esc(a.arch)}"><td class="arch">${esc(a.arch)}</td><td class="result">` +
      esc(resultText(Object.fromEntries(Object.entries(a).filter(([k]) => k !== "arch")))) + `</td></tr>`).join("") +
    `</tbody></table>`;
  sec.innerHTML =
    `<h2>${esc(openRun)}</h2><div class="summary">${summaryHtml(d.summary)}</div>` +
    `<div id="arch-detail" hidden></div>` +
    `<div class="charts" id="charts">${charts}</div>` + archs +
    (images ? `<h3>Pictures the run wrote</h3><div class="charts">${images}</div>` : "") +
    `<h3>Result</h3><pre id="result">${esc(JSON.stringify(d.result, null, 2))}</pre>` +
    `<h3>Configuration</h3><pre>${esc(JSON.stringify(d.config, null, 2))}</pre>`;
  sec.querySelectorAll(".archs tr").forEach((tr) => tr.addEventListener("click", () => showArch(tr.dataset.arch)));
  if (openArch) showArch(openArch);
}

function summaryHtml(s) {
  return `<p><span class="status ${esc(s.status)}" id="detail-status">${esc(s.status)}</span> ${esc(s.command)}, seed ` +
    `${esc(s.seed)}, started ${esc(s.started ? new Date(s.started).toLocaleString() : "?")}, elapsed ${duration(s.elapsed_seconds)}` +
    (s.status === "running" && s.eta_seconds ? `, about ${duration(s.eta_seconds)} left` : "") +
    (s.stage ? ` &middot; ${esc(s.stage)}` : "") + `</p>` + (s.message ? `<p class="hint">${esc(s.message)}</p>` : "");
}

// A NAS-Bench-201 cell "|op~0|+|op~0|op~1|+|op~0|op~1|op~2|": 4 nodes, an edge per op into each node.
function cellSvg(arch) {
  const m = /^\|.*\|$/.test(arch) ? arch.split("+").map((n) => n.split("|").filter((x) => x)) : null;
  if (!m || m.length !== 3) return "";
  const x = [40, 200, 360, 520];
  let edges = "";
  m.forEach((ins, i) => ins.forEach((e) => {
    const [op, from] = e.split("~");
    const a = x[Number(from)], b = x[i + 1], lift = 30 + 28 * (i + 1 - Number(from));
    if (op === "none") return;
    edges += `<path d="M${a},110 Q${(a + b) / 2},${110 - lift * 1.6} ${b},110" fill="none" stroke="#1f6feb"/>` +
      `<text x="${(a + b) / 2}" y="${110 - lift * 0.8}" text-anchor="middle">${esc(op)}</text>`;
  }));
  const nodes = x.map((v, i) => `<circle cx="${v}" cy="110" r="13" fill="#fff" stroke="#1d2430"/>` +
    `<text x="${v}" y="114" text-anchor="middle">${i}</text>`).join("");
  return `<svg class="cell" width="580" height="130" viewBox="0 0 580 130">${edges}${nodes}</svg>`;
}

async function showArch(arch) {
  openArch = arch;
  const a = await getJson(api("/api/arch", { id: openRun, arch }));
  const box = document.getElementById("arch-detail");
  box.hidden = false;
  box.innerHTML = `<h3>Architecture</h3><div class="arch">${esc(a.arch)}</div>${cellSvg(a.arch)}` +
    `<p class="result">${esc(resultText(a.figures))}</p>` +
    a.commands.map((c) => `<code>${esc(c)}</code>`).join("");
}

async function showComparison(ids) {
  const sec = document.getElementById("comparison");
  const details = await Promise.all(ids.map((id) => getJson(api("/api/run", { id }))));
  const names = details.map((d) => new Set(d.charts.map((c) => c.name)));
  const common = [...names[0]].filter((n) => names.every((s) => s.has(n)) && !n.startsWith("alpha"));
  const stamp = details.map((d) => d.version).join("");
  sec.hidden = false;
  sec.innerHTML = `<h2>Comparing ${ids.map(esc).join(", ")}</h2><div class="charts">` + common.map((n) =>
    `<figure><img class="compare" data-name="${esc(n)}" src="${api("/api/compare.png", { ids: ids.join(","), name: n, v: stamp })}">` +
    `<figcaption>${esc(n)}</figcaption></figure>`).join("") + `</div>` +
    (common.length ? "" : `<p>These runs have no chart in common; compare runs of one kind.</p>`);
}

function route() {
  const h = new URLSearchParams(location.hash.slice(1));
  openRun = h.get("run");
  openVersion = null;
  openArch = null;
  document.getElementById("detail").hidden = !openRun;
  const cmp = h.get("compare");
  document.getElementById("comparison").hidden = !cmp;
  if (cmp) showComparison(cmp.split(","));
  tick();
}

async function tick() {
  try {
    await refreshList();
    await refreshDetail();
  } catch (e) {
    document.getElementById("updated").textContent = "cannot reach jnas ui: " + e.message;
  }
}

document.getElementById("compare").addEventListener("click", () => {
  location.hash = "compare=" + [...selected].join(",");
});
window.addEventListener("hashchange", route);
getJson(api("/api/info")).then((i) => { document.getElementById("folder").textContent = "runs in " + i.folder; });
route();
setInterval(tick, 1000);
