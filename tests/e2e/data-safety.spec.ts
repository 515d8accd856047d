import { test, expect, type Page } from '@playwright/test';
import { AuditPage } from './pages/audit-page';
import { PortfolioPage } from './pages/portfolio-page';
import { SavedWorkspace, WORKSPACE_KEY } from './pages/saved-workspace';

// Saved work is never silently lost: each case below lost or misreported
// saved work before the revision check, the storage listener and load-time
// validation existed.

async function openAudit(page: Page) {
  const audit = new AuditPage(page);
  await page.goto('./#/audit');
  await expect(audit.overallTotal).toBeVisible();
  await expect(audit.scoreButton('A1.01', 0)).toBeVisible();
  return audit;
}

async function addAccount(page: Page, name: string) {
  await page.getByTestId('account-new-name').fill(name);
  await page.getByTestId('account-add-submit').click();
  await expect(new PortfolioPage(page).row(name)).toHaveCount(1);
}

const scored = (entries: Record<string, number>, extra: object = {}) => ({
  schema: 1,
  audit: {
    read_through_done: true,
    entries: Object.fromEntries(Object.entries(entries).map(([id, score]) => [id, { score }])),
  },
  ...extra,
});

test('two tabs: a score saved in one tab survives an edit in a tab that was not reloaded', async ({ context }) => {
  const first = await context.newPage();
  await new SavedWorkspace(first).seed(scored({}));
  const second = await context.newPage();
  const a1 = await openAudit(first);
  const a2 = await openAudit(second);

  await a1.score('A1.01', 3);
  await new SavedWorkspace(first).waitSaved();
  // The second tab has not edited, so it follows the first one's save.
  await expect(a2.scoreButton('A1.01', 3)).toHaveAttribute('aria-checked', 'true');
  await a2.score('A1.02', 2);
  await new SavedWorkspace(second).waitSaved();
  await expect(a1.scoreButton('A1.02', 2)).toHaveAttribute('aria-checked', 'true');

  for (const page of [first, second]) {
    await page.reload();
    const audit = new AuditPage(page);
    await expect(audit.scoreButton('A1.01', 3)).toHaveAttribute('aria-checked', 'true');
    await expect(audit.scoreButton('A1.02', 2)).toHaveAttribute('aria-checked', 'true');
    await expect(audit.overallTotal).toHaveText('5 / 387 (1%)');
    await expect(new SavedWorkspace(page).conflict).toHaveCount(0);
  }
});

test('two tabs: an account added in one tab survives an edit in a stale tab', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await new PortfolioPage(first).open();
  await new PortfolioPage(second).open();

  await addAccount(first, 'Acme Foods');
  await new SavedWorkspace(first).waitSaved();
  await addAccount(second, 'Globex');
  await new SavedWorkspace(second).waitSaved();

  await first.reload();
  await expect(first.getByTestId('account-count')).toHaveText('2 of 2 accounts');
  const names = (await new SavedWorkspace(first).doc()).portfolio.accounts.map((a: { name: string }) => a.name);
  expect(names).toEqual(['Acme Foods', 'Globex']);
});

test('two tabs editing at once: the later tab is told and chooses; nothing is replaced silently', async ({ context }) => {
  const first = await context.newPage();
  await new SavedWorkspace(first).seed(scored({ 'A1.01': 1 }));
  const second = await context.newPage();
  const a1 = await openAudit(first);
  await openAudit(second);
  const s1 = new SavedWorkspace(first);
  const base = await s1.doc();

  // The first tab scores A1.03 and, inside its save delay, the second tab saves A1.04.
  await first.evaluate(() => (document.querySelector('[data-testid="score-A1.03-2"]') as HTMLElement).click());
  const theirs = { ...base, revision: (base.revision ?? 0) + 1 };
  theirs.audit.entries['A1.04'] = { score: 3 };
  await second.evaluate(([k, v]) => localStorage.setItem(k, v), [WORKSPACE_KEY, JSON.stringify(theirs)] as const);

  await expect(s1.conflict).toContainText('changed in another tab');
  await expect(s1.status).toHaveText('Not saved');
  await first.screenshot({ path: 'tests/e2e/screenshots/conflict-1280.png' });
  await first.setViewportSize({ width: 360, height: 740 });
  await first.screenshot({ path: 'tests/e2e/screenshots/conflict-360.png' });
  await first.waitForTimeout(600);
  expect((await s1.doc()).audit.entries['A1.03']).toBeUndefined();

  // A copy of this tab's version can be downloaded before choosing.
  const download = first.waitForEvent('download');
  await first.getByTestId('conflict-copy').click();
  const { readFileSync } = await import('node:fs');
  const copy = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(copy.audit.entries['A1.03']).toEqual({ score: 2 });

  await first.getByTestId('conflict-reload').click();
  await expect(s1.conflict).toHaveCount(0);
  await expect(a1.scoreButton('A1.04', 3)).toHaveAttribute('aria-checked', 'true');
  await expect(a1.scoreButton('A1.03', 2)).toHaveAttribute('aria-checked', 'false');
});

test('a write that would replace newer data is refused even when no storage event arrived', async ({ page }) => {
  const storage = new SavedWorkspace(page);
  await storage.seed(scored({ 'A1.01': 1 }));
  const audit = new AuditPage(page);
  await expect(audit.scoreButton('A1.01', 1)).toHaveAttribute('aria-checked', 'true');
  // Same page: localStorage raises no storage event, so only the revision check can see this.
  const newer = JSON.stringify({ ...scored({ 'A1.01': 3 }), revision: 7 });
  await page.evaluate(
    ([k, v]) => {
      (document.querySelector('[data-testid="score-A1.02-2"]') as HTMLElement).click();
      localStorage.setItem(k, v);
    },
    [WORKSPACE_KEY, newer] as const,
  );
  await expect(storage.conflict).toBeVisible();
  expect(await storage.raw()).toBe(newer);

  // Keeping this tab's version is an explicit choice, confirmed.
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('conflict-keep-mine').click();
  await expect(storage.conflict).toHaveCount(0);
  await storage.waitSaved();
  const doc = await storage.doc();
  expect(doc.revision).toBe(8);
  expect(doc.audit.entries['A1.02']).toEqual({ score: 2 });
  expect(doc.audit.entries['A1.01']).toEqual({ score: 1 });
});

test('a failed read at start-up pauses saving until a read succeeds', async ({ page }) => {
  const storage = new SavedWorkspace(page);
  await storage.seed(scored({ 'A1.01': 3 }));
  const saved = await storage.raw();
  await storage.failNextRead();
  await page.reload();

  await expect(storage.readFailed).toContainText('could not be read');
  await expect(storage.readFailed).toContainText('Saving is paused');
  await expect(storage.status).toHaveText('Not saved');
  await page.screenshot({ path: 'tests/e2e/screenshots/read-failed.png' });
  const audit = new AuditPage(page);
  await audit.skipReadThrough();
  await audit.score('A1.02', 1);
  await page.waitForTimeout(600);
  expect(await storage.raw()).toBe(saved);

  // The saved version differs from the edit made meanwhile: the user chooses.
  await page.getByTestId('storage-retry').click();
  await expect(storage.conflict).toBeVisible();
  await page.getByTestId('conflict-reload').click();
  await expect(audit.scoreButton('A1.01', 3)).toHaveAttribute('aria-checked', 'true');
  await expect(audit.overallTotal).toHaveText('3 / 387 (1%)');

  // Saving works again.
  await audit.score('A1.05', 2);
  await storage.waitSaved();
  expect((await storage.doc()).audit.entries['A1.05']).toEqual({ score: 2 });
});

test('a failed read with no edit meanwhile: trying again loads the saved work', async ({ page }) => {
  const storage = new SavedWorkspace(page);
  await storage.seed(scored({ 'A1.01': 2 }));
  await storage.failNextRead();
  await page.reload();
  await expect(storage.readFailed).toBeVisible();
  await page.getByTestId('storage-retry').click();
  await expect(storage.readFailed).toHaveCount(0);
  await expect(new AuditPage(page).overallTotal).toHaveText('2 / 387 (1%)');
  await expect(storage.status).toHaveText('Saved');
});

test('fields written by a newer version are kept when this version saves', async ({ page }) => {
  const storage = new SavedWorkspace(page);
  await storage.seed(
    scored(
      { 'A1.01': 1 },
      {
        theme: 'dark',
        portfolio: { next_id: 2, accounts: [{ id: 1, name: 'Acme Foods', tier: 'gold' }] },
      },
    ),
  );
  const audit = new AuditPage(page);
  await audit.score('A1.02', 3);
  await storage.waitSaved();
  const doc = await storage.doc();
  expect(doc.audit.entries['A1.02']).toEqual({ score: 3 });
  expect(doc.theme).toBe('dark');
  expect(doc.portfolio.accounts[0].tier).toBe('gold');
});

test('values the model would refuse are named on load and do not block editing the account', async ({ page }) => {
  const storage = new SavedWorkspace(page);
  const account = (id: number, name: string, extra: object = {}) => ({ id, name, ...extra });
  await storage.seed(
    {
      schema: 1,
      audit: { read_through_done: true },
      portfolio: {
        next_id: 4,
        accounts: [
          account(1, 'Acme Foods', { category_spend: -5 }),
          account(2, 'Globex', { attractiveness: { volume: 200 } }),
          account(3, 'Initech'),
          account(3, 'Umbrella'),
        ],
      },
    },
    '#/portfolio/accounts',
  );
  const report = storage.loadReport;
  await expect(report).toBeVisible();
  const problems = page.getByTestId('load-problems').locator('li');
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText('Acme Foods');
  await expect(problems.nth(0)).toContainText('negative');
  await expect(problems.nth(1)).toContainText('Globex');
  await expect(problems.nth(1)).toContainText('200');
  await expect(page.getByTestId('load-repairs')).toContainText('Umbrella');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: 'tests/e2e/screenshots/load-report-360.png' });
  await page.setViewportSize({ width: 1280, height: 900 });
  // Nothing is changed in storage by loading.
  expect((await storage.doc()).portfolio.accounts[0].category_spend).toBe(-5);

  // The account with a bad value can still be edited; fixing the value clears it.
  const portfolio = new PortfolioPage(page);
  await portfolio.openAccount('Acme Foods');
  await page.getByTestId('acc-sector').fill('Food');
  await page.getByTestId('acc-sector').press('Tab');
  await expect(page.getByTestId('account-error')).toHaveCount(0);
  await page.getByTestId('acc-spend').fill('4000000');
  await page.getByTestId('acc-spend').press('Tab');
  await expect(page.getByTestId('account-error')).toHaveCount(0);
  await storage.waitSaved();
  const saved = (await storage.doc()).portfolio.accounts;
  expect(saved[0]).toMatchObject({ name: 'Acme Foods', sector: 'Food', category_spend: 4000000 });
  expect(new Set(saved.map((a: { id: number }) => a.id)).size).toBe(4);
});

test('while saving fails, no message claims a save', async ({ page }) => {
  const storage = new SavedWorkspace(page);
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  await addAccount(page, 'Acme Foods');
  await storage.waitSaved();
  await storage.fill();

  await addAccount(page, 'Globex');
  await expect(storage.saveFailed).toContainText('Not saved');
  await expect(storage.status).toHaveText('Not saved');
  await page.screenshot({ path: 'tests/e2e/screenshots/save-failed.png' });

  await portfolio.tab('time').click();
  await page.getByTestId('activities-editor').locator('summary').click();
  await page.getByTestId('activities-save').click();
  await expect(page.getByTestId('activities-message')).toContainText('Not saved');
  await expect(page.getByTestId('activities-message')).not.toContainText('Saved in this browser');

  await portfolio.checkCsv('more.csv', 'Name\r\nInitech\r\n');
  await page.getByTestId('csv-import-button').click();
  const summary = page.getByTestId('csv-summary');
  await expect(summary).toContainText('Imported 1 new accounts');
  await expect(summary).toContainText('Not saved');
  await expect(summary).not.toContainText(/and saved|Saved in this browser/);

  // The work is still in the tab and can be downloaded.
  const download = page.waitForEvent('download');
  await page.getByTestId('download-unsaved').click();
  const { readFileSync } = await import('node:fs');
  const copy = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(copy.portfolio.accounts.map((a: { name: string }) => a.name)).toEqual(['Acme Foods', 'Globex', 'Initech']);

  // Closing the tab with unsaved work asks first (dismissed here: the tab stays).
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (d) => {
      resolve(d.type());
      void d.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);

  // Once there is room again, the next edit saves everything.
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k);
  });
  await portfolio.tab('accounts').click();
  await addAccount(page, 'Umbrella');
  await storage.waitSaved();
  await expect(storage.saveFailed).toHaveCount(0);
  expect((await storage.doc()).portfolio.accounts).toHaveLength(4);
});

test('CSV import: a 5 MB cell and a name of NUL bytes get clear errors by line; good rows import', async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  const csv = ['Name,Notes', 'Acme Foods,fine', `Globex,${'n'.repeat(5 * 1024 * 1024)}`, '\u0000\u0000\u0000,x', 'Initech,ok'].join('\r\n');
  const counts = await portfolio.checkCsv('big.csv', csv);
  await expect(counts).toHaveText('2 new accounts, 0 duplicates, 2 rows with errors.');
  const errors = page.getByTestId('csv-errors').locator('li');
  await expect(errors.nth(0)).toContainText('Line 3');
  await expect(errors.nth(0)).toContainText('at most 10,000');
  await expect(errors.nth(1)).toContainText('Line 4');
  await expect(errors.nth(1)).toContainText('control characters');
  // The error list never echoes the whole 5 MB cell.
  expect((await page.getByTestId('csv-errors').innerText()).length).toBeLessThan(1000);
  await page.getByTestId('csv-import-button').click();
  await expect(page.getByTestId('csv-summary')).toContainText('Imported 2 new accounts');

  // Far too large a file is refused before it is read.
  await portfolio.tab('csv').click();
  await page.getByTestId('csv-file').setInputFiles({
    name: 'huge.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`Name\r\n${'a,'.repeat(6 * 1024 * 1024)}`, 'utf8'),
  });
  await expect(page.getByTestId('csv-problem')).toContainText('at most 10 MB');
});

test('no storage at all (a private window, blocked site data): the app works in memory and says so', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await page.goto('./#/audit');
  const banner = page.getByTestId('storage-none');
  await expect(banner).toContainText('Nothing is saved in this browser');
  const audit = new AuditPage(page);
  await audit.skipReadThrough();
  await audit.score('A1.01', 3);
  await expect(audit.overallTotal).toHaveText('3 / 387 (1%)');
  await expect(new SavedWorkspace(page).status).toHaveText('Not saved');
  const download = page.waitForEvent('download');
  await page.getByTestId('download-unsaved').click();
  const { readFileSync } = await import('node:fs');
  const copy = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(copy.audit.entries['A1.01']).toEqual({ score: 3 });
});
