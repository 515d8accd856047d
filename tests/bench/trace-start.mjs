// A trace of the returning user's start (new tab, service worker stopped), for reading where the
// time goes: node tests/bench/trace-start.mjs DIST [LOADS]. Writes /tmp/kam-trace-N.json (for
// Chromium's Performance panel or Perfetto) and prints how many of the wasm's functions V8
// compiled at their first call before the app ran (drew its first screen), and their bytes of code: its `wasm.CompileBaseline`
// events (`funcIndex`, `bodySize`; a build with KAM_WASM_NAMES=1 names them).
import { writeFileSync } from 'node:fs';
import { asReturningUser, READY_PROBE } from './startup.mjs';

const [dir = 'dist', n = '3'] = process.argv.slice(2);
const { base, context, cdp, close } = await asReturningUser(dir, 8397);
const CATS = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed',
  'blink', 'loading', 'navigation', 'ServiceWorker', 'toplevel', 'v8.execute', 'disabled-by-default-v8.compile'];
try {
  for (let i = 0; i < Number(n); i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATS }, transferMode: 'ReportEvents' });
    const page = await context.newPage();
    await page.addInitScript(READY_PROBE);
    await page.goto(base);
    // Until the app itself has drawn the first screen (its "ready" can be the kept drawing's).
    const [shown, ready] = await page.evaluate(() => new Promise((r) => { const p = () => (window.__live !== null ? r([window.__ready, window.__live]) : setTimeout(p, 20)); p(); }));
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    cdp.removeAllListeners('Tracing.dataCollected');
    await page.close();
    writeFileSync(`/tmp/kam-trace-${i}.json`, JSON.stringify({ traceEvents: events }));
    // Trace time is in µs; the page's clock starts at its navigation.
    const start = events.filter((e) => e.name === 'NavigationTiming navigationStart').at(-1)?.ts ?? NaN;
    const compiled = events.filter((e) => e.name === 'wasm.CompileBaseline' && e.ts >= start && e.ts <= start + ready * 1000);
    const bytes = compiled.reduce((n, e) => n + e.args.bodySize, 0);
    console.log(`load ${i}: ready ${shown.toFixed(1)} ms, the app running ${ready.toFixed(1)} ms (traced), ${compiled.length} functions compiled at first call before it, ` +
      `${(bytes / 1024).toFixed(0)} KiB of code`);
  }
} finally {
  await close();
}
