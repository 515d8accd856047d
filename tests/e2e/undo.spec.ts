import { test, expect } from '@playwright/test';
import { AuditPage } from './pages/audit-page';
import { PortfolioPage } from './pages/portfolio-page';
import { LitmusPage } from './pages/litmus-page';
import { SavedWorkspace } from './pages/saved-workspace';

test('undo and redo every kind of edit, by button and by keyboard, and what is saved follows', async ({ page }) => {
  const audit = new AuditPage(page);
  const saved = new SavedWorkspace(page);
  await audit.open();
  const undo = page.getByTestId('undo');
  const redo = page.getByTestId('redo');
  await expect(redo).toBeDisabled();

  await audit.score('A1.01', 3);
  await audit.score('A1.02', 2);
  await expect(audit.overallTotal).toHaveText('5 / 387 (1%)');
  await expect(undo).toHaveAttribute('title', /A1\.02/);

  // Ctrl+Z takes back the last score, Ctrl+Shift+Z does it again.
  await page.keyboard.press('Control+z');
  await expect(audit.overallTotal).toHaveText('3 / 387 (1%)');
  await expect(audit.scoreButton('A1.02', 2)).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByTestId('undo-said')).toContainText('A1.02');
  await expect(redo).toHaveAttribute('title', /A1\.02/);
  await page.keyboard.press('Control+Shift+z');
  await expect(audit.overallTotal).toHaveText('5 / 387 (1%)');

  // The buttons do the same; what is stored follows.
  await undo.click();
  await undo.click();
  await expect(audit.overallTotal).toHaveText('0 / 387 (0%)');
  await saved.waitSaved();
  expect((await saved.doc()).audit.entries['A1.01']).toBeUndefined();
  await redo.click();
  await expect(audit.overallTotal).toHaveText('3 / 387 (1%)');
  // A new edit ends the redo trail.
  await audit.score('B1.01', 1);
  await expect(redo).toBeDisabled();

  // A portfolio edit, then a litmus answer: each undone in turn.
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  await page.getByTestId('account-new-name').fill('Acme Foods');
  await page.getByTestId('account-add-submit').click();
  await expect(page.getByTestId('account-count')).toHaveText('1 of 1 accounts');
  const litmus = new LitmusPage(page);
  await litmus.open('organisation');
  await litmus.answer('org', 0, 'yes');
  await undo.click();
  await expect(litmus.choice('org', 0, 'yes')).not.toBeChecked();
  await undo.click();
  await portfolio.open();
  await expect(page.getByTestId('account-count')).toHaveText('0 of 0 accounts');
  await redo.click();
  await expect(page.getByTestId('account-count')).toHaveText('1 of 1 accounts');
  await saved.waitSaved();
  expect((await saved.doc()).portfolio.accounts.map((a: { name: string }) => a.name)).toEqual(['Acme Foods']);

  // In a text field the browser's own undo applies, not the app's.
  await page.getByTestId('account-search').fill('acme');
  await page.getByTestId('account-search').press('Control+z');
  await expect(page.getByTestId('account-count')).toHaveText(/of 1 accounts/);
  await page.screenshot({ path: 'tests/e2e/screenshots/undo.png' });
});
