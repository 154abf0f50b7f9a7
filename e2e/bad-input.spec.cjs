// The bad-input suite in the browser (the CLI half is tests/bad_input.rs): the release build
// fed what users may paste, pick or drop, as they would. Every case ends with a clear
// message or the correct result, the articles already there kept, and the page still
// answering; no dialog opens, nothing leaves the origin (support.cjs), no page error.
// Big inputs are made here, in the test, not committed. No case asserts a speed: the
// longest main-thread task is printed, for the record.
const { test, expect, open } = require('./support.cjs');
const fs = require('fs');

const KEPT = 'The mayor of Zürich said on Monday that 12 people were hurt. «Nous sommes prêts», she added. 🚑';

test.beforeEach(async ({ page }) => {
  page.on('dialog', (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await open(page);
  await paste(page, KEPT);
  await expect(page.locator('#analysed')).toContainText('Analysed 1 article(s)');
});

test.afterEach(async ({ page }, info) => {
  // The article added first is still there, whole, and the main thread still answers.
  await expect(page.locator('#sources li[data-id="doc-1"]')).toHaveCount(1);
  await answers(page);
  const longest = await page.evaluate(() => window.__longest);
  console.log(`${info.title}: longest main-thread task ${Math.round(longest)} ms`);
});

async function paste(page, text) {
  await page.locator('#paste').fill(text);
  await page.locator('#add').click();
}

async function pick(page, files) {
  await page.locator('#files').setInputFiles(files);
}

/// Drops files made in the page by `make(arg)` (a function returning an array of File).
async function drop(page, make, arg) {
  const dt = await page.evaluateHandle(([source, arg]) => {
    const files = new Function(`return (${source})`)()(arg); // eslint-disable-line no-new-func
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(f);
    return dt;
  }, [make.toString(), arg]);
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: dt });
}

/// The page handles input: a script round trip, and typing into the paste box.
async function answers(page) {
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  await page.locator('#paste').fill('still typing');
  await expect(page.locator('#paste')).toHaveValue('still typing');
  await page.locator('#paste').fill('');
}

/// Prints the longest main-thread task since the last step (for the record, not asserted).
async function step(page, what) {
  const longest = await page.evaluate(() => { const l = window.__longest; window.__longest = 0; return l; });
  console.log(`  ${what}: longest main-thread task ${Math.round(longest)} ms`);
}

async function notices(page) {
  return (await page.locator('#notices li span').allTextContents()).join('\n');
}

/// The text of one document as the reader shows it (a long one part after part).
async function readerText(page, id) {
  await page.locator('#tab-reader').click();
  await page.locator(`.doc-choice[data-doc="${id}"]`).click();
  await expect(page.locator(`#reader .doc-text[data-doc="${id}"]`)).toBeVisible();
  let text = await page.locator('#reader .doc-text .text').textContent();
  const next = page.locator('#reader .part-next').first();
  while ((await next.count()) > 0 && (await next.isEnabled())) {
    const number = await page.locator('#reader .part-number').first().textContent();
    await next.click();
    await expect(page.locator('#reader .part-number').first()).not.toHaveText(number);
    text += await page.locator('#reader .doc-text .text').textContent();
  }
  return text;
}

async function exportedReport(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  return JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
}

test('empty and whitespace-only files are refused by name', async ({ page }) => {
  await pick(page, [
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'blank.md', mimeType: 'text/markdown', buffer: Buffer.from(' \n\t \r\n \u00a0\u3000 ') },
  ]);
  await drop(page, () => [new File([''], 'dropped-empty.html'), new File(['\n\n   \n'], 'dropped-blank.txt')]);
  for (const name of ['empty.txt', 'blank.md', 'dropped-empty.html', 'dropped-blank.txt']) {
    await expect(page.locator('#notices')).toContainText(`${name} was not added: it is empty.`);
  }
  // Whitespace pasted cannot be added.
  await page.locator('#paste').fill('   \n\t  ');
  await expect(page.locator('#add')).toBeDisabled();
  await expect(page.locator('#sources li')).toHaveCount(1);
  await expect(page.locator('#analysed')).toContainText('Analysed 1 article(s)');
});

test('a 50 MB file, picked or dropped, is refused without being read', async ({ page }, info) => {
  const big = info.outputPath('big.txt');
  fs.writeFileSync(big, Buffer.alloc(50_000_000, 'Officials said twelve people were hurt. '));
  await pick(page, [big]);
  await expect(page.locator('#notices')).toContainText('big.txt was not added: it is 50.0 MB, over the limit of 1.0 MB per article.');
  await drop(page, (n) => [new File([new Uint8Array(n).fill(65)], 'dropped-big.txt', { type: 'text/plain' })], 50_000_000);
  await expect(page.locator('#notices')).toContainText('dropped-big.txt was not added: it is 50.0 MB');
  // A 50 MB paste is refused too, and stays in the box for the user to shorten.
  await page.locator('#paste').fill('x'.repeat(1_500_000));
  await page.locator('#add').click();
  await expect(page.locator('#notices')).toContainText('The pasted text was not added: it is 1.5 MB');
  await expect(page.locator('#paste')).not.toHaveValue('');
  await expect(page.locator('#sources li')).toHaveCount(1);
  await expect(page.locator('#analysed')).toContainText('Analysed 1 article(s)');
});

test('10,000 small files dropped at once: the first fit, the rest are counted', async ({ page }) => {
  test.setTimeout(180_000);
  await drop(page, (n) => Array.from({ length: n }, (_, i) =>
    new File([`Agency ${i} said ${i % 97} people were hurt in Lyon on Friday.`], `f${String(i).padStart(5, '0')}.txt`)), 10_000);
  await expect(page.locator('#sources li')).toHaveCount(200, { timeout: 60_000 });
  await expect(page.locator('#notices')).toContainText('9796 more files were not added: the workspace holds at most 200 articles.');
  expect(await page.locator('#notices li').count()).toBeLessThanOrEqual(6);
  await answers(page);
  await expect(page.locator('#analysed')).toContainText('Analysed 200 article(s)', { timeout: 120_000 });
  await expect(page.locator('#sources li').nth(1)).toHaveAttribute('data-id', 'f00000');
});

test('PNG, PDF and ZIP files are refused, also under a .txt name', async ({ page }) => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)]);
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
  const zip = Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.from('article.txt'), Buffer.alloc(32, 0)]);
  await pick(page, [
    { name: 'photo.png', mimeType: 'image/png', buffer: png },
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf },
    { name: 'photo.txt', mimeType: 'text/plain', buffer: png },
    { name: 'report.txt', mimeType: 'text/plain', buffer: pdf },
  ]);
  await drop(page, (zip) => [new File([new Uint8Array(zip)], 'archive.zip'), new File([new Uint8Array(zip)], 'archive.md')], [...zip]);
  const said = async () => notices(page);
  await expect.poll(said).toContain('archive.md was not added: it is a ZIP archive, not text.');
  const text = await said();
  expect(text).toContain('photo.txt was not added: it is a PNG image, not text.');
  expect(text).toContain('report.txt was not added: it is a PDF document, not text.');
  expect(text).toContain('photo.png was not added: only .txt, .md and .html files are read.');
  expect(text).toContain('archive.zip was not added');
  await expect(page.locator('#sources li')).toHaveCount(1);
});

test('invalid UTF-8, UTF-16 with a BOM and CRLF read like the UTF-8 original', async ({ page }) => {
  const article = 'Officials in Ankara said on Monday that 12 people were hurt.\n\n' +
    '“We are ready,” Mayor Ana Gómez said. The Red Cross said 30 homes were damaged. 🚆\n';
  const utf16 = (le) => {
    const body = Buffer.from(article, 'utf16le');
    if (!le) body.swap16();
    return Buffer.concat([Buffer.from(le ? 'fffe' : 'feff', 'hex'), body]);
  };
  await pick(page, [
    { name: 'plain.txt', mimeType: 'text/plain', buffer: Buffer.from(article) },
    { name: 'wide-le.txt', mimeType: 'text/plain', buffer: utf16(true) },
    { name: 'wide-be.txt', mimeType: 'text/plain', buffer: utf16(false) },
    { name: 'crlf.txt', mimeType: 'text/plain', buffer: Buffer.from(article.replace(/\n/g, '\r\n')) },
    { name: 'broken.txt', mimeType: 'text/plain', buffer: Buffer.concat([Buffer.from('Café owners said 7 shops '), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from(' were hurt.')]) },
  ]);
  await expect(page.locator('#analysed')).toContainText('Analysed 6 article(s)', { timeout: 60_000 });
  await expect(page.locator('#notices')).toContainText('broken.txt: invalid UTF-8 at byte 26');
  expect(await readerText(page, 'wide-le')).toBe(article);
  expect(await readerText(page, 'wide-be')).toBe(article);
  expect(await readerText(page, 'broken')).toBe('Café owners said 7 shops \ufffd\ufffd( were hurt.');

  // CRLF: the same findings as LF, at offsets shifted by the carriage returns.
  const report = await exportedReport(page);
  const found = (doc) => report.entities.flatMap((e) => e.mentions.filter((m) => m.doc === doc).map((m) => `${e.label} ${m.text}`)).sort();
  expect(found('crlf')).toEqual(found('plain'));
  expect(found('plain').length).toBeGreaterThan(0);
  const claims = (doc) => report.claims.filter((c) => c.doc === doc).map((c) => c.text.replace(/\r\n/g, '\n'));
  expect(claims('crlf')).toEqual(claims('plain'));
  for (const id of ['wide-le', 'wide-be']) expect(found(id)).toEqual(found('plain'));
});

test('right-to-left, CJK and emoji text keep exact offsets', async ({ page }) => {
  const texts = {
    'doc-2': 'قال رئيس بلدية القاهرة يوم الاثنين إن 12 شخصا أصيبوا. אמר ראש העיר ירושלים כי 7 נפצעו. ‏Ankara‎ 2025.',
    'doc-3': '東京都の知事は月曜日、12人が負傷したと述べた。「準備はできている」と語った。北京市政府表示，15人受伤。',
    'doc-4': 'Officials 👩🏽‍⚕️ in Kyiv 🇺🇦 said 12 people 🧑‍🤝‍🧑 were hurt on Monday. “Stay safe 🙏,” Mayor Ana Gómez said. ✅ 1️⃣2️⃣',
  };
  for (const text of Object.values(texts)) await paste(page, text);
  await expect(page.locator('#analysed')).toContainText('Analysed 4 article(s)', { timeout: 60_000 });
  for (const [id, text] of Object.entries(texts)) expect(await readerText(page, id)).toBe(text);
  // Every span of the report is the UTF-8 byte range of its text.
  const report = await exportedReport(page);
  const all = { ...texts, 'doc-1': KEPT };
  const slice = (doc, start, end) => Buffer.from(all[doc], 'utf8').subarray(start, end).toString('utf8');
  const spans = [
    ...report.entities.flatMap((e) => e.mentions),
    ...report.claims,
    ...report.disagreements.flatMap((x) => x.sides.flatMap((s) => s.evidence)),
  ];
  expect(spans.length).toBeGreaterThan(0);
  for (const s of spans) expect(slice(s.doc, s.start, s.end)).toBe(s.text);
});

test('a 1 MB line, 100,000 capitalised words and thousands of quotation marks', async ({ page }) => {
  test.setTimeout(420_000);
  const unit = 'officials said the Water Board and twelve people met near the river bank ';
  const line = unit.repeat(Math.ceil(1_000_000 / unit.length)).slice(0, 1_000_000);
  const syllables = ['ba', 'ko', 'di', 'fu', 'ge', 'la', 'mi', 'no', 'pe', 'ru', 'sa', 'ti', 'vo', 'we', 'ya', 'ze'];
  const word = (i) => {
    let w = '';
    do { w += syllables[i % 16]; i = Math.floor(i / 16); } while (i > 0);
    return w[0].toUpperCase() + w.slice(1);
  };
  const capitalised = Array.from({ length: 100_000 }, (_, i) => word(i)).join(' ') + '.';
  const depth = 4000;
  const quotes = `He said ${'“‘«"'.repeat(depth)}it${'"»’”'.repeat(depth)} on Monday. She said “maybe ${'“no '.repeat(depth)}\n` +
    `${'no” way’ ». "a " b "" c \' d \'\' '.repeat(depth)}\n`;
  expect(Buffer.byteLength(line)).toBe(1_000_000);
  expect(Buffer.byteLength(capitalised)).toBeLessThan(1_000_000);

  await paste(page, line); // pasted, as a user would
  await expect(page.locator('#sources li')).toHaveCount(2);
  await drop(page, ([a, b]) => [new File([a], 'capitalised.txt'), new File([b], 'quotes.md')], [capitalised, quotes]);
  await expect(page.locator('#sources li')).toHaveCount(4);
  await answers(page); // while the worker runs
  await expect(page.locator('#analysed')).toContainText('Analysed 4 article(s)', { timeout: 360_000 });
  await step(page, 'analysed');

  // Every view opens on these documents.
  await page.locator('#tab-entities').click();
  await expect(page.locator('#entities')).toBeVisible();
  await answers(page);
  await step(page, 'entities');
  // The reader shows them whole, in parts.
  for (const [id, text] of [['doc-2', line], ['capitalised', capitalised], ['quotes', quotes]]) {
    expect(await readerText(page, id) === text, `the reader shows ${id} whole`).toBe(true);
    await step(page, `reader ${id}`);
  }
  await answers(page);
});

test('HTML in pasted text and in dropped files is never markup', async ({ page }) => {
  await page.evaluate(() => { window.__ran = []; });
  const hostile = 'The minister said 12 people were hurt. ' +
    '<script>window.__ran.push("script")</script>' +
    '<iframe src="https://example.invalid/frame"></iframe>' +
    '<img src="https://example.invalid/x.png" onerror="window.__ran.push(\'onerror\')">' +
    '<a href="javascript:window.__ran.push(\'link\')">read more</a> ' +
    '<svg onload="window.__ran.push(\'svg\')"></svg><object data="https://example.invalid/o"></object>';
  await paste(page, hostile);
  await drop(page, (body) => [new File([`<html><head><title>Dropped</title><script>window.__ran.push("head")</script>` +
    `<meta http-equiv="refresh" content="0;url=https://example.invalid/"></head><body><article><p>${body}</p>` +
    `<p>The agency said 15 people were hurt.</p></article></body></html>`], 'hostile.html', { type: 'text/html' })], hostile);
  await expect(page.locator('#analysed')).toContainText('Analysed 3 article(s)', { timeout: 60_000 });
  expect(await readerText(page, 'doc-2')).toBe(hostile); // pasted text is shown as text, exactly
  const dropped = await readerText(page, 'hostile');
  expect(dropped).toContain('The agency said 15 people were hurt.');
  const markup = '#main script, #main iframe, #main img, #main svg:not(.icon), #main object, #main embed, #main a[href^="javascript"], meta[http-equiv="refresh"]';
  for (const tab of ['disagreements', 'coverage', 'entities', 'timeline', 'reader']) {
    await page.locator(`#tab-${tab}`).click();
    expect(await page.locator(markup).count(), `markup in the ${tab} view`).toBe(0);
  }
  await page.locator('#reader .doc-text .text').click(); // a click on the text follows nothing
  expect(await page.evaluate(() => window.__ran)).toEqual([]);
  expect(page.url()).toMatch(/\/crosscheck\/$/);
});
