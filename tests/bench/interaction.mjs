// How fast the app answers a person: one score change (also at 4× CPU throttling), switching
// Score ↔ Results, one account edit. Each timing runs in the page, from the action (a click(), a
// hash change, a field's change event) to the next animation frame after the result is on
// screen (a MutationObserver sees the total, chart or title change, then requestAnimationFrame);
// `dom` stops at the DOM change; `work` is the DOM change plus that frame's style, layout and
// paint (a message posted from the frame callback), the wait for vsync left out: what the
// main thread is busy for. The reference is a plain-JS button in the same page
// updating a text, timed in the same loop. Stored workspace: 300 accounts, no score yet, the
// read-through done (as in every interaction table of BENCHMARKS.md).
import { PAGE_HELPERS, seed, timingRow, VIEWPORT, workspace } from './lib.mjs';

const QUICK = Boolean(process.env.BENCH_QUICK);
const CLICKS = Number(process.env.BENCH_CLICKS ?? (QUICK ? 40 : 200));
const SWITCHES = QUICK ? 5 : 20;
const EDITS = QUICK ? 10 : 30;

/** `n` score changes, each followed by a click of the reference: {app, plain} of {dom, frame}. */
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
      app.push(await window.__timeUntil(() => button.click(), () => total() !== before)
        .catch((e) => { throw new Error(`${e.message} [click ${i}: ${id} → ${s}, total ${before} → ${total()}]`); }));
      const was = ref.out.textContent;
      plain.push(await window.__timeUntil(() => ref.button.click(), () => ref.out.textContent !== was));
    }
    ref.remove();
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
    return { toResults, toScore, plain: await window.__referenceClicks(n) };
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
    ref.remove();
    return { app, plain };
  }, n);
}

/** Two rows: to the next frame (what a person sees) and to the DOM change (the work). */
function rows(measure, app, plain) {
  const pick = (xs, k) => xs.map((x) => x[k]);
  return [
    timingRow('interaction', `${measure}: to the next frame`, pick(app, 'frame'), pick(plain, 'frame'), 'plain-JS button'),
    timingRow('interaction', `${measure}: to the DOM change`, pick(app, 'dom'), pick(plain, 'dom'), 'plain-JS button'),
    timingRow('interaction', `${measure}: the work, to the frame painted`, pick(app, 'work'), pick(plain, 'work'), 'plain-JS button'),
  ];
}

export async function interaction({ browser, base }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const out = [];
  try {
    const page = await context.newPage();
    await page.addInitScript(PAGE_HELPERS);
    await seed(page, base, workspace({ accounts: 300 }), '#/audit/score', 'score-A1.01-0');
    // The list builds its first period first; every click below may go to any of the 129 actions.
    await page.locator('.kw-checklist:not([aria-busy])').waitFor();

    let r = await scoreClicks(page, CLICKS);
    out.push(...rows(`one score change (${CLICKS}), click →`, r.app, r.plain));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    r = await scoreClicks(page, CLICKS);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    out.push(...rows(`the same at 4× CPU throttling (${CLICKS})`, r.app, r.plain));

    const v = await switchViews(page, SWITCHES);
    out.push(...rows(`switch Score → Results, charts drawn (${SWITCHES})`, v.toResults, v.plain));
    out.push(...rows(`switch Results → Score, 129 rows visible (${SWITCHES})`, v.toScore, v.plain));

    await page.goto(`${base}#/portfolio/account/1`);
    await page.getByTestId('acc-name').waitFor();
    const e = await accountEdits(page, EDITS);
    out.push(...rows(`one account field edit, 300 accounts (${EDITS})`, e.app, e.plain));
  } finally {
    await context.close();
  }
  return out;
}
