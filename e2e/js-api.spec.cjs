// The JS API (docs/js-api.md) of the release build, loaded in Node the documented way:
// analyze(documents) returns the report contract and throws readable errors.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const DIST = path.join(__dirname, '..', process.env.DIST || 'dist');

test('analyze(documents) returns the report and throws on bad input', async () => {
  vm.runInThisContext(fs.readFileSync(path.join(DIST, 'worker.js'), 'utf8') + ';globalThis.wasm_bindgen = wasm_bindgen;');
  const api = globalThis.wasm_bindgen;
  await api({ module_or_path: fs.readFileSync(path.join(DIST, 'worker_bg.wasm')) });

  const a = 'Officials in Kyiv said «12 people» were hurt on Monday. 😀';
  const report = api.analyze([
    { id: 'a', content: a },
    { id: 'b', content: '<html><body><p>Officials in Kyiv said 15 people were hurt on Monday.</p></body></html>', format: 'html', outlet: 'Bee' },
  ]);
  expect(report.version).toBe(1);
  expect(report.documents.map((d) => d.id)).toEqual(['a', 'b']);
  expect(report.documents[1].outlet).toBe('Bee');
  const bytes = Buffer.from(a, 'utf8');
  for (const e of report.entities) {
    for (const m of e.mentions.filter((m) => m.doc === 'a')) {
      expect(bytes.subarray(m.start, m.end).toString('utf8')).toBe(m.text);
    }
  }
  expect(() => api.analyze([{ id: 'x' }])).toThrow(/content/);
  expect(() => api.analyze([{ id: 'x', content: 'y', format: 'pdf' }])).toThrow(/unknown format/);
  expect(() => api.analyze('not an array')).toThrow(/array/);
});
