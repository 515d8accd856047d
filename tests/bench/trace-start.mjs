// A trace of the returning user's start (new tab, service worker stopped), for reading where the
// time goes: node tests/bench/trace-start.mjs DIST [LOADS]. Writes /tmp/kam-trace-N.json and
// prints the renderer main thread's top-level tasks until "ready", and the wasm events.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchProfile, startServer } from './lib.mjs';
import { READY_PROBE, visitAsReturningUser } from './startup.mjs';

const [dir = 'dist', n = '3'] = process.argv.slice(2);
const server = await startServer(dir, 8397);
const profile = mkdtempSync(join(tmpdir(), 'kam-trace-'));
const context = await launchProfile(profile);
const CATS = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed',
  'blink', 'loading', 'navigation', 'ServiceWorker', 'toplevel', 'v8.execute', 'disabled-by-default-v8.compile'];
try {
  const first = context.pages()[0] ?? await context.newPage();
  await visitAsReturningUser(first, server.base);
  await new Promise((r) => setTimeout(r, 4000));
  const cdp = await context.newCDPSession(first);
  await cdp.send('ServiceWorker.enable');
  for (let i = 0; i < Number(n); i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATS }, transferMode: 'ReportEvents' });
    const page = await context.newPage();
    await page.addInitScript(READY_PROBE);
    await page.goto(server.base);
    const ready = await page.evaluate(() => new Promise((r) => { const p = () => (window.__ready !== null ? r(window.__ready) : setTimeout(p, 20)); p(); }));
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    cdp.removeAllListeners('Tracing.dataCollected');
    await page.close();
    writeFileSync(`/tmp/kam-trace-${i}.json`, JSON.stringify({ traceEvents: events }));
    console.log(`load ${i}: ready ${ready.toFixed(1)} ms, ${events.length} events`);
  }
} finally {
  await context.close();
  server.stop();
  rmSync(profile, { recursive: true, force: true });
}
