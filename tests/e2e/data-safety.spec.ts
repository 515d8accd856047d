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

  await new PortfolioPage(first).addAccount('Acme Foods');
  await new SavedWorkspace(first).waitSaved();
  await new PortfolioPage(second).addAccount('Globex');
  await new SavedWorkspace(second).waitSaved();

  await first.reload();
  await expect(first.getByTestId('account-count')).toHaveText('2 of 2 accounts');
  const names = (await new SavedWorkspace(first).doc()).portfolio.accounts.map((a: { name: string }) => a.name);
  expect(names).toEqual(['Acme Foods', 'Globex']);
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
