// `make lighthouse`: Lighthouse (npm, Debian's Chromium) on the built dist/, served as `make run`
// serves it (scripts/serve.mjs) on a spare port, for desktop and mobile. Prints the four scores
// and leaves the reports in lighthouse-report/. Fails only when Lighthouse cannot run or gives no
// score, never because of a score.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const dist = process.argv[2] ?? 'dist';
const out = 'lighthouse-report';
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** A port nothing listens on now. */
const sparePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const run = (command, args, env = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code ?? signal}`)),
    );
  });

const port = await sparePort();
const server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', dist, '--port', String(port)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.once('exit', (code) => reject(new Error(`scripts/serve.mjs exited with ${code}`)));
  server.stdout.once('data', resolve);
});

const url = `http://127.0.0.1:${port}/`;
const rows = [];
let failed = false;
mkdirSync(out, { recursive: true });
try {
  for (const form of ['desktop', 'mobile']) {
    const path = `${out}/${form}`;
    try {
      await run(
        'node_modules/.bin/lighthouse',
        [
          url,
          ...(form === 'desktop' ? ['--preset=desktop'] : []),
          `--only-categories=${CATEGORIES.join(',')}`,
          '--output=json',
          '--output=html',
          `--output-path=${path}`,
          '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
          '--quiet',
        ],
        { CHROME_PATH: chrome },
      );
      const report = JSON.parse(readFileSync(`${path}.report.json`, 'utf8'));
      if (report.runtimeError) throw new Error(`${report.runtimeError.code}: ${report.runtimeError.message}`);
      const scores = CATEGORIES.map((c) => report.categories[c]?.score);
      if (scores.some((s) => typeof s !== 'number')) throw new Error('a category has no score');
      rows.push([form, ...scores.map((s) => String(Math.round(s * 100)))]);
    } catch (e) {
      failed = true;
      console.error(`lighthouse (${form}): ${e.message}`);
      rows.push([form, ...CATEGORIES.map(() => 'failed')]);
    }
  }
} finally {
  server.kill();
}

const head = ['', 'performance', 'accessibility', 'best practices', 'SEO'];
const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  ');
console.log(`\nLighthouse ${url} (reports in ${out}/)\n${line(head)}\n${rows.map(line).join('\n')}`);
process.exit(failed ? 1 : 0);
