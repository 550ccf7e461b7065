// attrition dashboard. Plain ES2020, no framework: every figure comes from the same-origin
// /api/v1 endpoints (relative URLs), every chart is drawn with the vendored uPlot.
"use strict";

(() => {
  // ------------------------------------------------------------------ helpers

  const $ = (id) => document.getElementById(id);

  /** Builds an element: h("p", {class: "x"}, "text", child, …). Text is never parsed as HTML. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "dataset") Object.assign(el.dataset, value);
      else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function replace(el, ...children) {
    el.replaceChildren();
    return append(el, children);
  }

  const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
  const decimalFormat = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  const isNum = (v) => typeof v === "number" && Number.isFinite(v);
  const fmtInt = (v) => (isNum(v) ? numberFormat.format(Math.round(v)) : "—");
  const fmtDec = (v) => (isNum(v) ? decimalFormat.format(v) : "—");
  const fmtSigned = (v) => (isNum(v) ? (v > 0 ? "+" : v < 0 ? "−" : "±") + numberFormat.format(Math.abs(Math.round(v))) : "—");
  const fmtPct = (v) => (isNum(v) ? (v > 0 ? "+" : v < 0 ? "−" : "±") + decimalFormat.format(Math.abs(v)) + "%" : "—");

  /** Compact axis labels: 1.45M, 250k, 1,200. */
  function fmtAxis(v) {
    if (!isNum(v)) return "";
    const a = Math.abs(v);
    if (a >= 1e6) return trimZeros((v / 1e6).toFixed(2)) + "M";
    if (a >= 1e4) return trimZeros((v / 1e3).toFixed(1)) + "k";
    return numberFormat.format(v);
  }
  const trimZeros = (s) => s.replace(/\.?0+$/, "");

  function ordinal(n) {
    if (!isNum(n)) return "—";
    const mod100 = n % 100;
    const suffix = mod100 >= 11 && mod100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th");
    return `${n}${suffix}`;
  }

  const DAY = 86400;
  /** "2024-09-30" → unix seconds at UTC midnight (uPlot's time unit). */
  const ts = (iso) => Date.parse(`${iso}T00:00:00Z`) / 1000;
  const isoOf = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 10);

  const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
  const fmtDate = (iso) => (typeof iso === "string" && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : iso || "—");
  const fmtMonth = (iso) => (typeof iso === "string" && /^\d{4}-\d{2}/.test(iso) ? monthFormat.format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`)) : iso || "—");

  function fmtRange(a, b) {
    if (!a || !b) return fmtDate(a || b);
    if (a === b) return fmtDate(a);
    return `${fmtDate(a)} – ${fmtDate(b)}`;
  }

  const capitalise = (t) => (t ? t.charAt(0).toUpperCase() + t.slice(1) : t);

  function debounce(fn, ms) {
    let timer = 0;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  // ------------------------------------------------------------------ API

  class ApiError extends Error {
    constructor(status, message, parameter, url) {
      super(message);
      this.name = "ApiError";
      this.status = status;
      this.parameter = parameter;
      this.url = url;
    }
  }

  /** A relative URL under api/v1 with the given query parameters (null ones left out). */
  function apiUrl(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
    }
    const qs = query.toString();
    return `api/v1/${path}${qs ? `?${qs}` : ""}`;
  }

  /** A GET of the data: apiUrl with the page's "as of" day (none when the page shows the latest). */
  const dataUrl = (path, params) => apiUrl(path, { ...params, as_of: state.asOf || null });

  let pending = 0;
  function setPending(delta) {
    pending += delta;
    document.body.dataset.pending = String(pending);
  }

  /** GET (or `init`) a JSON answer; a non-2xx answer becomes an ApiError with the server's message. */
  async function api(url, init) {
    setPending(1);
    try {
      return await request(url, init);
    } finally {
      setPending(-1);
    }
  }

  async function request(url, init) {
    let response;
    try {
      response = await fetch(url, { headers: { Accept: "application/json" }, ...init });
    } catch (e) {
      throw new ApiError(0, `the server could not be reached (${e && e.message ? e.message : e})`, null, url);
    }
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (_) {
      body = null;
    }
    if (!response.ok) {
      const error = body && typeof body === "object" ? body.error : null;
      const message = error && error.message ? error.message : text.trim() || response.statusText || "request failed";
      throw new ApiError(response.status, message, error ? error.parameter : null, url);
    }
    if (body === null || typeof body !== "object") {
      throw new ApiError(response.status, "the answer is not a JSON object", null, url);
    }
    return body;
  }

  function showError(boxId, what, error) {
    const box = $(boxId);
    if (!box) return;
    const lines = [];
    if (error instanceof ApiError) {
      const status = error.status ? `HTTP ${error.status}` : "no answer";
      const param = error.parameter ? `, parameter ${error.parameter}` : "";
      lines.push(h("p", {}, h("strong", {}, `${what}: `), error.message));
      lines.push(h("p", {}, h("code", {}, `${status}${param} · ${error.url}`)));
    } else {
      lines.push(h("p", {}, h("strong", {}, `${what}: `), error && error.message ? error.message : String(error)));
    }
    replace(box, lines);
    box.hidden = false;
  }

  function clearError(boxId) {
    const box = $(boxId);
    if (box) {
      box.hidden = true;
      box.replaceChildren();
    }
  }

  function metaCaption(meta, lead) {
    if (!meta) return [];
    const parts = [];
    if (lead) parts.push(lead, " ");
    parts.push("Source: ", h("b", {}, meta.source_description || meta.source || "unknown"), ". ");
    parts.push("Convention: ", h("b", {}, meta.convention || "—"));
    if (meta.convention_meaning) parts.push(` (${meta.convention_meaning.replace(/^[a-z-]+:\s*/, "")})`);
    parts.push(". ");
    if (meta.net_of_corrections) parts.push("Net of the General Staff's corrections. ");
    if (meta.as_of) parts.push(`As of ${fmtDate(meta.as_of)}. `);
    parts.push("Data version: ", h("b", {}, meta.data_version || "—"), ".");
    return parts;
  }

  // ------------------------------------------------------------------ state

  const state = {
    category: "personnel",
    convention: "loss-day",
    asOf: "", // YYYY-MM-DD: only the reports dated on or before it; "" = the latest
    lastReport: null, // the latest report of all, the picker's max
    categories: [],
    labels: new Map(),
    summary: null,
    series: null, // {category, convention, body}
    personnel: new Map(), // `${convention} ${asOf}` → series body, for the estimates chart
    assessments: null,
    charts: {},
    tokens: {},
    dailyRange: "all",
  };

  const nextToken = (key) => (state.tokens[key] = (state.tokens[key] || 0) + 1);
  const current = (key, token) => state.tokens[key] === token;
  const labelOf = (id) => state.labels.get(id) || id;

  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const category = params.get("category");
    const convention = params.get("convention");
    if (category && /^[a-z_]+$/.test(category)) state.category = category;
    if (convention === "loss-day" || convention === "report-day") state.convention = convention;
  }

  function writeHash() {
    const params = new URLSearchParams({ category: state.category, convention: state.convention });
    const search = state.asOf ? `?${new URLSearchParams({ as_of: state.asOf })}` : "";
    history.replaceState(null, "", `${location.pathname}${search}#${params}`);
  }

  const AS_OF_MIN = "2022-02-25";

  /** A real calendar day written YYYY-MM-DD. */
  const isIsoDay = (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && isoOf(ts(v)) === v;

  /** Why `value` cannot be an "as of" day, or null when it can ("" = latest). */
  function asOfProblem(value) {
    if (!value) return null;
    if (!isIsoDay(value)) return `${JSON.stringify(value)} is not a day (YYYY-MM-DD)`;
    if (value < AS_OF_MIN) return `${fmtDate(value)} is before the first report (${fmtDate(AS_OF_MIN)})`;
    if (state.lastReport && value > state.lastReport) return `${fmtDate(value)} is after the latest report (${fmtDate(state.lastReport)})`;
    return null;
  }

  /** Reads ?as_of= from the address; a bad one is reported and ignored. */
  function readAsOf() {
    const value = new URLSearchParams(location.search).get("as_of") || "";
    const problem = asOfProblem(value);
    if (problem) {
      showError("errors", "The address's as_of was ignored", new Error(problem));
      state.asOf = "";
    } else {
      state.asOf = value;
    }
    showAsOf();
  }

  /** The picker, its clear button and the page's as-of look follow state.asOf. */
  function showAsOf() {
    const input = $("as-of");
    if (input.value !== state.asOf) input.value = state.asOf;
    if (state.lastReport) input.max = state.lastReport;
    $("as-of-clear").hidden = !state.asOf;
    document.body.classList.toggle("as-of", !!state.asOf);
    $("summary-title").textContent = state.asOf ? `Report as of ${fmtDate(state.asOf)}` : "Latest report";
  }

  // ------------------------------------------------------------------ charts: common

  const FONT = '12px "Segoe UI", system-ui, "Liberation Sans", "DejaVu Sans", sans-serif';
  const COLORS = {
    ink: "#17202b",
    axis: "#5f6b7a",
    grid: "#eceff3",
    bar: "#aab6c4",
    barNeg: "#c97c74",
    avg7: "#d55e00",
    avg30: "#0b63a5",
    top: "#b3261e",
    month: "#7d8da1",
    partial: "#cdd5df",
    fan95: "rgba(11, 99, 165, 0.13)",
    fan80: "rgba(11, 99, 165, 0.26)",
    median: "#0b63a5",
    threshold: "#b3261e",
    crossing: "rgba(230, 159, 0, 0.20)",
    killed: "#d55e00",
    casualties: "#0072b2",
    named_killed: "#009e73",
    actual: "#009e73",
  };

  function chartHeight(kind) {
    const narrow = window.innerWidth < 640;
    return { daily: narrow ? 260 : 330, monthly: narrow ? 240 : 300, forecast: narrow ? 280 : 360, assessments: narrow ? 280 : 380 }[kind];
  }

  function chartWidth(container) {
    return Math.max(280, Math.floor(container.clientWidth || container.getBoundingClientRect().width || 600));
  }

  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  /** Time-axis labels in UTC, day before month ("9 Feb"), the year under the first label of each year. */
  function timeAxisValues(u, splits, axisIdx, space, incr) {
    let previousYear = null;
    return splits.map((v) => {
      if (!isNum(v)) return "";
      const d = new Date(v * 1000);
      const year = d.getUTCFullYear();
      const month = MONTHS[d.getUTCMonth()];
      let label;
      if (incr >= 360 * DAY) label = String(year);
      else if (incr >= 28 * DAY) label = previousYear !== year ? `${month}\n${year}` : month;
      else label = previousYear !== year ? `${d.getUTCDate()} ${month}\n${year}` : `${d.getUTCDate()} ${month}`;
      previousYear = year;
      return label;
    });
  }

  function axes(yLabel) {
    const common = { stroke: COLORS.axis, font: FONT, grid: { stroke: COLORS.grid, width: 1 }, ticks: { stroke: COLORS.grid, width: 1, size: 4 } };
    return [
      { ...common, values: timeAxisValues, space: 60 },
      { ...common, size: 58, values: (u, splits) => splits.map(fmtAxis), label: yLabel || undefined, labelFont: FONT, labelSize: yLabel ? 18 : 0 },
    ];
  }

  function baseOptions(container, kind) {
    return {
      width: chartWidth(container),
      height: chartHeight(kind),
      tzDate: (t) => uPlot.tzDate(new Date(t * 1000), "Etc/UTC"),
      padding: [12, 12, 0, 4],
      cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 7 } },
      scales: { x: { time: true } },
    };
  }

  const dateValue = (u, v) => (isNum(v) ? fmtDate(isoOf(v)) : "—");
  const intValue = (u, v) => fmtInt(v);
  const decValue = (u, v) => fmtDec(v);

  function mount(key, container, options, data) {
    if (state.charts[key]) {
      state.charts[key].destroy();
      delete state.charts[key];
    }
    container.replaceChildren();
    if (typeof uPlot !== "function") throw new Error("the chart library (vendor/uplot/uPlot.iife.min.js) did not load");
    const chart = new uPlot(options, data, container);
    chart._kind = key;
    state.charts[key] = chart;
    return chart;
  }

  const resizeAll = debounce(() => {
    for (const [key, chart] of Object.entries(state.charts)) {
      const container = chart.root.parentElement;
      if (container) chart.setSize({ width: chartWidth(container), height: chartHeight(key) });
    }
  }, 150);

  function legendKey(color, text, dot) {
    return h("span", { class: "key" }, h("span", { class: dot ? "dot" : "swatch", style: `background:${color};color:${color}` }), text);
  }

  const px = (n) => Math.round(n * uPlot.pxRatio);

  /** Removes a chart and what goes with it, so that nothing stale stays on screen after an error. */
  function clearChart(key, message) {
    if (state.charts[key]) {
      state.charts[key].destroy();
      delete state.charts[key];
    }
    const container = $(`${key}-chart`);
    if (container) {
      container.classList.remove("loading");
      replace(container, message ? h("p", { class: "empty" }, message) : []);
    }
    for (const suffix of ["caption", "hover", "legend", "crossing", "top"]) {
      const el = $(`${key}-${suffix}`);
      if (el) el.replaceChildren();
    }
  }

  // ------------------------------------------------------------------ categories

  async function loadCategories() {
    const token = nextToken("categories");
    const select = $("category");
    try {
      const body = await api(dataUrl("categories"));
      if (!current("categories", token)) return false;
      state.categories = Array.isArray(body.categories) ? body.categories : [];
      state.labels = new Map(state.categories.map((c) => [c.id, c.label || c.id]));
      if (!state.labels.has(state.category)) state.category = state.labels.has("personnel") ? "personnel" : (state.categories[0] || {}).id;
      replace(
        select,
        state.categories.map((c) => h("option", { value: c.id }, c.label + (c.stopped ? " (no longer reported)" : ""))),
      );
      select.value = state.category;
      select.disabled = false;
      return true;
    } catch (e) {
      if (current("categories", token)) showError("errors", "Could not load the list of categories", e);
      return false;
    }
  }

  // ------------------------------------------------------------------ summary

  async function loadSummary() {
    const token = nextToken("summary");
    clearError("summary-error");
    try {
      const body = await api(dataUrl("summary", { convention: state.convention }));
      if (!current("summary", token)) return;
      state.summary = body;
      renderVersion(body.meta);
      renderSummary();
    } catch (e) {
      if (current("summary", token)) showError("summary-error", "Could not load the latest report", e);
    }
  }

  function renderVersion(meta) {
    if (!meta) return;
    // The picker's max: the latest report, known from an answer that was not limited by as_of.
    if (!meta.as_of && isIsoDay(meta.last_report) && !state.lastReport) {
      state.lastReport = meta.last_report;
      showAsOf();
    }
    replace(
      $("data-version"),
      "Data version ",
      h("strong", {}, meta.data_version || "—"),
      meta.last_report ? h("br") : null,
      meta.last_report ? `${meta.as_of ? "report" : "latest report"} ${fmtDate(meta.last_report)}` : null,
      meta.as_of ? h("br") : null,
      meta.as_of ? h("span", { class: "as-of-note" }, `as known on ${fmtDate(meta.as_of)}`) : null,
    );
    $("convention-meaning").textContent = meta.convention_meaning || "";
    const claimsDate = $("claims-date");
    if (claimsDate && !claimsDate.value && meta.last_report) claimsDate.value = meta.last_report;
  }

  function changeText(change, base) {
    if (!change || !isNum(change.percent)) return null;
    const cls = change.percent > 0 ? "chg-up" : change.percent < 0 ? "chg-down" : "";
    return [h("span", { class: cls }, fmtPct(change.percent)), ` against ${base}`];
  }

  function kpi(label, value, detail, period, extraClass) {
    return h(
      "div",
      { class: `kpi ${extraClass || ""}` },
      h("div", { class: "kpi-label" }, label),
      h("div", { class: "kpi-value" }, value),
      detail ? h("div", { class: "kpi-detail" }, detail) : null,
      period ? h("div", { class: "kpi-period" }, period) : null,
    );
  }

  function rankBadge(rank, of) {
    if (!isNum(rank)) return null;
    return h("span", { class: `badge ${rank <= 3 ? "rank-top" : ""}`, title: of ? `${ordinal(rank)} of ${of} complete months` : null }, `${ordinal(rank)}${of ? ` of ${of}` : ""}`);
  }

  function renderSummary() {
    const body = state.summary;
    if (!body) return;
    const b = body.briefing || {};
    const cats = Array.isArray(b.categories) ? b.categories : [];
    const c = cats.find((x) => x.category === state.category) || cats[0];

    replace(
      $("summary-report"),
      "Report of ",
      h("strong", {}, fmtDate(b.latest_report)),
      isNum(b.war_day) ? ` · day ${fmtInt(b.war_day)} of the full-scale invasion` : "",
      b.last_day ? ` · last day counted ${fmtDate(b.last_day)}` : "",
    );

    const kpis = [];
    if (c) {
      const months = c.months_ranked;
      const ld = c.last_day;
      if (ld) kpis.push(kpi("Last day", fmtInt(ld.total), ld.corrections ? `includes a correction of ${fmtSigned(ld.corrections)}` : null, fmtDate(ld.start), "headline"));
      const l7 = c.last_7_days;
      if (l7) kpis.push(kpi("Last 7 days", fmtInt(l7.total), `${fmtDec(l7.daily_average)} a day`, fmtRange(l7.start, l7.end)));
      const l30 = c.last_30_days;
      if (l30) {
        const prev = c.previous_30_days;
        kpis.push(
          kpi(
            "Last 30 days",
            fmtInt(l30.total),
            prev ? changeText(prev.change, `the 30 days before (${fmtInt(prev.base && prev.base.total)})`) : `${fmtDec(l30.daily_average)} a day`,
            fmtRange(l30.start, l30.end),
          ),
        );
      }
      const mtd = c.month_to_date;
      if (mtd) {
        kpis.push(
          kpi(
            "Month to date",
            fmtInt(mtd.total),
            [
              `${fmtDec(mtd.daily_average)} a day`,
              isNum(mtd.pace_rank) ? [" · pace ", rankBadge(mtd.pace_rank, months)] : "",
              isNum(mtd.rank) ? [" · rank ", rankBadge(mtd.rank, months)] : "",
            ],
            `${fmtMonth(mtd.label || mtd.start)}: ${fmtRange(mtd.start, mtd.end)} (${fmtInt(mtd.days)} days)`,
          ),
        );
      }
      const pm = c.previous_month;
      if (pm) {
        kpis.push(
          kpi(
            "Previous month",
            fmtInt(pm.total),
            [`${fmtDec(pm.daily_average)} a day`, isNum(pm.rank) ? [" · rank ", rankBadge(pm.rank, months)] : ""],
            `${fmtMonth(pm.label || pm.start)}: ${fmtRange(pm.start, pm.end)}`,
          ),
        );
      }
      const ytd = c.year_to_date;
      if (ytd) {
        const same = c.same_span_last_year;
        kpis.push(
          kpi(
            "Year to date",
            fmtInt(ytd.total),
            same ? changeText(same.change, `the same span of ${(same.base && same.base.start ? same.base.start : "").slice(0, 4)}`) : null,
            `${(ytd.start || "").slice(0, 4)}: ${fmtRange(ytd.start, ytd.end)}`,
          ),
        );
      }
    }
    replace(
      $("summary-headline"),
      c
        ? [
            h("span", { class: "label" }, `${labelOf(c.category)}, cumulative`),
            h("span", { class: "value", id: "summary-cumulative-value" }, fmtInt(c.cumulative)),
            h("span", { class: "sub" }, `${c.qualifier && c.qualifier !== "exact" ? `${c.qualifier}, ` : ""}since 24 Feb 2022`),
          ]
        : [],
    );
    replace($("summary-kpis"), kpis.length ? kpis : h("p", { class: "empty" }, "No figures for this category in the latest report."));

    // records
    const rec = c && c.records;
    const recordRows = [];
    for (const [key, word] of [["day", "Day"], ["week", "Week"], ["month", "Month"], ["quarter", "Quarter"], ["year", "Year"]]) {
      const r = rec && rec[key];
      if (!r) continue;
      const when =
        key === "day" ? fmtDate(r.start) : key === "month" ? fmtMonth(r.label || r.start) : key === "week" ? `week of ${fmtDate(r.start)} (${r.label})` : r.label || fmtRange(r.start, r.end);
      recordRows.push(h("dt", {}, word), h("dd", {}, h("strong", {}, fmtInt(r.total)), ` · ${when}`));
    }
    replace(
      $("summary-records"),
      h("h3", {}, `Records, complete periods${c ? ` · ${labelOf(c.category)}` : ""}`),
      recordRows.length ? h("dl", {}, recordRows) : h("p", { class: "empty" }, "No complete periods yet."),
    );

    // outlook (personnel's next round 100,000)
    const o = body.outlook || b.outlook;
    const outlook = $("summary-outlook");
    if (o && o.threshold) {
      const median = o.median && o.median.day;
      replace(
        outlook,
        h("h3", {}, "Personnel: next round figure"),
        h("p", { class: "big" }, fmtInt(o.threshold)),
        median
          ? h("p", {}, "expected ", h("strong", {}, fmtDate(median)), o.q10 && o.q90 ? ` (80% interval ${fmtRange(o.q10.day, o.q90.day)})` : "")
          : h("p", {}, "not expected within the forecast horizon"),
        h("p", { class: "muted" }, `${o.model || "calibrated"} forecast`),
      );
      outlook.hidden = false;
    } else {
      outlook.hidden = true;
    }

    // cumulative tiles for every category
    const tiles = cats
      .filter((x) => isNum(x.cumulative))
      .map((x) =>
        h(
          "button",
          {
            type: "button",
            class: "tile",
            "aria-pressed": x.category === state.category ? "true" : "false",
            dataset: { category: x.category },
            onclick: () => selectCategory(x.category),
          },
          h("span", { class: "tile-label", title: labelOf(x.category) }, labelOf(x.category)),
          h("span", { class: "tile-value" }, fmtInt(x.cumulative)),
          h("span", { class: "tile-delta" }, x.last_day && isNum(x.last_day.total) ? `${fmtSigned(x.last_day.total)} last day` : "\u00a0"),
        ),
      );
    replace($("summary-cumulative"), tiles);
    replace($("summary-caption"), metaCaption(body.meta));
  }

  // ------------------------------------------------------------------ daily series

  async function loadSeries() {
    const token = nextToken("series");
    const { category, convention, asOf } = state;
    clearError("daily-error");
    $("daily-chart").classList.add("loading");
    $("forecast-chart").classList.add("loading");
    $("daily-csv").href = dataUrl(`series/${encodeURIComponent(category)}`, { convention, format: "csv" });
    try {
      const body = await api(dataUrl(`series/${encodeURIComponent(category)}`, { convention }));
      if (!current("series", token)) return;
      state.series = { category, convention, body };
      if (category === "personnel") state.personnel.set(`${convention} ${asOf}`, body);
      try {
        drawDaily(body);
      } catch (e) {
        showError("daily-error", "Could not draw the daily chart", e);
      }
      $("daily-chart").classList.remove("loading");
      // both catch their own errors
      await Promise.all([loadForecast(body), category === "personnel" ? loadAssessments() : null]);
    } catch (e) {
      if (!current("series", token)) return;
      clearChart("daily");
      clearChart("forecast");
      showError("daily-error", `Could not load the daily series of ${labelOf(category)}`, e);
      showError("forecast-error", `Could not load the cumulative series of ${labelOf(category)}`, e);
    } finally {
      if (current("series", token)) $("daily-chart").classList.remove("loading");
    }
  }

  function drawDaily(body) {
    const rows = Array.isArray(body.rows) ? body.rows : [];
    const label = body.label || labelOf(body.category);
    $("daily-title").textContent = `Daily losses: ${label}`;
    const backlogNote = rows
      .filter((r) => r.flags && r.flags.backlog_start)
      .map((r) => ` The opening backlog of ${fmtInt(isNum(r.total) ? r.total : r.published)} on ${fmtDate(r.day)} is not drawn as one day's losses.`)
      .join("");
    replace($("daily-caption"), metaCaption(body.meta, `${label}, ${fmtRange(rows.length ? rows[0].day : null, rows.length ? rows[rows.length - 1].day : null)}.${backlogNote}`));
    const container = $("daily-chart");
    if (!rows.length) {
      if (state.charts.daily) state.charts.daily.destroy();
      delete state.charts.daily;
      replace(container, h("p", { class: "empty" }, "No data for this category."));
      return;
    }
    const windows = Array.isArray(body.windows) ? body.windows : [7, 30];
    const x = rows.map((r) => ts(r.day));
    const total = rows.map((r) => (r.flags && r.flags.backlog_start ? null : isNum(r.total) ? r.total : isNum(r.published) ? r.published : null));
    const avgs = windows.map((_, i) => rows.map((r) => (Array.isArray(r.averages) && isNum(r.averages[i]) ? r.averages[i] : null)));
    const avgColors = [COLORS.avg7, COLORS.avg30, "#009e73", "#cc79a7"];
    const opts = baseOptions(container, "daily");
    opts.axes = axes();
    opts.series = [
      { label: "Day", value: dateValue },
      {
        label: "Daily",
        value: intValue,
        stroke: COLORS.bar,
        fill: COLORS.bar,
        width: 0,
        paths: uPlot.paths.bars({ size: [0.86, 14], gap: 0 }),
        points: { show: false },
      },
      ...windows.map((w, i) => ({
        label: `${w}-day average`,
        value: decValue,
        stroke: avgColors[i % avgColors.length],
        width: i === 0 ? 1.4 : 2.4,
        points: { show: false },
        spanGaps: false,
      })),
    ];
    opts.legend = { show: false };
    replace(
      $("daily-legend"),
      legendKey(COLORS.bar, "Daily count"),
      windows.map((w, i) => legendKey(avgColors[i % avgColors.length], `${w}-day average`)),
    );
    const hover = $("daily-hover");
    const restHover = () => replace(hover, "Point at the chart for a day's figures; drag to zoom, double-click or “All” to reset.");
    opts.hooks = {
      setSelect: [() => setRangeButtons(null)],
      setCursor: [
        (u) => {
          const i = u.cursor.idx;
          const r = i === null || i === undefined ? null : rows[i];
          if (!r) return restHover();
          const shown = r.flags && r.flags.backlog_start ? `${fmtInt(r.total)} (opening backlog)` : fmtInt(total[i]);
          const parts = [h("strong", {}, fmtDate(r.day)), r.report_date ? ` (report of ${fmtDate(r.report_date)})` : "", ": ", h("strong", {}, shown)];
          windows.forEach((w, k) => parts.push(` · ${w}-day average ${fmtDec(avgs[k][i])}`));
          if (isNum(r.correction) && r.correction !== 0) parts.push(` · correction ${fmtSigned(r.correction)}`);
          if (isNum(r.cumulative)) parts.push(` · cumulative ${fmtInt(r.cumulative)}`);
          replace(hover, parts);
        },
      ],
    };
    const chart = mount("daily", container, opts, [x, total, ...avgs]);
    restHover();
    applyDailyRange(chart, state.dailyRange);
  }

  function setRangeButtons(range) {
    state.dailyRange = range;
    for (const b of document.querySelectorAll("#daily .seg button")) b.setAttribute("aria-pressed", b.dataset.range === range ? "true" : "false");
  }

  function applyDailyRange(chart, range) {
    if (!chart) return;
    const x = chart.data[0];
    if (!x || !x.length) return;
    const last = x[x.length - 1];
    let min = x[0];
    if (range && range !== "all") min = Math.max(x[0], last - Number(range) * DAY);
    chart.setScale("x", { min: min - DAY / 2, max: last + DAY / 2 });
    setRangeButtons(range || "all");
  }

  // ------------------------------------------------------------------ monthly ranks

  async function loadMonthly() {
    const token = nextToken("monthly");
    const { category, convention } = state;
    clearError("monthly-error");
    const params = { by: "month", order: "time", include_partial: "true", convention };
    $("monthly-csv").href = dataUrl(`rankings/${encodeURIComponent(category)}`, { ...params, format: "csv" });
    $("monthly-chart").classList.add("loading");
    try {
      const body = await api(dataUrl(`rankings/${encodeURIComponent(category)}`, params));
      if (!current("monthly", token)) return;
      drawMonthly(body);
    } catch (e) {
      if (current("monthly", token)) {
        clearChart("monthly");
        showError("monthly-error", `Could not load the monthly ranking of ${labelOf(category)}`, e);
      }
    } finally {
      if (current("monthly", token)) $("monthly-chart").classList.remove("loading");
    }
  }

  const TOP = 5;

  function drawMonthly(body) {
    const ranking = body.ranking || {};
    const periods = (Array.isArray(ranking.periods) ? ranking.periods : []).slice().sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const label = labelOf(ranking.category || state.category);
    $("monthly-title").textContent = `Monthly totals and ranks: ${label}`;
    const ranked = periods.filter((p) => isNum(p.rank) && !p.incomplete).length;
    replace(
      $("monthly-caption"),
      metaCaption(body.meta, `${label}, ${periods.length} months; ${ranking.ranked != null ? fmtInt(ranking.ranked) : ranked} ranked${ranking.as_of ? ` as of ${fmtDate(ranking.as_of)}` : ""}.`),
    );
    replace(
      $("monthly-legend"),
      legendKey(COLORS.top, `Top ${TOP} complete months`),
      legendKey(COLORS.month, "Other complete months"),
      legendKey(COLORS.partial, "Partial month (first, or in progress)"),
    );
    const container = $("monthly-chart");
    if (!periods.length) {
      if (state.charts.monthly) state.charts.monthly.destroy();
      delete state.charts.monthly;
      replace(container, h("p", { class: "empty" }, "No months to show."));
      replace($("monthly-top"));
      return;
    }
    const isTop = (p) => !p.incomplete && isNum(p.rank) && p.rank <= TOP;
    const isPartial = (p) => !!p.incomplete;
    const x = periods.map((p) => (ts(p.period_start || p.start) + ts(p.period_end || p.end)) / 2 + DAY / 2);
    const top = periods.map((p) => (isTop(p) ? p.total : null));
    const other = periods.map((p) => (!isTop(p) && !isPartial(p) ? p.total : null));
    const partial = periods.map((p) => (isPartial(p) ? p.total : null));

    const bars = uPlot.paths.bars({ size: [0.78, 26], gap: 1 });
    const opts = baseOptions(container, "monthly");
    opts.axes = axes();
    opts.legend = { show: false };
    opts.cursor = { drag: { x: true, y: false, setScale: true }, points: { show: false } };
    opts.scales.y = { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] };
    opts.series = [
      { label: "Month" },
      { label: `Top ${TOP}`, fill: COLORS.top, stroke: COLORS.top, width: 0, paths: bars, points: { show: false } },
      { label: "Complete", fill: COLORS.month, stroke: COLORS.month, width: 0, paths: bars, points: { show: false } },
      { label: "Partial", fill: COLORS.partial, stroke: COLORS.partial, width: 0, paths: bars, points: { show: false } },
    ];
    const hover = $("monthly-hover");
    const describe = (p) => {
      const parts = [h("strong", {}, fmtMonth(p.label || p.start)), `: ${fmtInt(p.total)} (${fmtDec(p.daily_average)} a day, ${fmtInt(p.days)} days)`];
      if (isNum(p.rank) && !p.incomplete) parts.push(" · rank ", rankBadge(p.rank, ranking.ranked), " among complete months");
      if (p.incomplete) parts.push(` · partial (${String(p.incomplete).replace(/_/g, " ")})`);
      if (isNum(p.pace_rank)) parts.push(" · pace ", rankBadge(p.pace_rank, ranking.ranked));
      return parts;
    };
    const restHover = () => replace(hover, "Point at a bar for its total and rank.");
    opts.hooks = {
      setCursor: [
        (u) => {
          const i = u.cursor.idx;
          if (i === null || i === undefined || !periods[i]) restHover();
          else replace(hover, describe(periods[i]));
        },
      ],
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.font = `700 ${px(11)}px "Segoe UI", system-ui, "DejaVu Sans", sans-serif`;
          ctx.textAlign = "center";
          ctx.textBaseline = "bottom";
          ctx.fillStyle = COLORS.top;
          const pitch = x.length > 1 ? Math.abs(u.valToPos(x[1], "x") - u.valToPos(x[0], "x")) : 100;
          periods.forEach((p, i) => {
            if (!isTop(p) || (pitch < 15 && p.rank > 1)) return;
            const cx = u.valToPos(x[i], "x", true);
            const cy = u.valToPos(p.total, "y", true);
            if (cx < u.bbox.left || cx > u.bbox.left + u.bbox.width) return;
            ctx.fillText(`#${p.rank}`, cx, cy - px(3));
          });
          ctx.restore();
        },
      ],
    };
    mount("monthly", container, opts, [x, top, other, partial]);
    restHover();
    const best = periods.filter(isTop).sort((a, b) => a.rank - b.rank);
    replace(
      $("monthly-top"),
      best.map((p) => h("li", {}, h("span", { class: "badge rank-top" }, `#${p.rank}`), `${fmtMonth(p.label || p.start)} · ${fmtInt(p.total)}`)),
    );
  }

  // ------------------------------------------------------------------ forecast

  /** The next round figure above `value`: steps of a power of ten two digits below its size
   * (1,456,610 → 1,500,000; 12,251 → 13,000; 35 → 36). */
  function nextRound(value) {
    if (!isNum(value) || value < 0) return null;
    const digits = Math.max(1, Math.floor(Math.log10(Math.max(1, value))) + 1);
    const step = Math.pow(10, Math.max(0, digits - 2));
    return (Math.floor(value / step) + 1) * step;
  }

  async function loadForecast(series) {
    const token = nextToken("forecast");
    const { category, convention } = state;
    clearError("forecast-error");
    const rows = Array.isArray(series.rows) ? series.rows : [];
    const last = rows[rows.length - 1];
    const container = $("forecast-chart");
    if (!last || !isNum(last.cumulative)) {
      container.classList.remove("loading");
      replace(container, h("p", { class: "empty" }, "No cumulative series to forecast."));
      return;
    }
    const info = state.categories.find((c) => c.id === category);
    if (info && info.stopped) {
      clearChart("forecast", `${labelOf(category)} stopped being reported${info.last_report ? ` after the report of ${fmtDate(info.last_report)}` : ""}: there is nothing to forecast.`);
      $("forecast-title").textContent = `Cumulative count and forecast: ${labelOf(category)}`;
      $("forecast-csv").removeAttribute("href");
      replace($("forecast-caption"), metaCaption(series.meta, `${labelOf(category)}: the last cumulative count is ${fmtInt(last.cumulative)} (${fmtDate(last.day)}).`));
      return;
    }
    const reach = nextRound(last.cumulative);
    // A horizon long enough for the crossing at the recent rate (with room for the interval).
    const rate = last.averages && isNum(last.averages[1]) ? last.averages[1] : last.averages && isNum(last.averages[0]) ? last.averages[0] : null;
    let horizon = 90;
    if (isNum(rate) && rate > 0) horizon = Math.min(1461, Math.max(90, Math.ceil(((reach - last.cumulative) / rate) * 1.6) + 21));
    const params = { convention, reach, horizon };
    $("forecast-csv").href = dataUrl(`forecast/${encodeURIComponent(category)}`, { ...params, format: "csv" });
    container.classList.add("loading");
    try {
      const body = await api(dataUrl(`forecast/${encodeURIComponent(category)}`, params));
      if (!current("forecast", token)) return;
      drawForecast(series, body, reach);
    } catch (e) {
      if (current("forecast", token)) {
        clearChart("forecast");
        showError("forecast-error", `Could not load the forecast of ${labelOf(category)}`, e);
      }
    } finally {
      if (current("forecast", token)) container.classList.remove("loading");
    }
  }

  /** The day of a crossing field: "YYYY-MM-DD" or {day, report}; null when neither. */
  function dayOf(v) {
    if (isIsoDay(v)) return v;
    if (v && typeof v === "object") return isIsoDay(v.day) ? v.day : isIsoDay(v.report) ? v.report : null;
    return null;
  }

  function drawForecast(series, body, reach) {
    const f = body.forecast || {};
    const label = labelOf(f.category || series.category);
    $("forecast-title").textContent = `Cumulative count and forecast: ${label}`;
    const path = Array.isArray(f.path) ? f.path : [];
    const rows = series.rows || [];
    const crossing = f.crossing || null;
    const historyDays = Math.max(180, Math.min(path.length * 2, 1461));

    // crossing summary
    const items = [];
    const threshold = crossing && isNum(crossing.threshold) ? crossing.threshold : reach;
    items.push(h("div", { class: "item" }, h("span", { class: "label" }, "Next round figure"), h("span", { class: "value" }, fmtInt(threshold))));
    const q = crossing && Array.isArray(crossing.quantiles) ? crossing.quantiles : [];
    const beyond = crossing && crossing.searched_to ? `after ${fmtDate(crossing.searched_to)}` : "beyond the search";
    const openRange = (a, b) => (a && b ? fmtRange(a, b) : a ? `${fmtDate(a)} – ${beyond}` : "—");
    const qd = (i) => (q[i] && q[i].day ? q[i].day : null);
    const qr = (i) => (q[i] && q[i].report ? q[i].report : null);
    if (crossing && crossing.already) {
      const already = typeof crossing.already === "object" ? crossing.already.day || crossing.already.report : crossing.already;
      items.push(h("div", { class: "item" }, h("span", { class: "label" }, "Reached"), h("span", { class: "value" }, fmtDate(already))));
    } else if (qd(2)) {
      items.push(
        h(
          "div",
          { class: "item" },
          h("span", { class: "label" }, "Median crossing"),
          h("span", { class: "value", id: "forecast-median" }, fmtDate(qd(2))),
          qr(2) ? h("span", { class: "sub" }, ` report of ${fmtDate(qr(2))}`) : null,
        ),
      );
      items.push(
        h(
          "div",
          { class: "item" },
          h("span", { class: "label" }, "80% interval"),
          h("span", { class: "value", id: "forecast-interval" }, openRange(qd(1), qd(3))),
        ),
      );
      if (qd(0) || qd(4)) {
        items.push(
          h("div", { class: "item" }, h("span", { class: "label" }, "95% interval"), h("span", { class: "sub" }, openRange(qd(0), qd(4)))),
        );
      }
    } else {
      items.push(
        h(
          "div",
          { class: "item" },
          h("span", { class: "label" }, "Crossing"),
          h("span", { class: "sub" }, `not expected${crossing && crossing.searched_to ? ` by ${fmtDate(crossing.searched_to)}` : " within the horizon"}`),
        ),
      );
    }
    items.push(
      h(
        "div",
        { class: "item" },
        h("span", { class: "label" }, "Recent rate"),
        h("span", { class: "sub" }, `${fmtDec(f.recent_rate)} a day${f.rate_window ? ` over ${f.rate_window} days` : ""}`),
      ),
    );
    // With as_of, what happened afterwards (when the data now reach that far).
    const actualCrossing = crossing ? dayOf(crossing.actual) : null;
    const anyActualPath = path.some((p) => p && isNum(p.actual));
    if (actualCrossing) {
      const report = crossing.actual && typeof crossing.actual === "object" && isIsoDay(crossing.actual.report) ? crossing.actual.report : null;
      items.push(
        h(
          "div",
          { class: "item item-actual" },
          h("span", { class: "label" }, "Actually crossed"),
          h("span", { class: "value", id: "forecast-actual" }, fmtDate(actualCrossing)),
          report ? h("span", { class: "sub" }, ` report of ${fmtDate(report)}`) : null,
        ),
      );
    } else if (anyActualPath && crossing && !crossing.already) {
      const lastActual = path.filter((p) => p && isNum(p.actual)).pop();
      items.push(
        h(
          "div",
          { class: "item item-actual" },
          h("span", { class: "label" }, "Actually crossed"),
          h("span", { class: "sub", id: "forecast-actual" }, `not by ${fmtDate(lastActual.day)} (${fmtInt(lastActual.actual)} then)`),
        ),
      );
    }
    replace($("forecast-crossing"), items);
    replace(
      $("forecast-caption"),
      metaCaption(body.meta, `Model: ${f.model || "—"}${f.method ? ` (${f.method})` : ""}; ${fmtInt(historyDays)} days as reported, ${fmtInt(path.length)} days ahead.`),
    );
    replace(
      $("forecast-legend"),
      legendKey(COLORS.ink, "Reported"),
      legendKey(COLORS.median, "Median forecast"),
      legendKey(COLORS.fan80, "80% interval"),
      legendKey(COLORS.fan95, "95% interval"),
      legendKey(COLORS.threshold, `${fmtInt(threshold)}, and the 80% interval of its crossing`),
      anyActualPath ? legendKey(COLORS.actual, `What happened (as known now)${actualCrossing ? `, crossing ${fmtDate(actualCrossing)}` : ""}`) : null,
    );

    const container = $("forecast-chart");
    const lastDay = f.last_day && f.last_day.day ? f.last_day.day : rows.length ? rows[rows.length - 1].day : null;
    const lastTs = lastDay ? ts(lastDay) : null;
    const hist = rows.filter((r) => isNum(r.cumulative) && lastTs !== null && ts(r.day) > lastTs - historyDays * DAY && ts(r.day) <= lastTs);
    const fut = path.filter((p) => p.day && lastTs !== null && ts(p.day) > lastTs && Array.isArray(p.quantiles));
    const n = hist.length + fut.length;
    const x = new Array(n);
    const reported = new Array(n).fill(null);
    const qs = [0, 1, 2, 3, 4].map(() => new Array(n).fill(null));
    const actual = new Array(n).fill(null);
    hist.forEach((r, i) => {
      x[i] = ts(r.day);
      reported[i] = r.cumulative;
    });
    if (hist.length) {
      const lastValue = isNum(f.last_value) ? f.last_value : hist[hist.length - 1].cumulative;
      for (const a of qs) a[hist.length - 1] = lastValue; // the fan opens at the last report
    }
    let anyActual = false;
    fut.forEach((p, j) => {
      const i = hist.length + j;
      x[i] = ts(p.day);
      p.quantiles.forEach((v, k) => {
        if (k < 5) qs[k][i] = isNum(v) ? v : null;
      });
      if (isNum(p.actual)) {
        actual[i] = p.actual;
        anyActual = true;
      }
    });
    if (!n) {
      replace(container, h("p", { class: "empty" }, "Nothing to draw."));
      return;
    }
    if (anyActual && hist.length) actual[hist.length - 1] = reported[hist.length - 1]; // the actual path starts at the last report
    const actualTs = actualCrossing ? ts(actualCrossing) : null;

    const crossDays = [qd(1), qd(2), qd(3)].map((d) => (d ? ts(d) : null));
    const opts = baseOptions(container, "forecast");
    opts.axes = axes();
    opts.scales.y = {
      range: (u, min, max) => {
        let hi = max;
        if (isNum(threshold) && threshold > hi && threshold < max * 1.5) hi = threshold;
        const pad = (hi - min) * 0.06 || 1;
        return [min - pad, hi + pad];
      },
    };
    const fanLine = (alpha) => `rgba(11, 99, 165, ${alpha})`;
    opts.series = [
      { label: "Day", value: dateValue },
      { label: "Reported", value: intValue, stroke: COLORS.ink, width: 2, points: { show: false } },
      { label: "97.5%", value: intValue, stroke: fanLine(0.25), width: 1, points: { show: false } },
      { label: "90%", value: intValue, stroke: fanLine(0.45), width: 1, points: { show: false } },
      { label: "Median", value: intValue, stroke: COLORS.median, width: 2, dash: [6, 4], points: { show: false } },
      { label: "10%", value: intValue, stroke: fanLine(0.45), width: 1, points: { show: false } },
      { label: "2.5%", value: intValue, stroke: fanLine(0.25), width: 1, points: { show: false } },
    ];
    const data = [x, reported, qs[4], qs[3], qs[2], qs[1], qs[0]];
    if (anyActual) {
      opts.series.push({ label: "What happened", value: intValue, stroke: COLORS.actual, width: 2.5, points: { show: false } });
      data.push(actual);
    }
    opts.bands = [
      { series: [2, 6], fill: COLORS.fan95 },
      { series: [3, 5], fill: COLORS.fan80 },
    ];
    opts.hooks = {
      drawClear: [
        (u) => {
          // the crossing's 80% interval, shaded behind the lines
          if (!crossDays[0] || !crossDays[2]) return;
          const left = Math.max(u.bbox.left, u.valToPos(crossDays[0], "x", true));
          const right = Math.min(u.bbox.left + u.bbox.width, u.valToPos(crossDays[2] + DAY, "x", true));
          if (right <= left) return;
          u.ctx.save();
          u.ctx.fillStyle = COLORS.crossing;
          u.ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
          u.ctx.restore();
        },
      ],
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.beginPath();
          ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
          ctx.clip();
          if (isNum(threshold)) {
            const y = u.valToPos(threshold, "y", true);
            ctx.strokeStyle = COLORS.threshold;
            ctx.lineWidth = px(1.25);
            ctx.setLineDash([px(5), px(4)]);
            ctx.beginPath();
            ctx.moveTo(u.bbox.left, y);
            ctx.lineTo(u.bbox.left + u.bbox.width, y);
            ctx.stroke();
            ctx.setLineDash([]);
            ctx.font = `700 ${px(11)}px "Segoe UI", system-ui, "DejaVu Sans", sans-serif`;
            ctx.fillStyle = COLORS.threshold;
            ctx.textAlign = "left";
            ctx.textBaseline = "bottom";
            ctx.fillText(fmtInt(threshold), u.bbox.left + px(6), y - px(3));
          }
          if (crossDays[1]) {
            const cx = u.valToPos(crossDays[1], "x", true);
            ctx.strokeStyle = "#b07100";
            ctx.lineWidth = px(1.5);
            ctx.beginPath();
            ctx.moveTo(cx, u.bbox.top);
            ctx.lineTo(cx, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.font = `600 ${px(11)}px "Segoe UI", system-ui, "DejaVu Sans", sans-serif`;
            ctx.fillStyle = "#7a4e00";
            ctx.textAlign = "left";
            ctx.textBaseline = "top";
            const text = `median ${fmtDate(qd(2))}`;
            const w = ctx.measureText(text).width;
            const tx = cx + px(5) + w > u.bbox.left + u.bbox.width ? cx - px(5) - w : cx + px(5);
            ctx.fillText(text, tx, u.bbox.top + px(4));
          }
          if (isNum(actualTs)) {
            const cx = u.valToPos(actualTs, "x", true);
            ctx.strokeStyle = COLORS.actual;
            ctx.lineWidth = px(1.5);
            ctx.setLineDash([px(2), px(3)]);
            ctx.beginPath();
            ctx.moveTo(cx, u.bbox.top);
            ctx.lineTo(cx, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.setLineDash([]);
            ctx.font = `600 ${px(11)}px "Segoe UI", system-ui, "DejaVu Sans", sans-serif`;
            ctx.fillStyle = "#00684c";
            ctx.textAlign = "left";
            ctx.textBaseline = "top";
            const text = `actual ${fmtDate(actualCrossing)}`;
            const w = ctx.measureText(text).width;
            const tx = cx + px(5) + w > u.bbox.left + u.bbox.width ? cx - px(5) - w : cx + px(5);
            ctx.fillText(text, tx, u.bbox.top + px(20));
          }
          ctx.restore();
        },
      ],
    };
    opts.legend = { show: false };
    const hover = $("forecast-hover");
    const restHover = () => replace(hover, "Point at the chart for the forecast of a day.");
    opts.hooks.setCursor = [
      (u) => {
        const i = u.cursor.idx;
        if (i === null || i === undefined || !isNum(x[i])) return restHover();
        const day = fmtDate(isoOf(x[i]));
        if (isNum(reported[i])) return replace(hover, h("strong", {}, day), ": reported ", h("strong", {}, fmtInt(reported[i])));
        const parts = [h("strong", {}, day), ": median ", h("strong", {}, fmtInt(qs[2][i])), `; 80% interval ${fmtInt(qs[1][i])}–${fmtInt(qs[3][i])}; 95% ${fmtInt(qs[0][i])}–${fmtInt(qs[4][i])}`];
        if (isNum(actual[i])) parts.push("; what happened ", h("strong", {}, fmtInt(actual[i])));
        replace(hover, parts);
      },
    ];
    mount("forecast", container, opts, data);
    restHover();
  }

  // ------------------------------------------------------------------ independent estimates

  const PLOTTED = ["killed", "casualties", "named_killed"];
  const METRIC_WORDS = { killed: "killed", casualties: "casualties", named_killed: "killed, named one by one" };

  async function personnelSeries(convention) {
    const key = `${convention} ${state.asOf}`;
    if (state.personnel.has(key)) return state.personnel.get(key);
    const body = await api(dataUrl("series/personnel", { convention }));
    state.personnel.set(key, body);
    return body;
  }

  async function loadAssessments() {
    const token = nextToken("assessments");
    const { convention } = state;
    clearError("assessments-error");
    $("assessments-csv").href = dataUrl("assessments", { convention, format: "csv" });
    $("assessments-chart").classList.add("loading");
    try {
      const [body, personnel] = await Promise.all([api(dataUrl("assessments", { convention })), personnelSeries(convention)]);
      if (!current("assessments", token)) return;
      state.assessments = body;
      drawAssessments(body, personnel);
      renderAssessmentTable();
    } catch (e) {
      if (current("assessments", token)) {
        clearChart("assessments");
        showError("assessments-error", "Could not load the independent estimates", e);
      }
    } finally {
      if (current("assessments", token)) $("assessments-chart").classList.remove("loading");
    }
  }

  const assessmentDate = (a) => a.date || a.published || (a.scope && a.scope.end) || null;

  function pointValue(a) {
    if (isNum(a.best)) return a.best;
    if (isNum(a.low) && isNum(a.high)) return (a.low + a.high) / 2;
    return isNum(a.low) ? a.low : isNum(a.high) ? a.high : null;
  }

  function drawAssessments(body, personnel) {
    const list = Array.isArray(body.assessments) ? body.assessments : [];
    const rows = Array.isArray(personnel.rows) ? personnel.rows : [];
    const estimates = list
      .map((entry) => entry.assessment || entry)
      .filter((a) => a && a.side === "russia" && PLOTTED.includes(a.metric) && a.scope && a.scope.kind === "cumulative" && assessmentDate(a) && isNum(pointValue(a)))
      .map((a) => ({ a, t: ts(assessmentDate(a)), v: pointValue(a), lo: isNum(a.low) ? a.low : null, hi: isNum(a.high) ? a.high : null }))
      .filter((e) => isNum(e.t));
    replace(
      $("assessments-caption"),
      metaCaption(
        body.meta,
        `Line: the General Staff's personnel losses (killed and wounded), cumulative. Points: ${estimates.length} published estimates of Russian killed or casualties since 24 Feb 2022, at the date each refers to.`,
      ),
    );
    replace(
      $("assessments-legend"),
      legendKey(COLORS.ink, "General Staff: personnel losses"),
      PLOTTED.map((m) => legendKey(COLORS[m], `Estimate: ${METRIC_WORDS[m]}`, true)),
    );
    const container = $("assessments-chart");
    if (!rows.length) {
      replace(container, h("p", { class: "empty" }, "No personnel series."));
      return;
    }
    const x = rows.map((r) => ts(r.day));
    const y = rows.map((r) => (isNum(r.cumulative) ? r.cumulative : null));
    const maxEstimate = estimates.reduce((m, e) => Math.max(m, e.hi !== null ? e.hi : e.v), 0);
    const minT = Math.min(x[0], ...estimates.map((e) => e.t));
    const maxT = Math.max(x[x.length - 1], ...estimates.map((e) => e.t));
    const opts = baseOptions(container, "assessments");
    opts.axes = axes();
    opts.scales.x = { time: true, range: (u, min, max) => [Math.min(min, minT - 10 * DAY), Math.max(max, maxT + 10 * DAY)] };
    opts.scales.y = { range: (u, min, max) => [0, Math.max(max, maxEstimate) * 1.06 || 1] };
    opts.series = [
      { label: "Day", value: dateValue },
      { label: "General Staff personnel", value: intValue, stroke: COLORS.ink, width: 2, points: { show: false } },
    ];
    const hover = $("assessments-hover");
    const restHover = () => replace(hover, "Point at an estimate for its source.");
    let placed = [];
    opts.hooks = {
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.beginPath();
          ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
          ctx.clip();
          placed = [];
          // economist rows first (small), curated ones above them (larger, ringed)
          const ordered = estimates.slice().sort((p, q) => (p.a.origin === "curated") - (q.a.origin === "curated"));
          for (const e of ordered) {
            const color = COLORS[e.a.metric];
            const cx = u.valToPos(e.t, "x", true);
            const cy = u.valToPos(e.v, "y", true);
            const big = e.a.origin !== "economist";
            if (e.lo !== null && e.hi !== null && e.hi > e.lo) {
              const y1 = u.valToPos(e.lo, "y", true);
              const y2 = u.valToPos(e.hi, "y", true);
              ctx.strokeStyle = color;
              ctx.globalAlpha = big ? 0.9 : 0.35;
              ctx.lineWidth = px(big ? 2 : 1);
              ctx.beginPath();
              ctx.moveTo(cx, y1);
              ctx.lineTo(cx, y2);
              if (big) {
                ctx.moveTo(cx - px(4), y1);
                ctx.lineTo(cx + px(4), y1);
                ctx.moveTo(cx - px(4), y2);
                ctx.lineTo(cx + px(4), y2);
              }
              ctx.stroke();
            }
            ctx.globalAlpha = big ? 1 : 0.75;
            ctx.fillStyle = color;
            ctx.beginPath();
            ctx.arc(cx, cy, px(big ? 4.5 : 2.2), 0, 2 * Math.PI);
            ctx.fill();
            if (big) {
              ctx.lineWidth = px(1.5);
              ctx.strokeStyle = "#fff";
              ctx.stroke();
            }
            placed.push({ e, cx: cx / uPlot.pxRatio, cy: cy / uPlot.pxRatio });
          }
          ctx.restore();
        },
      ],
      setCursor: [
        (u) => {
          const { left, top } = u.cursor;
          if (!isNum(left) || left < 0) return restHover();
          let best = null;
          let bestD = 100; // px², i.e. within 10 px
          for (const p of placed) {
            const dx = p.cx - left;
            const dy = p.cy - top;
            const d = dx * dx + dy * dy;
            if (d < bestD) {
              bestD = d;
              best = p.e;
            }
          }
          if (!best) return restHover();
          const a = best.a;
          replace(
            hover,
            h("strong", {}, a.organisation || a.id),
            `, ${fmtDate(assessmentDate(a))}: ${METRIC_WORDS[a.metric] || a.metric} `,
            h("strong", {}, estimateText(a)),
          );
        },
      ],
    };
    opts.legend = { show: false };
    mount("assessments", container, opts, [x, y]);
    restHover();
  }

  const QUALIFIER_WORDS = { about: "about", at_least: "at least", more_than: "more than", up_to: "up to", nearly: "nearly", less_than: "less than" };
  const RATE_WORDS = { per_day: "a day", per_week: "a week", per_month: "a month", per_year: "a year" };

  function estimateText(a) {
    const q = QUALIFIER_WORDS[a.qualifier] ? `${QUALIFIER_WORDS[a.qualifier]} ` : "";
    if (isNum(a.low) && isNum(a.high) && a.low !== a.high) {
      return `${fmtInt(a.low)}–${fmtInt(a.high)}${isNum(a.best) ? ` (best ${fmtInt(a.best)})` : ""}`;
    }
    const v = pointValue(a);
    let unit = "";
    if (a.scope && a.scope.kind === "rate" && RATE_WORDS[a.scope.per]) unit = ` ${RATE_WORDS[a.scope.per]}`;
    return `${q}${fmtInt(v)}${unit}`;
  }

  function renderAssessmentTable() {
    const body = state.assessments;
    if (!body) return;
    const list = Array.isArray(body.assessments) ? body.assessments : [];
    const search = $("assessments-search").value.trim().toLowerCase();
    const origin = $("assessments-origin").value;
    const shown = list
      .filter((entry) => {
        const a = entry.assessment || {};
        if (origin && a.origin !== origin) return false;
        if (!search) return true;
        const hay = [a.id, a.organisation, a.metric, a.side, a.method, a.cited_in, a.note, entry.definitions].join(" ").toLowerCase();
        return hay.includes(search);
      })
      .sort((p, q) => {
        const dp = assessmentDate(p.assessment || {}) || "";
        const dq = assessmentDate(q.assessment || {}) || "";
        return dp < dq ? 1 : dp > dq ? -1 : 0;
      });
    const fragment = document.createDocumentFragment();
    for (const entry of shown) {
      const a = entry.assessment || {};
      const s = entry.series || null;
      const ratio = isNum(entry.ratio) ? entry.ratio : s && isNum(s.ratio) ? s.ratio : null;
      let scope = "";
      if (a.scope && a.scope.kind === "period") scope = `${fmtRange(a.scope.start, a.scope.end)}`;
      else if (a.scope && a.scope.kind === "cumulative") scope = `since ${fmtDate(a.scope.since)}`;
      else if (a.scope && a.scope.kind === "rate") scope = `${RATE_WORDS[a.scope.per] || "a rate"}${a.scope.start ? `, ${fmtRange(a.scope.start, a.scope.end)}` : ""}`;
      fragment.append(
        h(
          "tr",
          {},
          h("td", { class: "num" }, fmtDate(assessmentDate(a)), a.date_precision && a.date_precision !== "day" ? h("span", { class: "sub" }, `to the ${a.date_precision}`) : null),
          h("td", { class: "org-cell" }, h("span", { class: "org" }, a.organisation || a.id), a.method ? h("span", { class: "sub", title: a.method }, a.method) : null),
          h("td", { class: "metric-cell" }, `${capitalise(a.side || "—")} · ${(a.metric || "—").replace(/_/g, " ")}`, scope ? h("span", { class: "sub" }, scope) : null),
          h("td", { class: "num" }, estimateText(a)),
          h("td", { class: "num", title: s && s.computed ? s.computed : "" }, s && isNum(s.value) ? fmtInt(s.value) : "—"),
          h("td", { class: "num" }, ratio !== null ? `${Math.round(ratio * 100)}%` : "—"),
          h("td", { class: "defs", tabindex: entry.definitions ? "0" : null }, h("span", {}, entry.definitions || "")),
        ),
      );
    }
    const tbody = $("assessments-table").tBodies[0];
    tbody.replaceChildren(fragment);
    if (!shown.length) tbody.append(h("tr", {}, h("td", { colspan: "7", class: "empty" }, "No estimate matches.")));
    $("assessments-count").textContent = `${shown.length} of ${list.length} estimates`;
  }

  // ------------------------------------------------------------------ claims

  const VERDICTS = {
    supported: { word: "Supported", icon: "✓" },
    contradicted: { word: "Contradicted", icon: "✗" },
    metric_mismatch: { word: "Metric mismatch", icon: "≠" },
    not_checkable: { word: "Not checkable", icon: "?" },
  };
  const verdictOf = (v) => VERDICTS[v] || { word: String(v || "unknown").replace(/_/g, " "), icon: "•" };
  const verdictClass = (v) => `v-${VERDICTS[v] ? v : "not_checkable"}`;
  const verdictBadge = (v) => h("span", { class: `verdict ${verdictClass(v)}` }, h("span", { "aria-hidden": "true" }, verdictOf(v).icon), verdictOf(v).word);

  const EXAMPLE = {
    date: "2024-10-01",
    text:
      "Kyiv, 1 October. Russia lost 38,130 troops in September, according to the General Staff, " +
      "one of the heaviest months of the war. Over the past day, 1,370 Russian soldiers were killed " +
      "and 9 tanks were destroyed. Since the start of the full-scale invasion Russia has lost " +
      "about 654,000 personnel, the General Staff said.",
  };

  async function checkClaims(event) {
    event.preventDefault();
    const text = $("claims-text").value;
    const date = $("claims-date").value;
    clearError("claims-error");
    if (!text.trim()) {
      showError("claims-error", "Nothing to check", new Error("paste an article into the text box first"));
      return;
    }
    if (!date) {
      showError("claims-error", "No date", new Error("give the day the text was published: claims are checked against the reports available then"));
      return;
    }
    const button = $("claims-check");
    button.disabled = true;
    button.textContent = "Checking…";
    const token = nextToken("claims");
    try {
      const body = await api(apiUrl("claims/check"), {
        method: "POST",
        headers: { Accept: "application/json", "Content-Type": "application/json" },
        body: JSON.stringify({ text, date }),
      });
      if (current("claims", token)) renderClaims(text, body);
    } catch (e) {
      if (current("claims", token)) {
        showError("claims-error", "Could not check the text", e);
        $("claims-results").hidden = true;
      }
    } finally {
      if (current("claims", token)) {
        button.disabled = false;
        button.textContent = "Check claims";
      }
    }
  }

  /** The text with every claim's span marked. Spans are byte offsets into the UTF-8 text. */
  function highlighted(text, claims) {
    const bytes = new TextEncoder().encode(text);
    const decoder = new TextDecoder("utf-8");
    const spans = claims
      .map((c, i) => ({ i, span: c.claim && Array.isArray(c.claim.span) ? c.claim.span : null, verdict: c.verdict }))
      .filter((s) => s.span && Number.isInteger(s.span[0]) && Number.isInteger(s.span[1]) && s.span[0] >= 0 && s.span[0] < s.span[1] && s.span[1] <= bytes.length)
      .sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
    const out = [];
    let at = 0;
    for (const s of spans) {
      const [start, end] = s.span;
      if (start < at) continue; // overlapping spans: the first one wins
      if (start > at) out.push(decoder.decode(bytes.subarray(at, start)));
      out.push(
        h(
          "mark",
          { class: verdictClass(s.verdict), id: `claim-mark-${s.i}`, title: `${s.i + 1}: ${verdictOf(s.verdict).word}`, dataset: { claim: String(s.i) } },
          decoder.decode(bytes.subarray(start, end)),
          h("sup", {}, String(s.i + 1)),
        ),
      );
      at = end;
    }
    if (at < bytes.length) out.push(decoder.decode(bytes.subarray(at)));
    return out;
  }

  function claimedValue(c) {
    if (c.kind === "rank" && isNum(c.low)) {
      const r = c.rank || {};
      const by = r.by === "daily_average" ? " by daily average" : "";
      return `${ordinal(c.low)} ${r.order === "lowest" ? "lowest" : "highest"} ${r.unit || "period"}${by}`;
    }
    const q = QUALIFIER_WORDS[c.qualifier] ? `${QUALIFIER_WORDS[c.qualifier]} ` : "";
    let v;
    if (isNum(c.low) && isNum(c.high)) v = c.low === c.high ? fmtInt(c.low) : `${fmtInt(c.low)}–${fmtInt(c.high)}`;
    else if (isNum(c.low)) v = `more than ${fmtInt(c.low)}`;
    else if (isNum(c.high)) v = `fewer than ${fmtInt(c.high)}`;
    else v = "—";
    const rate = c.rate ? ` ${RATE_WORDS[c.rate] || String(c.rate).replace(/_/g, " ")}` : "";
    const kind = c.kind === "projection" ? "reaching " : "";
    return `${kind}${q}${v}${rate}`;
  }

  const fmtTolerance = (v) => (isNum(v) && Number.isInteger(v) ? fmtInt(v) : fmtDec(v));

  function renderClaims(text, body) {
    const claims = Array.isArray(body.claims) ? body.claims : [];
    const results = $("claims-results");
    results.hidden = false;
    const counts = {};
    for (const c of claims) counts[c.verdict] = (counts[c.verdict] || 0) + 1;
    replace(
      $("claims-legend"),
      claims.length
        ? Object.keys(VERDICTS)
            .filter((v) => counts[v])
            .map((v) => h("span", { class: `verdict ${verdictClass(v)}` }, h("span", { "aria-hidden": "true" }, verdictOf(v).icon), `${counts[v]} ${verdictOf(v).word.toLowerCase()}`))
        : h("span", { class: "empty" }, "No numeric loss claims found in the text."),
    );
    replace($("claims-highlighted"), highlighted(text, claims));
    const items = claims.map((c, i) => {
      const claim = c.claim || {};
      const facts = [];
      const fact = (term, value) => facts.push(h("div", {}, h("dt", {}, term), h("dd", {}, value)));
      const isRank = claim.kind === "rank";
      fact("Claimed", claimedValue(claim));
      fact("Data", isNum(c.truth) ? (isRank ? ordinal(c.truth) : fmtInt(c.truth)) : "—");
      if (Array.isArray(c.accepted) && c.accepted.length === 2 && !isRank) {
        fact("Tolerance", c.accepted[0] === c.accepted[1] ? fmtTolerance(c.accepted[0]) : `${fmtTolerance(c.accepted[0])} to ${fmtTolerance(c.accepted[1])}`);
      }
      fact("Convention", [c.convention || "—", Array.isArray(c.matches) && c.matches.length ? h("span", { class: "muted" }, ` (agrees under ${c.matches.join(", ")})`) : ""]);
      if (claim.metric) fact("Metric", `${claim.side ? `${capitalise(claim.side)} · ` : ""}${String(claim.metric).replace(/_/g, " ").replace(/:/g, ": ")}`);
      if (Array.isArray(claim.period)) fact("Period", fmtRange(claim.period[0], claim.period[1]));
      if (claim.cumulative) fact("Period", "since 24 Feb 2022");
      if (isNum(c.probability)) fact("Probability", `${Math.round(c.probability * 100)}%`);
      if (claim.attribution) fact("Attributed to", claim.attribution);
      return h(
        "li",
        {
          id: `claim-${i}`,
          class: verdictClass(c.verdict).replace(/^v-/, "claim-"),
          dataset: { claim: String(i), verdict: c.verdict || "" },
          onmouseenter: () => toggleMark(i, true),
          onmouseleave: () => toggleMark(i, false),
        },
        h("div", { class: "claim-head" }, h("span", { class: "claim-num" }, `${i + 1}`), verdictBadge(c.verdict), h("span", { class: "claim-quote" }, `“${claim.quote || ""}”`)),
        h("dl", { class: "claim-facts" }, facts),
        c.evidence ? h("p", { class: "claim-evidence" }, c.evidence) : null,
      );
    });
    replace($("claims-list"), items);
    replace($("claims-caption"), metaCaption(body.meta, `Checked against the reports available on ${fmtDate(body.date)}.`));
  }

  function toggleMark(i, on) {
    const mark = $(`claim-mark-${i}`);
    if (mark) mark.classList.toggle("active", on);
  }

  // ------------------------------------------------------------------ wiring

  function selectCategory(id) {
    if (!id || id === state.category) return;
    state.category = id;
    $("category").value = id;
    writeHash();
    renderSummary();
    loadSeries();
    loadMonthly();
  }

  function selectConvention(value) {
    if (value === state.convention) return;
    state.convention = value;
    writeHash();
    loadSummary();
    loadSeries();
    loadMonthly();
    if (state.category !== "personnel") loadAssessments();
  }

  /** Shows everything as known on `value` ("" = the latest): every request again, with as_of. */
  async function selectAsOf(value) {
    const problem = asOfProblem(value);
    if (problem) {
      showError("errors", "Not a day the data can be shown as of", new Error(problem));
      return;
    }
    clearError("errors");
    if (value === state.asOf) return;
    state.asOf = value;
    showAsOf();
    writeHash();
    setPending(1); // the page is busy from here, not only while a request is in flight
    try {
      const before = state.category;
      await loadCategories();
      if (state.category !== before) writeHash();
      if (value !== state.asOf) return; // another day was chosen meanwhile
      await Promise.all([loadSummary(), loadSeries(), loadMonthly(), state.category === "personnel" ? null : loadAssessments()]);
    } finally {
      setPending(-1);
    }
  }

  function wire() {
    $("category").addEventListener("change", (e) => selectCategory(e.target.value));
    $("convention").addEventListener("change", (e) => selectConvention(e.target.value));
    const asOf = $("as-of");
    // "change" fires once a whole day is entered (typing or the calendar), and with "" when cleared.
    asOf.addEventListener("change", () => {
      selectAsOf(asOf.value).catch((err) => showError("errors", "Could not show the data as of that day", err));
    });
    $("as-of-clear").addEventListener("click", () => {
      asOf.value = "";
      selectAsOf("").catch((err) => showError("errors", "Could not show the latest data", err));
    });
    for (const b of document.querySelectorAll("#daily .seg button")) {
      b.addEventListener("click", () => applyDailyRange(state.charts.daily, b.dataset.range));
    }
    $("claims-form").addEventListener("submit", (e) => {
      checkClaims(e).catch((err) => showError("claims-error", "Could not check the text", err));
    });
    $("claims-example").addEventListener("click", () => {
      $("claims-text").value = EXAMPLE.text;
      $("claims-date").value = EXAMPLE.date;
      $("claims-text").focus();
    });
    const rerender = debounce(renderAssessmentTable, 120);
    $("assessments-search").addEventListener("input", rerender);
    $("assessments-origin").addEventListener("change", renderAssessmentTable);
    window.addEventListener("resize", resizeAll);
    window.addEventListener("hashchange", () => {
      const before = [state.category, state.convention];
      readHash();
      if (before[1] !== state.convention) {
        const c = state.convention;
        state.convention = before[1];
        $("convention").value = c;
        selectConvention(c);
      }
      if (before[0] !== state.category) {
        const c = state.category;
        state.category = before[0];
        selectCategory(c);
      }
    });
    // Anything that slips through is shown, not lost in the console.
    window.addEventListener("unhandledrejection", (e) => {
      e.preventDefault();
      showError("errors", "Unexpected error", e.reason instanceof Error ? e.reason : new Error(String(e.reason)));
    });
  }

  /** The picker's max when the page opened with as_of (its answers then stop at that day). */
  async function loadLastReport() {
    try {
      const body = await api("healthz");
      if (isIsoDay(body.last_report) && !state.lastReport) {
        state.lastReport = body.last_report;
        showAsOf();
      }
    } catch (_) {
      // the picker keeps no max: the server still rejects what it cannot answer
    }
  }

  async function start() {
    document.body.dataset.pending = "0";
    readHash();
    readAsOf();
    $("convention").value = state.convention;
    wire();
    if (typeof uPlot !== "function") {
      showError("errors", "The page is incomplete", new Error("the chart library vendor/uplot/uPlot.iife.min.js did not load"));
      return;
    }
    const ok = await loadCategories();
    if (ok) writeHash();
    try {
      await Promise.all([loadSummary(), loadSeries(), loadMonthly(), state.category === "personnel" ? null : loadAssessments(), state.asOf ? loadLastReport() : null]);
    } finally {
      document.body.dataset.ready = "true";
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => start().catch((e) => showError("errors", "The dashboard failed to start", e)));
  else start().catch((e) => showError("errors", "The dashboard failed to start", e));
})();
