// Scale: importing a generated CSV (300 and 10,000 accounts; checked, imported, saved), the
// portfolio matrix drawn and redrawn at each size, and the account list with 10,000 accounts
// (paging through it and scrolling one page), with the long tasks (> 50 ms) of each. All in the
// page; each next to a plain-JS reference run in the same page:
// - import: the same file read with arrayBuffer(), decoded, split into rows and cells, every
//   number and rating checked, turned into objects, JSON.stringify'd and written to
//   localStorage (then removed), a summary written; before the app's import, storage empty;
// - matrix: an SVG string of the circles the app drew (the same places, radii and fills,
//   fill-opacity; above 1,000 accounts the app merges bubbles on the same spot, so the reference
//   draws as many circles as the app's bubbles, not one per account) put in a div with
//   innerHTML, replaced as many times as the app redraws;
// - paging: a plain table of 50 rows × 10 cells whose body is replaced by the next 50;
// - scrolling: the account page's DOM copied into a static page of the same origin (the same
//   stylesheets, no script), scrolled the same way.
import { csv, PAGE_HELPERS, median, ms, ratio, row, spread, thousands, timingRow, VIEWPORT, workspace, WORKSPACE_KEY } from './lib.mjs';

const QUICK = Boolean(process.env.BENCH_QUICK);
const SIZES = (process.env.BENCH_ACCOUNTS ?? (QUICK ? '300,2000' : '300,10000')).split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const REDRAWS = QUICK ? 2 : 5;
const PAGES = QUICK ? 5 : 20;
const STEP = 40; // px per frame when scrolling

/** The in-page measures, installed with the helpers. */
const SCALE_HELPERS = () => {
  const fileOf = (text) => new File([text], 'bench.csv', { type: 'text/csv' });
  const until = (testid) => () => document.querySelector(`[data-testid=${testid}]`) !== null;

  /** The app: file chosen → plan on screen, Import clicked → summary on screen. */
  window.__appImport = async (text) => {
    const input = document.querySelector('[data-testid=csv-file]');
    const dt = new DataTransfer();
    dt.items.add(fileOf(text));
    const t0 = performance.now();
    const plan = await window.__timeUntilNow(() => {
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, until('csv-plan-counts'));
    const done = await window.__timeUntilNow(() => document.querySelector('[data-testid=csv-import-button]').click(), until('csv-summary'));
    const summary = document.querySelector('[data-testid=csv-summary]').textContent;
    return { inApp: Number(/in (\d+) ms/.exec(summary)[1]), wall: plan.frame + done.frame, longTasks: window.__longTasksSince(t0), summary };
  };

  /** The reference: the same file read, checked, stored and summarised in plain JS. */
  window.__referenceImport = async (text) => {
    const file = fileOf(text);
    const out = document.createElement('p');
    document.body.append(out);
    const t0 = performance.now();
    const bytes = await file.arrayBuffer();
    const lines = new TextDecoder().decode(bytes).split(/\r?\n/);
    const header = lines[0].split(',');
    const accounts = [];
    let errors = 0;
    for (let i = 1; i < lines.length; i++) {
      const c = lines[i].split(',');
      const nums = [3, 4].map((k) => Number(c[k]));
      const ratings = c.slice(8, 16).map(Number);
      if (c.length !== header.length || nums.some((n) => !Number.isFinite(n) || n < 0) || ratings.some((r) => !Number.isInteger(r) || r < 0 || r > 10)) {
        errors++;
        continue;
      }
      accounts.push({ id: i, name: c[0], sector: c[1], country: c[2], revenue: nums[0], category_spend: nums[1], key_account_manager: c[5],
        executive_sponsor: c[6], current_stage: c[7].toLowerCase(),
        attractiveness: { volume: ratings[0], growth: ratings[1], profitability: ratings[2], strategic_fit: ratings[3] },
        strength_customer_view: { quality: ratings[4], relationship: ratings[5], price: ratings[6], understanding: ratings[7] } });
    }
    localStorage.setItem('kam-bench/reference', JSON.stringify({ schema: 2, portfolio: { accounts } }));
    const inApp = performance.now() - t0;
    const r = await window.__timeUntilNow(() => { out.textContent = `Imported ${accounts.length} accounts, ${errors} errors, in ${inApp.toFixed(0)} ms.`; }, () => out.textContent !== '');
    localStorage.removeItem('kam-bench/reference');
    out.remove();
    return { inApp, wall: inApp + r.frame, longTasks: window.__longTasksSince(t0) };
  };

  const matrixSvg = () => document.querySelector('[data-testid=chart-portfolio-matrix] svg');
  /** The app: open the matrix tab (first draw), then `n` split changes (redraws). */
  window.__appMatrix = async (n) => {
    let t0 = performance.now();
    const open = await window.__timeUntilNow(() => { location.hash = '#/portfolio/matrix'; }, () => matrixSvg() !== null);
    const openLong = window.__longTasksSince(t0);
    await new Promise((r) => setTimeout(r, 600)); // the import's debounced work settles
    const redraws = [];
    t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const old = matrixSvg();
      redraws.push(await window.__timeUntil(() => {
        const input = document.querySelector('[data-testid=matrix-split]');
        input.value = i % 2 ? '6.5' : '4.5';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        document.querySelector('[data-testid=matrix-split-apply]').click();
      }, () => matrixSvg() !== null && matrixSvg() !== old));
    }
    const svg = matrixSvg();
    const circles = [...svg.querySelectorAll('circle')].map((c) => ['cx', 'cy', 'r', 'fill'].map((a) => c.getAttribute(a)));
    return { open: open.frame, openLong, redraws: redraws.map((r) => r.frame), redrawLong: window.__longTasksSince(t0),
      circles, width: svg.getAttribute('width'), height: svg.getAttribute('height'),
      wasmDraw: Number(document.querySelector('.kw-matrix').dataset.drawMs) };
  };

  /**
   * The reference: `n + 1` SVG strings of the app's `circles` ([cx, cy, r, fill]) put in a div (the
   * first one = first draw); each string's fills turned by one, as a split change recolours.
   */
  window.__referenceMatrix = async (n, circles, width, height) => {
    const fills = [...new Set(circles.map((c) => c[3]))];
    const svg = (k) => {
      let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`;
      for (const [cx, cy, r, fill] of circles) {
        s += `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fills[(fills.indexOf(fill) + k) % fills.length]}" fill-opacity="0.55"/>`;
      }
      return `${s}</svg>`;
    };
    const box = document.createElement('div');
    document.querySelector('main')?.append(box) ?? document.body.append(box);
    const t0 = performance.now();
    const times = [];
    for (let k = 0; k <= n; k++) {
      const old = box.firstChild;
      times.push((await window.__timeUntil(() => { box.innerHTML = svg(k); }, () => box.firstChild !== old)).frame);
    }
    const longTasks = window.__longTasksSince(t0);
    box.remove();
    return { open: times[0], redraws: times.slice(1), longTasks };
  };

  /** The app's account list: `n` clicks of "Next →". */
  window.__appPaging = async (n) => {
    const next = () => [...document.querySelectorAll('.kw-pager button')].find((b) => b.textContent.includes('Next'));
    const label = () => document.querySelector('[data-testid=account-page]').textContent;
    const t0 = performance.now();
    const times = [];
    for (let i = 0; i < n; i++) {
      const was = label();
      times.push(await window.__timeUntil(() => next().click(),
        () => label() !== was && document.querySelectorAll('[data-testid^=account-row-]').length > 0));
    }
    return { times, longTasks: window.__longTasksSince(t0), label: label() };
  };

  /** The reference: a plain table of 50 rows × 10 cells, its body replaced `n` times. */
  window.__referencePaging = async (n) => {
    const table = document.createElement('table');
    table.className = 'kw-table';
    const body = table.createTBody();
    const fill = (page) => {
      const rows = [];
      for (let r = 0; r < 50; r++) {
        const tr = document.createElement('tr');
        for (let c = 0; c < 10; c++) {
          const td = document.createElement('td');
          td.textContent = c === 0 ? `Customer ${page * 50 + r}` : `${(page * 50 + r) * (c + 1) % 997}`;
          tr.append(td);
        }
        rows.push(tr);
      }
      body.replaceChildren(...rows);
    };
    fill(0);
    document.querySelector('main')?.append(table) ?? document.body.append(table);
    const t0 = performance.now();
    const times = [];
    for (let i = 1; i <= n; i++) {
      const was = body.firstChild;
      times.push(await window.__timeUntil(() => fill(i), () => body.firstChild !== was));
    }
    const longTasks = window.__longTasksSince(t0);
    table.remove();
    return { times, longTasks };
  };

  /** Scrolls the document from top to bottom, `step` px a frame: the frame intervals. */
  window.__scroll = async (step) => {
    window.scrollTo({ top: 0, behavior: 'instant' });
    await window.__nextFrame();
    await window.__nextFrame();
    const t0 = performance.now();
    const frames = [];
    let last = await window.__nextFrame();
    const bottom = () => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    while (!bottom()) {
      window.scrollBy({ top: step, behavior: 'instant' });
      const t = await window.__nextFrame();
      frames.push(t - last);
      last = t;
    }
    return { frames, height: document.documentElement.scrollHeight, longTasks: window.__longTasksSince(t0), total: last - t0 };
  };
};

const longText = (counts) => `${median(counts)} long task${median(counts) === 1 ? '' : 's'}`;

/**
 * A returning user whose portfolio an earlier version saved (schema 2, as `workspace()` writes
 * it: the default stage written out, which this version leaves out and so must tell apart from
 * fields it does not know): the page reloaded on the account list, from
 * navigation start to the first frame with the first account row on screen. Reference, in the
 * same tab just after: the static page of the app's size (bench.mjs writes it) loaded, to its
 * load event. Also timed: plain JS reading and parsing the stored document (localStorage,
 * JSON.parse), the least any app must do to open it.
 */
async function reopenAccounts(page, base, n) {
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [WORKSPACE_KEY, JSON.stringify(workspace({ accounts: n }))]);
  await page.addInitScript(() => {
    window.__listShown = null;
    const obs = new MutationObserver(() => {
      if (!document.querySelector('[data-testid=account-table] tbody tr')) return;
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__listShown = performance.now(); }, 0));
    });
    obs.observe(document, { childList: true, subtree: true });
  });
  await page.evaluate(() => { location.hash = '#/portfolio/accounts'; });
  await page.reload();
  await page.waitForFunction(() => window.__listShown !== null, null, { timeout: 120000, polling: 50 });
  const app = await page.evaluate((key) => {
    const t0 = performance.now();
    const doc = JSON.parse(localStorage.getItem(key));
    const parse = performance.now() - t0;
    if (!doc.portfolio.accounts.length) throw new Error('nothing stored');
    return { shown: window.__listShown, parse, longTasks: window.__longTasks.length };
  }, WORKSPACE_KEY);
  await page.goto(`${base}reference.html`);
  const staticPage = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  return { ...app, staticPage };
}

export async function scale({ browser, base }) {
  const rows = [];
  const stored = {};
  for (const n of SIZES) {
    const text = csv(n);
    const runs = [];
    let list = null;
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      try {
        const page = await context.newPage();
        await page.addInitScript(PAGE_HELPERS);
        await page.addInitScript(SCALE_HELPERS);
        await page.goto(`${base}#/portfolio/csv`);
        await page.getByTestId('csv-file').waitFor();
        const ref = await page.evaluate((t) => window.__referenceImport(t), text);
        const app = await page.evaluate((t) => window.__appImport(t), text);
        if (!/Imported (\d+) new/.test(app.summary) || Number(/Imported (\d+) new/.exec(app.summary)[1]) !== n) {
          throw new Error(`import of ${n} rows: ${app.summary}`);
        }
        stored[n] = await page.evaluate(() => {
          const v = localStorage.getItem('kam-workbench/workspace/w1') ?? '';
          return { chars: v.length, bytes: new TextEncoder().encode(v).length };
        });
        const matrix = await page.evaluate((r) => window.__appMatrix(r), REDRAWS);
        const refMatrix = await page.evaluate(([r, m]) => window.__referenceMatrix(r, m.circles, m.width, m.height), [REDRAWS, matrix]);
        const run = { app, ref, matrix, refMatrix };
        runs.push(run);

        if (i === 0 && n === Math.max(...SIZES)) {
          await page.evaluate(() => { location.hash = '#/portfolio/accounts'; });
          await page.getByTestId('account-table').waitFor();
          const paging = await page.evaluate((p) => window.__appPaging(p), PAGES);
          const refPaging = await page.evaluate((p) => window.__referencePaging(p), PAGES);
          const scroll = await page.evaluate((s) => window.__scroll(s), STEP);
          // The same page as static HTML: its DOM in a page of the same origin with no script.
          const html = await page.evaluate(() => document.documentElement.innerHTML.replace(/<script\b[\s\S]*?<\/script>/gi, ''));
          const copy = await context.newPage();
          await copy.addInitScript(PAGE_HELPERS);
          await copy.addInitScript(SCALE_HELPERS);
          await copy.goto(`${base}blank.html`);
          await copy.evaluate(async (h) => {
            document.documentElement.innerHTML = h;
            await Promise.all([...document.querySelectorAll('link[rel=stylesheet]')].map((l) => (l.sheet ? null : new Promise((r) => { l.onload = r; l.onerror = r; }))));
          }, html);
          const refScroll = await copy.evaluate((s) => window.__scroll(s), STEP);
          list = { paging, refPaging, scroll, refScroll };
        }
        run.reopen = await reopenAccounts(page, base, n);
      } finally {
        await context.close();
      }
    }

    const N = thousands(n);
    const col = (f) => runs.map(f);
    const longs = (f) => longText(col(f));
    rows.push(row('scale', `import ${N} accounts: checked, imported, saved (in-app timer), median of ${RUNS}`,
      `${ms(median(col((r) => r.app.inApp)))} ms; ${longs((r) => r.app.longTasks)}`,
      `${ms(median(col((r) => r.ref.inApp)))} ms; ${longs((r) => r.ref.longTasks)} (plain-JS read, check, JSON, localStorage)`,
      ratio(median(col((r) => r.app.inApp)), median(col((r) => r.ref.inApp)))));
    rows.push(row('scale', `import ${N} accounts: file chosen → plan on screen + Import → summary on screen`,
      `${ms(median(col((r) => r.app.wall)))} ms`,
      `${ms(median(col((r) => r.ref.wall)))} ms (the same + summary on screen)`,
      ratio(median(col((r) => r.app.wall)), median(col((r) => r.ref.wall)))));
    rows.push(row('scale', `reopen with ${N} accounts stored by an earlier version: reload on the account list → first row on screen, median of ${RUNS}`,
      `${ms(median(col((r) => r.reopen.shown)))} ms; ${longs((r) => r.reopen.longTasks)}; the stored document read and parsed by plain JS: ${ms(median(col((r) => r.reopen.parse)))} ms`,
      `${ms(median(col((r) => r.reopen.staticPage)))} ms (the static page of the app's size, same tab, to its load event)`,
      ratio(median(col((r) => r.reopen.shown)), median(col((r) => r.reopen.staticPage)))));
    const circles = runs[0].matrix.circles.length;
    rows.push(row('scale', `matrix first draw, ${thousands(circles)} bubbles (${N} accounts): open → next frame`,
      `${ms(median(col((r) => r.matrix.open)))} ms; ${longs((r) => r.matrix.openLong)}; SVG in wasm ${ms(median(col((r) => r.matrix.wasmDraw)))} ms`,
      `${ms(median(col((r) => r.refMatrix.open)))} ms (plain-JS SVG string, innerHTML)`,
      ratio(median(col((r) => r.matrix.open)), median(col((r) => r.refMatrix.open)))));
    const redraws = runs.flatMap((r) => r.matrix.redraws);
    const refRedraws = runs.flatMap((r) => r.refMatrix.redraws);
    const perRedraw = (f) => (median(col(f)) / REDRAWS).toFixed(1);
    rows.push(row('scale', `matrix redraw, split changed (${N} accounts, ${redraws.length}): click → next frame`,
      `${spread(redraws)}; ${perRedraw((r) => r.matrix.redrawLong)} long tasks each`,
      `${spread(refRedraws)}; ${perRedraw((r) => r.refMatrix.longTasks)} long tasks each (plain-JS SVG, innerHTML)`,
      ratio(median(redraws), median(refRedraws))));

    if (list) {
      const p = list.paging;
      const t = (xs) => xs.map((x) => x.frame);
      rows.push(timingRow('scale', `account list, ${N} accounts: "Next →", 50 rows replaced (${PAGES}): click → next frame; ${p.longTasks} long tasks`,
        t(p.times), t(list.refPaging.times), `plain-JS table body, ${list.refPaging.longTasks} long tasks`));
      const s = list.scroll;
      const r = list.refScroll;
      const slow = (xs) => xs.filter((x) => x > 25).length;
      rows.push(row('scale', `account list, ${N} accounts: one page (50 rows, ${s.height} px) scrolled top to bottom, ${STEP} px a frame: frame interval`,
        `${spread(s.frames)}; ${s.frames.length} frames, ${slow(s.frames)} over 25 ms; ${s.longTasks} long tasks`,
        `${spread(r.frames)}; ${r.frames.length} frames, ${slow(r.frames)} over 25 ms; ${r.longTasks} long tasks (static copy, ${r.height} px)`,
        ratio(median(s.frames), median(r.frames))));
    }
  }
  return { rows, stored };
}
