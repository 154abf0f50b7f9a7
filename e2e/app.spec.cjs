// End-to-end tests of the release build, served under /crosscheck/ (a sub-path, like a
// GitHub Pages project page). Every test records all requests and fails if one leaves
// the page's origin, and fails on any page error or CSP violation.
const { test, expect, open, dropArticles } = require('./support.cjs');
const fs = require('fs');
const path = require('path');
const { bigBatch } = require('../scripts/big-batch.cjs');

const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

/// A full-page screenshot with every part of the page laid out: cards away from the view
/// are skipped by the browser (content-visibility), so the view is made as tall as the page.
async function fullPageShot(page, file) {
  const viewport = page.viewportSize();
  for (let i = 0; i < 3; i++) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (height <= page.viewportSize().height) break;
    await page.setViewportSize({ width: viewport.width, height });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  await page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true });
  await page.setViewportSize(viewport);
}

async function loadExample(page) {
  await page.locator('#load-example').click();
  await expect(page.locator('#analysed')).toContainText('Analysed 5 article(s)');
}

test('the example loads and every view shows the report', async ({ page }) => {
  await open(page);
  const t0 = Date.now();
  await loadExample(page);
  console.log(`example analysed in ${Date.now() - t0} ms after the click`);
  await expect(page.locator('#sources li')).toHaveCount(5);

  // No inline script anywhere, and a CSP that allows only the page's own files.
  expect(await page.locator('script:not([src])').count()).toBe(0);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-inline');

  // Disagreements: cards with two or more sides, outlets and highlighted evidence.
  const cards = page.locator('#disagreements .card');
  expect(await cards.count()).toBeGreaterThan(0);
  const first = cards.first();
  expect(await first.locator('.side').count()).toBeGreaterThan(1);
  await expect(first.locator('.outlets').first()).not.toBeEmpty();
  await expect(first.locator('.evidence mark').first()).not.toBeEmpty();
  // A quote wording disagreement shows its word-level diff.
  const quote = page.locator('#disagreements .card[data-kind="quote-wording"]');
  if ((await quote.count()) > 0) {
    expect(await quote.first().locator('.diff-changed').count()).toBeGreaterThan(0);
  }
  await fullPageShot(page, 'view-disagreements.png');

  // Keyboard: the tabs follow the arrow keys.
  await page.locator('#tab-disagreements').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#tab-coverage')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#tab-coverage')).toBeFocused();
  const cell = page.locator('#coverage td button').first();
  if ((await cell.count()) > 0) {
    await cell.click();
    await expect(page.locator('#cell-detail blockquote').first()).not.toBeEmpty();
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'view-coverage.png'), fullPage: true });

  await page.locator('#tab-entities').click();
  await expect(page.locator('#entities tbody tr').first()).toBeVisible();
  await page.locator('#type-filter').selectOption('PERSON');
  const types = await page.locator('#entities .type-chip').allTextContents();
  expect(types.length).toBeGreaterThan(0);
  expect(new Set(types)).toEqual(new Set(['PERSON']));
  // An entity's mention leads to its exact span in the reader.
  await page.locator('#entities .entity-name').first().click();
  const mention = page.locator('#entities .mentions button').first();
  const mentionText = (await mention.textContent()).split(' — ')[0];
  await page.screenshot({ path: path.join(ARTIFACTS, 'view-entities.png'), fullPage: true });
  await mention.click();
  await expect(page.locator('#tab-reader')).toHaveAttribute('aria-selected', 'true');
  const focused = page.locator('#reader .focus');
  await expect(focused.first()).toBeInViewport();
  expect((await focused.allTextContents()).join('')).toBe(mentionText);
  await expect(page.locator('#reader .ent').first()).toBeVisible();
  await page.screenshot({ path: path.join(ARTIFACTS, 'view-reader.png'), fullPage: false });
  // A disagreement flagged in the reader leads to its card.
  const toCard = page.locator('#reader .flagged .to-card').last();
  if ((await toCard.count()) > 0) {
    // Several cards may share a topic (one finding per group of outlets): the link names its card.
    const topic = (await toCard.textContent()).trim();
    const cardId = await toCard.getAttribute('data-card');
    await toCard.click();
    await expect(page.locator('#tab-disagreements')).toHaveAttribute('aria-selected', 'true');
    const card = page.locator(`#disagreements .card[id="${cardId}"]`);
    await expect(card).toBeInViewport();
    await expect(card.locator('h3')).toContainText(topic.replace(/…$/, ''));
  }

  await page.locator('#tab-timeline').click();
  await expect(page.locator('#timeline')).toBeVisible();
  if ((await page.locator('#timeline tbody tr').count()) > 0) {
    await expect(page.locator('#timeline .ctx mark').first()).not.toBeEmpty();
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'view-timeline.png'), fullPage: true });

  // Evidence of a disagreement scrolls the reader to its span.
  await page.locator('#tab-disagreements').click();
  const evidence = page.locator('#disagreements .evidence').first();
  if ((await evidence.count()) > 0) {
    const want = await evidence.locator('mark').textContent();
    await evidence.locator('.show-in-reader').click();
    await expect(page.locator('#reader .focus').first()).toBeInViewport();
    expect((await page.locator('#reader .focus').allTextContents()).join('')).toBe(want);
  }

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(ARTIFACTS, 'view-dark.png') });
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
});

test('pasting an article analyses it; a large input can be cancelled', async ({ page }) => {
  await open(page);
  await page.locator('#paste').fill('The minister said on Monday that 12 people were hurt in Ankara. «Nous sommes prêts», she added. 🚆');
  await page.locator('#add').click();
  await expect(page.locator('#paste')).toHaveValue('');
  await expect(page.locator('#sources li')).toHaveCount(1);
  await expect(page.locator('#analysed')).toContainText('Analysed 1 article(s)');

  // A large paste: the page stays responsive, shows progress, and cancel stops the worker.
  // Real article text (the examples), repeated to just under the 1 MB limit per article, so
  // the analysis runs long enough to be cancelled whatever the speed of the machine.
  const examples = path.join(__dirname, '..', 'www', 'examples');
  const articles = fs.readdirSync(examples).sort().map((f) => fs.readFileSync(path.join(examples, f), 'utf8')).join(' ').replace(/\s+/g, ' ');
  // No delayed reveal of the progress line (reduced motion): on a fast machine the whole
  // analysis can end within the 0.3 s that the line otherwise waits before it shows.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const large = articles.repeat(Math.floor(990_000 / Buffer.byteLength(articles)));
  for (let i = 0; i < 3; i++) { // three of them (~3 MB in all, under the 4 MB limit)
    await page.locator('#paste').fill(large);
    await page.locator('#add').click();
  }
  // Each add starts a new analysis: wait for the one of all four articles before cancelling
  // (a click while the status still shows three cancels that older run, and the new one runs on).
  await expect(page.locator('#status')).toContainText('Analysing 4 article(s)');
  await expect(page.locator('#cancel')).toBeVisible();
  expect(await page.evaluate(() => 1 + 1)).toBe(2); // the main thread answers while the worker runs
  await page.locator('#cancel').click();
  await expect(page.locator('#status')).toContainText('Analysis cancelled');
  await expect(page.locator('#sources li')).toHaveCount(4);
});

test('files are added from the picker and by dropping, and HTML runs nothing', async ({ page }) => {
  await open(page);
  await page.evaluate(() => { window.__ran = []; });
  page.on('dialog', (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
  await page.locator('#files').setInputFiles([
    { name: 'alpha.txt', mimeType: 'text/plain', buffer: Buffer.from('Alpha Agency reported that 30 people were hurt in Lyon on Friday.') },
    { name: 'beta.md', mimeType: 'text/markdown', buffer: Buffer.from('# Beta\n\nBeta News said **25 people** were hurt in Lyon on Friday.') },
  ]);
  await expect(page.locator('#sources li')).toHaveCount(2);

  const hostile = '<html><head><title>Gamma</title><script>window.__ran.push("script")</script></head><body>' +
    '<article><p>Gamma Times said 28 people were hurt in Lyon.</p>' +
    '<p><img src="x.png" onerror="window.__ran.push(\'onerror\')"><b onclick="window.__ran.push(1)">' +
    'Literal &lt;script&gt;alert(1)&lt;/script&gt; stays text.</b></p></article></body></html>';
  const dt = await page.evaluateHandle((html) => {
    const dt = new DataTransfer();
    dt.items.add(new File([html], 'gamma.html', { type: 'text/html' }));
    dt.items.add(new File(['Delta said 31 people were hurt.'], 'delta.txt', { type: 'text/plain' }));
    dt.items.add(new File(['binary'], 'photo.png', { type: 'image/png' }));
    return dt;
  }, hostile);
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: dt });
  await expect(page.locator('#sources li')).toHaveCount(4);
  await expect(page.locator('#notices')).toContainText('photo.png was not added');
  await expect(page.locator('#analysed')).toContainText('Analysed 4 article(s)');

  await page.locator('#tab-reader').click();
  await page.locator('.doc-choice', { hasText: 'gamma' }).click();
  const text = page.locator('#reader .doc-text .text');
  await expect(text).toContainText('<script>alert(1)</script>');
  expect(await page.locator('#reader .doc-text script, #reader .doc-text img, #reader .doc-text b').count()).toBe(0);
  expect(await page.evaluate(() => window.__ran)).toEqual([]);
});

test('the workspace survives a reload; storage faults are reported, not fatal', async ({ page }) => {
  await open(page);
  await loadExample(page);
  await page.locator('#outlet-000_c435bc74e0b9ae0f').fill('Outlet Ä');
  await page.locator('#outlet-000_c435bc74e0b9ae0f').press('Enter');
  await page.locator('button[aria-label="Remove 004_e9cbabe796c1e97b"]').click();
  await expect(page.locator('#sources li')).toHaveCount(4);
  await page.reload();
  await expect(page.locator('#sources li')).toHaveCount(4);
  await expect(page.locator('#outlet-000_c435bc74e0b9ae0f')).toHaveValue('Outlet Ä');
  await expect(page.locator('#analysed')).toContainText('Analysed 4 article(s)');

  // A damaged save: the readable articles come back, and the page says what happened.
  await page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem('crosscheck.workspace'));
    saved.sources.splice(1, 0, { id: 42 }, 'garbage');
    localStorage.setItem('crosscheck.workspace', JSON.stringify(saved));
  });
  await page.reload();
  await expect(page.locator('#notices')).toContainText('could not be read');
  await expect(page.locator('#sources li')).toHaveCount(4);

  // Quota exceeded on save: the articles stay in the page, with a message.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await page.locator('#paste').fill('One more article about the same event.');
  await page.locator('#add').click();
  await expect(page.locator('#notices')).toContainText('too large for the browser');
  await expect(page.locator('#sources li')).toHaveCount(5);

  await page.locator('#clear').click();
  await expect(page.locator('#sources li')).toHaveCount(0);
  await expect(page.locator('#empty')).toBeVisible();
});

test('with storage disabled the page still works and says so', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await open(page);
  await expect(page.locator('#notices')).toContainText('Browser storage is unavailable');
  await loadExample(page);
  await page.locator('button[aria-label="Remove 004_e9cbabe796c1e97b"]').click();
  await expect(page.locator('#analysed')).toContainText('Analysed 4 article(s)');
  await expect(page.locator('.notice', { hasText: 'storage' })).toHaveCount(1); // said once, not on every change
});

test('each export downloads content that parses', async ({ page }) => {
  await open(page);
  await loadExample(page);
  const read = async (id) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(id).click()]);
    return { name: download.suggestedFilename(), body: fs.readFileSync(await download.path(), 'utf8') };
  };
  const json = await read('#export-json');
  expect(json.name).toBe('crosscheck-report.json');
  const report = JSON.parse(json.body);
  expect(report.version).toBe(1);
  expect(report.documents.map((d) => d.id)).toHaveLength(5);

  const csv = await read('#export-csv');
  expect(csv.name).toBe('crosscheck-coverage.csv');
  const rows = parseCsv(csv.body);
  expect(rows.length).toBe(report.clusters.length + 1);
  for (const row of rows) expect(row.length).toBe(rows[0].length);

  const md = await read('#export-md');
  expect(md.name).toBe('crosscheck-briefing.md');
  expect(md.body).toMatch(/^# /);
});

/// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('a large batch: every view shows a window with its counts, and Show more adds the rest', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  const articles = bigBatch(200);
  await dropArticles(page, articles);
  await expect(page.locator('#sources li')).toHaveCount(200);
  await expect(page.locator('#analysed')).toContainText('Analysed 200 article(s)', { timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const report = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const name = (d) => (d.outlet && d.outlet.trim()) || d.id;
  expect(report.entities.length).toBeGreaterThan(100);
  expect(report.clusters.length).toBeGreaterThan(50);

  // Disagreements: every card counted by severity group.
  const groups = await page.locator('#disagreements .group-title').allTextContents();
  const counted = groups.map((g) => Number(g.match(/\((\d+)\)/)[1])).reduce((a, b) => a + b, 0);
  expect(counted).toBe(report.disagreements.length);
  await expect(page.locator('#disagreements .card')).toHaveCount(Math.min(50, report.disagreements.length));
  // Folded evidence is there once unfolded.
  const fold = page.locator('#disagreements details.more-evidence').first();
  if ((await fold.count()) > 0) {
    const more = Number((await fold.locator('summary').textContent()).match(/\d+/)[0]);
    await fold.locator('summary').click();
    await expect(fold.locator('.evidence')).toHaveCount(more);
    await expect(fold.locator('.evidence mark').first()).not.toBeEmpty();
  }

  // Entities: the first 50 rows, the count of all, then 50 more; outlet columns by page.
  await page.locator('#tab-entities').click();
  await expect(page.locator('#entity-count')).toHaveText(`${report.entities.length} entities`);
  const rows = page.locator('#entities tbody tr.entity');
  await expect(rows).toHaveCount(50);
  await expect(page.locator('#entities .show-more-count')).toHaveText(`Showing 50 of ${report.entities.length} entities.`);
  const later = report.entities[50].name;
  await expect(rows.locator('.entity-name', { hasText: later })).toHaveCount(0);
  await page.locator('#more-entities').click();
  await expect(rows).toHaveCount(Math.min(100, report.entities.length));
  await expect(rows.nth(50).locator('.entity-name')).toHaveText(later);
  await expect(page.locator('#entities .outlet-range')).toHaveText('Outlets 1–20 of 200');
  await expect(page.locator('#entities thead th')).toHaveCount(3 + 20);
  await expect(page.locator('#entities thead th').nth(3)).toHaveText(name(report.documents[0]));
  await page.locator('#entities .outlets-next').click();
  await expect(page.locator('#entities .outlet-range')).toHaveText('Outlets 21–40 of 200');
  await expect(page.locator('#entities thead th').nth(3)).toHaveText(name(report.documents[20]));
  // An entity with many mentions opens the first 50, then more, each a link to its span.
  const many = report.entities.slice(0, 100).findIndex((e) => e.mentions.length > 50);
  expect(many).toBeGreaterThanOrEqual(0);
  await rows.nth(many).locator('.entity-name').click();
  const mentions = page.locator('#entities .mentions li');
  await expect(mentions).toHaveCount(50);
  await page.locator('#more-mentions').click();
  await expect(mentions).toHaveCount(Math.min(100, report.entities[many].mentions.length));
  const m = report.entities[many].mentions[50];
  await expect(mentions.nth(50)).toHaveText(`${m.text} — ${name(report.documents.find((d) => d.id === m.doc))}`);
  await mentions.nth(50).locator('button').click();
  await expect(page.locator('#tab-reader')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator(`#reader .doc-text[data-doc="${m.doc}"]`)).toBeVisible();
  expect((await page.locator('#reader .focus').allTextContents()).join('')).toBe(m.text);

  // Coverage: 50 claim rows of all, then 50 more; a cell opens its sentences.
  await page.locator('#tab-coverage').click();
  const claimRows = page.locator('#coverage tbody tr');
  await expect(claimRows).toHaveCount(50);
  await expect(page.locator('#coverage .show-more-count')).toHaveText(`Showing 50 of ${report.clusters.length} claims.`);
  const first50 = await claimRows.locator('th').allTextContents();
  await page.locator('#more-claims').click();
  await expect(claimRows).toHaveCount(Math.min(100, report.clusters.length));
  const first100 = await claimRows.locator('th').allTextContents();
  expect(first100.slice(0, 50)).toEqual(first50);
  const summaries = new Set(report.clusters.map((c) => c.summary));
  for (const s of first100) expect(summaries.has(s)).toBe(true);
  await expect(page.locator('#coverage .outlet-range')).toHaveText('Outlets 1–20 of 200');
  await expect(claimRows.first().locator('td')).toHaveCount(20);
  await claimRows.nth(60).locator('td button').first().click();
  await expect(page.locator('#cell-detail blockquote').first()).not.toBeEmpty();

  // Timeline: the dates, counted when more than one window.
  await page.locator('#tab-timeline').click();
  await expect(page.locator('#timeline tbody tr').first()).toBeVisible();
  await expect(page.locator('#timeline .outlet-range')).toHaveText('Outlets 1–20 of 200');
  if ((await page.locator('#more-dates').count()) > 0) {
    await expect(page.locator('#timeline tbody tr')).toHaveCount(50);
    await page.locator('#more-dates').click();
    expect(await page.locator('#timeline tbody tr').count()).toBeGreaterThan(50);
  }

  // Reader: 50 article choices at a time (e2e/reader.spec.cjs tests the filter), and the
  // article shown (the mention's, above) listed too; the last article is found by its file name.
  await page.locator('#tab-reader').click();
  await expect(page.locator('#reader .show-more-count')).toHaveText('Showing 50 of 200 articles.');
  const shownAt = report.documents.findIndex((d) => d.id === m.doc);
  await expect(page.locator('#reader .doc-choice')).toHaveCount(shownAt < 50 ? 50 : 51);
  await expect(page.locator('#reader .doc-choice[aria-pressed="true"]')).toHaveAttribute('data-doc', m.doc);
  const last = report.documents[199];
  await page.locator('#doc-filter').fill(last.id);
  await page.locator(`#reader .doc-choice[data-doc="${last.id}"]`).click();
  await expect(page.locator(`#reader .doc-text[data-doc="${last.id}"]`)).toBeVisible();

  // Typing while the results are shown: the paste box keeps what is typed.
  await page.locator('#paste').pressSequentially('Typed while 200 articles are shown');
  await expect(page.locator('#paste')).toHaveValue('Typed while 200 articles are shown');
  await expect(page.locator('#add')).toBeEnabled();
});
