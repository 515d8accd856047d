import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { AuditPage } from './pages/audit-page';
import { GuidePage } from './pages/guide';
import { PortfolioPage } from './pages/portfolio-page';
import { SavedWorkspace } from './pages/saved-workspace';

const fw = JSON.parse(readFileSync('data/audit.json', 'utf8'));
const ids = (period: any): string[] => period.actions.map((a: any) => a.id);

/** 104 of 387: phase A complete (78) and period 4 at 2 (26), two-thirds through period 4. */
function auditAt104() {
  const entries: Record<string, { score: number }> = {};
  for (const p of fw.phases[0].periods) for (const id of ids(p)) entries[id] = { score: 3 };
  for (const id of ids(fw.phases[1].periods[0])) entries[id] = { score: 2 };
  return { read_through_done: true, entries };
}

const TODAY = new Date('2026-06-15T12:00:00');

async function seedProgramme(page: Page, programme: object) {
  await new SavedWorkspace(page).seed({ schema: 2, audit: auditAt104(), programme }, '#/guide/timeline');
}

test('the guide shows every table and both figures, with the milestones in the source\'s places', async ({ page }) => {
  const guide = new GuidePage(page);
  await guide.open();
  for (const id of ['1', '2', '3', '4', '5', '6', '7s', 'global']) {
    await expect(guide.table(id)).toBeVisible();
  }
  await expect(guide.table('4')).toContainText('Managed for growth or change');
  await expect(guide.table('1')).toContainText('A magic wand');
  for (const n of [1, 2] as const) await expect(guide.figure(n).locator('svg')).toHaveCount(1);
  for (const slug of ['phases', 'timeline', 'scoring', 'streams', 'drivers', 'kam-is', 'time-allocation', 'selling',
    'am-vs-kam', 'rate-of-change', 'success-factors', 'dmu', 'measuring', 'global']) {
    await expect(guide.section(slug)).toHaveCount(1);
    await expect(guide.toc.getByTestId(`guide-toc-${slug}`)).toHaveAttribute('href', `#/guide/${slug}`);
  }

  // Approval after period 3, launch between 4 and 5, recommitment after 9.
  expect(await guide.phaseSequence()).toEqual([
    'period-1', 'period-2', 'period-3', 'milestone-3', 'period-4', 'milestone-4', 'period-5', 'period-6',
    'period-7', 'period-8', 'period-9', 'milestone-9', 'period-10', 'period-11', 'period-12',
  ]);
  await expect(page.getByTestId('guide-milestone-4')).toContainText('Milestone: Launch (between period 4 and period 5, Roll-out)');
  await expect(page.getByTestId('guide-milestone-3')).toContainText('Senior management approval');
  await expect(page.getByTestId('guide-milestone-9')).toContainText('Recommitment');
  const fig2 = guide.figure(2);
  for (const text of ['Launch', 'Recommitment', 'A + B: about 2 years', 'C + D: a further 3 years or more']) {
    await expect(fig2.locator('svg text', { hasText: text }).first()).toBeAttached();
  }
  // The table alternative says the same.
  await fig2.locator('summary').click();
  await expect(fig2.locator('tr', { hasText: 'B1 Capability building' })).toContainText('Launch');
  await expect(fig2.locator('tr', { hasText: 'B3 Review KAM introduction' })).not.toContainText('Launch');

  // The score list and the first-use read-through put Launch after period 4 as well.
  await page.goto('./#/audit');
  await expect(page.getByTestId('read-through')).toBeVisible();
  const readThrough = page.getByTestId('read-through').locator('h4, .kw-milestone');
  const order = await readThrough.allTextContents();
  const launch = order.indexOf('Milestone: Launch');
  expect(order[launch - 1]).toBe('Period 4: Capability building');
  expect(order[launch + 1]).toBe('Period 5: Roll-out');
  await new AuditPage(page).skipReadThrough();
  const afterPeriod4 = page.getByTestId('period-4').locator('xpath=following-sibling::*[1]');
  await expect(afterPeriod4).toHaveAttribute('data-testid', 'milestone-after-4');
  await expect(afterPeriod4).toHaveText('Milestone: Launch');
  await expect(page.getByTestId('milestone-after-6')).toHaveCount(0);
});

test('the drivers ticked in the guide appear beside the driver actions, and are saved', async ({ page }) => {
  const audit = new AuditPage(page);
  await audit.open();
  const beside = page.getByTestId('driver-actions-drivers');
  await expect(beside).toHaveCount(2);
  await expect(page.getByTestId('action-A1.01').getByTestId('driver-actions-drivers')).toContainText('none ticked yet');

  // The link opens the guide at the drivers.
  await page.getByTestId('action-A1.01').getByTestId('guide-link-drivers').click();
  await expect(page).toHaveURL(/#\/guide\/drivers$/);
  const guide = new GuidePage(page);
  await expect(guide.section('drivers')).toBeInViewport();
  await guide.driver('mature-market').check();
  await guide.driver('desire-for-growth').check();
  await expect(guide.figure(1).locator('svg')).toContainText('2 drivers ticked as at work');
  await new SavedWorkspace(page).waitSaved();

  await page.goto('./#/audit');
  for (const row of await beside.all()) {
    await expect(row).toContainText('Drivers at work: Desire for growth; Mature market.');
  }
  await page.reload();
  await expect(beside.first()).toContainText('Desire for growth; Mature market');
  expect((await new SavedWorkspace(page).doc()).programme.drivers.sort()).toEqual(['desire-for-growth', 'mature-market']);

  // Unticking is undoable like any edit.
  await guide.open('drivers');
  await guide.driver('mature-market').uncheck();
  await expect(guide.driver('mature-market')).not.toBeChecked();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('undo-said')).toContainText('Untick driver: Mature market');
  await expect(guide.driver('mature-market')).toBeChecked();
});

for (const [start, pace, words] of [
  ['2026-01-15', 'ahead', 'You are ahead of that pace.'],
  ['2025-04-01', 'on-pace', 'You are on that pace.'],
  ['2023-06-15', 'behind', 'You are behind that pace.'],
] as const) {
  test(`the timeline says ${pace} for a programme started ${start}`, async ({ page }) => {
    await page.clock.setFixedTime(TODAY);
    await seedProgramme(page, { start });
    const guide = new GuidePage(page);
    await expect(guide.start).toHaveValue(start);
    await expect(guide.pace).toHaveAttribute('data-pace', pace);
    await expect(guide.pace).toContainText(words);
    await expect(guide.pace).toContainText('the audit places it in period 4, Capability building');
    // Figure 2 marks today and the audit.
    await expect(guide.figure(2).locator('svg')).toContainText('Today:');
    await expect(guide.figure(2).locator('svg')).toContainText('Your audit');
  });
}

test('the start date: a future date is refused with a clear message; a new date is saved', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  await seedProgramme(page, {});
  const guide = new GuidePage(page);
  await expect(guide.pace).toContainText('No start date yet');
  await guide.start.fill('2026-07-01');
  await expect(guide.startError).toBeVisible();
  await expect(guide.startError).toContainText('after today');
  await expect(guide.pace).toContainText('No start date yet');
  await guide.start.fill('2025-04-01');
  await expect(guide.startError).toBeHidden();
  await expect(guide.pace).toHaveAttribute('data-pace', 'on-pace');
  await new SavedWorkspace(page).waitSaved();
  expect((await new SavedWorkspace(page).doc()).programme.start).toBe('2025-04-01');
});

test('the score screen shows the 0-3 scale in words and links to how to score', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const audit = new AuditPage(page);
  await audit.open();
  const scale = page.getByTestId('score-scale');
  for (const label of ['Not done', 'Started, something done', 'Substantial work done, not complete as described', 'Completed as described and effective']) {
    await expect(scale).toContainText(label);
  }
  await expect(scale).toBeInViewport();
  await scale.getByTestId('guide-link-scoring').click();
  await expect(page).toHaveURL(/#\/guide\/scoring$/);
  await expect(new GuidePage(page).section('scoring')).toBeInViewport();
  await expect(page.getByTestId('guide-scale')).toContainText('Completed as described and effective');
});

test('every guide topic is linked from the screen where it is used', async ({ page }) => {
  const guide = new GuidePage(page);
  const follow = async (slug: string) => {
    await page.getByTestId(`guide-link-${slug}`).first().click();
    await expect(page).toHaveURL(new RegExp(`#/guide/${slug}$`));
    await expect(guide.section(slug)).toBeInViewport();
  };
  const portfolio = new PortfolioPage(page);
  await portfolio.open('time');
  await follow('time-allocation');

  await portfolio.open();
  await page.getByTestId('account-new-name').fill('Acme');
  await page.getByTestId('account-add-submit').click();
  await portfolio.openAccount('Acme');
  await expect(page.getByTestId('account-dmu').getByTestId('guide-link-dmu')).toBeVisible();
  await follow('dmu');

  await page.goto('./#/litmus/customers');
  await follow('am-vs-kam');
  await page.goto('./#/litmus/organisation');
  await follow('phases');

  // Each topic from the screen where it is used.
  for (const [hash, slug] of [
    ['#/portfolio/measures', 'measuring'],
    ['#/portfolio/criteria', 'kam-is'],
    ['#/portfolio/criteria', 'global'],
    ['#/audit/next', 'success-factors'],
    ['#/audit/next', 'rate-of-change'],
    ['#/audit/results', 'timeline'],
    ['#/audit/results', 'streams'],
  ]) {
    await page.goto(`./${hash}`);
    await follow(slug);
  }
});

for (const width of [1280, 360]) {
  test(`the guide reads well at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.clock.setFixedTime(TODAY);
    await seedProgramme(page, { start: '2025-04-01', drivers: ['customer-loss', 'desire-for-growth'] });
    const guide = new GuidePage(page);
    await guide.open();
    await expect(guide.figure(2).locator('svg')).toHaveCount(1);
    expect(await guide.fitsTheWidth()).toBe(true);
    await page.screenshot({ path: `tests/e2e/screenshots/guide-${width}.png`, fullPage: true });
    await guide.figure(1).screenshot({ path: `tests/e2e/screenshots/guide-figure-1-${width}.png` });
    await guide.figure(2).screenshot({ path: `tests/e2e/screenshots/guide-figure-2-${width}.png` });
    await page.goto('./#/audit');
    await new AuditPage(page).skipReadThrough();
    await page.getByTestId('score-scale').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('score-scale')).toBeInViewport();
    await page.screenshot({ path: `tests/e2e/screenshots/score-scale-${width}.png` });
  });
}
