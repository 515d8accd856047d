import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PortfolioPage } from './pages/portfolio-page';

const HEADER = [
  'Name', 'Sector', 'Country', 'Revenue', 'Category spend', 'Key account manager', 'Executive sponsor', 'Plan owner', 'Stage',
  'attr:volume', 'attr:growth', 'attr:profitability', 'attr:strategic_fit',
  'strength:quality', 'strength:relationship', 'strength:price', 'strength:understanding',
];
const row = (...cells: (string | number)[]) => cells.join(',');
// 3 good rows, then 2 bad ones: line 5 has no name, line 6 a revenue that is not a number.
const CSV = [
  HEADER.join(','),
  row('Acme Foods', 'Food', 'UK', 1200000, 4000000, 'Dana Smith', 'Chris Board', 'Dana Smith', 'Cooperative', 8, 8, 8, 8, 7, 7, 7, 7),
  row('Globex', 'Chemicals', 'DE', 800000, 1000000, 'Lee Wong', 'Chris Board', '', 'Basic', 8, 8, 8, 8, 3, 3, 3, 3),
  row('Initech', 'Software', 'US', 300000, '', 'Lee Wong', '', '', 'Exploratory', 3, 3, 3, 3, 3, 3, 3, 3),
  row('', 'Retail', 'FR', 100, '', '', '', '', '', '', '', '', '', '', '', '', ''),
  row('Umbrella', 'Pharma', 'UK', 'lots', '', '', '', '', '', '', '', '', '', '', '', '', ''),
].join('\r\n');

test('CSV import: bad rows reported by line, good rows imported, matrix and migration', async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();

  const counts = await portfolio.checkCsv('accounts.csv', CSV);
  await expect(counts).toHaveText('3 new accounts, 0 duplicates, 2 rows with errors.');
  const errors = page.getByTestId('csv-errors').locator('li');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText('Line 5: the name is missing');
  await expect(errors.nth(1)).toContainText('Line 6');
  await expect(errors.nth(1)).toContainText('"lots" is not a number');
  await page.getByTestId('csv-import-button').click();
  await expect(page.getByTestId('csv-summary')).toContainText('Imported 3 new accounts');

  await portfolio.tab('accounts').click();
  await expect(page.getByTestId('account-count')).toHaveText('3 of 3 accounts');
  // Acme 8/7 → Strategic; Globex attractive 8 but strength 3 → Star; Initech 3/3 → Streamline.
  await expect(portfolio.row('Acme Foods')).toContainText('Strategic');
  await expect(portfolio.row('Globex')).toContainText('Star');
  await expect(portfolio.row('Initech')).toContainText('Streamline');
  await expect(portfolio.row('Acme Foods')).toContainText('30%'); // 1.2m of a 4m wallet
  // Three accounts, one sponsor: the portfolio has more key accounts than sponsors.
  await expect(page.getByTestId('health-warning').first()).toContainText('3 key accounts but only 1 executive sponsor');

  await portfolio.tab('matrix').click();
  const matrix = page.getByTestId('chart-portfolio-matrix');
  await expect(matrix.locator('svg circle')).toHaveCount(3);
  // A small portfolio: one bubble per account, nothing merged.
  await expect(page.getByTestId('matrix-merged')).toHaveCount(0);
  await page.screenshot({ path: 'tests/e2e/screenshots/portfolio-matrix.png', fullPage: true });

  // Globex: strength quality 3 → 9 gives 4.8 (still Star); relationship 3 → 9 gives 6.3 → Strategic.
  await portfolio.openAccount('Globex');
  // Editing a field and tabbing on keeps the form (and focus) in place.
  await page.getByTestId('acc-sector').fill('Speciality chemicals');
  await page.getByTestId('acc-sector').press('Tab');
  await expect(page.getByTestId('acc-country')).toBeFocused();
  await expect(page.getByTestId('acc-sector')).toHaveValue('Speciality chemicals');
  await expect(page.getByTestId('account-category')).toHaveText('Star');
  // One account's page is none of the tabs.
  await expect(page.locator('[data-testid^=portfolio-tab-][aria-current=page]')).toHaveCount(0);
  await portfolio.rate('strength', 'quality', 9);
  await expect(page.getByTestId('account-strength')).toHaveText('4.8');
  await expect(page.getByTestId('account-category')).toHaveText('Star');
  await portfolio.rate('strength', 'relationship', 9);
  await expect(page.getByTestId('account-strength')).toHaveText('6.3');
  await expect(page.getByTestId('account-category')).toHaveText('Strategic');
  await expect(page.getByTestId('account-moves')).toContainText('Category: Star → Strategic');
  // Our own view of quality at 9 against the customer's 9: no gap on that factor.
  await portfolio.rate('self', 'price', 8);
  await expect(page.getByTestId('strength-gap')).toContainText('+5.0');

  await portfolio.tab('migration').click();
  await expect(page.getByTestId('migration-table').locator('tbody tr', { hasText: 'Globex' })).toContainText('Star → Strategic');
  await page.reload();
  await expect(page.getByTestId('migration-table').locator('tbody tr', { hasText: 'Globex' })).toHaveCount(1);
  await page.screenshot({ path: 'tests/e2e/screenshots/portfolio-migration.png' });
});

test('a large portfolio: the matrix merges bubbles on the same spot and says so, the table lists every account', async ({ page }) => {
  // 2,000 rated accounts, more than the chart draws one by one; ratings spread over the scale.
  const names = Array.from({ length: 2000 }, (_, i) => `Customer ${i}`);
  const rating = (i: number, k: number) => (i * (k + 3) + k * 5 + Math.floor(i / 7)) % 11;
  const text = [HEADER.join(','), ...names.map((name, i) =>
    row(name, 'Retail', 'UK', 10000 + ((i * 7919) % 500000), '', '', '', '', 'Basic', ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => rating(i, k))))].join('\r\n');
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  await portfolio.importCsv('many.csv', text, 2000);

  await portfolio.tab('matrix').click();
  const caption = page.getByTestId('matrix-merged');
  await expect(caption).toContainText('2,000 accounts drawn as ');
  const bubbles = Number(/drawn as ([\d,]+) bubbles/.exec((await caption.textContent()) ?? '')![1].replace(/,/g, ''));
  expect(bubbles).toBeGreaterThan(0);
  expect(bubbles).toBeLessThan(2000);
  // One circle per bubble stated, and the figure itself says the same.
  const matrix = portfolio.matrix();
  await expect(matrix.locator('svg circle')).toHaveCount(bubbles);
  await expect(matrix.locator('svg text', { hasText: `2,000 accounts drawn as ${bubbles.toLocaleString('en-GB')} bubbles` })).toHaveCount(1);
  await page.screenshot({ path: 'tests/e2e/screenshots/portfolio-matrix-merged.png', fullPage: true });

  // The download is the chart on screen.
  const download = page.waitForEvent('download');
  await page.getByTestId('chart-portfolio-matrix-download').click();
  const svg = readFileSync(await (await download).path(), 'utf8');
  expect(svg.match(/<circle /g)?.length).toBe(bubbles);

  // The table alternative lists each account once, page by page.
  const listed = await portfolio.matrixTableNames();
  expect(listed).toHaveLength(2000);
  expect(new Set(listed)).toEqual(new Set(names));
});

test('re-importing asks about duplicates and never overwrites without a choice', async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  await portfolio.checkCsv('a.csv', CSV);
  await page.getByTestId('csv-import-button').click();
  await expect(page.getByTestId('csv-summary')).toContainText('Imported 3');

  const changed = CSV.replace('Acme Foods,Food,UK,1200000', 'Acme Foods,Food,UK,999');
  const counts = await portfolio.checkCsv('b.csv', changed);
  await expect(counts).toHaveText('0 new accounts, 3 duplicates, 2 rows with errors.');
  await expect(page.getByTestId('csv-policy-skip')).toBeChecked();
  await page.getByTestId('csv-import-button').click();
  await expect(page.getByTestId('csv-summary')).toContainText('skipped 3 duplicates');
  await portfolio.tab('accounts').click();
  await expect(portfolio.row('Acme Foods')).toContainText('1,200,000');

  await portfolio.checkCsv('b.csv', changed);
  await page.getByTestId('csv-policy-replace').check();
  await page.getByTestId('csv-import-button').click();
  await expect(page.getByTestId('csv-summary')).toContainText('replaced 3');
  await portfolio.tab('accounts').click();
  await expect(portfolio.row('Acme Foods')).toContainText('999');
  await expect(page.getByTestId('account-count')).toHaveText('3 of 3 accounts');
});

test('accounts: add, delete with undo, export neutralises formulas, weights must sum to 100', async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  await page.getByTestId('account-new-name').fill('=HYPERLINK("x")');
  await page.getByTestId('account-new-manager').fill('Dana Smith');
  await page.getByTestId('account-add-submit').click();
  await page.getByTestId('account-new-name').fill('Beta Ltd');
  await page.getByTestId('account-add-submit').click();
  await expect(page.getByTestId('account-count')).toHaveText('2 of 2 accounts');

  await portfolio.row('Beta Ltd').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('account-count')).toHaveText('1 of 1 accounts');
  await page.getByTestId('undo-delete').click();
  await expect(page.getByTestId('account-count')).toHaveText('2 of 2 accounts');

  // One page: both pager buttons are there, and disabled.
  await expect(page.getByTestId('account-page')).toHaveText('Page 1 of 1');
  await expect(page.getByRole('button', { name: 'Next →', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: '← Previous', exact: true })).toBeDisabled();

  await page.getByTestId('account-search').fill('beta');
  await expect(page.getByTestId('account-count')).toHaveText('1 of 2 accounts');
  await page.getByTestId('account-search').fill('');

  await portfolio.tab('csv').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('csv-export-button').click();
  const file = readFileSync(await (await download).path(), 'utf8');
  expect(file.charCodeAt(0)).toBe(0xfeff);
  expect(file).toContain(`"'=HYPERLINK(""x"")"`);
  expect(file).not.toMatch(/(^|,)=HYPERLINK/m);

  await portfolio.tab('criteria').click();
  await page.getByTestId('criteria-attr-weight-0').fill('31');
  await page.getByTestId('criteria-attr-weight-0').press('Tab');
  await expect(page.getByTestId('criteria-attr-sum')).toHaveText('101');
  await expect(page.getByTestId('criteria-attr-error')).toContainText('add up to 101, not 100');
  await page.getByTestId('criteria-save').click();
  await expect(page.getByTestId('criteria-message')).toContainText('101');
  await page.reload();
  await expect(page.getByTestId('criteria-attr-weight-0')).toHaveValue('30');
});

test('manager time allocation flags activities 10 points or more off the range', async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.open('time');
  await page.getByTestId('time-new-manager').fill('Dana Smith');
  await page.getByTestId('time-new-manager').press('Enter');
  const shares: Record<string, number> = { selling: 40, relationships: 20, internal_alignment: 10, implementing: 15, strategy: 5, other: 10 };
  for (const [id, v] of Object.entries(shares)) {
    await page.getByTestId(`time-share-${id}`).fill(String(v));
    await page.getByTestId(`time-share-${id}`).press('Tab');
  }
  await expect(page.getByTestId('time-total')).toHaveText('100.0 %');
  // Selling 40 against 5-10: 30 points above. Strategy 5 against 15-20: 10 below (flagged at exactly 10).
  await expect(page.getByTestId('time-flag-selling')).toContainText('30 points above');
  await expect(page.getByTestId('time-flag-strategy')).toContainText('10 points below');
  await expect(page.getByTestId('time-flag-relationships')).toHaveText('');
  await page.getByTestId('time-save').click();
  await expect(page.getByTestId('time-message')).toHaveText('Allocation recorded. Saved in this browser.');
  await page.getByTestId('time-share-other').fill('5');
  await page.getByTestId('time-share-other').press('Tab');
  await page.getByTestId('time-save').click();
  await expect(page.getByTestId('time-message')).toContainText('95.00 %, not 100 %');

  // Ranges are editable: a minimum above the maximum is refused, a wider selling range clears its flag.
  await page.getByTestId('activities-editor').locator('summary').click();
  await page.getByTestId('activity-min-0').fill('60');
  await page.getByTestId('activity-min-0').press('Tab');
  await page.getByTestId('activities-save').click();
  await expect(page.getByTestId('activities-message')).toContainText('minimum not above the maximum');
  await page.getByTestId('activity-min-0').fill('5');
  await page.getByTestId('activity-max-0').fill('40');
  await page.getByTestId('activity-max-0').press('Tab');
  await page.getByTestId('activities-save').click();
  await expect(page.getByTestId('activities-message')).toHaveText('Activities recorded. Saved in this browser.');
  await expect(page.getByTestId('time-flag-selling')).toHaveText('');
});

test('CSV header mapping: unrecognised columns can be named and the file checked again', async ({ page }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  await portfolio.tab('csv').click();
  await page.getByTestId('csv-file').setInputFiles({
    name: 'crm.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Client,Turnover,Region\r\nAcme Foods,1200000,UK\r\nGlobex,800000,DE\r\n', 'utf8'),
  });
  await expect(page.getByTestId('csv-problem')).toContainText('no name column');
  const mapping = page.getByTestId('csv-mapping');
  await expect(mapping.locator('select')).toHaveCount(2); // Client and Region; Turnover is a known synonym
  await page.getByTestId('csv-map-0').selectOption('name');
  await page.getByTestId('csv-map-1').selectOption('country');
  await page.getByTestId('csv-recheck').click();
  await expect(page.getByTestId('csv-plan-counts')).toHaveText('2 new accounts, 0 duplicates, 0 rows with errors.');
  await page.getByTestId('csv-import-button').click();
  await expect(page.getByTestId('csv-summary')).toContainText('Imported 2 new accounts');
  await portfolio.tab('accounts').click();
  await expect(portfolio.row('Globex')).toContainText('DE');
  await expect(portfolio.row('Acme Foods')).toContainText('1,200,000');
});
