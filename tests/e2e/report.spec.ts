import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { GuidePage } from './pages/guide';
import { ReportPage, SECTIONS } from './pages/report';
import { SavedWorkspace } from './pages/saved-workspace';

// A realistic workspace of every part (audit with notes and plans, litmus,
// portfolio, two assessors, programme start and drivers).
const SEEDED = JSON.parse(readFileSync('tests/fixtures/workspace-schema-2.json', 'utf8'));
const entries = Object.entries(SEEDED.audit.entries) as [string, any][];
const TOTAL = entries.reduce((sum, [, e]) => sum + (typeof e.score === 'number' ? e.score : 0), 0);
const PLANNED = entries.filter(([, e]) => e.plan && Object.keys(e.plan).length > 0).map(([id]) => id);
const ACCOUNTS: string[] = SEEDED.portfolio.accounts.map((a: any) => a.name);
const ASSESSORS: string[] = SEEDED.assessors.map((a: any) => a.name);
// The fixture predates the drivers' ids: "customer-consolidation" is none of
// Figure 1's, so it is kept and named on load, not shown.
const DRIVERS: string[] = SEEDED.programme.drivers.filter((d: string) => d !== 'customer-consolidation');
const TODAY = new Date('2026-11-25T10:00:00');

const TITLES = [
  'Overall position',
  'Streams by period',
  'Missing and lagging actions',
  'Action plan',
  'Litmus tests and the Recommitment gate',
  'Account portfolio',
  'Drivers of KAM at work',
];

test('the report has every section for a seeded workspace, and its printed PDF has them too', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  await new SavedWorkspace(page).seed(SEEDED, '#/report');
  const report = new ReportPage(page);
  await expect(report.root).toBeVisible();

  // Who, when, by whom.
  await expect(report.organisation).toHaveText(SEEDED.name);
  await expect(page.getByTestId('report-date')).toHaveText('2026-11-25');
  for (const name of ASSESSORS) await expect(page.getByTestId('report-assessors')).toContainText(name);
  await expect(page.getByTestId('report-scored')).toContainText(`of 129`);

  // Every section, in order, with its content.
  const order = await report.root.locator('[data-testid^="report-"].kw-report-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(order).toEqual([...SECTIONS]);
  await expect(page.getByTestId('report-total')).toContainText(`Audit total ${TOTAL} of 387`);
  await expect(page.getByTestId('report-total')).toContainText(`Your total of ${TOTAL} corresponds to period`);
  await expect(page.getByTestId('report-pace')).toHaveAttribute('data-pace', /^(ahead|on-pace|behind)$/);
  await expect(page.getByTestId('report-pace')).toContainText('Your programme started');
  for (const chart of ['report-figure-4', 'report-figure-3', 'report-heatmap', 'report-matrix']) {
    await expect(report.chart(chart)).toHaveCount(1);
  }
  await expect(report.chart('report-figure-3')).toContainText('Launch');
  await expect(report.section('report-to-act-on').getByTestId('report-missing')).toContainText('Missing');
  await expect(report.section('report-to-act-on').getByTestId('report-lagging')).toContainText('Lagging');
  expect(await report.section('report-to-act-on').locator('li[data-testid^="report-action-"]').count()).toBeGreaterThan(0);
  for (const id of PLANNED) await expect(page.getByTestId(`report-plan-${id}`)).toBeVisible();
  // On 2026-11-25: due 2026-09-30 and in progress is overdue; done, or due 2026-12-01, is not.
  await expect(page.getByTestId('report-plan-A2.01')).toContainText('overdue');
  await expect(page.getByTestId('report-plan-A1.04')).not.toContainText('overdue');
  await expect(page.getByTestId('report-plan-B1.04')).not.toContainText('overdue');
  await expect(page.getByTestId('report-litmus-organisation')).toContainText(/of 5 yes/);
  await expect(report.section('report-litmus').getByTestId('litmus-gate')).toBeVisible();
  await expect(page.getByTestId('report-accounts').locator('tbody tr')).toHaveCount(ACCOUNTS.length);
  for (const name of ACCOUNTS) await expect(page.getByTestId('report-accounts')).toContainText(name);
  await expect(page.getByTestId('report-categories')).toContainText(`${ACCOUNTS.length} accounts`);
  for (const id of DRIVERS) await expect(page.getByTestId(`report-driver-${id}`)).toBeVisible();
  const driverLabels = await report.section('report-drivers').locator('li strong').allTextContents();
  expect(driverLabels).toHaveLength(DRIVERS.length);
  await expect(new SavedWorkspace(page).loadReport).toContainText('"customer-consolidation" is not one of the drivers of Figure 1');
  await expect(new SavedWorkspace(page).loadReport).toContainText('programme.drivers[0]');

  await page.screenshot({ path: 'tests/e2e/screenshots/report-1280.png', fullPage: true });

  // Printed on A4 and on Letter: every section is in the PDF, the app around it is not.
  for (const format of ['A4', 'Letter'] as const) {
    const { text, pages } = await report.print(format);
    const flat = text.replace(/\s+/g, ' ');
    expect(pages, `${format} pages`).toBeGreaterThanOrEqual(2);
    expect(pages, `${format} pages`).toBeLessThanOrEqual(8);
    expect(flat).toContain(SEEDED.name);
    expect(flat).toContain('2026-11-25');
    for (const title of TITLES) expect(flat, `${format}: ${title}`).toContain(title);
    expect(flat).toContain(`Audit total ${TOTAL} of 387`);
    for (const name of [...ACCOUNTS, ...ASSESSORS]) expect(flat, `${format}: ${name}`).toContain(name);
    for (const label of driverLabels) expect(flat).toContain(label);
    for (const id of PLANNED) expect(flat).toContain(id);
    expect(flat).toContain('Recommitment gate');
    // Navigation, buttons and links to edit are left off the paper.
    expect(flat).not.toContain('Print / Save as PDF');
    expect(flat).not.toContain('Undo');
    expect(flat).not.toContain('What to do next ');
  }

  // The unknown driver the load named can be removed where drivers are ticked.
  await new GuidePage(page).open('drivers');
  await expect(page.getByTestId('drivers-unknown')).toContainText('"customer-consolidation"');
  await page.getByRole('button', { name: 'Remove the saved driver "customer-consolidation"' }).click();
  await expect(page.getByTestId('drivers-unknown')).toHaveCount(0);
  await new SavedWorkspace(page).waitSaved();
  expect((await new SavedWorkspace(page).doc()).programme.drivers).toEqual(DRIVERS);
});

test('an empty workspace gets a report that says what is missing, and drivers ticked in the guide appear in it', async ({ page }) => {
  const report = new ReportPage(page);
  await report.open();
  for (const id of SECTIONS) await expect(report.section(id)).toBeVisible();
  await expect(page.getByTestId('report-total')).toContainText('Audit total 0 of 387');
  await expect(page.getByTestId('report-pace')).toHaveCount(0);
  await expect(report.section('report-plan')).toContainText('No planned actions yet');
  await expect(report.section('report-portfolio')).toContainText('No key accounts yet');
  await expect(report.section('report-drivers')).toContainText('No drivers chosen yet');

  const guide = new GuidePage(page);
  await guide.open('drivers');
  await guide.driver('mature-market').check();
  await report.open();
  await expect(page.getByTestId('report-driver-mature-market')).toContainText('Mature market');
  await expect(report.section('report-drivers')).not.toContainText('No drivers chosen yet');
  // Each section links to where its content is worked on.
  await report.section('report-drivers').getByRole('link', { name: 'Guide: drivers' }).click();
  await expect(guide.driver('mature-market')).toBeChecked();
});

for (const width of [1280, 360]) {
  test(`the report reads well at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.clock.setFixedTime(TODAY);
    await new SavedWorkspace(page).seed(SEEDED, '#/report');
    const report = new ReportPage(page);
    await expect(report.chart('report-matrix')).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `tests/e2e/screenshots/report-screen-${width}.png`, fullPage: true });
  });
}
