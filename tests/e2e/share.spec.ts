import { test, expect } from '@playwright/test';
import { SavedWorkspace } from './pages/saved-workspace';

const SCORED = {
  schema: 1,
  name: 'Acme plc',
  audit: {
    read_through_done: true,
    entries: {
      'A1.01': { score: 3, note: 'Board agreed' },
      'A1.02': { score: 2 },
      'B2.04': { not_applicable: 'No overseas arm' },
    },
  },
  litmus: { organisation: [{ answer: 'yes' }, { answer: 'no' }] },
};

test('a scores link and a full link reproduce the audit in a fresh browser', async ({ page, browser }) => {
  await new SavedWorkspace(page).seed(SCORED, '#/data');
  const scoresLink = await page.getByTestId('share-scores').inputValue();
  const fragment = scoresLink.split('#')[1];
  expect(fragment).toMatch(/^s1\.[A-Za-z0-9_-]{58}$/);
  await expect(page.getByTestId('share-scores-length')).toContainText(`${scoresLink.length} characters`);
  await page.getByTestId('share-full-make').click();
  const fullLink = await page.getByTestId('share-full').inputValue();
  expect(fullLink.split('#')[1]).toMatch(/^f1\./);

  // A fresh browser context: nothing stored there.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(`./#${fragment}`);
  await expect(fresh.getByTestId('shared-summary')).toHaveText(
    'Audit scores: 2 of 129 actions scored, 1 N/A; 2 of 5 organisation litmus answers',
  );
  fresh.once('dialog', (d) => d.accept());
  await fresh.getByTestId('shared-apply').click();
  await expect(fresh).toHaveURL(/#\/audit\/results$/);
  await expect(fresh.getByTestId('overall-total')).toHaveText('5 / 387 (1%)');
  // Undo takes the link's scores back.
  await fresh.getByTestId('undo').click();
  await fresh.getByTestId('undo').click();
  await expect(fresh.getByTestId('overall-total')).toHaveText('0 / 387 (0%)');

  // The full link brings notes and the name too.
  await fresh.goto(`./#${fullLink.split('#')[1]}`);
  await expect(fresh.getByTestId('shared-summary')).toContainText('"Acme plc": 2 actions scored, 1 note');
  fresh.once('dialog', (d) => d.accept());
  await fresh.getByTestId('shared-apply').click();
  await expect(fresh.getByTestId('overall-total')).toHaveText('5 / 387 (1%)');
  await new SavedWorkspace(fresh).waitSaved();
  const doc = await new SavedWorkspace(fresh).doc();
  expect(doc.audit.entries['A1.01']).toEqual({ score: 3, note: 'Board agreed' });

  await other.close();
});
