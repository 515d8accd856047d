// Start-up: first visit and returning user, against a static HTML page of the same transferred
// size served by the same server from the same folder (bench.mjs writes it as reference.html).
//
// - "ready": the first frame in which the overall total is visible and a score button can take
//   a click (visible, enabled, the topmost element at its centre), timed when the main thread has
//   rendered that frame (requestAnimationFrame, then a task). On a first visit the app shows the
//   read-through instead of the score list: there the button is "Skip the read-through". For the
//   static page: the first frame with its heading visible after the load event. From navigation
//   start (performance.now() of the new document).
// - FCP: the browser's first-contentful-paint entry (the time the compositor showed the frame,
//   which can come after "ready" measured on the main thread).
// - first visit: a new browser context for every load (empty HTTP cache, no service worker,
//   empty localStorage), the app and the page in turns.
// - first visit on a phone: the same with Lighthouse's mobile profile (CDP network conditions
//   and CPU throttling), where the size of the first download shows.
// - returning user: one browser profile on disk that has visited the app once (a workspace with
//   a full audit and 50 accounts stored, the service worker installed and controlling, the HTTP
//   cache filled) and the static page once. Then, in turns again:
//   - "new tab": a new tab in the running browser, the service worker stopped first (CDP
//     ServiceWorker.stopAllWorkers), as Chromium stops it 30 s after the last page closed;
//   - "browser restarted": a new Chromium process on that profile for every load (coming back
//     the next day).
//   The app's page comes through the service worker (network first: a 304 from the server), its
//   js and wasm from the service worker's cache; the static page also passes through the service
//   worker (same folder), network first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kib, launchProfile, median, ms, ratio, row, seed, startServer, VIEWPORT, WORKSPACE_KEY, workspace } from './lib.mjs';

export const READY_PROBE = () => {
  const visible = (el) => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const clickable = (el) => {
    if (!visible(el) || el.disabled) return false;
    const r = el.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return true; // a click would scroll to it
    const top = document.elementFromPoint(x, y);
    return top === el || el.contains(top);
  };
  const reference = location.pathname.endsWith('/reference.html');
  const ready = () => (reference
    ? document.readyState === 'complete' && visible(document.getElementById('ready'))
    : visible(document.querySelector('[data-testid=overall-total]')) &&
      clickable(document.querySelector('[data-testid="score-A1.01-0"], [data-testid=read-through-skip]')));
  // "the app running": the same, drawn by the app itself, not by the drawing of its first screen
  // that a returning user's page shows until the app runs (src/first_screen.rs).
  window.__ready = null;
  window.__live = null;
  let timed = false;
  const loop = () => {
    if (ready()) {
      const live = !document.querySelector('[data-kam-snapshot]');
      if (!timed || live) {
        timed = true;
        // One time for both when the first such frame is the app's own.
        setTimeout(() => {
          const now = performance.now();
          window.__ready ??= now;
          if (live) window.__live = now;
        }, 0);
      }
      if (live) return;
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
};

/** What a load measures, run in the page once "ready" is set: {ready, fcp, bytes, fromWorker,
 * files, wasm}. */
const MEASURED = () => new Promise((resolve, reject) => {
  const stop = Date.now() + 30000;
  const poll = () => {
    if (window.__live !== null && performance.getEntriesByName('first-contentful-paint').length > 0) {
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .filter((e) => e.startTime <= window.__ready);
      resolve({
        ready: window.__ready,
        live: window.__live,
        fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
        bytes: entries.reduce((n, e) => n + e.transferSize, 0),
        fromWorker: entries.filter((e) => e.workerStart > 0).length,
        files: entries.length,
        wasm: entries.find((e) => e.name.endsWith('.wasm'))?.responseEnd ?? null,
      });
    } else if (Date.now() > stop) reject(new Error('not ready within 30 s'));
    else setTimeout(poll, 50);
  };
  poll();
});

/** Loads `url` in `page` and returns what `measure` (a function returning a promise, run in the
 * page) gives. Run through CDP, not `page.evaluate` or `page.waitForFunction`: Playwright
 * evaluates its helper script in the page at its first use, and that took 8 ms of the main
 * thread between the load event and the first frame. */
async function load(page, url, measure = MEASURED) {
  const cdp = await page.context().newCDPSession(page);
  await page.goto(url);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: `(${measure})()`, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (exceptionDetails) throw new Error(`${url}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

/** Lighthouse's mobile profile: slow 4G (150 ms round trip, 1.6 Mbit/s down, 675 kbit/s up) and a
 * CPU 4× slower than this machine's: a consultant's phone in a meeting room. */
const PHONE = { latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };

async function firstVisit(browser, url, phone = false) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PHONE });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  await page.addInitScript(READY_PROBE);
  try { return await load(page, url); } finally { await context.close(); }
}

async function restarted(profile, url) {
  const context = await launchProfile(profile);
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.addInitScript(READY_PROBE);
    return await load(page, url);
  } finally {
    await context.close();
  }
}

/** A new tab in `context` (a running browser on the profile), its service worker stopped first
 * (`cdp`: a session of that browser with ServiceWorker enabled). `init`: more scripts to add to
 * the page; `measure`: see `load`. */
export async function newTab(context, cdp, url, { init = [], measure } = {}) {
  await cdp.send('ServiceWorker.stopAllWorkers');
  const page = await context.newPage();
  for (const script of [READY_PROBE, ...init]) await page.addInitScript(script);
  try { return await load(page, url, measure); } finally { await page.close(); }
}

/** Leaves in `page`'s browser what a returning user has: the stored workspace (a full audit
 * and 50 accounts), the service worker controlling the app, and its caches. */
export async function visitAsReturningUser(page, base) {
  const doc = workspace({ fullAudit: true, accounts: 50 });
  await seed(page, base, doc, '', 'score-A1.01-0');
  // A returning user's workspace is one the app stored: a score changed and changed back, so
  // the app writes the document in its own form (the seed's JSON is another writer's, which
  // the app reads by comparing it field by field for fields it does not know).
  const score = doc.audit.entries['A1.01'].score;
  const stored = (s) => page.waitForFunction(([key, s]) => {
    const doc = JSON.parse(localStorage.getItem(key) ?? '{}');
    return doc.revision > 0 && doc.audit.entries['A1.01'].score === s;
  }, [WORKSPACE_KEY, s]);
  await page.getByTestId(`score-A1.01-${(score + 1) % 4}`).click();
  await stored((score + 1) % 4);
  await page.getByTestId(`score-A1.01-${score}`).click();
  await stored(score);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    // Installing precaches every file (2 MB): on a busy machine that has taken over 5 s.
    for (let i = 0; i < 600 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 50));
    if (!navigator.serviceWorker.controller) throw new Error('the service worker does not control the page');
  });
}

/** The build in `dir` served on `port`, and a browser on a profile of its own that has visited it
 * as a returning user, with a CDP session that has the service worker domain on (to stop the
 * worker before each load, see `newTab`): `{ base, context, cdp, close }`. For the tools that load
 * a returning user's start and read it (ab.mjs, trace-start.mjs, profile-start.mjs). */
export async function asReturningUser(dir, port) {
  const server = await startServer(dir, port);
  const profile = mkdtempSync(join(tmpdir(), 'kam-returning-'));
  const context = await launchProfile(profile);
  const close = async () => {
    await context.close();
    server.stop();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const first = context.pages()[0] ?? await context.newPage();
    await visitAsReturningUser(first, server.base);
    const cdp = await context.newCDPSession(first);
    await cdp.send('ServiceWorker.enable');
    return { base: server.base, context, cdp, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** One visit of the app and one of the static page, leaving the profile as a returning user's. */
async function prepareProfile(profile, base) {
  const context = await launchProfile(profile);
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await visitAsReturningUser(page, base);
    await page.goto(`${base}reference.html`);
    await page.waitForLoadState('load');
  } finally {
    await context.close();
  }
}

/** `n` loads of the app and of the static page in turns, the one going first changing each time:
 * `visit('app' | 'ref')` gives each result, kept in `into.app` and `into.ref`. */
async function inTurns(n, into, visit) {
  for (let i = 0; i < n; i++) {
    for (const which of i % 2 ? ['ref', 'app'] : ['app', 'ref']) into[which].push(await visit(which));
  }
}

const LOADS = Number(process.env.BENCH_LOADS ?? (process.env.BENCH_QUICK ? 3 : 10));
// Each such load takes seconds: fewer of them.
const PHONE_LOADS = Math.max(3, Math.ceil(LOADS / 2));

export async function startup({ base, browser, referenceBytes }) {
  const app = base;
  const ref = `${base}reference.html`;
  const runs = { first: { app: [], ref: [] }, phone: { app: [], ref: [] }, tab: { app: [], ref: [] }, restart: { app: [], ref: [] } };
  const url = (which) => (which === 'app' ? app : ref);
  await inTurns(LOADS, runs.first, (which) => firstVisit(browser, url(which)));
  await inTurns(PHONE_LOADS, runs.phone, (which) => firstVisit(browser, url(which), true));
  const profile = mkdtempSync(join(tmpdir(), 'kam-bench-profile-'));
  try {
    await prepareProfile(profile, base);
    const context = await launchProfile(profile);
    try {
      const blank = context.pages()[0] ?? await context.newPage();
      const cdp = await context.newCDPSession(blank);
      await cdp.send('ServiceWorker.enable');
      await inTurns(LOADS, runs.tab, (which) => newTab(context, cdp, url(which)));
    } finally {
      await context.close();
    }
    await inTurns(LOADS, runs.restart, (which) => restarted(profile, url(which)));
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }

  const rows = [];
  const refName = `static page, ${kib(referenceBytes)} brotli`;
  for (const [key, label] of [['first', 'first visit'], ['phone', 'first visit on a phone (slow 4G, CPU 4× slower)'], ['tab', 'returning user, new tab'], ['restart', 'returning user, browser restarted']]) {
    const { app: a, ref: r } = runs[key];
    for (const [m, name] of [['fcp', 'first contentful paint'], ['ready', '"ready" (total shown, score button clickable)'],
      ['live', 'the app running (the same, drawn by the app)']]) {
      // Without a drawing of the first screen to show (first visits) it is "ready".
      if (m === 'live' && a.every((x) => x.live === x.ready)) continue;
      const av = a.map((x) => x[m]);
      const rv = r.map((x) => x[m]);
      rows.push(row('start-up', `${label}: ${name}, median of ${av.length}`,
        `${ms(median(av))} ms (${ms(Math.min(...av))}-${ms(Math.max(...av))})`,
        `${ms(median(rv))} ms (${ms(Math.min(...rv))}-${ms(Math.max(...rv))}) (${refName})`,
        ratio(median(av), median(rv))));
    }
    const bytes = median(a.map((x) => x.bytes));
    const refBytes = median(r.map((x) => x.bytes));
    const files = median(a.map((x) => x.files));
    const sw = median(a.map((x) => x.fromWorker));
    rows.push(row('start-up', `${label}: bytes transferred before "ready" (${files} files, ${sw} answered by the service worker, counted 0)`,
      kib(bytes), `${kib(refBytes)} (static page)`, refBytes > 0 ? ratio(bytes, refBytes) : ''));
    const wasm = a.map((x) => x.wasm);
    rows.push(row('start-up', `${label}: the wasm received (Resource Timing responseEnd), median`, `${ms(median(wasm))} ms (${ms(Math.min(...wasm))}-${ms(Math.max(...wasm))})`));
  }
  return rows;
}
