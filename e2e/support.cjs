// Shared by the e2e specs: a `test` whose page records every request and fails the test
// if one leaves the page's origin, or on any page error, console error or CSP violation;
// `open`, which loads the app and waits until it is ready; and `dropArticles`.
const { test: base, expect } = require('@playwright/test');

const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL).origin;
    const foreign = [];
    const errors = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin + '/') && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    await use(page);
    expect(foreign, 'requests outside the origin').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
  },
});

async function open(page) {
  await page.goto('./');
  await expect(page.locator('#load-example')).toBeVisible();
}

/// Drops `articles` ({ name, text }) on the drop zone as plain-text files, as a user
/// dragging them from a folder.
async function dropArticles(page, articles) {
  const dt = await page.evaluateHandle((articles) => {
    const dt = new DataTransfer();
    for (const a of articles) dt.items.add(new File([a.text], a.name, { type: 'text/plain' }));
    return dt;
  }, articles);
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: dt });
}

module.exports = { test, expect, open, dropArticles };
