// How fast the app answers a person: one score change, switching audit views, one account
// edit. Every timing is taken next to a reference in the same page and run (a plain-JS button
// doing the same kind of text update), and given as a ratio. Prints figures, asserts nothing.
import { median, quantile, fmt, withBrowser } from './lib.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 8198);
// Builds to compare in one run, e.g. BENCH_DISTS=before=/tmp/old-dist,after=dist.
const DISTS = (process.env.BENCH_DISTS ?? `this build=${process.env.E2E_DIST ?? 'dist'}`)
  .split(',').map((d) => d.split('='));
const CLICKS = Number(process.env.BENCH_CLICKS ?? 200);
const KEY = 'kam-workbench/workspace/w1';

function workspace(accounts) {
  const list = [];
  for (let i = 1; i <= accounts; i++) {
    list.push({ id: i, name: `Customer ${i}`, sector: `Sector ${i % 17}`, revenue: 10000 + i * 37, key_account_manager: `Manager ${i % 12}`,
      attractiveness: { volume: i % 11, growth: (i * 3) % 11, profitability: (i * 7) % 11, strategic_fit: (i * 5) % 11 },
      strength_customer_view: { quality: (i * 2) % 11, relationship: (i * 9) % 11, price: (i * 4) % 11, understanding: (i * 6) % 11 } });
  }
  return { schema: 1, audit: { read_through_done: true }, portfolio: { next_id: accounts + 1, accounts: list } };
}

// In the page: time from `act()` to the DOM change (`dom`: the work) and to the next animation
// frame after it (`frame`: when it can be painted, which depends on where in the frame the
// action fell). Waits
// between runs are random (0-17 ms) so clicks do not all fall at the same point of a frame.
const PAGE_HELPERS = () => {
  window.__timeUntil = async (act, changed) => {
    await new Promise((r) => setTimeout(r, Math.random() * 17));
    return window.__timeUntilNow(act, changed);
  };
  window.__timeUntilNow = (act, changed) => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const limit = setTimeout(() => { obs.disconnect(); reject(new Error(`no change within 10 s after ${act}`)); }, 10000);
    const check = () => {
      if (!changed()) return false;
      const dom = performance.now() - t0;
      obs.disconnect();
      clearTimeout(limit);
      requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
      return true;
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    act();
    check();
  });
  // The reference: a plain-JS button that updates a text, like the total.
  window.__addReference = () => {
    const button = document.createElement('button');
    const out = document.createElement('span');
    let n = 0;
    button.onclick = () => { n += 1; out.textContent = `${n} / 387`; };
    document.body.append(button, out);
    return { button, out };
  };
};

async function scoreClicks(page, n) {
  return page.evaluate(async (n) => {
    const total = () => document.querySelector('[data-testid=overall-total]').textContent;
    const ids = [...new Set([...document.querySelectorAll('[data-action]')].map((e) => e.dataset.action))];
    const ref = window.__addReference();
    const app = [];
    const plain = [];
    // Carries on where the last run stopped, so every click changes a score.
    const start = window.__clicks ?? 0;
    window.__clicks = start + n;
    for (let i = start; i < start + n; i++) {
      const id = ids[i % ids.length];
      const s = (Math.floor(i / ids.length) % 3) + 1;
      const button = document.querySelector(`[data-testid="score-${id}-${s}"]`);
      const before = total();
      app.push(await window.__timeUntil(() => button.click(), () => total() !== before).catch((e) => { throw new Error(`${e.message} [click ${i}: ${id} → ${s}, total ${before} → ${total()}]`); }));
      const was = ref.out.textContent;
      plain.push(await window.__timeUntil(() => ref.button.click(), () => ref.out.textContent !== was));
    }
    return { app, plain };
  }, n);
}

async function switchViews(page, n) {
  return page.evaluate(async (n) => {
    const toResults = [];
    const toScore = [];
    for (let i = 0; i < n; i++) {
      toResults.push(await window.__timeUntil(() => { location.hash = '#/audit/results'; },
        () => document.querySelector('[data-testid=chart-period-scores] svg')?.getBoundingClientRect().height > 0));
      toScore.push(await window.__timeUntil(() => { location.hash = '#/audit/score'; },
        () => document.querySelector('[data-testid="score-D3.02-0"]')?.offsetParent != null));
    }
    return { toResults, toScore };
  }, n);
}

async function accountEdits(page, n) {
  return page.evaluate(async (n) => {
    const title = () => document.querySelector('[data-testid=account-title]').textContent;
    const ref = window.__addReference();
    const app = [];
    const plain = [];
    for (let i = 0; i < n; i++) {
      const input = document.querySelector('[data-testid=acc-name]');
      const name = `Customer 1 (${i})`;
      app.push(await window.__timeUntil(() => {
        input.value = name;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, () => title() === name));
      const was = ref.out.textContent;
      plain.push(await window.__timeUntil(() => ref.button.click(), () => ref.out.textContent !== was));
    }
    return { app, plain };
  }, n);
}

const stats = (xs) => `p50 ${fmt(median(xs))} / p95 ${fmt(quantile(xs, 0.95))} / max ${fmt(Math.max(...xs))}`;

/** One line per measure: the app and the plain-JS reference, to the DOM change and to the frame. */
function row(label, app, plain) {
  for (const k of ['dom', 'frame']) {
    const a = app.map((x) => x[k]);
    const p = plain.map((x) => x[k]);
    const ratio = (median(a) / Math.max(median(p), 0.05)).toFixed(1);
    console.log(`${(k === 'dom' ? label : '').padEnd(40)} ${k.padEnd(5)}  app ${stats(a)}   plain-JS ${stats(p)}   ratio p50 ${ratio}×`);
  }
}

async function measure(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(PAGE_HELPERS);
  await page.goto(`${base}#/guide`);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(workspace(300))]);
  await page.goto(`${base}#/audit/score`);
  await page.reload();
  await page.getByTestId('score-A1.01-0').waitFor();

  let r = await scoreClicks(page, CLICKS);
  row('one score change', r.app, r.plain);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  r = await scoreClicks(page, Math.min(CLICKS, 100));
  row('  the same at 4× CPU throttling', r.app, r.plain);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  const v = await switchViews(page, 10);
  const ref = await page.evaluate(async () => {
    const r = window.__addReference();
    const xs = [];
    for (let i = 0; i < 10; i++) {
      const was = r.out.textContent;
      xs.push(await window.__timeUntil(() => r.button.click(), () => r.out.textContent !== was));
    }
    return xs;
  });
  row('switch Score → Results (charts drawn)', v.toResults, ref);
  row('switch Results → Score (129 rows)', v.toScore, ref);

  await page.goto(`${base}#/portfolio/account/1`);
  await page.getByTestId('acc-name').waitFor();
  const e = await accountEdits(page, 30);
  row('one account field edit, 300 accounts', e.app, e.plain);
}

console.log(`KAM Workbench interaction benchmark, ${new Date().toISOString().slice(0, 10)}, headless Chromium, ${CLICKS} score changes`);
for (const [name, dir] of DISTS) {
  console.log(`\n${name} (${dir})`);
  await withBrowser(PORT, dir, measure);
}
