import { test, expect } from '@playwright/test';
import { AuditPage } from './pages/audit-page';

test('scores three actions, reloads, and keeps scores and totals', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.overallTotal).toHaveText('0 / 387 (0%)');

  // Period 1 (max 21): 3 + 2; period 4 (max 39): 1. Overall 6 of 387.
  await audit.score('A1.01', 3);
  await audit.score('A1.04', 2);
  await audit.score('B1.02', 1);
  await expect(audit.periodTotal(1)).toHaveText('5 / 21 (24%)');
  await expect(audit.periodTotal(4)).toHaveText('1 / 39 (3%)');
  await expect(audit.phaseTotal('A')).toHaveText('5 / 78 (6%)');
  await expect(audit.overallTotal).toHaveText('6 / 387 (2%)');

  // Reload straight away: the pagehide flush must save inside the debounce window.
  await page.reload();
  await expect(audit.overallTotal).toHaveText('6 / 387 (2%)');
  await expect(audit.periodTotal(1)).toHaveText('5 / 21 (24%)');
  await expect(audit.periodTotal(4)).toHaveText('1 / 39 (3%)');
  await expect(audit.scoreButton('A1.01', 3)).toHaveAttribute('aria-checked', 'true');
  await expect(audit.scoreButton('A1.04', 2)).toHaveAttribute('aria-checked', 'true');
  await expect(audit.scoreButton('B1.02', 1)).toHaveAttribute('aria-checked', 'true');
  await expect(audit.scoreButton('A1.02', 0)).toHaveAttribute('aria-checked', 'false');

  // The read-through choice is remembered across the reload.
  await expect(page.getByTestId('read-through')).toHaveCount(0);

  // Figure 3 is plotters SVG with a bar label for period 1's 24 %.
  await page.getByTestId('audit-tab-results').click();
  const chart = page.getByTestId('chart-period-scores');
  await expect(chart.locator('svg')).toHaveCount(1);
  await expect(chart.locator('svg text', { hasText: /^\s*24%\s*$/ })).toHaveCount(1);

  await page.screenshot({ path: 'tests/e2e/screenshots/audit.png', fullPage: false });
  expect(errors).toEqual([]);
});

test('navigates between the screens by hash', async ({ page }) => {
  await page.goto('./');
  for (const [slug, heading] of [
    ['litmus', 'Litmus tests'],
    ['portfolio', 'Account portfolio'],
    ['report', 'My KAM programme'],
    ['guide', 'Guide to KAM and the framework'],
    ['audit', 'Action audit'],
  ]) {
    await page.getByTestId(`nav-${slug}`).click();
    await expect(page).toHaveURL(new RegExp(`#/${slug}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByTestId(`nav-${slug}`)).toHaveAttribute('aria-current', 'page');
  }
});

test('works when deployed under a sub-path', async ({ page }) => {
  // Serve dist/ as if it lived at /tools/kam/: every asset must be requested relative to it.
  const requested: string[] = [];
  await page.route('**/tools/kam/**', (route) => {
    const url = route.request().url();
    requested.push(new URL(url).pathname);
    return route.continue({ url: url.replace('/tools/kam/', '/') });
  });
  const outside: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (!path.startsWith('/tools/kam/')) outside.push(path);
  });
  await page.goto('./tools/kam/#/guide');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Guide to KAM and the framework');
  expect(requested.some((p) => p.endsWith('.wasm'))).toBe(true);
  expect(outside).toEqual([]);
});
