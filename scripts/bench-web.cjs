// Web benchmark: the gzipped size of every .wasm in dist/, and the time from page load to
// the first analysed example in headless Chromium (median of several cold loads, each in a
// fresh browser context, dist/ served under a sub-path by e2e/serve.cjs).
//   node scripts/bench-web.cjs [runs]      (after `trunk build --release`; scripts/bench-web.sh does both)
// Prints a JSON summary. "load_to_analysed_ms" runs from navigation start to the report
// being shown, with the click on "Load example" made as soon as the button exists;
// "warm_click_to_analysed_ms" from a click made 3 s after load (the worker warmed up).
//
//   node scripts/bench-web.cjs big [runs] [articles]     (default 3 runs, 200 articles)
// The page with a big analysis: `articles` articles built from tests/fixtures/events/*/*.txt
// (each copy's paragraphs rotated) dropped at once on the drop zone as File objects, the
// way a user drops files. Reports, as medians over the runs: the time from the drop to the
// report shown and painted (the worker's analysis included) and the longest main-thread
// task meanwhile; the time from a click on each view's tab to the next frame; the time from
// a key typed in the reader's article filter, and in the paste box while the report is
// shown, to the next frame; the same for
// naming an outlet (a workspace change). Times are measured in the page (performance.now,
// a requestAnimationFrame then a task), long tasks with a PerformanceObserver. Set
// BENCH_REPORT=path to keep the exported report, DIST=dir to measure another build,
// BENCH_IDLE_MS=ms the time between the page's start and the drop (default 1500; the worker
// warms up for a few seconds after start, see src/web/js_api.rs).
const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.join(__dirname, '..');
const DIST = path.resolve(ROOT, process.env.DIST || 'dist');
const PORT = Number(process.env.BENCH_PORT || 8095);
const RUNS = Number(process.argv[2] || 5); // (default mode)
const URL = `http://127.0.0.1:${PORT}/crosscheck/`;

function sizes() {
  const out = {};
  let total = 0;
  for (const f of fs.readdirSync(DIST).filter((f) => f.endsWith('.wasm')).sort()) {
    const raw = fs.readFileSync(path.join(DIST, f));
    const gz = zlib.gzipSync(raw, { level: 9 }).length;
    out[f] = { raw: raw.length, gzip: gz };
    total += gz;
  }
  return { wasm: out, wasm_gzip_total: total };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

// ---- `big` mode: a large batch, dropped the way a user drops files -------------------------

const { bigBatch } = require('./big-batch.cjs');
// How long the page sits after "Load example" appears before the drop (a user choosing files).
const IDLE_MS = Number(process.env.BENCH_IDLE_MS || 1500);

/// Types `text` into `selector` key by key; the median time from key down to the next frame.
async function keysIn(page, selector, text) {
  await page.locator(selector).click();
  await page.evaluate((selector) => {
    window.__keys = [];
    document.querySelector(selector).addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      window.__settle().then((t1) => window.__keys.push(t1 - t0));
    }, true);
  }, selector);
  for (const ch of text) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(300);
  return Math.round(median(await page.evaluate(() => window.__keys)));
}

async function bigRun(browser, articles) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    // Waits for the next frame after the current work (rAF, then a task after it); resolves
    // to performance.now() then. (Defined here: the page's CSP forbids eval.)
    window.__settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(URL);
  await page.waitForSelector('#load-example');
  await page.waitForTimeout(IDLE_MS); // the worker has loaded (and warmed up, given time)
  const tasks = async () => page.evaluate(() => {
    const t = window.__tasks; window.__tasks = [];
    return { longest: Math.round(Math.max(0, ...t)), total: Math.round(t.reduce((a, b) => a + b, 0)) };
  });
  await tasks();
  // Drop every article at once; time until the report is shown and painted.
  const analyse = await page.evaluate(async (articles) => {
    const dt = new DataTransfer();
    for (const a of articles) dt.items.add(new File([a.text], a.name, { type: 'text/plain' }));
    const t0 = performance.now();
    document.querySelector('#drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    const want = `Analysed ${articles.length} article(s)`;
    await new Promise((resolve) => {
      const check = () => {
        const a = document.querySelector('#analysed');
        return a && a.textContent.includes(want);
      };
      if (check()) return resolve();
      const mo = new MutationObserver(() => { if (check()) { mo.disconnect(); resolve(); } });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const t1 = await window.__settle();
    return { ms: Math.round(t1 - t0), summary: document.querySelector('#analysed').textContent };
  }, articles);
  const out = { analyse_ms: analyse.ms, analyse_tasks: await tasks(), summary: analyse.summary };
  // Each view: click its tab, time until the next frame.
  out.views = {};
  for (const tab of ['entities', 'coverage', 'timeline', 'reader', 'disagreements']) {
    await page.waitForTimeout(300);
    await tasks();
    const ms = await page.evaluate(async (tab) => {
      const t0 = performance.now();
      document.querySelector(`#tab-${tab}`).click();
      return Math.round((await window.__settle()) - t0);
    }, tab);
    out.views[tab] = { ms, rows: await page.evaluate(() => document.querySelectorAll('#panel tr, #panel .card, #panel li').length), dom_nodes: await page.evaluate(() => document.getElementsByTagName('*').length) };
  }
  // Typing in the reader's article filter: key down to the next frame, per key.
  await page.locator('#tab-reader').click();
  await page.waitForTimeout(300);
  out.reader_filter_key_ms = await keysIn(page, '#doc-filter', 'post');
  await page.locator('#doc-filter').fill('');
  await page.locator('#tab-disagreements').click();
  await page.waitForTimeout(300);
  // Typing in the paste box while the results are shown: key down to the next frame, per key.
  await page.locator('#paste').click();
  await page.evaluate(() => {
    window.__keys = [];
    const area = document.querySelector('#paste');
    area.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      window.__settle().then((t1) => window.__keys.push(t1 - t0));
    }, true);
  });
  await tasks();
  for (const ch of 'The minister') {
    await page.keyboard.type(ch);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(300);
  const keys = await page.evaluate(() => window.__keys);
  out.type_key_ms = Math.round(median(keys));
  out.type_key_ms_max = Math.round(Math.max(...keys));
  out.type_tasks = await tasks();
  // Naming an outlet (a change of the workspace: saved, then analysed again).
  await page.waitForTimeout(300);
  const rename = await page.evaluate(async () => {
    const input = document.querySelector('#sources input.outlet');
    input.value = 'Renamed outlet';
    const t0 = performance.now();
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return Math.round((await window.__settle()) - t0);
  });
  out.rename_ms = rename;
  out.dom_nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  // The report's size, as the JSON export would write it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  out.report_json_bytes = fs.statSync(await download.path()).size;
  if (process.env.BENCH_REPORT) fs.copyFileSync(await download.path(), process.env.BENCH_REPORT); // keep it, to look into
  out.errors = errors;
  await context.close();
  return out;
}

async function big(runs, n) {
  const articles = bigBatch(n);
  const server = spawn('node', [path.join(ROOT, 'e2e/serve.cjs'), String(PORT), DIST, '/crosscheck/'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch(LAUNCH);
  const all = [];
  try {
    for (let i = 0; i < runs; i++) all.push(await bigRun(browser, articles));
  } finally {
    await browser.close();
    server.kill();
  }
  const med = (f) => median(all.map(f));
  const result = {
    mode: 'big', runs, articles: n, idle_ms: IDLE_MS,
    input_bytes: articles.reduce((s, a) => s + Buffer.byteLength(a.text), 0),
    report_json_bytes: all[0].report_json_bytes,
    summary: all[0].summary,
    drop_to_shown_ms: med((r) => r.analyse_ms),
    drop_longest_task_ms: med((r) => r.analyse_tasks.longest),
    drop_long_tasks_total_ms: med((r) => r.analyse_tasks.total),
    switch_to_view_ms: Object.fromEntries(Object.keys(all[0].views).map((v) => [v, med((r) => r.views[v].ms)])),
    view_items: Object.fromEntries(Object.keys(all[0].views).map((v) => [v, all[0].views[v].rows])),
    reader_filter_key_ms: med((r) => r.reader_filter_key_ms),
    type_key_ms: med((r) => r.type_key_ms),
    type_key_ms_max: med((r) => r.type_key_ms_max),
    rename_outlet_ms: med((r) => r.rename_ms),
    dom_nodes_at_end: all[0].dom_nodes,
    errors: [...new Set(all.flatMap((r) => r.errors))],
  };
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[2] === 'big') {
  big(Number(process.argv[3] || 3), Number(process.argv[4] || 200)).catch((e) => { console.error(e); process.exit(1); });
} else (async () => {
  const server = spawn('node', [path.join(ROOT, 'e2e/serve.cjs'), String(PORT), DIST, '/crosscheck/'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch(LAUNCH);
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(URL);
      await page.waitForSelector('#load-example');
      const ready = await page.evaluate(() => performance.now());
      await page.click('#load-example');
      await page.waitForSelector('#analysed', { timeout: 60_000 });
      const analysed = await page.evaluate(() => performance.now());
      const summary = await page.textContent('#analysed');
      runs.push({ app_ready_ms: Math.round(ready), load_to_analysed_ms: Math.round(analysed), summary });
      await context.close();
    }
    // A user who reads the page for 3 s first: the worker has warmed up by the click.
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(URL);
      await page.waitForSelector('#load-example');
      await page.waitForTimeout(3000);
      const click = await page.evaluate(() => performance.now());
      await page.click('#load-example');
      await page.waitForSelector('#analysed', { timeout: 60_000 });
      runs[i].warm_click_to_analysed_ms = Math.round((await page.evaluate(() => performance.now())) - click);
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const result = {
    runs: runs.length,
    app_ready_ms_median: median(runs.map((r) => r.app_ready_ms)),
    load_to_analysed_ms_median: median(runs.map((r) => r.load_to_analysed_ms)),
    load_to_analysed_ms_all: runs.map((r) => r.load_to_analysed_ms),
    warm_click_to_analysed_ms_median: median(runs.map((r) => r.warm_click_to_analysed_ms)),
    report: runs[0] && runs[0].summary,
    ...sizes(),
  };
  console.log(JSON.stringify(result, null, 2));
})().catch((e) => { console.error(e); process.exit(1); });
