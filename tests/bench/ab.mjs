// Two builds side by side, for a change whose effect is smaller than the start-up's noise:
//   node tests/bench/ab.mjs DIST_A DIST_B        (e.g. a copy of dist/ from before, and dist/)
// The returning user of `make bench` ("new tab", startup.mjs: the workspace with a full audit and
// 50 accounts stored, the service worker installed and stopped before each load), the two builds
// in turns, each on its own port and browser profile. Besides "ready" and the app running (later
// when the drawing of the first screen kept from the last visit made "ready", first_screen.rs) it
// reports what the noise of getting the files hides: the time from the wasm received to the app
// running, and from the Long Animation Frames API the script time until then (compiling, `main`, frame
// callbacks with any layout they force) and the frames' own style and layout after their
// scripts. Asserts nothing; BENCH_AB_LOADS loads of each (30).
import { median, ms } from './lib.mjs';
import { asReturningUser, newTab } from './startup.mjs';

const dirs = process.argv.slice(2);
if (dirs.length !== 2) {
  console.error('usage: node tests/bench/ab.mjs DIST_A DIST_B');
  process.exit(2);
}
const LOADS = Number(process.env.BENCH_AB_LOADS ?? 30);

const LONG_FRAMES = () => {
  window.__frames = [];
  new PerformanceObserver((list) => window.__frames.push(...list.getEntries().map((e) => ({
    start: e.startTime,
    scripts: e.scripts.reduce((n, s) => n + s.duration, 0),
    layout: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
  })))).observe({ type: 'long-animation-frame', buffered: true });
};
const MEASURED = () => new Promise((resolve, reject) => {
  const stop = Date.now() + 30000;
  const poll = () => {
    if (window.__live === null) {
      if (Date.now() > stop) reject(new Error('not ready within 30 s'));
      else setTimeout(poll, 50);
      return;
    }
    // The frame of "ready" is reported after it ends.
    setTimeout(() => {
      const frames = window.__frames.filter((f) => f.start < window.__live);
      resolve({
        ready: window.__ready,
        live: window.__live,
        wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd ?? NaN,
        scripts: frames.reduce((n, f) => n + f.scripts, 0),
        layout: frames.reduce((n, f) => n + f.layout, 0),
      });
    }, 100);
  };
  poll();
});

const builds = [];
try {
  for (const [i, dir] of dirs.entries()) builds.push({ dir, runs: [], ...(await asReturningUser(dir, 8297 + i)) });
  for (let i = 0; i < LOADS; i++) {
    for (const b of i % 2 ? [...builds].reverse() : builds) {
      b.runs.push(await newTab(b.context, b.cdp, b.base, { init: [LONG_FRAMES], measure: MEASURED }));
    }
  }
  const cell = (b, f) => ms(median(b.runs.map(f)));
  console.log(`returning user, new tab, median of ${LOADS} loads each, in turns`);
  console.log('build | "ready" | the app running | wasm received | wasm received → the app running | script time until the app runs | frames\' style and layout');
  for (const b of builds) {
    console.log(`${b.dir} | ${cell(b, (r) => r.ready)} ms | ${cell(b, (r) => r.live)} ms | ${cell(b, (r) => r.wasm)} ms | ${cell(b, (r) => r.live - r.wasm)} ms | ` +
      `${cell(b, (r) => r.scripts)} ms | ${cell(b, (r) => r.layout)} ms`);
  }
} finally {
  for (const b of builds) await b.close();
}
