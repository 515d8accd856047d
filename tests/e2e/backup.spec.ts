import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SavedWorkspace } from './pages/saved-workspace';

const WORKSPACE = {
  schema: 1,
  name: 'Acme plc',
  audit: {
    read_through_done: true,
    entries: {
      'A1.01': { score: 3, note: 'Board agreed in March', plan: { owner: 'Dana', status: 'in_progress' } },
      'B2.04': { not_applicable: 'No overseas arm' },
    },
  },
  litmus: { organisation: [{ answer: 'yes', comment: 'Clear sponsor' }] },
  portfolio: {
    next_id: 2,
    accounts: [{ id: 1, name: 'Globex', revenue: 1250000.5, dmu: [{ name: 'Sam', board_level: true }] }],
  },
};

test('backup: export, delete, restore gives identical data; a bad file is refused with its reason', async ({ page }) => {
  const saved = new SavedWorkspace(page);
  await saved.seed(WORKSPACE, '#/data');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your data');

  const download = page.waitForEvent('download');
  await page.getByTestId('backup-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^kam-workbench-acme-plc-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync(await file.path(), 'utf8');
  const backup = JSON.parse(text);
  expect(backup.revision).toBeUndefined();

  // Everything gone from this browser, then the backup restored.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('backup-download')).toBeVisible();
  await page.getByTestId('backup-file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('backup-summary')).toHaveText('"Acme plc": 1 action scored, 1 note, 1 account, 0 snapshots');
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('backup-replace').click();
  await expect(page.getByTestId('data-message')).toContainText('Backup restored. Saved in this browser.');
  const after = await saved.doc();
  delete after.revision;
  expect(after).toEqual(backup);
  // The backup held everything that was seeded.
  expect(backup.audit.entries['A1.01']).toMatchObject(WORKSPACE.audit.entries['A1.01']);
  expect(backup.audit.entries['B2.04']).toEqual(WORKSPACE.audit.entries['B2.04']);
  expect(backup.litmus).toEqual(WORKSPACE.litmus);
  expect(backup.portfolio.accounts[0]).toMatchObject(WORKSPACE.portfolio.accounts[0]);
  await page.goto('./#/audit/score');
  await expect(page.getByTestId('overall-total')).toHaveText('3 / 387 (1%)');

  // A file from a newer version, or not a backup at all, changes nothing.
  await page.goto('./#/data');
  const stored = await saved.raw();
  await page.getByTestId('backup-file').setInputFiles({ name: 'new.json', mimeType: 'application/json', buffer: Buffer.from('{"schema": 9}') });
  await expect(page.getByTestId('backup-problem')).toContainText('newer KAM Workbench');
  await expect(page.getByTestId('backup-preview')).toHaveCount(0);
  expect(await saved.raw()).toBe(stored);
  await page.screenshot({ path: 'tests/e2e/screenshots/data.png' });
});

test('a weekly backup reminder once there is work; storage use and a warning from 70 %', async ({ page }) => {
  const saved = new SavedWorkspace(page);
  await saved.seed(WORKSPACE, '#/audit');
  const reminder = page.getByTestId('backup-reminder');
  await expect(reminder).toContainText('never been backed up');
  await expect(reminder).toContainText('Safari');
  const download = page.waitForEvent('download');
  await page.getByTestId('backup-reminder-download').click();
  expect((await download).suggestedFilename()).toMatch(/^kam-workbench-acme-plc-/);
  await expect(reminder).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('overall-total')).toBeVisible();
  await expect(reminder).toHaveCount(0);

  // Eight days later it asks again; "Not now" puts it away for this visit.
  await page.evaluate(() => {
    const d = new Date(Date.now() - 8 * 86400000);
    const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    localStorage.setItem('kam-workbench/last-backup', iso);
  });
  await page.reload();
  await expect(reminder).toContainText('8 days ago');
  await page.getByTestId('backup-reminder-later').click();
  await expect(reminder).toHaveCount(0);

  // Your data shows the space used; near the limit it warns.
  await page.goto('./#/data');
  // The workspace, and the first screen kept (about 50 KB as UTF-16, first_screen.rs).
  await expect(page.getByTestId('storage-used')).toContainText(/KAM Workbench data takes \d+ KB here, [01] % of the about 5.0 MB/);
  await expect(page.getByTestId('backup-last')).toContainText('Last backup from this browser');
  await page.evaluate(() => localStorage.setItem('kam-workbench/ballast', 'x'.repeat(1900 * 1024)));
  await page.reload();
  // 1.9 MB of ballast (3.8 MB as UTF-16) is 74 % of 5 MB; the workspace and the first screen kept
  // (first_screen.rs) add one point or so.
  await expect(page.getByTestId('storage-used')).toContainText(/7[45] %/);
  await expect(page.getByTestId('storage-warning')).toContainText(/Storage is 7[45] % full/);
  await expect(page.getByTestId('storage-persisted')).not.toContainText('Asking');
});
