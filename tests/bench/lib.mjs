// Shared by the benchmark sections (tests/bench/bench.mjs runs them all): the server `make run`
// uses, Debian's headless Chromium, the generated data, in-page timers and the result rows.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

// ---- statistics and formatting -------------------------------------------------------------

const sorted = (xs) => [...xs].sort((a, b) => a - b);
export const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
export const quantile = (xs, q) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
export const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
export const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
export const thousands = (n) => Math.round(n).toLocaleString('en-GB');
/** "p50 / p95 / max ms" of samples. */
export const spread = (xs) => `${ms(median(xs))} / ${ms(quantile(xs, 0.95))} / ${ms(Math.max(...xs))} ms`;
/** "a×" for a over b, b kept away from 0 (a timer's resolution is 0.1 ms). */
export const ratio = (a, b) => {
  const r = a / Math.max(b, 0.05);
  return `${r < 0.095 ? r.toFixed(2) : r.toFixed(1)}×`;
};

/** One row of the table. */
export const row = (section, measure, value, reference = '', r = '') => ({ section, measure, value, reference, ratio: r });

/** A row for a timing with a reference: p50 / p95 / max of each, ratio of the medians. */
export function timingRow(section, measure, app, ref, refName) {
  return row(section, measure, spread(app), `${spread(ref)} (${refName})`, ratio(median(app), median(ref)));
}

// ---- server and browser ----------------------------------------------------------------------

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean)];
export const VIEWPORT = { width: 1280, height: 900 };

/** Serves `dir` on 127.0.0.1:`port` with scripts/serve.mjs, as `make run` does (precompressed brotli, cache headers, CSP). */
export async function startServer(dir, port) {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', dir, '--port', String(port)], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base)).ok) return { base, stop: () => server.kill() }; } catch { /* not up yet */ }
    await sleep(100);
  }
  server.kill();
  throw new Error(`scripts/serve.mjs did not answer on ${base}`);
}

export const launch = () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** A browser with its own profile on disk (HTTP cache, service worker, localStorage kept between launches). */
export const launchProfile = (dir) => chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: VIEWPORT });

// ---- data ------------------------------------------------------------------------------------

export const WORKSPACE_KEY = 'kam-workbench/workspace/w1';

/** The linear congruential generator of the bench since the start (seed 42 for accounts). */
export function lcg(seed) {
  return (m) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m; };
}

/** A CSV of `n` accounts: ratings on all 8 factors, 120 managers, 40 sponsors (the same rows since 2026-11-23). */
export function csv(n) {
  const header = ['Name', 'Sector', 'Country', 'Revenue', 'Category spend', 'Key account manager', 'Executive sponsor', 'Stage',
    'attr:volume', 'attr:growth', 'attr:profitability', 'attr:strategic_fit',
    'strength:quality', 'strength:relationship', 'strength:price', 'strength:understanding'];
  const stages = ['Exploratory', 'Basic', 'Cooperative', 'Interdependent', 'Integrated'];
  const rnd = lcg(42);
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) {
    const r = () => rnd(11);
    lines.push([`Customer ${i}`, `Sector ${i % 17}`, ['UK', 'DE', 'FR', 'US'][i % 4], 10000 + rnd(5000000), 50000 + rnd(20000000),
      `Manager ${i % 120}`, `Sponsor ${i % 40}`, stages[i % 5], r(), r(), r(), r(), r(), r(), r(), r()].join(','));
  }
  return lines.join('\r\n');
}

const audit = JSON.parse(readFileSync(new URL('../../data/audit.json', import.meta.url), 'utf8'));
/** The 129 action ids in framework order. */
export const ACTION_IDS = audit.phases.flatMap((ph) => ph.periods.flatMap((p) => p.actions.map((a) => a.id)));

const WORDS = ['account', 'plan', 'sponsor', 'review', 'customer', 'value', 'board', 'quarterly', 'team', 'pricing', 'contract',
  'renewal', 'risk', 'evidence', 'workshop', 'agreed', 'pending', 'budget', 'director', 'process', 'training', 'supply', 'forecast', 'gap'];
/** Varied prose of `chars` characters, so nothing flatters the figures. */
export function prose(seed, chars) {
  const rnd = lcg(seed + 1);
  let out = '';
  while (out.length < chars) out += `${WORDS[rnd(1 << 30) % WORDS.length]} `;
  return out.slice(0, chars);
}

/**
 * A stored workspace document (schema 2) as examples/share_codec.rs builds its cases:
 * `fullAudit`: every action scored 0-3, every 20th N/A with a reason, five organisation litmus
 * answers; `notes`: a 200-character note on every action; `accounts`: that many rated accounts
 * with the CSV's fields. The read-through is done (the score list shows).
 */
export function workspace({ fullAudit = false, notes = false, accounts = 0 } = {}) {
  const entries = {};
  if (fullAudit) {
    const rnd = lcg(7);
    ACTION_IDS.forEach((id, i) => {
      entries[id] = i % 20 === 7 ? { not_applicable: 'Not relevant to us yet' } : { score: (rnd(1 << 30) >> 20) % 4 };
      if (notes) entries[id].note = prose(i, 200);
    });
  }
  const stages = ['exploratory', 'basic', 'cooperative', 'interdependent', 'integrated'];
  const rnd = lcg(42);
  const list = [];
  for (let i = 0; i < accounts; i++) {
    const r = () => rnd(11);
    list.push({ id: i + 1, name: `Customer ${i}`, sector: `Sector ${i % 17}`, country: ['UK', 'DE', 'FR', 'US'][i % 4],
      revenue: 10000 + rnd(5000000), category_spend: 50000 + rnd(20000000), key_account_manager: `Manager ${i % 120}`,
      executive_sponsor: `Sponsor ${i % 40}`, current_stage: stages[i % 5],
      attractiveness: { volume: r(), growth: r(), profitability: r(), strategic_fit: r() },
      strength_customer_view: { quality: r(), relationship: r(), price: r(), understanding: r() } });
  }
  const answers = ['yes', 'yes', 'not_sure', 'no', 'yes'];
  return {
    schema: 2,
    name: 'Northwind Components',
    audit: { entries, read_through_done: true },
    ...(fullAudit ? { litmus: { organisation: answers.map((answer) => ({ answer })) } } : {}),
    portfolio: { next_id: accounts + 1, accounts: list },
  };
}

/** Stores `doc` as the only workspace (before the app reads it), then opens `hash` and waits for `testid`. */
export async function seed(page, base, doc, hash, testid) {
  await page.goto(`${base}#/guide`);
  await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [WORKSPACE_KEY, JSON.stringify(doc)]);
  await page.goto(`${base}${hash}`);
  await page.reload();
  if (testid) await page.getByTestId(testid).first().waitFor();
  // The app itself, not the drawing of its first screen shown until it runs (first_screen.rs).
  await page.locator('[data-kam-snapshot]').waitFor({ state: 'detached' });
}

// ---- in-page timers (page.addInitScript(PAGE_HELPERS)) --------------------------------------

// __timeUntil(act, changed): time from act() to the DOM change (`dom`, the work) and to the next
// animation frame after it (`frame`, when it can be painted). A random 0-17 ms wait before each
// spreads the starts over the frame. __addReference(): a plain-JS button updating a text.
// __longTasks: every long task (> 50 ms) of the page, from a PerformanceObserver.
export const PAGE_HELPERS = () => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((l) => window.__longTasks.push(...l.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))))
      .observe({ type: 'longtask', buffered: true });
  } catch { /* not supported */ }
  window.__longTasksSince = (t0) => window.__longTasks.filter((e) => e.start >= t0).length;
  window.__nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  window.__timeUntil = async (act, changed) => {
    await new Promise((r) => setTimeout(r, Math.random() * 17));
    return window.__timeUntilNow(act, changed);
  };
  window.__timeUntilNow = (act, changed) => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const limit = setTimeout(() => { obs.disconnect(); reject(new Error(`no change within 30 s after ${act}`)); }, 30000);
    const check = () => {
      if (!changed()) return false;
      const dom = performance.now() - t0;
      obs.disconnect();
      clearTimeout(limit);
      requestAnimationFrame(() => {
        const raf = performance.now();
        // A message posted in the frame's callback runs after that frame's style, layout and paint.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const painted = performance.now();
          resolve({ dom, frame: raf - t0, work: dom + (painted - raf), t0 });
        };
        channel.port2.postMessage(0);
      });
      return true;
    };
    const obs = new MutationObserver(check);
    obs.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
    act();
    check();
  });
  window.__addReference = () => {
    const button = document.createElement('button');
    const out = document.createElement('span');
    let n = 0;
    button.onclick = () => { n += 1; out.textContent = `${n} / 387`; };
    document.body.append(button, out);
    return { button, out, remove: () => { button.remove(); out.remove(); } };
  };
  /** Times `n` clicks of a fresh plain-JS reference button: {dom, frame}[]. */
  window.__referenceClicks = async (n) => {
    const ref = window.__addReference();
    const xs = [];
    for (let i = 0; i < n; i++) {
      const was = ref.out.textContent;
      xs.push(await window.__timeUntil(() => ref.button.click(), () => ref.out.textContent !== was));
    }
    ref.remove();
    return xs;
  };
};
