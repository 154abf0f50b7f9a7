// Web benchmark: the gzipped size of every .wasm in dist/, and the time from page load to
// the first analysed example in headless Chromium (median of several cold loads, each in a
// fresh browser context, dist/ served under a sub-path by e2e/serve.cjs).
//   node scripts/bench-web.cjs [runs]      (after `trunk build --release`; scripts/bench-web.sh does both)
// Prints a JSON summary. "load_to_analysed_ms" runs from navigation start to the report
// being shown, with the click on "Load example" made as soon as the button exists;
// "warm_click_to_analysed_ms" from a click made 3 s after load (the worker warmed up).
const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, process.env.DIST || 'dist');
const PORT = Number(process.env.BENCH_PORT || 8095);
const RUNS = Number(process.argv[2] || 5);
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

(async () => {
  const server = spawn('node', [path.join(ROOT, 'e2e/serve.cjs'), String(PORT), DIST, '/crosscheck/'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
