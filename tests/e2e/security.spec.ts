import { test, expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { FreeText } from './pages/free-text';
import { Guard } from './pages/guard';
import { ROUTES, SEEDED, SHOWN } from './pages/routes';
import { SavedWorkspace } from './pages/saved-workspace';
import { Workspaces } from './pages/workspaces';
import { PortfolioPage } from './pages/portfolio-page';
import { AuditPage } from './pages/audit-page';
import {
  CONTROL_FORMULAS,
  FORMULA_START,
  MARKUP,
  ONE_LINE,
  checkSvg,
  expectInertDom,
  formulaCells,
  parseCsv,
  withPayloads,
} from './pages/xss';

// Security: the XSS corpus of pages/xss.ts through every way text gets into the app, the
// Content-Security-Policy of index.html (scripts/offline.mjs) over a whole session, and the
// integrity of the app's code.

const PORT = Number(process.env.E2E_PORT ?? 8181);
const ORIGIN = `http://127.0.0.1:${PORT}`;

/** The policy the build must carry, in order, with the inline scripts' hashes in script-src. */
const POLICY = [
  "default-src 'none'",
  /^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]{43}=')+$/,
  // The stylesheets, inlined into index.html by the hook: one block, allowed by its hash.
  /^style-src 'self' 'sha256-[A-Za-z0-9+/]{43}='$/,
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** Waits two frames: Leptos renders after a signal changes. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Opens a route in the running app and waits for its heading. */
async function visit(page: Page, hash: string) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await expect(page.locator('main h1').first()).toBeVisible();
  await settle(page);
}

/**
 * Every screen, with what it keeps folded opened (a chart's table, notes, a manager's answers),
 * checked for markup a payload could have made and for anything the guard watches.
 */
async function sweep(page: Page, guard: Guard, label: string) {
  for (const route of ROUTES) {
    await visit(page, route.hash);
    await page.evaluate(() => {
      for (const d of document.querySelectorAll<HTMLDetailsElement>('main details:not([open])')) d.open = true;
    });
    await settle(page);
    await expectInertDom(page, `${label}, ${route.name}`);
    await guard.expectClean(`${label}, ${route.name}`);
  }
}

/** Clicks `button` and returns the text of the file it downloads. */
async function download(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const file = page.waitForEvent('download');
  await button.click();
  const done = await file;
  return { name: done.suggestedFilename(), text: readFileSync((await done.path())!, 'utf8') };
}

/**
 * Downloads every chart's SVG on every screen that has one and checks each as a file: well
 * formed, only drawing elements, no handler, no link, no style. Returns the text of each chart.
 */
async function downloadCharts(page: Page): Promise<Map<string, string[]>> {
  const charts = new Map<string, string[]>();
  for (const route of ROUTES) {
    await visit(page, route.hash);
    // The charts of the screen shown, not those of Results kept (or built ahead) hidden.
    const buttons = page.locator(`main figure.kw-chart${SHOWN} [data-testid$="-download"]`);
    for (let i = 0; i < (await buttons.count()); i++) {
      const { name, text } = await download(page, buttons.nth(i));
      const svg = await checkSvg(page, text);
      expect(svg.problems, `${name} holds only drawing`).toEqual([]);
      charts.set(name, svg.texts);
    }
  }
  return charts;
}

/** The account list exported as CSV: no cell a spreadsheet would run; returns its rows. */
async function exportCsv(page: Page): Promise<string[][]> {
  await visit(page, '#/portfolio/csv');
  const { text } = await download(page, page.getByTestId('csv-export-button'));
  expect(formulaCells(text), 'no exported cell starts a formula').toEqual([]);
  return parseCsv(text);
}

/** What the export must write for a text cell: a leading `'` before a formula start or a `'`. */
const neutralised = (value: string) => (FORMULA_START.test(value) || value.startsWith("'") ? `'${value}` : value);

test('the XSS corpus typed into every free-text field reads back as text on every screen, chart and report; the SVG and CSV downloads are inert', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const guard = await Guard.watch(page, ORIGIN);
  const text = new FreeText(page);
  await page.goto('./#/audit');
  await new AuditPage(page).skipReadThrough();
  const name = await text.workspace();
  await text.audit();
  await text.snapshots();
  await text.assessor();
  await text.accounts(3);
  await text.portfolioSettings();
  await text.litmusComments();
  await guard.expectClean('while typing');
  // Every payload went in somewhere.
  expect(new Set(text.entries.map((e) => e.value))).toEqual(new Set(ONE_LINE));

  // Shown as typed: the workspace, an account, its fields, a comment.
  await expect(page.getByTestId('workspace-current')).toHaveText(name);
  const account = text.entries.find((e) => e.field === 'account name')!.value;
  await page.goto('./#/portfolio/account/1');
  await expect(page.getByTestId('account-title')).toHaveText(account);
  for (const [testid, field] of [
    ['acc-sector', 'sector'],
    ['acc-notes', 'account notes'],
  ]) {
    await expect(page.getByTestId(testid)).toHaveValue(text.entries.find((e) => e.field === field)!.value);
  }
  await expect(page.getByTestId('account-dmu')).toContainText(text.entries.find((e) => e.field === 'decision-making unit name')!.value);

  await sweep(page, guard, 'typed');
  await visit(page, '#/report');
  await expect(page.getByTestId('report-organisation')).toContainText(name);

  const charts = await downloadCharts(page);
  expect([...charts.keys()]).toEqual(
    expect.arrayContaining(['kam-snapshot-trend.svg', 'kam-portfolio-matrix.svg', 'kam-figure-3-score-by-period.svg']),
  );
  // The account's name is in the matrix as text (shortened), and a snapshot label in the trend.
  const matrix = charts.get('kam-portfolio-matrix.svg')!;
  expect(matrix.some((t) => t.startsWith(account.slice(0, 12))), `${JSON.stringify(matrix)} names ${account}`).toBe(true);
  const label = text.entries.find((e) => e.field === 'snapshot label')!.value;
  const trend = charts.get('kam-snapshot-trend.svg')!;
  expect(trend.some((t) => t.startsWith(label.slice(0, 8))), `${JSON.stringify(trend)} has ${label}`).toBe(true);

  const rows = await exportCsv(page);
  const cells = new Set(rows.flat());
  for (const e of text.entries.filter((e) =>
    ['account name', 'key account manager (new account)', 'sector', 'country', 'executive sponsor', 'plan owner', 'account notes'].includes(e.field),
  )) {
    expect(cells.has(neutralised(e.value)), `${e.field} ${JSON.stringify(e.value)} exported as text`).toBe(true);
  }
  await guard.expectClean('after the downloads');
});

test('the XSS corpus in a JSON backup, a full share link and a CSV file is shown and exported as text', async ({ page }) => {
  test.setTimeout(240_000);
  const guard = await Guard.watch(page, ORIGIN);
  const doc = withPayloads(SEEDED);
  const name: string = doc.name;
  expect(MARKUP.some((p) => name.startsWith(p))).toBe(true);

  // A backup file, imported as a new workspace.
  await new SavedWorkspace(page).seed({ schema: 2, name: 'Plain' }, '#/data');
  await page.getByTestId('backup-file').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
  await expect(page.getByTestId('backup-summary')).toContainText(name);
  await page.getByTestId('backup-import-new').click();
  await expect(page.getByTestId('data-message')).toBeVisible();
  const workspaces = new Workspaces(page);
  if ((await workspaces.current.textContent()) !== name) await workspaces.switchTo(name);
  await workspaces.closeMenu();
  await expect(workspaces.current).toHaveText(name);
  await sweep(page, guard, 'backup');
  await downloadCharts(page);
  const rows = await exportCsv(page);
  const names = rows.slice(1).map((r) => r[1]);
  expect(names).toEqual(doc.portfolio.accounts.map((a: { name: string }) => neutralised(a.name)));
  const notes = rows.slice(1).map((r) => r[13]);
  expect(notes.some((n) => n.startsWith(`'${CONTROL_FORMULAS[0]}`) || n.startsWith(`'${CONTROL_FORMULAS[1]}`))).toBe(true);

  // The whole workspace as a share link, opened and kept under a payload name.
  await visit(page, '#/data');
  await page.getByTestId('share-full-make').click();
  const link = await page.getByTestId('share-full').inputValue();
  expect(link).toContain('#f1.');
  await page.evaluate((h) => {
    window.location.hash = h;
  }, link.split('#')[1]);
  await expect(page.getByTestId('shared-summary')).toContainText(name);
  await expectInertDom(page, 'a share link opened');
  const shared = MARKUP[5];
  await page.getByTestId('shared-name').fill(shared);
  await page.getByTestId('shared-import-new').click();
  await expect(workspaces.current).toHaveText(shared);
  await sweep(page, guard, 'share link');

  // A CSV file of payloads, imported into a workspace of its own, exported and imported back.
  await workspaces.create('CSV import');
  const columns = ['name', 'sector', 'country', 'key_account_manager', 'executive_sponsor', 'plan_owner', 'notes', 'revenue'];
  const accounts = ONE_LINE.map((p, i) => [
    `${p} ${i}`,
    ONE_LINE[(i + 1) % ONE_LINE.length],
    ONE_LINE[(i + 2) % ONE_LINE.length],
    ONE_LINE[(i + 3) % ONE_LINE.length],
    ONE_LINE[(i + 4) % ONE_LINE.length],
    ONE_LINE[(i + 5) % ONE_LINE.length],
    `${CONTROL_FORMULAS[i % 2]}${ONE_LINE[(i + 6) % ONE_LINE.length]}`,
    String(1000 * (i + 1)),
  ]);
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const csv = [columns, ...accounts].map((r) => r.map(quote).join(',')).join('\r\n');
  const portfolio = new PortfolioPage(page);
  await page.goto('./#/portfolio/csv');
  await expect(await portfolio.checkCsv('payloads.csv', csv)).toContainText(`${accounts.length} new`);
  await expectInertDom(page, 'a CSV file checked');
  await page.getByTestId('csv-import-button').click();
  await visit(page, '#/portfolio/accounts');
  for (const [account] of accounts) await expect(portfolio.row(account)).toHaveCount(1);
  const exported = await exportCsv(page);
  expect(exported.slice(1).map((r) => r.slice(1, 4))).toEqual(accounts.map((a) => a.slice(0, 3).map(neutralised)));
  for (const route of ['#/portfolio/matrix', '#/litmus/customers', '#/report']) {
    await visit(page, route);
    await expectInertDom(page, `CSV import, ${route}`);
  }

  // The export read back: every neutralised cell is the text it was.
  await workspaces.create('CSV round trip');
  const again = exported.map((r) => r.map(quote).join(',')).join('\r\n');
  await page.goto('./#/portfolio/csv');
  await expect(await portfolio.checkCsv('kam-accounts.csv', again)).toContainText(`${accounts.length} new`);
  await page.getByTestId('csv-import-button').click();
  const roundTrip = await exportCsv(page);
  expect(roundTrip.slice(1).map((r) => r.slice(1, 8))).toEqual(exported.slice(1).map((r) => r.slice(1, 8)));
  await guard.expectClean('after the imports');
});

test('CSP: a whole session over every route and the main actions has no violation and no request outside the page', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const guard = await Guard.watch(page, ORIGIN);
  const index = await page.goto('./#/audit');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = meta!.split('; ');
  expect(directives).toHaveLength(POLICY.length);
  POLICY.forEach((p, i) => (typeof p === 'string' ? expect(directives[i]).toBe(p) : expect(directives[i]).toMatch(p)));
  expect((await index!.allHeaders())['content-security-policy']).toBe(`${meta}; frame-ancestors 'none'`);

  // Score, undo, results, a snapshot.
  const audit = new AuditPage(page);
  await audit.skipReadThrough();
  await audit.score('A1.01', 3);
  await page.getByTestId('undo').click();
  await audit.score('A1.02', 2);
  await visit(page, '#/audit/results');
  await visit(page, '#/audit/snapshots');
  await page.getByTestId('snapshot-take').click();
  await expect(page.getByTestId('snapshot-list')).toBeVisible();
  // An account, its page, the litmus tests.
  await visit(page, '#/portfolio/accounts');
  await page.getByTestId('account-new-name').fill('Acme');
  await page.getByTestId('account-new-manager').fill('Dana');
  await page.getByTestId('account-add-submit').click();
  await page.getByRole('link', { name: 'Acme' }).click();
  await expect(page.getByTestId('account-title')).toHaveText('Acme');
  await visit(page, '#/litmus/organisation');
  await page.getByTestId('org-q0-yes').check();
  await visit(page, '#/litmus/managers');
  // The share bars of a manager's answers (SVG, not a style attribute).
  await page.locator('[data-testid^="mgr-"][data-testid$="-open"]').first().click();
  await page.locator('[data-testid$="-q0-yes"]').first().check();
  await expect(page.locator('svg.kw-lt-bar rect').first()).toHaveAttribute('width', /^100(\.0)?$/);
  // Every route, the report, the guide with a programme start date.
  await sweep(page, guard, 'session');
  await visit(page, '#/guide');
  await page.getByTestId('programme-start').fill('2025-01-15');
  // Downloads: an SVG, the CSV, the backup.
  await downloadCharts(page);
  await exportCsv(page);
  await visit(page, '#/data');
  await download(page, page.getByTestId('backup-download'));
  // A share link, opened and applied.
  const link = await page.getByTestId('share-scores').inputValue();
  await page.evaluate((h) => {
    window.location.hash = h;
  }, link.split('#')[1]);
  await expect(page.getByTestId('shared-summary')).toBeVisible();
  await guard.confirming(() => page.getByTestId('shared-apply').click());
  await expect(page.getByTestId('overall-total')).toBeVisible();
  // The service worker takes over under the policy, and a reload comes from it.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.reload();
  await expect(page.getByTestId('overall-total')).toBeVisible();
  await settle(page);
  await guard.expectClean('the session');
  expect(guard.requests.length).toBeGreaterThan(10);
});

test('CSP: the stylesheet of the build applies, inline in index.html; any other style block or style attribute is refused', async ({
  page,
}) => {
  await page.goto('./#/audit');
  await expect(page.getByTestId('overall-total')).toBeVisible();
  const seen = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const before = { stylesheets: document.styleSheets.length, links: document.querySelectorAll('link[rel=stylesheet]').length };
    const header = getComputedStyle(document.querySelector('.kw-header')!);
    const style = document.createElement('style');
    style.textContent = 'body { margin-top: 77px !important; }';
    document.head.append(style);
    document.body.setAttribute('style', 'margin-left: 66px !important');
    // Both refusals are reported as events, after the fact: wait for them (or 5 s).
    for (let waited = 0; violations.length < 2 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    const body = getComputedStyle(document.body);
    return { ...before, headerColour: header.backgroundColor, top: body.marginTop, left: body.marginLeft, violations };
  });
  // One stylesheet, from index.html itself, and in effect: the header's dark bar of main.css.
  expect(seen.stylesheets).toBe(1);
  expect(seen.links).toBe(0);
  expect(seen.headerColour).toBe('rgb(17, 24, 39)');
  expect(seen.top).not.toBe('77px');
  expect(seen.left).not.toBe('66px');
  expect(seen.violations).toEqual(expect.arrayContaining([expect.stringMatching(/^style-src/)]));
  expect(seen.violations.length).toBeGreaterThanOrEqual(2);
});

test('integrity: a changed wasm or JS is refused and the page says so; the build runs with its wasm fetched once, checked', async ({
  page,
  browser,
}) => {
  // The build as served: the wasm preloaded and fetched once, with its integrity.
  const wasmRequests: string[] = [];
  page.on('request', (r) => r.url().endsWith('_bg.wasm') && wasmRequests.push(r.url()));
  await page.goto('./#/guide');
  await expect(page.locator('main h1')).toBeVisible();
  const html = await (await page.request.get('./')).text();
  const wasm = html.match(/fetch\("(\.\/[^"]+_bg\.wasm)", \{ integrity: "(sha384-[^"]+)" \}\)/);
  expect(wasm, 'the loader fetches the wasm with its integrity').not.toBeNull();
  const bytes = await (await page.request.get(wasm![1])).body();
  const { createHash } = await import('node:crypto');
  expect(wasm![2]).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
  expect(wasmRequests).toHaveLength(1);

  for (const [what, pattern] of [
    ['wasm', /_bg\.wasm$/],
    ['JS', /kam-workbench-[0-9a-f]+\.js$/],
  ] as const) {
    const context = await browser.newContext();
    const tampered = await context.newPage();
    await tampered.route(pattern, async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      // One changed byte in the wasm; a harmless comment added to the JS.
      if (what === 'wasm') body[body.length - 1] ^= 1;
      await route.fulfill({ response, body: what === 'wasm' ? body : Buffer.concat([body, Buffer.from('\n// changed\n')]) });
    });
    await tampered.goto('./#/guide');
    await expect(tampered.getByTestId('load-failed'), `a changed ${what}`).toContainText('KAM Workbench could not start');
    await expect(tampered.getByTestId('load-failed')).toHaveAttribute('role', 'alert');
    await expect(tampered.locator('header, main')).toHaveCount(0);
    await context.close();
  }
});
