// The Reader's article chooser with 200 articles: a filter box (outlet name, title or file
// name, any case), a window of 50 choices with "Show more", the article shown always
// listed, keyboard use (label, Enter, Tab, Space) and typed text never becoming markup.
const { test, expect, open, dropArticles } = require('./support.cjs');
const fs = require('fs');
const path = require('path');
const { bigBatch } = require('../scripts/big-batch.cjs');

test('with 200 articles the reader filters its article list as the user types', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  const articles = bigBatch(200);
  await dropArticles(page, articles);
  await expect(page.locator('#analysed')).toContainText('Analysed 200 article(s)', { timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const report = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const docs = report.documents;
  const name = (d) => (d.outlet && d.outlet.trim()) || d.id;
  const matching = (q) => {
    q = q.trim().toLowerCase();
    return docs.filter((d) => [name(d), d.title || '', d.id].some((s) => s.toLowerCase().includes(q))).map((d) => d.id);
  };
  const choices = page.locator('#reader .doc-choice');
  const listed = () => choices.evaluateAll((bs) => bs.map((b) => b.dataset.doc));
  const pressed = page.locator('#reader .doc-choice[aria-pressed="true"]');

  await page.locator('#tab-reader').click();
  // At first: the first 50 articles, the count of all, the first article shown and pressed.
  await expect(choices).toHaveCount(50);
  await expect(page.locator('#doc-filter-count')).toHaveText('200 articles');
  await expect(page.locator('#reader .show-more-count')).toHaveText('Showing 50 of 200 articles.');
  await expect(pressed).toHaveCount(1);
  await expect(pressed).toHaveAttribute('data-doc', docs[0].id);
  await expect(page.locator('#reader .doc-text')).toHaveAttribute('data-doc', docs[0].id);

  // The filter box has a label; clicking the label focuses it; typing (any case) filters.
  const filter = page.getByLabel('Find an article');
  await expect(filter).toHaveAttribute('id', 'doc-filter');
  await page.locator('label[for="doc-filter"]').click();
  await expect(filter).toBeFocused();
  // A word of the last article's title that not every article has, typed in capitals.
  const last = docs[199];
  const word = (last.title || name(last)).split(/\s+/).filter((w) => w.length > 3)
    .find((w) => { const n = matching(w).length; return n > 0 && n < 60; });
  expect(word, `a distinctive word in ${JSON.stringify(last.title)}`).toBeTruthy();
  const query = word.toUpperCase();
  await page.keyboard.type(query);
  const want = matching(query);
  expect(want).toContain(last.id);
  await expect(page.locator('#doc-filter-count')).toHaveText(`${want.length} of 200 articles match`);
  // Every match is listed (in report order) and nothing else but the article shown.
  const wantListed = want.slice(0, 50);
  if (!wantListed.includes(docs[0].id)) wantListed.unshift(docs[0].id);
  await expect.poll(listed).toEqual(wantListed);
  for (const id of want.slice(0, 50)) {
    const d = docs.find((d) => d.id === id);
    const text = `${name(d)} ${d.title || ''} ${d.id}`.toLowerCase();
    expect(text).toContain(word.toLowerCase());
  }
  await expect(pressed).toHaveAttribute('data-doc', docs[0].id); // still listed, still pressed
  fs.mkdirSync(path.join(__dirname, '..', 'artifacts'), { recursive: true });
  await page.screenshot({ path: path.join(__dirname, '..', 'artifacts', 'view-reader-filter.png') });

  // Enter opens the first match; its button is pressed, its text is shown.
  await page.keyboard.press('Enter');
  await expect(page.locator('#reader .doc-text')).toHaveAttribute('data-doc', want[0]);
  await expect(pressed).toHaveAttribute('data-doc', want[0]);
  const first = docs.find((d) => d.id === want[0]);
  if (first.title) await expect(page.locator('#reader .doc-text h3')).toHaveText(first.title);
  await expect(filter).toBeFocused();

  // A click on the last article's button opens it.
  await page.locator(`#reader .doc-choice[data-doc="${last.id}"]`).click();
  await expect(page.locator('#reader .doc-text')).toHaveAttribute('data-doc', last.id);
  const tail = articles[199].text.trim().split('\n').pop().trim().slice(-40);
  await expect(page.locator('#reader .doc-text .text')).toContainText(tail);

  // Text that looks like markup matches nothing and stays text; the article shown stays listed.
  await filter.fill('<img src=x onerror="window.__filterRan=1">');
  await expect(page.locator('#doc-filter-count')).toHaveText('0 of 200 articles match');
  await expect(page.locator('#no-doc-match')).toBeVisible();
  await expect.poll(listed).toEqual([last.id]);
  expect(await page.locator('#reader img').count()).toBe(0);
  expect(await page.evaluate(() => window.__filterRan)).toBeUndefined();

  // Emptied: all articles again, and "Show more" adds the next 50.
  await filter.fill('');
  await expect(page.locator('#doc-filter-count')).toHaveText('200 articles');
  await expect(choices).toHaveCount(51); // the first 50, and the article shown (the last)
  await page.locator('#more-articles').click();
  await expect(choices).toHaveCount(101);

  // Keyboard only: Tab from the box reaches the choices; Space opens one.
  await filter.fill('');
  await filter.focus();
  await page.keyboard.type(word.toLowerCase());
  await page.keyboard.press('Tab');
  await expect(page.locator('#reader .doc-choice').first()).toBeFocused();
  const focusedDoc = await page.locator('#reader .doc-choice').first().getAttribute('data-doc');
  await page.keyboard.press('Space');
  await expect(page.locator('#reader .doc-text')).toHaveAttribute('data-doc', focusedDoc);

  // The article read stays chosen while the user looks at another tab.
  await page.locator('#tab-coverage').click();
  await expect(page.locator('#reader')).toHaveCount(0);
  await page.locator('#tab-reader').click();
  await expect(page.locator('#reader .doc-text')).toHaveAttribute('data-doc', focusedDoc);
  await expect(pressed).toHaveAttribute('data-doc', focusedDoc);

  // A finding opened from another view, in an article far down the list: its article's
  // button is listed, pressed, and scrolled into the list's view.
  await filter.fill('');
  await page.locator('#tab-entities').click();
  const index = Object.fromEntries(docs.map((d, i) => [d.id, i]));
  let target = null;
  for (let e = 0; e < Math.min(50, report.entities.length) && !target; e++) {
    const m = report.entities[e].mentions.slice(0, 50).findIndex((m) => index[m.doc] >= 120);
    if (m >= 0) target = { e, m, mention: report.entities[e].mentions[m] };
  }
  expect(target).toBeTruthy();
  await page.locator('#entities tbody tr.entity').nth(target.e).locator('.entity-name').click();
  await page.locator('#entities .mentions li').nth(target.m).locator('button').click();
  await expect(page.locator('#tab-reader')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#reader .doc-text')).toHaveAttribute('data-doc', target.mention.doc);
  await expect(pressed).toHaveAttribute('data-doc', target.mention.doc);
  await expect(page.locator('#reader .focus').first()).toBeInViewport();
  const inBox = await page.evaluate(() => {
    const box = document.querySelector('#doc-choices').getBoundingClientRect();
    const b = document.querySelector('#doc-chosen').getBoundingClientRect();
    return b.top >= box.top - 1 && b.bottom <= box.bottom + 1;
  });
  expect(inBox, 'the pressed choice is scrolled into the list').toBe(true);
});
