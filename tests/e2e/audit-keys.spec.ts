import { test, expect } from '@playwright/test';
import { AuditPage } from './pages/audit-page';

test('arrow keys score the focused action row and move within a score group', async ({ page }) => {
  const audit = new AuditPage(page);
  await audit.open();

  // On a focused row: → from unscored gives 0, then 1; ← steps back.
  const row = page.locator('[data-action="A1.01"]');
  await row.focus();
  await page.keyboard.press('ArrowRight');
  await expect(audit.scoreButton('A1.01', 0)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(audit.scoreButton('A1.01', 2)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(audit.scoreButton('A1.01', 1)).toHaveAttribute('aria-checked', 'true');
  await expect(row).toBeFocused();

  // In a score group (a radio group): → moves from the focused radio, once, and focus follows.
  await audit.scoreButton('A1.02', 0).focus();
  await page.keyboard.press('ArrowRight');
  await expect(audit.scoreButton('A1.02', 1)).toHaveAttribute('aria-checked', 'true');
  await expect(audit.scoreButton('A1.02', 1)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(audit.scoreButton('A1.02', 2)).toHaveAttribute('aria-checked', 'true');
  await expect(audit.scoreButton('A1.02', 2)).toBeFocused();
  await expect(audit.overallTotal).toHaveText('3 / 387 (1%)');
});
