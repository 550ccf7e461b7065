#!/usr/bin/env node
// Loads the attrition dashboard in Debian's headless Chromium and checks it works:
//
//   node dashboard.mjs URL OUTDIR
//
// - no console errors, no uncaught page errors, no failed or 4xx/5xx request;
// - no request to any host but the server's (such requests are blocked and fail the run);
// - every chart's canvas has something drawn in colour (not only axes and grid);
// - choosing another category redraws the daily chart (its title and pixels change);
// - pasting an article with a date shows verdicts, and each highlighted span is the claim's quote;
// - the "as of" picker set to 2024-10-01 shows the report of that day everywhere (summary, captions,
//   CSV links, the address), the forecast draws what actually happened, the address keeps it across
//   a reload, and clearing it brings back the latest report;
// - a full-page screenshot is written to OUTDIR/dashboard.png (the latest data) and
//   OUTDIR/dashboard-asof.png (as of 2024-10-01).
//
// Prints a JSON summary on stdout; exits 1 with the failures on stderr when any check fails,
// 2 on wrong usage.

import { chromium } from "playwright-core";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const CHROMIUM = process.env.ATTRITION_CHROMIUM || "/usr/bin/chromium";
const CHARTS = ["daily-chart", "monthly-chart", "forecast-chart", "assessments-chart"];
const ARTICLE = { text: "Russia lost 38,130 troops in September, according to the General Staff.", date: "2024-10-01" };
// The same claim after multi-byte text: the spans are UTF-8 byte offsets, the page must convert them.
const ARTICLE_UTF8 = {
  text: "Київ — «Russia lost 38,130 troops in September», according to the General Staff 🇺🇦.",
  date: "2024-10-01",
};
const TIMEOUT = 60_000;
const AS_OF = { day: "2024-10-01", shown: "1 Oct 2024" };

const [url, outdir] = process.argv.slice(2);
if (!url || !outdir || !/^https?:\/\//.test(url)) {
  console.error("usage: node dashboard.mjs URL OUTDIR   (e.g. http://127.0.0.1:8080 /tmp/out)");
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: run .ci/run, or sudo apt-get install chromium`);
  process.exit(1);
}

const origin = new URL(url).origin;
const failures = [];
const fail = (message) => failures.push(message);
const summary = {
  url,
  chromium: CHROMIUM,
  console_errors: [],
  page_errors: [],
  foreign_requests: [],
  failed_requests: [],
  requests: 0,
  charts: {},
  csv: null,
  category_change: null,
  as_of: null,
  claims: null,
  screenshot: null,
};

/** Pixel statistics of the canvas inside `#id`: size, non-transparent share, saturated (series)
 * pixels, distinct colours and a hash to compare two drawings. */
async function canvasStats(page, id) {
  return page.evaluate((id) => {
    const canvas = document.querySelector(`#${id} canvas`);
    if (!canvas) return { present: false };
    const { width, height } = canvas;
    if (!width || !height) return { present: true, width, height, painted: 0, saturated: 0, colours: 0, hash: "0" };
    const copy = document.createElement("canvas");
    copy.width = width;
    copy.height = height;
    const ctx = copy.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(canvas, 0, 0);
    const data = ctx.getImageData(0, 0, width, height).data;
    let painted = 0;
    let saturated = 0;
    let hash = 0x811c9dc5;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0) {
        painted++;
        if (colours.size < 5000) colours.add((r << 24) | (g << 16) | (b << 8) | a);
        if (a > 40 && Math.max(r, g, b) - Math.min(r, g, b) > 60) saturated++;
      }
      hash = Math.imul(hash ^ r ^ (g << 8) ^ (b << 16) ^ (a << 24), 16777619) >>> 0;
    }
    return {
      present: true,
      width,
      height,
      painted: painted / (width * height),
      saturated,
      colours: colours.size,
      hash: hash.toString(16),
      dataUrlLength: canvas.toDataURL("image/png").length,
    };
  }, id);
}

/** How many canvas pixels inside `#id` are (nearly) the colour [r, g, b]. */
async function colourCount(page, id, rgb) {
  return page.evaluate(
    ([id, rgb]) => {
      const canvas = document.querySelector(`#${id} canvas`);
      if (!canvas || !canvas.width || !canvas.height) return 0;
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && Math.abs(data[i] - rgb[0]) < 24 && Math.abs(data[i + 1] - rgb[1]) < 24 && Math.abs(data[i + 2] - rgb[2]) < 24) n++;
      }
      return n;
    },
    [id, rgb],
  );
}

/** Waits until the page has no API request in flight (the page counts them in body[data-pending]). */
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.ready === "true" && document.body.dataset.pending === "0", null, {
    timeout: TIMEOUT,
  });
}

/** The text of `selector` now (null when absent): no waiting, the page has settled already. */
const textOf = (page, selector) => page.$eval(selector, (el) => el.textContent).catch(() => null);
const attrOf = (page, selector, name) => page.$eval(selector, (el, name) => el.getAttribute(name), name).catch(() => null);

async function visibleErrors(page) {
  return page.$$eval(".error-box", (boxes) => boxes.filter((b) => !b.hidden).map((b) => `#${b.id}: ${b.textContent.trim()}`));
}

async function checkArticle(page, article) {
  await page.fill("#claims-text", article.text);
  await page.fill("#claims-date", article.date);
  await page.click("#claims-check");
  await page.waitForFunction(
    () => {
      const results = document.getElementById("claims-results");
      const error = document.getElementById("claims-error");
      const button = document.getElementById("claims-check");
      return !button.disabled && ((results && !results.hidden) || (error && !error.hidden));
    },
    null,
    { timeout: TIMEOUT },
  );
  return page.evaluate(() => ({
    verdicts: [...document.querySelectorAll("#claims-list li")].map((li) => li.dataset.verdict),
    quotes: [...document.querySelectorAll("#claims-list .claim-quote")].map((q) => q.textContent.replace(/^“|”$/g, "")),
    marks: [...document.querySelectorAll("#claims-highlighted mark")].map((m) => {
      const copy = m.cloneNode(true);
      copy.querySelectorAll("sup").forEach((s) => s.remove());
      return { claim: Number(m.dataset.claim), text: copy.textContent };
    }),
    shown: document.getElementById("claims-highlighted").textContent,
    error: document.getElementById("claims-error").hidden ? null : document.getElementById("claims-error").textContent.trim(),
  }));
}

function checkClaimsResult(label, article, result) {
  if (result.error) return fail(`${label}: the claims box shows an error: ${result.error}`);
  if (!result.verdicts.length) return fail(`${label}: no verdict shown for ${JSON.stringify(article.text)}`);
  if (result.verdicts.some((v) => !v)) fail(`${label}: a claim without a verdict: ${JSON.stringify(result.verdicts)}`);
  if (!result.marks.length) fail(`${label}: no claim highlighted in the text`);
  for (const mark of result.marks) {
    const quote = result.quotes[mark.claim];
    if (quote !== undefined && mark.text !== quote) {
      fail(`${label}: highlighted ${JSON.stringify(mark.text)} but the claim's quote is ${JSON.stringify(quote)} (byte offsets not converted?)`);
    }
  }
  const shownPlain = result.shown.replace(/\d+(?=\s|$)/g, "");
  if (!shownPlain.includes("lost") || !result.shown.includes("General Staff")) fail(`${label}: the highlighted text lost words: ${JSON.stringify(result.shown)}`);
}

let context;
let userDataDir;
let exitCode = 0;
try {
  mkdirSync(outdir, { recursive: true });
  userDataDir = mkdtempSync(join(tmpdir(), "attrition-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    locale: "en-GB",
    timezoneId: "Europe/Kyiv",
    serviceWorkers: "block",
  });
  context.setDefaultTimeout(TIMEOUT);

  // Block and record every request that leaves the server's origin.
  await context.route("**/*", (route) => {
    const target = route.request().url();
    let foreign = false;
    try {
      const u = new URL(target);
      foreign = !["data:", "blob:"].includes(u.protocol) && u.origin !== origin;
    } catch (_) {
      foreign = true;
    }
    if (foreign) {
      summary.foreign_requests.push(target);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });

  const page = context.pages()[0] || (await context.newPage());
  page.on("console", (msg) => {
    if (msg.type() === "error") summary.console_errors.push(`${msg.text()} (${msg.location().url || "?"}:${msg.location().lineNumber ?? "?"})`);
  });
  page.on("pageerror", (error) => summary.page_errors.push(error.stack || String(error)));
  page.on("request", () => summary.requests++);
  page.on("requestfailed", (request) => {
    if (!summary.foreign_requests.includes(request.url())) summary.failed_requests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) summary.failed_requests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });

  const response = await page.goto(url, { waitUntil: "load", timeout: TIMEOUT });
  if (!response || !response.ok()) throw new Error(`GET ${url} answered ${response ? response.status() : "nothing"}`);
  await settled(page);

  const errorsAtLoad = await visibleErrors(page);
  for (const e of errorsAtLoad) fail(`error box shown after loading: ${e}`);

  const selectOptions = await page.$$eval("#category option", (o) => o.map((x) => x.value));
  if (selectOptions.length < 2) fail(`#category has ${selectOptions.length} option(s); expected every category`);
  for (const [id, min] of [["summary-kpis", 4], ["summary-cumulative", 5]]) {
    const n = await page.$$eval(`#${id} > *`, (l) => l.length);
    if (n < min) fail(`#${id} shows ${n} item(s), expected at least ${min}`);
  }
  for (const id of ["daily-caption", "monthly-caption", "forecast-caption", "assessments-caption"]) {
    const text = (await textOf(page, `#${id}`)) || "";
    if (!/Data version/.test(text) || !/Convention/.test(text) || !/Source/.test(text)) fail(`#${id} does not name source, convention and data version: ${JSON.stringify(text)}`);
  }
  for (const id of ["daily-csv", "monthly-csv", "forecast-csv", "assessments-csv"]) {
    const href = await attrOf(page, `#${id}`, "href");
    if (!href || !/format=csv/.test(href)) {
      fail(`#${id} is not a CSV link: ${href}`);
      continue;
    }
    // The link must give a CSV file (fetched by the page, so it goes through the same checks).
    const csv = await page.evaluate(async (href) => {
      const r = await fetch(href);
      const body = await r.text();
      return { status: r.status, type: r.headers.get("content-type"), lines: body.split("\n").length, head: body.slice(0, 60) };
    }, href);
    summary.csv = summary.csv || {};
    summary.csv[id] = { href, ...csv };
    if (csv.status !== 200 || !/^text\/csv/.test(csv.type || "") || csv.lines < 2) fail(`#${id} (${href}) did not give a CSV file: ${JSON.stringify(csv)}`);
  }
  const tableRows = await page.$$eval("#assessments-table tbody tr", (l) => l.length);
  if (tableRows < 2) fail(`the estimates table has ${tableRows} row(s)`);
  const crossing = (await textOf(page, "#forecast-crossing")) || "";
  if (!/80% interval/.test(crossing)) fail(`the forecast panel shows no crossing interval: ${JSON.stringify(crossing)}`);

  for (const id of CHARTS) {
    const stats = await canvasStats(page, id);
    summary.charts[id] = stats;
    if (!stats.present) fail(`#${id} has no canvas`);
    else if (!(stats.painted > 0.01 && stats.saturated >= 100 && stats.colours >= 8)) fail(`#${id} looks blank: ${JSON.stringify(stats)}`);
  }

  // Zoom and reset on the daily chart must not throw.
  await page.click('#daily .seg button[data-range="90"]');
  await page.click("#daily-reset");

  // Claims: multi-byte text first (offset conversion), then the plain article.
  const utf8 = await checkArticle(page, ARTICLE_UTF8);
  checkClaimsResult("multi-byte article", ARTICLE_UTF8, utf8);
  const plain = await checkArticle(page, ARTICLE);
  checkClaimsResult("article", ARTICLE, plain);
  summary.claims = { article: ARTICLE, verdicts: plain.verdicts, quotes: plain.quotes, marks: plain.marks.map((m) => m.text), utf8_marks: utf8.marks.map((m) => m.text) };

  await page.evaluate(() => window.scrollTo(0, 0));
  const screenshot = resolve(join(outdir, "dashboard.png"));
  await page.screenshot({ path: screenshot, fullPage: true });
  summary.screenshot = screenshot;

  // "As of": the page as known on AS_OF.day, then the latest again.
  {
    const consoleBefore = summary.console_errors.length + summary.page_errors.length;
    const latestReport = await textOf(page, "#summary-report");
    const bounds = { min: await attrOf(page, "#as-of", "min"), max: await attrOf(page, "#as-of", "max") };
    if (bounds.min !== "2022-02-25") fail(`#as-of has min ${JSON.stringify(bounds.min)}, expected "2022-02-25"`);
    if (!bounds.max || !/^\d{4}-\d{2}-\d{2}$/.test(bounds.max) || bounds.max < AS_OF.day) fail(`#as-of has max ${JSON.stringify(bounds.max)}, expected the latest report`);
    const greenBefore = await colourCount(page, "forecast-chart", [0, 158, 115]);
    await page.fill("#as-of", AS_OF.day);
    await page
      .waitForFunction((shown) => (document.getElementById("summary-report").textContent || "").includes(shown), AS_OF.shown, { timeout: TIMEOUT })
      .catch(() => fail(`setting #as-of to ${AS_OF.day} did not show the report of ${AS_OF.shown}`));
    await settled(page);
    const asOfView = async () => ({
      search: await page.evaluate(() => location.search),
      input: await page.$eval("#as-of", (el) => el.value).catch(() => null),
      report: await textOf(page, "#summary-report"),
      title: await textOf(page, "#summary-title"),
      daily_caption: await textOf(page, "#daily-caption"),
      crossing: await textOf(page, "#forecast-crossing"),
      legend: await textOf(page, "#forecast-legend"),
      csv: await page.$$eval("a.csv", (l) => l.map((a) => a.getAttribute("href"))),
      green: await colourCount(page, "forecast-chart", [0, 158, 115]),
      errors: await visibleErrors(page),
    });
    const checkAsOfView = (label, view) => {
      if (view.input !== AS_OF.day) fail(`${label}: #as-of holds ${JSON.stringify(view.input)}`);
      if (!new URLSearchParams(view.search).get("as_of") || new URLSearchParams(view.search).get("as_of") !== AS_OF.day) fail(`${label}: the address has no as_of=${AS_OF.day}: ${JSON.stringify(view.search)}`);
      if (!(view.report || "").includes(`Report of ${AS_OF.shown}`)) fail(`${label}: the summary does not say the report of ${AS_OF.shown}: ${JSON.stringify(view.report)}`);
      if (!new RegExp(`Data version: [^.]*${AS_OF.day}`).test(view.daily_caption || "")) fail(`${label}: the daily caption's data version is not ${AS_OF.day}: ${JSON.stringify(view.daily_caption)}`);
      if (!/Actually crossed/.test(view.crossing || "")) fail(`${label}: the forecast panel does not say what actually happened: ${JSON.stringify(view.crossing)}`);
      if (!/What happened/.test(view.legend || "")) fail(`${label}: the forecast legend has no actual line: ${JSON.stringify(view.legend)}`);
      if (!(view.green >= 150)) fail(`${label}: the forecast chart draws no actual line (${view.green} green pixels)`);
      const withoutAsOf = view.csv.filter((href) => !href || !href.includes(`as_of=${AS_OF.day}`));
      if (withoutAsOf.length) fail(`${label}: CSV links without as_of=${AS_OF.day}: ${JSON.stringify(withoutAsOf)}`);
      for (const e of view.errors) fail(`${label}: error box shown: ${e}`);
    };
    const set = await asOfView();
    checkAsOfView(`as of ${AS_OF.day}`, set);
    await page.evaluate(() => window.scrollTo(0, 0));
    const asOfShot = resolve(join(outdir, "dashboard-asof.png"));
    await page.screenshot({ path: asOfShot, fullPage: true });

    // The address keeps the view: a reload shows the same day.
    await page.reload({ waitUntil: "load", timeout: TIMEOUT });
    await settled(page);
    const reloaded = await asOfView();
    checkAsOfView(`reloaded ${AS_OF.day} view`, reloaded);

    // Cleared: the latest report again, and no as_of left anywhere.
    await page.fill("#as-of", "");
    await page
      .waitForFunction((latest) => document.getElementById("summary-report").textContent === latest, latestReport, { timeout: TIMEOUT })
      .catch(() => fail(`clearing #as-of did not bring back ${JSON.stringify(latestReport)}`));
    await settled(page);
    const cleared = await asOfView();
    if (cleared.search.includes("as_of")) fail(`the address keeps as_of after clearing: ${JSON.stringify(cleared.search)}`);
    if (cleared.csv.some((href) => href && href.includes("as_of"))) fail(`CSV links keep as_of after clearing: ${JSON.stringify(cleared.csv)}`);
    if (/Actually crossed/.test(cleared.crossing || "")) fail(`the forecast panel still shows an actual crossing after clearing: ${JSON.stringify(cleared.crossing)}`);
    for (const e of cleared.errors) fail(`error box shown after clearing #as-of: ${e}`);
    const consoleAfter = summary.console_errors.length + summary.page_errors.length;
    if (consoleAfter !== consoleBefore) fail(`the as-of step logged ${consoleAfter - consoleBefore} console/page error(s)`);
    summary.as_of = {
      day: AS_OF.day,
      bounds,
      report: set.report,
      title: set.title,
      daily_caption: set.daily_caption,
      crossing: set.crossing,
      green_pixels: { before: greenBefore, as_of: set.green, reloaded: reloaded.green, cleared: cleared.green },
      csv: set.csv,
      search: set.search,
      cleared_report: cleared.report,
      screenshot: asOfShot,
    };
  }

  // Another category redraws the daily chart.
  const before = { title: await textOf(page, "#daily-title"), stats: await canvasStats(page, "daily-chart") };
  const current = await page.$eval("#category", (el) => el.value).catch(() => null);
  const other = selectOptions.includes("tanks") && current !== "tanks" ? "tanks" : selectOptions.find((v) => v !== current);
  if (other) {
    await page.selectOption("#category", other);
    await page
      .waitForFunction((t) => document.getElementById("daily-title").textContent !== t, before.title, { timeout: TIMEOUT })
      .catch(() => fail(`choosing ${other} did not change the daily chart's title (${JSON.stringify(before.title)})`));
    await settled(page);
    const after = { title: await textOf(page, "#daily-title"), stats: await canvasStats(page, "daily-chart") };
    summary.category_change = { from: current, to: other, before: before.title, after: after.title, hash_before: before.stats.hash, hash_after: after.stats.hash };
    if (after.stats.hash === before.stats.hash) fail(`choosing ${other} left the daily chart's pixels unchanged`);
    if (!(after.stats.saturated >= 100)) fail(`after choosing ${other} the daily chart looks blank: ${JSON.stringify(after.stats)}`);
    for (const e of await visibleErrors(page)) fail(`error box shown after choosing ${other}: ${e}`);
  } else {
    fail("no second category to choose");
  }

  // And the other convention.
  await page.selectOption("#convention", "report-day");
  await settled(page);
  for (const e of await visibleErrors(page)) fail(`error box shown with the report-day convention: ${e}`);
  const caption = (await textOf(page, "#daily-caption")) || "";
  if (!/report-day/.test(caption)) fail(`the daily caption does not name the report-day convention: ${JSON.stringify(caption)}`);
} catch (error) {
  fail(`the run stopped: ${error && error.stack ? error.stack : error}`);
} finally {
  if (context) await context.close().catch(() => {});
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
}

for (const e of summary.console_errors) fail(`console error: ${e}`);
for (const e of summary.page_errors) fail(`page error: ${e}`);
for (const r of summary.foreign_requests) fail(`request to another host: ${r}`);
for (const r of summary.failed_requests) fail(`failed request: ${r}`);

summary.ok = failures.length === 0;
summary.failures = failures;
console.log(JSON.stringify(summary, null, 2));
if (failures.length) {
  console.error(`dashboard check failed (${failures.length}):`);
  for (const f of failures) console.error(`  - ${f}`);
  exitCode = 1;
}
process.exit(exitCode);
