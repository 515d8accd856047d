// Share links: lengths and codec times from examples/share_codec.rs (`make bench-codec`), run
// natively in the release profile; each time next to serde_json on the same workspace, measured
// in the same runs. The example prints Markdown tables; this reads them into rows.
import { spawnSync } from 'node:child_process';
import { ratio, row } from './lib.mjs';

const RUNS = process.env.BENCH_CODEC_RUNS ?? (process.env.BENCH_QUICK ? '21' : '201');

/** The body rows of every Markdown table in `text`, as arrays of cells. */
const tableRows = (text) => text.split('\n')
  .filter((l) => l.startsWith('|') && !l.startsWith('|---'))
  .map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));

const num = (s) => Number(s.replace(/,/g, '').replace(/ \(.*\)$/, ''));

export async function codec() {
  const run = spawnSync('cargo', ['run', '--quiet', '--release', '--no-default-features', '--example', 'share_codec', RUNS],
    { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`share_codec failed:\n${run.stderr}`);
  const [lengths, times] = run.stdout.split('Median µs').map(tableRows);
  const rows = [];
  const body = lengths.filter((c) => c[0] !== 'case');
  const scores = [...new Set(body.map((c) => c[1]))];
  rows.push(row('links', `scores link (${body.length} workspaces: ${body.map((c) => c[0]).join('; ')})`, `${scores.join(', ')} characters`));
  for (const [c, , full, bare, json] of body) {
    rows.push(row('links', `full link, ${c}`, `${full} characters`, `${json} bytes (the workspace as compact JSON)`, ratio(num(full), num(json))));
    if (bare !== full) {
      rows.push(row('links', `full link, portfolio left out, ${c}`, `${bare} characters`, `${json} bytes (JSON)`, ratio(num(bare), num(json))));
    }
  }
  const timed = times.filter((c) => c[0] !== 'case');
  for (const [c, link, enc, dec] of timed) {
    if (link === 'reference: JSON') continue;
    const [re, rd] = timed.find((t) => t[0] === c && t[1] === 'reference: JSON').slice(2);
    const plain = (s) => s.replace(/ \(.*\)$/, '');
    rows.push(row('links', `encode / decode the "${link}" link, ${c} (native, median of ${RUNS})`,
      `${plain(enc)} / ${plain(dec)} µs`, `${re} / ${rd} µs (serde_json to_string / from_str)`,
      `${ratio(num(enc), num(re))} / ${ratio(num(dec), num(rd))}`));
  }
  return rows;
}
