import { test, expect } from '@playwright/test';
import { AssessorsPage } from './pages/assessors';
import { SavedWorkspace } from './pages/saved-workspace';

// Three assessors score independently. Only B1.02 is disputed (3, 1, 2: spread 2);
// A1.01 is close (1, 2, 2); C1.01 is N/A for two of the three.
const DANA = { 'A1.01': 1, 'A1.02': 2, 'B1.02': 3, 'C1.01': 'na' } as const;
const LEE = { 'A1.01': 2, 'A1.02': 2, 'B1.02': 1, 'C1.01': 'na' } as const;
const SAM = { 'A1.01': 2, 'A1.02': 2, 'B1.02': 2 } as const;

test('three assessors merged with one disputed action shown first', async ({ page }) => {
  const assessors = new AssessorsPage(page);
  // Real links and a real backup file, made by the app from each assessor's scores.
  const dana = await assessors.scoresLinkFor(DANA);
  const lee = await assessors.scoresLinkFor(LEE);
  await assessors.scoresLinkFor(SAM);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
  const samFile = await download.path();

  // The consultant's own workspace, with a note that must survive.
  await new SavedWorkspace(page).seed(
    { schema: 2, name: 'Acme plc', audit: { read_through_done: true, entries: { 'A1.01': { score: 3, note: 'Board agreed' } } } },
    '#/audit/assessors',
  );
  await expect(page.getByTestId('assessors-explanation')).toContainText('Your data');
  await expect(page.getByTestId('assessors-empty')).toBeVisible();

  // Errors are said where the form is, and nothing is added.
  await assessors.submit('', dana);
  await expect(assessors.error).toHaveText("Not added: give the assessor's name.");
  await expect(assessors.error).toHaveAttribute('role', 'alert');

  await assessors.add('Dana (sales)', dana); // the whole address
  await expect(page.getByTestId('consensus-empty')).toBeVisible();
  await assessors.add('Lee (finance)', lee.split('#')[1]); // only what follows #
  await expect(page.getByTestId('consensus')).toBeVisible();

  await assessors.submit('LEE (FINANCE)', dana);
  await expect(assessors.error).toContainText('there is already an assessor called "Lee (finance)"');
  await assessors.submit('Sam (service)', lee.slice(0, -3));
  await expect(assessors.error).toContainText('cut short');
  await expect(assessors.rows).toHaveCount(2);

  // Sam sent a backup file instead of a link.
  await assessors.name.fill('Sam (service)');
  await assessors.link.fill('');
  await assessors.file.setInputFiles(samFile);
  await expect(page.getByTestId('assessor-file-chosen')).toContainText('3 of 129 actions answered');
  await page.getByTestId('assessor-add').click();
  await expect(assessors.rows).toHaveCount(3);
  await expect(assessors.row('Dana (sales)').getByTestId('assessor-row-answered')).toHaveText(
    '4 of 129 actions answered (3 scored, 1 N/A)',
  );

  // The one disputed action comes first, labelled in words, with its figures.
  await expect(page.getByTestId('consensus-summary')).toHaveText(
    '1 of 129 actions disputed (scores 2 or more apart), listed first.',
  );
  await expect(page.getByTestId('consensus-rule')).toContainText('the median of the scores given, rounded down');
  await expect(page.getByTestId('consensus-disputed')).toHaveCount(1);
  const first = assessors.consensusRows.first();
  await expect(first).toHaveAttribute('data-action', 'B1.02');
  await expect(first.getByTestId('consensus-disputed')).toHaveText('Disputed');
  await expect(first.getByTestId('consensus-state')).toHaveText(['3', '1', '2']);
  await expect(first.getByTestId('consensus-mean')).toHaveText('2.0');
  await expect(first.getByTestId('consensus-min')).toHaveText('1');
  await expect(first.getByTestId('consensus-max')).toHaveText('3');
  await expect(first.getByTestId('consensus-spread')).toHaveText('2');
  await expect(assessors.agreed('B1.02')).toHaveValue('2');
  // Then the checklist order: A1.01 (1, 2, 2) agrees closely, suggested 2.
  await expect(assessors.consensusRows.nth(1)).toHaveAttribute('data-action', 'A1.01');
  await expect(assessors.consensusRow('A1.01').getByTestId('consensus-spread')).toHaveText('1');
  await expect(assessors.consensusRow('A1.01').getByTestId('consensus-now')).toHaveText('3');
  await expect(assessors.agreed('A1.01')).toHaveValue('2');
  await expect(assessors.agreed('C1.01')).toHaveValue('na');

  // The team settles B1.02 at 1; the rest as suggested.
  await assessors.agreed('B1.02').selectOption('1');
  await assessors.applyAgreed();
  // A1.01 3 → 2, A1.02 – → 2, B1.02 – → 1, C1.01 – → N/A.
  await expect(assessors.message).toHaveText(
    'The agreed scores are now the audit: 4 actions changed. Undo takes it back.',
  );
  await expect(page.getByTestId('overall-total')).toHaveText('5 / 387 (1%)');
  await expect(assessors.consensusRow('B1.02').getByTestId('consensus-now')).toHaveText('1');
  const saved = new SavedWorkspace(page);
  await saved.waitSaved();
  const doc = await saved.doc();
  expect(doc.audit.entries['A1.01']).toEqual({ score: 2, note: 'Board agreed' });
  expect(doc.audit.entries['B1.02']).toEqual({ score: 1 });
  expect(doc.audit.entries['C1.01'].not_applicable).toBe(
    "Agreed when merging the assessors' scores; marked N/A by Dana (sales), Lee (finance)",
  );
  expect(doc.assessors.map((a: { name: string }) => a.name)).toEqual(['Dana (sales)', 'Lee (finance)', 'Sam (service)']);

  // Each assessor's own scores stay viewable.
  await assessors.row('Dana (sales)').getByTestId('assessor-view').click();
  const danaScores = page.getByTestId('assessor-scores');
  await expect(danaScores).toContainText('Scores of Dana (sales)');
  await expect(danaScores.locator('[data-action="B1.02"]').getByTestId('assessor-score')).toHaveText('3');
  await expect(danaScores.locator('[data-action="C1.01"]').getByTestId('assessor-score')).toHaveText('N/A');

  // Removing is one undoable step.
  await assessors.row('Sam (service)').getByTestId('assessor-remove').click();
  await expect(assessors.rows).toHaveCount(2);
  await expect(page.getByTestId('assessor-message')).toContainText('Removed Sam (service)');
  await page.getByTestId('undo').click();
  await expect(assessors.rows).toHaveCount(3);
  // The message spoke of the list before the undo.
  await expect(page.getByTestId('assessor-message')).toHaveCount(0);

  await page.screenshot({ path: 'tests/e2e/screenshots/assessors-1280.png', fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: 'tests/e2e/screenshots/assessors-360.png', fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // After a reload the assessors and their consensus are still there.
  await saved.waitSaved();
  await page.reload();
  await expect(assessors.rows).toHaveCount(3);
  await expect(page.getByTestId('assessor-row-name')).toHaveText(['Dana (sales)', 'Lee (finance)', 'Sam (service)']);
  await expect(assessors.consensusRows.first()).toHaveAttribute('data-action', 'B1.02');
  await expect(page.getByTestId('overall-total')).toHaveText('5 / 387 (1%)');
});
