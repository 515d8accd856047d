// A CPU profile of the returning user's start (new tab, service worker stopped), summed over
// loads: node tests/bench/profile-start.mjs DIST [LOADS]. Build DIST with KAM_WASM_NAMES=1 to
// read wasm functions by name. Prints each function's inclusive and self time until the app runs
// (has drawn its first screen itself).
import { asReturningUser, READY_PROBE } from './startup.mjs';

const [dir = 'dist', n = '5'] = process.argv.slice(2);
const { base, context, cdp, close } = await asReturningUser(dir, 8398);
const incl = new Map();
const self = new Map();
let readySum = 0;
try {
  for (let i = 0; i < Number(n); i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    const page = await context.newPage();
    const pc = await context.newCDPSession(page);
    await pc.send('Profiler.enable');
    await pc.send('Profiler.setSamplingInterval', { interval: 100 });
    await pc.send('Profiler.start');
    await page.addInitScript(READY_PROBE);
    await page.goto(base);
    // Until the app itself has drawn the first screen (its "ready" can be the kept drawing's).
    const ready = await page.evaluate(() => new Promise((r) => { const p = () => (window.__live !== null ? r(window.__live) : setTimeout(p, 20)); p(); }));
    const { profile: prof } = await pc.send('Profiler.stop');
    readySum += ready;
    const nodes = new Map(prof.nodes.map((x) => [x.id, x]));
    const name = (x) => `${x.callFrame.functionName || '(anon)'} ${x.callFrame.url.split('/').pop()}`;
    const parent = new Map();
    for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
    // Profile times are in µs on the monotonic clock; ready is relative to timeOrigin (ms, epoch).
    // Only samples before ready: map via the profile's endTime ≈ now.
    let t = prof.startTime;
    const nowMono = prof.endTime;
    const nowPage = await page.evaluate(() => performance.now());
    const readyMono = nowMono - (nowPage - ready) * 1000;
    for (let s = 0; s < prof.samples.length; s++) {
      t += prof.timeDeltas[s];
      if (t > readyMono) break;
      const dt = (prof.timeDeltas[s + 1] ?? 0) / 1000;
      let id = prof.samples[s];
      const own = name(nodes.get(id));
      self.set(own, (self.get(own) ?? 0) + dt);
      const seen = new Set();
      while (id !== undefined) {
        const nm = name(nodes.get(id));
        if (!seen.has(nm)) { incl.set(nm, (incl.get(nm) ?? 0) + dt); seen.add(nm); }
        id = parent.get(id);
      }
    }
    await pc.detach();
    await page.close();
  }
} finally {
  await close();
}
const N = Number(n);
console.log(`the app running, mean of ${N}: ${(readySum / N).toFixed(1)} ms`);
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([nm, v]) => `${(v / N).toFixed(2).padStart(7)} ${nm.slice(0, 150)}`).join('\n');
console.log('--- inclusive (ms per load)\n' + top(incl, Number(process.env.TOP ?? 80)));
console.log('--- self (ms per load)\n' + top(self, 40));
