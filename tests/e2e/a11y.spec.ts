import { test, expect, type Page } from '@playwright/test';
import { Axe } from './pages/axe';
import { ROUTES, SEEDED, SHOWN } from './pages/routes';
import { SavedWorkspace } from './pages/saved-workspace';
import { Workspaces } from './pages/workspaces';
import { AuditPage } from './pages/audit-page';
import { PortfolioPage } from './pages/portfolio-page';
import { KeyboardUser } from './pages/keyboard';

// Every screen, tab and open state through axe-core (WCAG 2.2 A/AA and best practices):
// none may have a violation, with an empty workspace and with the seeded one.

// axe is injected as an inline script, which the app's Content-Security-Policy refuses (as it
// should); these tests check accessibility, offline.spec.ts checks the policy.
test.use({ bypassCSP: true });

/**
 * Opens what the screen keeps folded: every disclosure in the content (a chart's
 * table, Notes & plan, an activities editor, one manager's answers, …) and the
 * first button that shows more (an "Explain" on Results, one assessor's scores).
 */
async function openEverything(page: Page) {
  await page.evaluate((shown) => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>(`main details:not([open])${shown}`)) d.open = true;
  }, SHOWN);
  const more = page.locator(`main button[aria-expanded="false"]${SHOWN}`);
  if ((await more.count()) > 0) await more.first().click();
}

/** The charts each screen shows for the seeded workspace (the others have none). */
const SEEDED_CHARTS: Record<string, number> = {
  '#/audit/results': 3,
  '#/audit/snapshots': 1,
  '#/portfolio/matrix': 1,
  '#/report': 4,
  '#/guide': 2,
};

/** The screen shows its `expected` charts (waited for: a chart can come a moment after its
 * screen), each with its table alternative, open and filled. */
async function expectChartTables(page: Page, where: string, expected: number) {
  const charts = page.locator(`main figure.kw-chart${SHOWN}`);
  await expect(charts, `${where}: its charts`).toHaveCount(expected);
  const n = await charts.count();
  for (let i = 0; i < n; i++) {
    const chart = charts.nth(i);
    const id = await chart.getAttribute('data-testid');
    const table = chart.locator('details.kw-chart-table[open]');
    await expect(table, `${where}: ${id} has an open table alternative`).toHaveCount(1);
    await expect(table.locator(':scope > :not(summary)').first(), `${where}: ${id}'s alternative is filled`).toBeVisible();
  }
  return n;
}

test('an empty workspace: the read-through, every screen and the workspace menu', async ({ page }) => {
  test.setTimeout(120_000);
  const axe = new Axe(page);
  await page.goto('./#/audit/score');
  await expect(page.getByTestId('read-through')).toBeVisible();
  for (const route of ROUTES) {
    await axe.visit(route.hash);
    await openEverything(page);
    await axe.check(`${route.name} (empty)`);
  }
  const workspaces = new Workspaces(page);
  await workspaces.openMenu();
  await axe.check('workspace menu open');
  await workspaces.closeMenu();
  console.log(axe.summary());
  axe.expectNone();
});

test('the seeded workspace: every screen with its load report, opened: charts as tables, Notes & plan, Explain', async ({ page }) => {
  test.setTimeout(120_000);
  const axe = new Axe(page);
  const storage = new SavedWorkspace(page);
  await storage.seed(SEEDED, '#/audit/score');
  await expect(storage.loadReport).toBeVisible();
  let charts = 0;
  for (const route of ROUTES) {
    await axe.visit(route.hash);
    await openEverything(page);
    charts += await expectChartTables(page, route.name, SEEDED_CHARTS[route.hash] ?? 0);
    if (route.hash === '#/audit/results') await expect(page.getByTestId('explain-list-overall')).toBeVisible();
    await axe.check(`${route.name} (seeded)`);
  }
  // Results 3, snapshots 1, matrix 1, report 4, guide 2.
  expect(charts).toBe(11);
  console.log(axe.summary());
  axe.expectNone();
});

test('a CSV import checked, a share link opened, and the storage banners: read failed, changed elsewhere, not saved', async ({ page }) => {
  test.setTimeout(90_000);
  const axe = new Axe(page);
  const storage = new SavedWorkspace(page);
  await storage.seed(SEEDED, '#/portfolio/csv');
  // An unknown column to map, a duplicate to decide on, a row with an error.
  const csv = ['Name,Region,Revenue', 'Halden Foods plc,North,100', 'New Co,South,lots', 'Other Co,East,5'].join('\n');
  await new PortfolioPage(page).checkCsv('accounts.csv', csv);
  await expect(page.getByTestId('csv-mapping')).toBeVisible();
  await axe.check('Import / export with a file checked');

  await axe.visit('#/data');
  const link = await page.getByTestId('share-scores').inputValue();
  await page.getByTestId('share-full-make').click();
  await expect(page.getByTestId('share-full')).toBeVisible();
  await axe.check('Your data with both share links made');
  await axe.visit(`#${link.split('#')[1]}`, page.getByTestId('shared-summary'));
  await axe.check('a shared scores link opened');

  await storage.failNextRead();
  await page.goto('./#/audit/score');
  await page.reload();
  await expect(storage.readFailed).toBeVisible();
  await axe.check('storage read failed');
  const audit = new AuditPage(page);
  await audit.skipReadThrough();
  await audit.score('A1.02', 1);
  await page.getByTestId('storage-retry').click();
  await expect(storage.conflict).toBeVisible();
  await axe.check('workspace changed elsewhere');
  await page.getByTestId('conflict-reload').click();
  await expect(storage.conflict).toHaveCount(0);
  await storage.waitSaved();
  await storage.fill();
  await audit.score('A1.03', 1);
  await expect(storage.saveFailed).toBeVisible();
  await axe.check('not saved: storage full');
  console.log(axe.summary());
  axe.expectNone();
});

test('by keyboard alone, focus always shown: skip to content, score, Notes & plan, owner, then Results', async ({ page }) => {
  const keys = new KeyboardUser(page);
  const audit = new AuditPage(page);
  await page.goto('./#/audit/score');
  await expect(page.getByTestId('read-through')).toBeVisible();

  // The skip link is the first stop and moves focus to the content, staying on this screen.
  await keys.tabTo(page.getByTestId('skip-link'));
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  await expect(page).toHaveURL(/#\/audit\/score$/);
  await keys.tabTo(page.getByTestId('read-through-skip'));
  await page.keyboard.press('Enter');

  // Focus goes on at the first action; a digit scores it, ↓ moves on.
  await expect(page.getByTestId('action-A1.01')).toBeFocused();
  await page.keyboard.press('2');
  await expect(audit.scoreButton('A1.01', 2)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('action-A1.02')).toBeFocused();
  await keys.expectVisibleFocus();
  await page.keyboard.press('3');
  await expect(audit.scoreButton('A1.02', 3)).toHaveAttribute('aria-checked', 'true');

  // Notes & plan opens with Enter; the owner is typed and kept on leaving the field.
  const notes = page.getByTestId('action-A1.02').locator('details');
  await keys.tabTo(notes.locator('summary'));
  await page.keyboard.press('Enter');
  await expect(notes).toHaveAttribute('open', '');
  await keys.tabTo(page.getByTestId('owner-A1.02'));
  await page.keyboard.type('Dana Whitfield');
  await page.keyboard.press('Tab');
  await expect(notes.locator('summary')).toContainText('owner Dana Whitfield');

  // Back up to the audit's tabs and open Results; Explain and a chart's table open by keyboard too.
  await keys.tabTo(page.getByTestId('audit-tab-results'), { back: true });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/audit\/results$/);
  await expect(page.getByTestId('total-overall')).toHaveText('5 / 387 (1%)');
  await keys.tabTo(page.getByTestId('explain-overall'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('explain-list-overall')).toContainText('A1.02');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('explain-list-overall')).toHaveCount(0);
  const table = page.getByTestId('chart-period-scores').locator('details.kw-chart-table');
  await keys.tabTo(table.locator('summary'), { max: 80 });
  await page.keyboard.press('Enter');
  await expect(table.getByTestId('period-scores-table')).toBeVisible();
});
