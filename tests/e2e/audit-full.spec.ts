import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { AuditPage } from './pages/audit-page';

// Phase A has 26 actions (periods 1-3: 7 + 11 + 8), period 4 has 13.
const PHASE_A = 26;
const PERIOD_4 = 13;

test('hand-computed pattern: phase A at 3 and period 4 at 2', async ({ page }) => {
  const audit = new AuditPage(page);
  await audit.open();

  // Keyboard-first scoring: focus the first action, then "3" + "j" down phase A.
  await page.getByTestId('action-A1.01').focus();
  for (let i = 0; i < PHASE_A; i++) {
    await page.keyboard.press('3');
    await page.keyboard.press('j');
  }
  await expect(page.getByTestId('action-B1.01')).toBeFocused();
  for (let i = 0; i < PERIOD_4; i++) {
    await page.keyboard.press('2');
    await page.keyboard.press('ArrowDown');
  }

  // Totals computed by hand: phase A 78/78, period 4 13 x 2 = 26/39, overall 104/387.
  await expect(audit.phaseTotal('A')).toHaveText('78 / 78 (100%)');
  await expect(audit.periodTotal(4)).toHaveText('26 / 39 (67%)');
  await expect(audit.phaseTotal('B')).toHaveText('26 / 105 (25%)');
  await expect(audit.overallTotal).toHaveText('104 / 387 (27%)');
  await page.screenshot({ path: 'tests/e2e/screenshots/audit-scoring.png' });

  // Results: Figure 4 places 104 two-thirds through period 4, Capability building.
  await page.getByTestId('audit-tab-results').click();
  await expect(page.getByTestId('audit-tab-results')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('audit-tab-score')).not.toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('position-sentence')).toHaveText(
    'Your total of 104 corresponds to period 4, Capability building, in phase B (Introducing KAM).',
  );
  await page.getByTestId('explain-period-4').click();
  await expect(page.getByTestId('explain-list-period-4').locator('li')).toHaveCount(PERIOD_4);
  await expect(page.getByTestId('total-stream-strategy_planning')).toBeVisible();
  for (const id of ['chart-period-scores', 'chart-development-path', 'chart-streams-heatmap']) {
    await expect(page.getByTestId(id).locator('svg')).toHaveCount(1);
  }
  await page.getByTestId('chart-period-scores').screenshot({ path: 'tests/e2e/screenshots/figure-3.png' });
  await page.getByTestId('chart-development-path').screenshot({ path: 'tests/e2e/screenshots/figure-4.png' });
  await page.getByTestId('chart-streams-heatmap').screenshot({ path: 'tests/e2e/screenshots/heatmap.png' });

  // Every chart downloads as a real SVG file.
  const download = page.waitForEvent('download');
  await page.getByTestId('chart-development-path-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('kam-figure-4-development-path.svg');
  const svg = readFileSync(await file.path(), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('You: 104 / 387');

  // What to do next: period 4 is the furthest with substantial work and nothing before it lags;
  // the next period is period 4 (13 actions not yet at 3).
  await page.getByTestId('audit-tab-next').click();
  await expect(page.getByTestId('lagging').getByRole('listitem')).toHaveCount(0);
  await expect(page.getByTestId('next-period').getByRole('listitem')).toHaveCount(PERIOD_4);

  // Results is kept once built, its figures paused while hidden: a score changed meanwhile
  // shows in its totals and figures when it is opened again.
  await page.getByTestId('audit-tab-score').click();
  await audit.score('B1.01', 3);
  await page.getByTestId('audit-tab-results').click();
  await expect(page.getByTestId('position-sentence')).toContainText('Your total of 105 ');
  await expect(page.getByTestId('total-period-4')).toHaveText('27 / 39 (69%)');
  await expect(page.getByTestId('chart-development-path').locator('svg')).toContainText('You: 105 / 387');
  await expect(page.getByTestId('chart-period-scores').locator('svg')).toHaveCount(1);
});

test('snapshots: save two, compare per period and per action, trend chart', async ({ page }) => {
  const audit = new AuditPage(page);
  await audit.open();
  await audit.score('A1.01', 1);
  await audit.score('A1.02', 2);

  await page.getByTestId('audit-tab-snapshots').click();
  await page.getByTestId('snapshot-label').fill('Kick-off');
  await page.getByTestId('snapshot-take').click();
  await expect(page.getByTestId('snapshot-list').locator('tbody tr')).toHaveCount(1);

  await page.getByTestId('audit-tab-score').click();
  await audit.score('A1.01', 3);
  await audit.score('B1.01', 2);
  await page.getByTestId('na-A1.03').click();

  await page.getByTestId('audit-tab-snapshots').click();
  await page.getByTestId('snapshot-label').fill('Three months on');
  await page.getByTestId('snapshot-take').click();
  await expect(page.getByTestId('snapshot-list').locator('tbody tr')).toHaveCount(2);

  // From 3/387 to 7/387: period 1 +2 (A1.01 1 → 3), period 4 +2 (B1.01 – → 2).
  const overall = page.getByTestId('compare-overall');
  await expect(overall).toContainText('3 / 387');
  await expect(overall).toContainText('7 / 387');
  await expect(overall).toContainText('+4');
  await expect(page.getByTestId('compare-period-1')).toContainText('+2');
  await expect(page.getByTestId('compare-period-4')).toContainText('+2');
  await expect(page.getByTestId('compare-period-2')).toContainText('0');
  const actions = page.getByTestId('compare-actions').locator('tbody tr');
  await expect(actions).toHaveCount(3); // A1.01, A1.03 (N/A), B1.01
  await expect(actions.filter({ hasText: 'A1.03' })).toContainText('N/A');
  await expect(page.getByTestId('chart-snapshot-trend').locator('svg')).toHaveCount(1);

  // Snapshots survive a reload.
  await page.reload();
  await expect(page.getByTestId('snapshot-list').locator('tbody tr')).toHaveCount(2);
  await page.screenshot({ path: 'tests/e2e/screenshots/snapshots.png', fullPage: true });
});

test('action plan: owner, due date and target feed the plan view and Figure 3', async ({ page }) => {
  const audit = new AuditPage(page);
  await audit.open();
  await audit.score('A1.01', 1);
  const row = page.getByTestId('action-A1.01');
  await row.locator('summary').click();
  await page.getByTestId('owner-A1.01').fill('Dana');
  await page.getByTestId('owner-A1.01').press('Tab');
  await page.getByTestId('due-A1.01').fill('2020-01-31');
  await page.getByTestId('due-A1.01').press('Tab');
  await page.getByTestId('target-A1.01').selectOption('3');
  await page.getByTestId('note-A1.01').fill('Driver: margin erosion at top 5 customers');
  await page.getByTestId('note-A1.01').press('Tab');

  await page.getByTestId('audit-tab-plan').click();
  const planRow = page.getByTestId('plan-row-A1.01');
  await expect(planRow).toContainText('Dana');
  await expect(planRow).toContainText('2020-01-31');
  await expect(planRow).toContainText('overdue');
  await expect(planRow).toContainText('1 → 3');

  await page.getByTestId('audit-tab-results').click();
  const fig3 = page.getByTestId('chart-period-scores');
  await fig3.getByText('as a table').click();
  // Period 1 target: (3 - 1) more points → 3 of 21 = 14 %, current 1 of 21 = 5 %.
  await expect(fig3.locator('tbody tr').first()).toContainText('14');
  await expect(fig3.locator('tbody tr').first()).toContainText('5');

  // The note survives a reload.
  await page.reload();
  await page.getByTestId('audit-tab-score').click();
  await expect(page.getByTestId('note-A1.01')).toHaveValue('Driver: margin erosion at top 5 customers');
});
