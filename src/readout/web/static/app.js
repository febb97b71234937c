// readout's explorer: plain DOM and no network but this server; only the dyad chart uses a library (plotly.js, served
// from the installed plotly package). Every piece of document text enters the page through textContent or a text
// node, never as markup.
"use strict";

const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const KIND_ORDER = ["trigger", "actor", "date", "place"];
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

async function api(path, params, body) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  const res = await fetch(url, body ? { method: "POST", headers: { "content-type": "application/json" },
                                        body: JSON.stringify(body) } : {});
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(said(data.detail) || `${res.status} ${res.statusText}`);
  return data;
}

// what the API said was wrong, in words: its own message, or each field the request's checks refused
function said(detail) {
  if (!detail) return "";
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) return detail.map(d => `${(d.loc || []).slice(-1)[0] || "input"}: ${d.msg || "refused"}` +
                                               (d.input !== undefined ? ` (got ${JSON.stringify(d.input)})` : "")).join("; ");
  return String(detail);
}

function main() { return document.getElementById("main"); }
function show(...nodes) { const m = main(); m.replaceChildren(...nodes); }
function fail(err) { show(el("p", { class: "error", role: "alert" }, String(err.message || err))); }
function hashParams() { return new URLSearchParams(location.hash.split("?")[1] || ""); }
function names(actors) { return [...new Set((actors || []).map(a => a.person || a.name || a.text || a.code || ""))].join("; "); }

// -- events ----------------------------------------------------------------------------------------------------
const FILTERS = [["text", "words"], ["actor", "actor"], ["country", "country"], ["source", "source"],
                 ["target", "target"], ["cameo", "CAMEO"], ["plover", "PLOVER"], ["since", "since"],
                 ["until", "until"], ["modality", "modality"]];
const MODALITIES = ["", "asserted", "reported", "intended", "hypothetical", "negated", "asserted,reported"];
// the columns a click sorts by (the API's names), and the heading each has
const COLUMNS = [["date", "date"], [null, "source"], [null, "target"], ["cameo", "CAMEO"], [null, "PLOVER"],
                 ["modality", "modality"], [null, "place"], [null, "evidence"]];

function filterInput(k, p) {
  if (k !== "modality") return el("input", { name: k, value: p.get(k) || "", size: 10 });
  return el("select", { name: k }, MODALITIES.map(m => el("option", { value: m, selected: (p.get(k) || "") === m },
    m === "" ? "any" : m === "asserted,reported" ? "factual only" : m)));
}

async function viewEvents() {
  const p = hashParams();
  const form = el("form", { class: "filters", id: "filters" },
    FILTERS.map(([k, label]) => el("label", {}, label, filterInput(k, p))),
    el("button", { type: "submit" }, "Search"),
    el("a", { id: "csv", href: "#" }, "CSV"), el("a", { id: "jsonl", href: "#" }, "JSONL"));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k] of FILTERS) { const v = form.elements[k].value.trim(); if (v) q.set(k, v); }
    if (p.get("sort")) q.set("sort", p.get("sort"));
    location.hash = "#/events?" + q.toString();
  });
  const params = Object.fromEntries([...p.entries()].filter(([k]) => FILTERS.some(f => f[0] === k)));
  const offset = Number(p.get("offset") || 0);
  const sort = p.get("sort") || "-date";  // newest first
  form.querySelector("#csv").href = "/api/events?" + new URLSearchParams({ ...params, format: "csv" });
  form.querySelector("#jsonl").href = "/api/events?" + new URLSearchParams({ ...params, format: "jsonl" });
  show(form, el("p", { class: "muted" }, "Loading…"));
  try {
    const data = await api("/api/events", { ...params, limit: 50, offset, sort });
    const rows = data.items.map(e => el("tr", { class: "event", "data-modality": e.modality },
      el("td", {}, e.date || ""), el("td", {}, e.source_name || e.source, el("div", { class: "code muted" }, e.source)),
      el("td", {}, e.target_name || e.target, el("div", { class: "code muted" }, e.target)),
      el("td", {}, el("span", { class: "code" }, e.cameo), " ", e.label, e.mutual ? el("span", { class: "muted" }, " (both ways)") : null),
      el("td", {}, e.plover_type || ""),
      el("td", { class: "modality modality-" + e.modality }, e.modality),
      el("td", {}, e.place ? `${e.place} (${e.place_country || ""})` : ""),
      el("td", { class: "evidence" }, e.evidence || "",  // the whole sentence, never cut mid-word
         e.document ? el("div", {}, el("a", { href: "#/doc/" + encodeURIComponent(e.document) }, "document")) : null)));
    if (!rows.length) { show(form, el("p", { class: "empty", role: "status" }, "No events match these filters.")); return; }
    const pager = el("div", { class: "pager" },
      `${data.total} events`, offset > 0 ? pageLink(p, Math.max(0, offset - 50), "previous") : null,
      offset + 50 < data.total ? pageLink(p, offset + 50, "next") : null);
    show(form, pager, el("table", { id: "events" },
      el("thead", {}, el("tr", {}, COLUMNS.map(([key, h]) => el("th", {}, key ? sortLink(p, key, h, sort) : h)))),
      el("tbody", {}, rows)));
  } catch (err) { show(form, el("p", { class: "error", role: "alert" }, err.message)); }
}

function sortLink(p, key, text, sort) {
  const q = new URLSearchParams(p); q.delete("offset");
  const now = sort.replace("-", "");
  q.set("sort", now === key && !sort.startsWith("-") ? "-" + key : key);
  const mark = now === key ? (sort.startsWith("-") ? " ▼" : " ▲") : "";
  return el("a", { href: "#/events?" + q.toString(), class: "sort", "data-sort": key }, text + mark);
}

function pageLink(p, offset, text) {
  const q = new URLSearchParams(p); q.set("offset", offset);
  return el("a", { href: "#/events?" + q.toString() }, text);
}

// -- a document, stored or just coded -----------------------------------------------------------------------------
async function viewDocument(key) {
  try { renderDocument(await api("/api/documents/" + key.split("/").map(encodeURIComponent).join("/"))); }
  catch (err) { fail(err); }
}

function marksOf(events) {
  const marks = { title: [], text: [] };
  const add = (field, span, kind, i) => { if (span && marks[field || "text"]) marks[field || "text"].push({ s: span[0], e: span[1], kind, i }); };
  events.forEach((ev, i) => {
    for (const x of ev.evidence || []) { add(x.field, x.trigger, "trigger", i); add(x.field, x.sentence, "sentence", i); }
    for (const a of [...(ev.source || []), ...(ev.target || [])]) add(a.field, a.span, "actor", i);
    if (ev.when) add("text", ev.when.span, "date", i);
    if (ev.where) add("text", ev.where.span, "place", i);
  });
  return marks;
}

function highlighted(text, marks, field) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(Math.max(0, Math.min(text.length, m.s))); cuts.add(Math.max(0, Math.min(text.length, m.e))); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el("div", { class: "text", "data-field": field });
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const covering = marks.filter(m => m.s <= a && b <= m.e);
    const kind = KIND_ORDER.find(kd => covering.some(m => m.kind === kd));
    const seg = el("span", { "data-s": a, "data-e": b, class: kind ? "hl-" + kind : null,
                             title: kind || null }, text.slice(a, b));
    out.appendChild(seg);
  }
  return out;
}

function renderDocument(doc, note) {
  const events = doc.events || [];
  const marks = marksOf(events);
  const title = doc.title || "";
  const titleBox = title ? highlighted(title, marks.title, "title") : null;
  if (titleBox) titleBox.classList.add("title");
  const textBox = highlighted(doc.text || "", marks.text, "text");
  const list = el("ul", { id: "doc-events" }, events.map((ev, i) => el("li", {
    "data-i": i, on: { click: () => choose(i) } },
    el("span", { class: "code" }, ev.cameo), " ", names(ev.source), ev.mutual ? " ↔ " : " → ", names(ev.target),
    el("div", { class: "muted" }, [ev.when ? (ev.when.start === ev.when.end ? ev.when.start : `${ev.when.start} – ${ev.when.end}`) : "",
      ev.where ? ` · ${ev.where.name}` : "", ` · ${ev.modality}`].join("")))));
  function choose(i) {
    const ev = events[i];
    for (const li of list.children) li.classList.toggle("chosen", Number(li.dataset.i) === i);
    for (const seg of document.querySelectorAll(".doc [data-s]")) seg.classList.remove("selected");
    for (const x of ev.evidence || []) {
      const box = document.querySelector(`.doc .text[data-field="${x.field === "title" ? "title" : "text"}"]`);
      if (!box) continue;
      for (const seg of box.children) {
        const a = Number(seg.dataset.s), b = Number(seg.dataset.e);
        if (a < x.sentence[1] && x.sentence[0] < b) seg.classList.add("selected");
      }
    }
  }
  const legend = el("p", { class: "legend" }, el("span", { class: "hl-actor" }, "actor"), el("span", { class: "hl-date" }, "date"),
    el("span", { class: "hl-place" }, "place"), el("span", { class: "hl-trigger" }, "trigger"));
  show(el("div", { class: "doc" },
    el("div", {}, el("h2", {}, doc.title || doc.document || "coded text"),
       doc.title && doc.document ? el("p", { class: "muted code" }, doc.document) : null, note || null,
       el("p", { class: "muted" }, [doc.source, doc.date].filter(Boolean).join(" · ")), legend, titleBox, textBox),
    el("div", { class: "events-side" }, el("h3", {}, `${events.length} events`), list)));
}

// -- paste a readout ----------------------------------------------------------------------------------------------
function viewCode() {
  const form = el("form", { id: "code-form" },
    el("p", {}, el("textarea", { name: "text", rows: 10, cols: 100, placeholder: "Paste a readout" })),
    el("p", {}, el("label", {}, "date ", el("input", { name: "date", placeholder: "YYYY-MM-DD", size: 11 })), " ",
       el("label", {}, "publisher ", el("input", { name: "source", placeholder: "e.g. kremlin.ru", size: 16 })), " ",
       el("button", { type: "submit" }, "Code it")),
    el("p", { class: "muted" }, "Coded on this server and shown here; nothing is stored."));
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    const body = { text: form.elements.text.value, date: form.elements.date.value || null,
                   source: form.elements.source.value || null };
    try {
      const coded = await api("/api/code", null, body);
      renderDocument({ ...coded.document, document: "coded text", events: coded.events },
                     el("p", {}, el("a", { href: "#/code" }, "code another text")));
    } catch (err) { fail(err); }
  });
  show(form);
}

// -- a dyad over time ----------------------------------------------------------------------------------------------
// The chart is drawn by plotly.js, the build the pinned plotly package ships, served by this server at /lib: a real
// time axis (years apart are drawn years apart) with its ticks, stacked QuadClass bars and the mean Goldstein line.
let plotlyLoading = null;
function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotlyLoading) plotlyLoading = new Promise((resolve, reject) => {
    const script = el("script", { src: "/lib/plotly.min.js" });
    script.addEventListener("load", () => resolve(window.Plotly));
    script.addEventListener("error", () => { plotlyLoading = null; script.remove();
      reject(new Error("The chart library (/lib/plotly.min.js) could not be loaded: is the plotly package installed?")); });
    document.head.appendChild(script);
  });
  return plotlyLoading;
}

async function viewDyad() {
  const p = hashParams();
  const by = p.get("by") === "year" ? "year" : "month";
  const form = el("form", { class: "filters", id: "dyad-form" },
    el("label", {}, "source", el("input", { name: "source", value: p.get("source") || "", size: 6 })),
    el("label", {}, "target", el("input", { name: "target", value: p.get("target") || "", size: 6 })),
    el("label", {}, "both ways", el("input", { type: "checkbox", name: "both", checked: p.get("both") !== "false" })),
    el("label", {}, "by", el("select", { name: "by" }, ["month", "year"].map(b => el("option", { value: b, selected: b === by }, b)))),
    el("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    const q = new URLSearchParams({ source: form.elements.source.value.trim(), target: form.elements.target.value.trim(),
                                    both: form.elements.both.checked, by: form.elements.by.value });
    location.hash = "#/dyad?" + q.toString();
  });
  if (!p.get("source") || !p.get("target")) {
    show(form, el("p", { class: "muted", role: "status" }, "Choose two countries, e.g. USA and CHN.")); return;
  }
  show(form, el("p", { class: "muted" }, "Loading…"));
  try {
    const [src, tgt] = [p.get("source").trim(), p.get("target").trim()];
    const rows = await api(`/api/dyads/${encodeURIComponent(src)}/${encodeURIComponent(tgt)}`,
                           { both: p.get("both") !== "false", by });
    if (!rows.length) {
      show(form, el("p", { class: "empty", role: "status" }, `No dated events between ${src} and ${tgt}.`)); return;
    }
    const box = el("div", { id: "dyad-chart", class: "chart" });
    show(form, box, el("p", { class: "muted" },
      `Bars: events a ${by} by QuadClass; line: their mean Goldstein score (right axis). ` +
      `Click a bar for the events behind it (${src} → ${tgt}).`));
    await timeline(box, rows, by, src, tgt);
  } catch (err) { show(form, el("p", { class: "error", role: "alert" }, err.message)); }
}

// the axis from the first period's start to the last one's end, half a period to spare on each side
function span(periods, by) {
  const first = by === "year" ? `${periods[0]}-01-01` : `${periods[0]}-01`;
  const last = periods[periods.length - 1];
  const end = by === "year" ? `${Number(last) + 1}-01-01` : new Date(Date.UTC(+last.slice(0, 4), +last.slice(5, 7), 1)).toISOString().slice(0, 10);
  const pad = (by === "year" ? 182 : 15) * 86400000;
  return [new Date(Date.parse(first) - pad).toISOString().slice(0, 10), new Date(Date.parse(end) + pad).toISOString().slice(0, 10)];
}

async function timeline(box, rows, by, src, tgt) {
  const Plotly = await loadPlotly();
  const periods = [...new Set(rows.map(r => r[by]))].sort();
  const per = {};
  for (const m of periods) per[m] = { q1: 0, q2: 0, q3: 0, q4: 0, n: 0, g: 0 };
  for (const r of rows) {  // both directions of a period in one bar
    const t = per[r[by]];
    for (const q of ["q1", "q2", "q3", "q4"]) t[q] += r[q];
    t.g += (r.goldstein || 0) * r.events; t.n += r.events;
  }
  const DAY = 86400000;
  // each bar centred in its period, as wide as most of it
  const x = periods.map(m => by === "year" ? `${m}-07-02` : `${m}-15`);
  const width = by === "year" ? 300 * DAY : 24 * DAY;
  const css = getComputedStyle(document.documentElement);
  const bars = ["q1", "q2", "q3", "q4"].map(q => ({
    type: "bar", name: QUAD[q[1]], x, y: periods.map(m => per[m][q]), width: periods.map(() => width),
    customdata: periods, marker: { color: css.getPropertyValue("--" + q).trim() },
    hovertemplate: `%{customdata}: %{y} ${QUAD[q[1]]}<extra></extra>` }));
  const line = { type: "scatter", mode: "lines+markers", name: "mean Goldstein", x, yaxis: "y2", customdata: periods,
    y: periods.map(m => per[m].n ? Math.round(per[m].g / per[m].n * 100) / 100 : null),
    line: { color: "#111", width: 1.5 }, marker: { size: 5, color: "#111" },
    hovertemplate: "%{customdata}: mean Goldstein %{y}<extra></extra>" };
  const layout = {
    barmode: "stack", height: 380, margin: { t: 16, r: 64, b: 48, l: 56 }, bargap: 0,
    xaxis: { type: "date", title: { text: by }, ticks: "outside", showgrid: false, range: span(periods, by) },
    yaxis: { title: { text: "events" }, rangemode: "tozero", ticks: "outside" },
    yaxis2: { title: { text: "mean Goldstein" }, overlaying: "y", side: "right", range: [-10.5, 10.5],
              tickvals: [-10, -5, 0, 5, 10], zeroline: false, showgrid: false, ticks: "outside" },
    legend: { orientation: "h", y: -0.22 }, plot_bgcolor: "#fff", paper_bgcolor: "#fff" };
  await Plotly.newPlot(box, [...bars, line], layout, { displaylogo: false, responsive: true });
  box.on("plotly_click", ev => {
    const period = ev.points && ev.points[0] && ev.points[0].customdata;
    if (period) location.hash = "#/events?" + new URLSearchParams({ source: src, target: tgt, since: period, until: period });
  });
}

// -- who deals with whom -------------------------------------------------------------------------------------------
async function viewNetwork() {
  const p = hashParams();
  const form = el("form", { class: "filters", id: "network-form" },
    el("label", {}, "since", el("input", { name: "since", value: p.get("since") || "", size: 10 })),
    el("label", {}, "until", el("input", { name: "until", value: p.get("until") || "", size: 10 })),
    el("label", {}, "at least", el("input", { name: "min", value: p.get("min") || "3", size: 4 })),
    el("button", { type: "submit" }, "Draw"));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    location.hash = "#/network?" + new URLSearchParams({ since: form.elements.since.value, until: form.elements.until.value,
                                                         min: form.elements.min.value }).toString();
  });
  try {
    const edges = await api("/api/network", { since: p.get("since"), until: p.get("until"), min_events: p.get("min") || 3 });
    show(form, edges.length ? network(edges.slice(0, 150)) : el("p", { class: "empty", role: "status" }, "No events in that period."));
  } catch (err) { show(form, el("p", { class: "error", role: "alert" }, err.message)); }
}

function network(edges) {
  const weight = {};
  for (const e of edges) for (const c of [e.source, e.target]) weight[c] = (weight[c] || 0) + e.events;
  const nodes = Object.keys(weight).sort((a, b) => weight[b] - weight[a]).slice(0, 40);
  const keep = new Set(nodes);
  const W = 760, H = 640, cx = W / 2, cy = H / 2;
  const at = forceLayout(nodes, edges.filter(e => keep.has(e.source) && keep.has(e.target)), weight, W, H);
  const top = Math.max(...nodes.map(c => weight[c]));
  const chart = svg("svg", { id: "network-chart", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img" });
  for (const e of edges) {
    if (!keep.has(e.source) || !keep.has(e.target)) continue;
    const [x1, y1] = at[e.source], [x2, y2] = at[e.target];
    const hue = Math.round(120 * Math.max(0, 1 - 2 * e.conflict));  // green (cooperation) to red (half conflict)
    chart.appendChild(svg("line", { x1, y1, x2, y2, class: "edge", stroke: `hsl(${hue}, 70%, 40%)`, "stroke-opacity": 0.6,
      "stroke-width": Math.max(0.6, Math.log2(1 + e.events)) },
      svg("title", {}, `${e.source} → ${e.target}: ${e.events} events, ${Math.round(e.conflict * 100)}% conflict, Goldstein ${e.goldstein}`)));
  }
  for (const c of nodes) {
    const [x, y] = at[c];
    chart.appendChild(svg("circle", { cx: x, cy: y, r: 4 + 14 * Math.sqrt(weight[c] / top), class: "node", fill: "#334155" },
                          svg("title", {}, `${c}: ${weight[c]} events`)));
    chart.appendChild(svg("text", { x: x + (x >= cx ? 10 : -34), y: y + 4 }, c));
  }
  return el("div", {}, chart, el("p", { class: "muted" }, "Edges: events between two countries (width), green for cooperation to red where half or more are conflict (QuadClass 3-4)."));
}

// A force-directed layout (Fruchterman-Reingold), deterministic: ties pull countries together by their number of
// events, every pair pushes apart, and each node is drawn towards the centre by its weight, so hubs sit in the middle
// and the rest spread around them without overlapping.
function forceLayout(nodes, edges, weight, W, H) {
  const cx = W / 2, cy = H / 2, n = nodes.length, margin = 40;
  const k = Math.sqrt((W - 2 * margin) * (H - 2 * margin) / Math.max(1, n)) * 0.8;
  const top = Math.max(...nodes.map(c => weight[c]));
  const pos = {};
  nodes.forEach((c, i) => { const t = 2 * Math.PI * i / Math.max(1, n), r = 40 + 220 * (1 - Math.sqrt(weight[c] / top));
                            pos[c] = [cx + r * Math.cos(t), cy + r * Math.sin(t)]; });
  const strength = Math.max(...edges.map(e => e.events), 1);
  let temp = W / 8;
  for (let step = 0; step < 300; step++) {
    const move = {};
    for (const c of nodes) move[c] = [0, 0];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = nodes[i], b = nodes[j];
      let dx = pos[a][0] - pos[b][0], dy = pos[a][1] - pos[b][1];
      const d = Math.max(1, Math.hypot(dx, dy)), f = k * k / d;
      dx /= d; dy /= d;
      move[a][0] += dx * f; move[a][1] += dy * f; move[b][0] -= dx * f; move[b][1] -= dy * f;
    }
    for (const e of edges) {
      const a = e.source, b = e.target;
      if (a === b) continue;
      let dx = pos[a][0] - pos[b][0], dy = pos[a][1] - pos[b][1];
      const d = Math.max(1, Math.hypot(dx, dy)), f = d * d / k * (0.2 + e.events / strength);
      dx /= d; dy /= d;
      move[a][0] -= dx * f; move[a][1] -= dy * f; move[b][0] += dx * f; move[b][1] += dy * f;
    }
    for (const c of nodes) {  // gravity by weight: the hubs in the middle
      const g = 0.05 * k * (0.5 + weight[c] / top);
      move[c][0] += (cx - pos[c][0]) * g / k; move[c][1] += (cy - pos[c][1]) * g / k;
      const d = Math.max(1e-9, Math.hypot(move[c][0], move[c][1])), lim = Math.min(d, temp);
      pos[c] = [Math.min(W - margin, Math.max(margin, pos[c][0] + move[c][0] / d * lim)),
                Math.min(H - margin, Math.max(margin, pos[c][1] + move[c][1] / d * lim))];
    }
    temp = Math.max(1, temp * 0.985);
  }
  return pos;
}

// -- routing -------------------------------------------------------------------------------------------------------
function route() {
  const hash = location.hash || "#/events";
  const path = hash.slice(2).split("?")[0];
  const view = path.split("/")[0] || "events";
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.view === view);
  if (view === "doc") return viewDocument(decodeURIComponent(path.slice(4)));
  if (view === "code") return viewCode();
  if (view === "dyad") return viewDyad();
  if (view === "network") return viewNetwork();
  return viewEvents();
}

window.addEventListener("hashchange", route);
api("/api/health").then(h => { document.getElementById("status").textContent = `${h.documents} documents · ${h.events} events`; })
  .catch(() => {});
route();
