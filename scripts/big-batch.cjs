// A large batch of articles for the page's big-batch test (e2e/app.spec.cjs) and bench
// (scripts/bench-web.cjs): made from the fixture events' texts, the same batch for both.
const fs = require('fs');
const path = require('path');

/// `n` articles built from the fixture events' texts: copy k of a text keeps its head (title,
/// byline) and rotates its other paragraphs by k, so the copies are not byte-identical.
function bigBatch(n) {
  const dir = path.join(__dirname, '..', 'tests', 'fixtures', 'events');
  const texts = [];
  for (const event of fs.readdirSync(dir).sort()) {
    const d = path.join(dir, event);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d).sort().filter((f) => f.endsWith('.txt'))) {
      texts.push({ stem: `${event.slice(0, 12)}-${f.replace(/\.txt$/, '')}`, text: fs.readFileSync(path.join(d, f), 'utf8') });
    }
  }
  return Array.from({ length: n }, (_, i) => {
    const { stem, text } = texts[i % texts.length];
    const k = Math.floor(i / texts.length);
    const paras = text.split(/\n\s*\n/);
    const head = paras.slice(0, 2);
    const body = paras.slice(2);
    const r = body.length ? k % body.length : 0;
    const rotated = [...body.slice(r), ...body.slice(0, r)];
    return { name: `${String(i).padStart(3, '0')}-${stem}.txt`, text: [...head, ...rotated].join('\n\n') };
  });
}

module.exports = { bigBatch };
