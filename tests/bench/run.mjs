// KAM Workbench benchmark: prints figures, asserts nothing (see BENCHMARKS.md).
// Serves dist/, drives Debian's Chromium headless, and measures:
//  - first render of the app;
//  - importing a generated 10,000-account CSV (checked, imported and saved);
//  - drawing and redrawing the portfolio matrix with 10,000 accounts;
//  - long tasks (> 50 ms) during each.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const PORT = Number(process.env.BENCH_PORT ?? 8199);
const DIST = process.env.E2E_DIST ?? 'dist';
const N = Number(process.env.BENCH_ACCOUNTS ?? 10000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function csv(n) {
  const header = ['Name', 'Sector', 'Country', 'Revenue', 'Category spend', 'Key account manager', 'Executive sponsor', 'Stage',
    'attr:volume', 'attr:growth', 'attr:profitability', 'attr:strategic_fit',
    'strength:quality', 'strength:relationship', 'strength:price', 'strength:understanding'];
  const stages = ['Exploratory', 'Basic', 'Cooperative', 'Interdependent', 'Integrated'];
  let seed = 42;
  const rnd = (m) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m; };
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) {
    const r = () => rnd(11);
    lines.push([`Customer ${i}`, `Sector ${i % 17}`, ['UK', 'DE', 'FR', 'US'][i % 4], 10000 + rnd(5000000), 50000 + rnd(20000000),
      `Manager ${i % 120}`, `Sponsor ${i % 40}`, stages[i % 5], r(), r(), r(), r(), r(), r(), r(), r()].join(','));
  }
  return lines.join('\r\n');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

async function longTasksSince(page, t0) {
  return page.evaluate((t0) => window.__longTasks.filter((e) => e.startTime >= t0).map((e) => e.duration), t0);
}

async function run(browser, text) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => window.__longTasks.push(...l.getEntries())).observe({ type: 'longtask', buffered: true });
  });
  const t = Date.now();
  await page.goto(`http://127.0.0.1:${PORT}/#/portfolio/csv`);
  await page.getByTestId('csv-file').waitFor();
  const firstRender = Date.now() - t;

  // Import: from the file input's change to the plan, then to imported and saved.
  const t0 = await page.evaluate(() => performance.now());
  const w0 = Date.now();
  await page.getByTestId('csv-file').setInputFiles({ name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByTestId('csv-plan-counts').waitFor();
  const wallPlan = Date.now() - w0;
  const w1 = Date.now();
  await page.getByTestId('csv-import-button').click();
  const summary = await page.getByTestId('csv-summary').textContent();
  const wall = wallPlan + (Date.now() - w1);
  const inApp = Number(/in (\d+) ms/.exec(summary)[1]);
  const importLong = await longTasksSince(page, t0);
  const stored = await page.evaluate(() => localStorage.getItem('kam-workbench/workspace/w1')?.length ?? 0);

  // Matrix: first draw on opening the tab, then a redraw when the split changes.
  const measure = (action) => page.evaluate((action) => new Promise((resolve) => {
    const t0 = performance.now();
    const done = () => requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - t0, t0 }), 0));
    const obs = new MutationObserver((m) => {
      if (document.querySelector('[data-testid=chart-portfolio-matrix] svg')) { obs.disconnect(); done(); }
    });
    obs.observe(document.body, { childList: true, subtree: true });
    if (action === 'open') location.hash = '#/portfolio/matrix';
    else {
      const input = document.querySelector('[data-testid=matrix-split]');
      input.value = '5.5';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      document.querySelector('[data-testid=matrix-split-apply]').click();
    }
  }), action);
  const open = await measure('open');
  const openLong = await longTasksSince(page, open.t0);
  await sleep(600); // let the debounced save of the import settle
  const t1 = await page.evaluate(() => performance.now());
  const redraw = await measure('redraw');
  const redrawLong = (await longTasksSince(page, t1)).filter((d) => d > 0);
  const circles = await page.locator('[data-testid=chart-portfolio-matrix] svg circle').count();
  const wasmDraw = Number(await page.locator('.kw-matrix').getAttribute('data-draw-ms'));
  const svgBytes = await page.evaluate(() => document.querySelector('[data-testid=chart-portfolio-matrix] svg').outerHTML.length);
  await page.close();
  return { firstRender, inApp, wall, importLong, stored, open: open.ms, openLong, redraw: redraw.ms, redrawLong, circles, wasmDraw, svgBytes };
}

const server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', DIST], { stdio: 'ignore' });
try {
  for (let i = 0; i < 50; i++) {
    try { if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) break; } catch { /* not up yet */ }
    await sleep(100);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const text = csv(N);
  console.log(`KAM Workbench benchmark: ${N} accounts (${(text.length / 1024 / 1024).toFixed(1)} MiB CSV), ${RUNS} runs, headless Chromium, ${new Date().toISOString().slice(0, 10)}`);
  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(await run(browser, text));
  await browser.close();
  const col = (k) => results.map((r) => r[k]);
  const longs = (k) => results.map((r) => `${r[k].length} (${r[k].map((d) => d.toFixed(0)).join('/') || '-'})`).join(', ');
  console.log(`first render (load to csv page ready):     median ${fmt(median(col('firstRender')))}  runs ${col('firstRender').map(fmt).join(', ')}`);
  console.log(`import ${N} rows, checked+imported+saved:  median ${fmt(median(col('inApp')))}  runs ${col('inApp').map(fmt).join(', ')}  (target <= 500 ms)`);
  console.log(`  the same, wall clock with page updates:  median ${fmt(median(col('wall')))}  runs ${col('wall').map(fmt).join(', ')}  (includes Playwright round trips)`);
  console.log(`  long tasks > 50 ms during import:        ${longs('importLong')}`);
  console.log(`  stored workspace size:                   ${(results[0].stored / 1024 / 1024).toFixed(2)} MiB (UTF-16 chars: ${results[0].stored})`);
  console.log(`matrix first draw (${results[0].circles} bubbles):        median ${fmt(median(col('open')))}  runs ${col('open').map(fmt).join(', ')}`);
  console.log(`  long tasks > 50 ms during first draw:    ${longs('openLong')}`);
  console.log(`matrix redraw on split change:             median ${fmt(median(col('redraw')))}  runs ${col('redraw').map(fmt).join(', ')}  (target <= 100 ms)`);
  console.log(`  long tasks > 50 ms during redraw:        ${longs('redrawLong')}`);
  console.log(`  of which data + SVG string in wasm:      median ${fmt(median(col('wasmDraw')))}; SVG ${(results[0].svgBytes / 1024).toFixed(0)} KiB`);
} finally {
  server.kill();
}
