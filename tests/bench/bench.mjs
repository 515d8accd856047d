// KAM Workbench benchmark (`make bench`, after the release build): size, start-up, one score
// change, scale, storage and share links. Serves a copy of the build with scripts/serve.mjs as
// `make run` does, drives Debian's headless Chromium, prints one table and appends it to
// BENCHMARKS.md with the date, commit and machine. Every timing is given next to a reference
// measured in the same run, and as a ratio to it: the machine is shared and noisy, the ratios are
// the figures to compare. Asserts nothing about time.
//
// Environment: BENCH_DIST (dist), BENCH_PORT (8197), BENCH_ONLY=size,startup,… (all),
// BENCH_QUICK=1 (fewer runs, for working on the bench; never written to BENCHMARKS.md),
// BENCH_WRITE=0 (print only), BENCH_LOADS, BENCH_CLICKS, BENCH_RUNS, BENCH_CODEC_RUNS.
import { execSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { codec } from './codec.mjs';
import { interaction } from './interaction.mjs';
import { launch, startServer } from './lib.mjs';
import { scale } from './scale.mjs';
import { brotliFile, size } from './size.mjs';
import { startup } from './startup.mjs';
import { storage } from './storage.mjs';

const DIST = process.env.BENCH_DIST ?? 'dist';
const PORT = Number(process.env.BENCH_PORT ?? 8197);
const QUICK = Boolean(process.env.BENCH_QUICK);
const SECTIONS = { size, startup, interaction, scale, storage, codec };
const ONLY = (process.env.BENCH_ONLY ?? Object.keys(SECTIONS).join(',')).split(',');
const WRITE = !QUICK && process.env.BENCH_WRITE !== '0';
const started = Date.now();

const sh = (cmd) => { try { return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return ''; } };

function machine() {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const chromium = sh(`${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} --version 2>/dev/null`).replace(/ built on.*/, '');
  const load = sh('cat /proc/loadavg').split(' ').slice(0, 3).join(' ');
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${chromium} headless ` +
    `(software rendering), Node ${process.version}; load average at the start ${load}`;
}

function commit() {
  const hash = sh('git rev-parse --short HEAD') || 'unknown';
  return sh('git status --porcelain --untracked-files=no') ? `${hash}-dirty` : hash;
}

/**
 * The static reference page: a heading, then an HTML comment of random base64 text, so that its
 * brotli file (what the server sends) is as large as the app's index.html + js + wasm brotli files.
 */
function writeReference(dir, target) {
  const head = '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />' +
    '<title>Reference</title></head>\n<body><h1 id="ready">A static page of the same transferred size</h1>\n<!-- ';
  const tail = ' -->\n</body>\n</html>\n';
  let length = Math.round(target / 0.75);
  let html;
  let br;
  for (let i = 0; i < 8; i++) {
    html = Buffer.from(head + randomBytes(Math.ceil(length * 0.75)).toString('base64').slice(0, length) + tail);
    br = brotliFile(html);
    if (Math.abs(br.length - target) < 256) break;
    length += Math.round((target - br.length) / 0.75);
  }
  writeFileSync(join(dir, 'reference.html'), html);
  writeFileSync(join(dir, 'reference.html.br'), br);
  writeFileSync(join(dir, 'reference.html.gz'), gzipSync(html, { level: 9 }));
  return br.length;
}

/** The served (brotli) bytes of index.html, the js and the wasm. */
function appBytes(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const js = html.match(/(kam-workbench-[0-9a-f]+\.js)/)[1];
  const wasm = js.replace('.js', '_bg.wasm');
  return ['index.html', js, wasm].reduce((n, f) => n + readFileSync(join(dir, `${f}.br`)).length, 0);
}

function pad(rows) {
  const cols = ['section', 'measure', 'value', 'reference', 'ratio'];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (r) => cols.map((c, i) => (c === 'ratio' ? r[c].padStart(width[i]) : r[c].padEnd(width[i]))).join('  ');
  return [line(Object.fromEntries(cols.map((c) => [c, c]))), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdown(rows) {
  const esc = (s) => s.replaceAll('|', '\\|');
  return ['| section | measure | value | reference | ratio |', '|---|---|---|---|---:|',
    ...rows.map((r) => `| ${[r.section, r.measure, r.value, r.reference, r.ratio].map(esc).join(' | ')} |`)].join('\n');
}

const when = new Date();
const info = { date: when.toISOString().slice(0, 10), commit: commit(), machine: machine() };
console.log(`KAM Workbench benchmark, ${info.date}, commit ${info.commit}\n${info.machine}\n`);

const dir = mkdtempSync(join(tmpdir(), 'kam-bench-site-'));
const rows = [];
let server;
let browser;
try {
  cpSync(DIST, dir, { recursive: true });
  const target = appBytes(dir);
  const referenceBytes = writeReference(dir, target);
  writeFileSync(join(dir, 'blank.html'), '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8" /><title>blank</title></head><body></body></html>\n');
  server = await startServer(dir, PORT);
  browser = await launch();
  const ctx = { dist: DIST, dir, base: server.base, browser, referenceBytes, targetBytes: target };
  // The share-link codec runs first (it may compile), its rows come last.
  const order = ['size', 'codec', 'startup', 'interaction', 'scale', 'storage'].filter((n) => ONLY.includes(n));
  const bySection = {};
  for (const name of order) {
    const t = Date.now();
    process.stdout.write(`${name}… `);
    const out = await SECTIONS[name](ctx);
    // A section may hand figures to a later one (scale → storage: the stored workspaces).
    if (Array.isArray(out)) bySection[name] = out;
    else { bySection[name] = out.rows; Object.assign(ctx, { stored: out.stored }); }
    console.log(`${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  for (const name of Object.keys(SECTIONS)) rows.push(...(bySection[name] ?? []));
} finally {
  await browser?.close();
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
}

const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`\n${pad(rows)}\n\n${seconds} s for the benchmark (the build not included)${QUICK ? ', BENCH_QUICK' : ''}`);

if (WRITE) {
  appendFileSync('BENCHMARKS.md', `\n## ${info.date}, \`make bench\` (commit ${info.commit})\n\n` +
    `Machine: ${info.machine}, at the end ${sh('cat /proc/loadavg').split(' ').slice(0, 3).join(' ')}. ${seconds} s for the benchmark after the build. ` +
    'What each row measures and against what: "`make bench`: what it measures" at the top of this file.\n\n' +
    `${markdown(rows)}\n`);
  console.log('appended to BENCHMARKS.md');
}
