import { test, expect, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { AuditPage } from './pages/audit-page';
import { PortfolioPage } from './pages/portfolio-page';
import { SavedWorkspace, WORKSPACE_KEY } from './pages/saved-workspace';
import { Workspaces, keyOf } from './pages/workspaces';

// Each fault ends with the user's data intact: what is stored is checked
// byte for byte or value for value, not only what the page says.

/** The schema this build writes, read from the model. */
const CURRENT_SCHEMA = Number(/SCHEMA_VERSION: u32 = (\d+)/.exec(readFileSync('src/domain/workspace.rs', 'utf8'))![1]);

type Entry = { score?: number; note?: string; not_applicable?: string };

/** The scores of a stored or seeded document, by action. */
function scoresOf(doc: any): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, e] of Object.entries<Entry>(doc?.audit?.entries ?? {})) {
    if (typeof e.score === 'number') out[id] = e.score;
  }
  return out;
}

async function download(page: Page, testid: string): Promise<{ name: string; text: string }> {
  const file = page.waitForEvent('download');
  await page.getByTestId(testid).click();
  const d = await file;
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
}

async function openScores(page: Page) {
  const audit = new AuditPage(page);
  await page.goto('./#/audit/score');
  await expect(audit.overallTotal).toBeVisible();
  await audit.skipReadThrough();
  return audit;
}

test.describe('fault cases', () => {
  test('(a) corrupt JSON under one workspace key: the app starts, names it, offers its text, the others work, it is never overwritten', async ({ page }) => {
    const ws = new Workspaces(page);
    const audit = new AuditPage(page);
    await audit.open();
    await ws.rename('Healthy');
    await openScores(page);
    await audit.score('A1.02', 1);
    await new SavedWorkspace(page).waitSaved();
    await ws.create('Damaged');
    await openScores(page);
    await audit.score('A1.01', 2);
    await new SavedWorkspace(page).waitSaved();
    const damaged = await ws.idOf('Damaged');
    const healthy = await ws.idOf('Healthy');

    // The stored text cut in half, as a write cut short would leave it; the
    // app starts on it (it is the tab's open workspace).
    const whole = (await ws.raw(damaged))!;
    const corrupt = whole.slice(0, Math.floor(whole.length / 2));
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [keyOf(damaged), corrupt] as const);
    await page.reload();
    const banner = page.getByTestId('storage-unreadable');
    await expect(banner).toContainText('"Damaged" could not be read');
    await expect(banner).toContainText(keyOf(damaged));
    await expect(banner).toContainText('not valid JSON');
    await expect(ws.current).toHaveText('Damaged');

    // Its raw text is offered as a download, exactly as stored.
    const file = await download(page, 'download-unreadable');
    expect(file.name).toBe('kam-workbench-unreadable.json');
    expect(file.text).toBe(corrupt);

    // Work done meanwhile in the damaged workspace is never written over it,
    // not even when the page goes away.
    await audit.skipReadThrough();
    await audit.score('A1.05', 3);
    await expect(new SavedWorkspace(page).status).toHaveText('Not saved');
    await page.reload();
    await expect(banner).toBeVisible();
    expect(await ws.raw(damaged)).toBe(corrupt);

    // The other workspace opens and saves as usual.
    await ws.switchTo('Healthy');
    await ws.closeMenu();
    await expect(banner).toHaveCount(0);
    await openScores(page);
    await expect(audit.scoreButton('A1.02', 1)).toHaveAttribute('aria-checked', 'true');
    await audit.score('A1.03', 3);
    await new SavedWorkspace(page).waitSaved();
    expect(scoresOf(JSON.parse((await ws.raw(healthy))!))).toEqual({ 'A1.02': 1, 'A1.03': 3 });
    await page.reload();
    await expect(audit.overallTotal).toHaveText('4 / 387 (1%)');
    expect(await ws.names()).toEqual(['Healthy', 'Damaged']);
    await ws.closeMenu();
    expect(await ws.raw(damaged)).toBe(corrupt);

    // Only the user's explicit choice replaces it.
    await ws.switchTo('Damaged');
    await ws.closeMenu();
    page.once('dialog', (d) => d.accept());
    await page.getByTestId('replace-unreadable').click();
    await expect(banner).toHaveCount(0);
    await expect.poll(async () => JSON.parse((await ws.raw(damaged)) ?? 'null')?.schema).toBe(CURRENT_SCHEMA);
  });

  test('(b) storage full: a visible error, the edit kept in the tab, a download offered', async ({ page }) => {
    const storage = new SavedWorkspace(page);
    const portfolio = new PortfolioPage(page);
    await portfolio.open();
    await portfolio.addAccount('Acme Foods');
    await storage.waitSaved();
    await storage.fill();

    await portfolio.addAccount('Globex');
    await expect(storage.saveFailed).toContainText('Not saved');
    await expect(storage.status).toHaveText('Not saved');
    await page.screenshot({ path: 'tests/e2e/screenshots/save-failed.png' });
    expect((await storage.doc()).portfolio.accounts.map((a: { name: string }) => a.name)).toEqual(['Acme Foods']);

    // No message claims a save that did not happen.
    await portfolio.tab('time').click();
    await page.getByTestId('activities-editor').locator('summary').click();
    await page.getByTestId('activities-save').click();
    await expect(page.getByTestId('activities-message')).toContainText('Not saved');
    await expect(page.getByTestId('activities-message')).not.toContainText('Saved in this browser');

    await portfolio.checkCsv('more.csv', 'Name\r\nInitech\r\n');
    await page.getByTestId('csv-import-button').click();
    const summary = page.getByTestId('csv-summary');
    await expect(summary).toContainText('Imported 1 new accounts');
    await expect(summary).toContainText('Not saved');
    await expect(summary).not.toContainText(/and saved|Saved in this browser/);

    // The work is still in the tab and can be downloaded.
    const copy = JSON.parse((await download(page, 'download-unsaved')).text);
    expect(copy.portfolio.accounts.map((a: { name: string }) => a.name)).toEqual(['Acme Foods', 'Globex', 'Initech']);

    // Closing the tab with unsaved work asks first (dismissed here: the tab stays).
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);

    // Once there is room again, the next edit saves everything.
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k);
    });
    await portfolio.tab('accounts').click();
    await portfolio.addAccount('Umbrella');
    await storage.waitSaved();
    await expect(storage.saveFailed).toHaveCount(0);
    expect((await storage.doc()).portfolio.accounts.map((a: { name: string }) => a.name)).toEqual([
      'Acme Foods',
      'Globex',
      'Initech',
      'Umbrella',
    ]);
  });

  test('(c) two tabs editing the same workspace: neither edit is silently lost', async ({ context }) => {
    // Both tabs' clocks stand still, so both edits wait in their save delay
    // at once; the clock then runs and one tab saves first, whichever it is.
    await context.clock.install();
    const tabs = [await context.newPage(), await context.newPage()];
    await new SavedWorkspace(tabs[0]).seed({ schema: 1, audit: { read_through_done: true, entries: { 'A1.01': { score: 1 } } } }, '#/guide');
    const audits = [await openScores(tabs[0]), await openScores(tabs[1])];
    const saved = tabs.map((t) => new SavedWorkspace(t));
    await context.clock.pauseAt(Date.now() + 60_000);
    const edits: [string, number][] = [
      ['A1.03', 2],
      ['A1.04', 3],
    ];
    for (const i of [0, 1]) {
      await audits[i].score(...edits[i]);
      await expect(saved[i].status).toHaveText('Saving…');
    }
    await context.clock.runFor(1_000);

    // One tab saved; the other was told before it wrote anything, and still shows its edit.
    await expect.poll(async () => (await saved[0].conflict.count()) + (await saved[1].conflict.count())).toBe(1);
    const loser = (await saved[0].conflict.count()) === 1 ? 0 : 1;
    const winner = 1 - loser;
    await expect(saved[loser].conflict).toContainText('changed in another tab');
    await expect(saved[loser].status).toHaveText('Not saved');
    await saved[winner].waitSaved();
    await expect(audits[loser].scoreButton(...edits[loser])).toHaveAttribute('aria-checked', 'true');
    const page = tabs[loser];
    await page.screenshot({ path: 'tests/e2e/screenshots/conflict-1280.png' });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: 'tests/e2e/screenshots/conflict-360.png' });
    await page.setViewportSize({ width: 1280, height: 900 });
    // More time passes: still nothing written over the other tab's save.
    await context.clock.runFor(1_000);
    await expect(saved[loser].conflict).toBeVisible();
    // (Read in the tab that wrote: another tab's copy of storage follows a moment later.)
    expect(scoresOf(await saved[winner].doc())).toEqual({ 'A1.01': 1, [edits[winner][0]]: edits[winner][1] });

    // Both edits are kept: one in storage, the other in its tab and in the
    // copy that tab offers before anything is chosen.
    const copy = JSON.parse((await download(page, 'conflict-copy')).text);
    expect(scoresOf(copy)).toEqual({ 'A1.01': 1, [edits[loser][0]]: edits[loser][1] });

    // Loading the other version is a choice; the edit, made again, then saves beside it.
    await page.getByTestId('conflict-reload').click();
    await expect(saved[loser].conflict).toHaveCount(0);
    await expect(audits[loser].scoreButton(...edits[winner])).toHaveAttribute('aria-checked', 'true');
    await audits[loser].score(...edits[loser]);
    await context.clock.runFor(1_000);
    await saved[loser].waitSaved();
    const both = { 'A1.01': 1, 'A1.03': 2, 'A1.04': 3 };
    expect(scoresOf(await saved[loser].doc())).toEqual(both);
    await expect(audits[winner].scoreButton(...edits[loser])).toHaveAttribute('aria-checked', 'true');
    expect(await audits[winner].scoresShown()).toEqual(both);
    await expect.poll(async () => scoresOf(await saved[winner].doc())).toEqual(both);
  });

  test('(d) a stored document of every older schema version migrates and shows its values', async ({ browser }) => {
    const older = readdirSync('tests/fixtures')
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ file: f, text: readFileSync(`tests/fixtures/${f}`, 'utf8') }))
      .filter(({ text }) => JSON.parse(text).schema < CURRENT_SCHEMA);
    // Every version before this one has a fixture (tests/fixtures/README.md).
    expect(new Set(older.map(({ text }) => JSON.parse(text).schema)).size).toBe(CURRENT_SCHEMA - 1);

    for (const { file, text } of older) {
      const fixture = JSON.parse(text);
      const context = await browser.newContext();
      const page = await context.newPage();
      const storage = new SavedWorkspace(page);
      await storage.seed(text, '#/audit/score');
      const audit = new AuditPage(page);
      await audit.skipReadThrough();
      await expect(page.getByTestId('workspace-current'), file).toHaveText(fixture.name);
      await expect(page.getByTestId('storage-unreadable')).toHaveCount(0);
      await expect(storage.loadReport, `${file}: nothing to report`).toHaveCount(0);

      // Every score, N/A mark and note on screen.
      const entries = Object.entries<Entry>(fixture.audit.entries);
      const expected = scoresOf(fixture);
      for (const [id, e] of entries) {
        if (e.not_applicable) {
          await expect(page.getByTestId(`na-${id}`), `${file} ${id}`).toHaveAttribute('aria-pressed', 'true');
          delete expected[id];
        }
        if (e.note) await expect(page.getByTestId(`note-${id}`), `${file} ${id}`).toHaveValue(e.note);
      }
      expect(await audit.scoresShown(), file).toEqual(expected);
      const points = Object.values(expected).reduce((a, b) => a + b, 0);
      await expect(audit.overallTotal, file).toContainText(`${points} / 387`);

      const accounts: { name: string }[] = fixture.portfolio?.accounts ?? [];
      if (accounts.length > 0) {
        await new PortfolioPage(page).open();
        await expect(page.getByTestId('account-count')).toHaveText(`${accounts.length} of ${accounts.length} accounts`);
        for (const a of accounts) await expect(new PortfolioPage(page).row(a.name), `${file} ${a.name}`).toHaveCount(1);
      }
      const snapshots: { label: string }[] = fixture.snapshots ?? [];
      if (snapshots.length > 0) {
        await page.goto('./#/audit/snapshots');
        for (const s of snapshots) await expect(page.getByTestId('snapshot-list'), file).toContainText(s.label);
      }

      // The first save writes the current schema with every value kept.
      await openScores(page);
      const unscored = (await page.locator('[data-action]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.action!))).find(
        (id) => !(id in fixture.audit.entries),
      )!;
      await audit.score(unscored, 1);
      await storage.waitSaved();
      const saved = await storage.doc();
      expect(saved.schema, file).toBe(CURRENT_SCHEMA);
      expect(saved.name).toBe(fixture.name);
      for (const [id, e] of entries) expect(saved.audit.entries[id], `${file} ${id}`).toMatchObject(e);
      expect(saved.audit.entries[unscored]).toEqual({ score: 1 });
      expect(saved.portfolio.accounts.map((a: { name: string }) => a.name)).toEqual(accounts.map((a) => a.name));
      expect((saved.snapshots ?? []).map((s: { label: string }) => s.label)).toEqual(snapshots.map((s) => s.label));
      await context.close();
    }
  });

  test('(e) a document from a newer version opens read-only and is never rewritten', async ({ page, context }) => {
    const newer = readFileSync('tests/fixtures/workspace-schema-99-newer.json', 'utf8');
    const storage = new SavedWorkspace(page);
    await storage.seed(newer, '#/audit/score');
    await expect(page.getByTestId('storage-newer')).toContainText('schema 99');
    const audit = new AuditPage(page);
    await expect(audit.scoreButton('A1.01', 3)).toHaveAttribute('aria-checked', 'true');
    await expect(audit.scoreButton('A1.01', 1)).toBeDisabled();
    await expect(storage.status).toHaveText('Not saved');

    // Neither a click nor the keyboard changes it.
    await audit.scoreButton('A1.02', 2).click({ force: true });
    const row = page.locator('[data-action="A1.01"]');
    await row.focus();
    await page.keyboard.press('1');
    await page.keyboard.press('n');
    await page.keyboard.press('Control+z');
    await expect(audit.scoreButton('A1.01', 3)).toHaveAttribute('aria-checked', 'true');
    expect(await audit.scoresShown()).toEqual({ 'A1.01': 3 });
    await expect(page.getByTestId('na-A1.01')).toHaveAttribute('aria-pressed', 'false');

    // What it holds can be downloaded exactly as stored, with all this version cannot read.
    expect((await download(page, 'download-unsaved')).text).toBe(newer);

    // Closing and reopening the tab (which flushes any save) leaves it byte for byte.
    await page.close();
    const again = await context.newPage();
    await again.goto('./#/audit/score');
    await expect(again.getByTestId('storage-newer')).toBeVisible();
    expect(await new SavedWorkspace(again).raw()).toBe(newer);
  });

  test('(f) tab closed 100 ms after an edit: the edit is there after reopening', async ({ page, context }) => {
    // The page's clock is held, so "100 ms later" is exactly that, whatever the machine's load.
    await page.clock.install();
    const storage = new SavedWorkspace(page);
    await storage.seed({ schema: CURRENT_SCHEMA, audit: { read_through_done: true, entries: { 'A1.01': { score: 1 } } } }, '#/guide');
    const audit = await openScores(page);
    await page.clock.pauseAt(Date.now() + 60_000);
    await audit.score('B1.01', 3);
    await page.clock.runFor(100);
    // Still inside the save delay: not written yet.
    await expect(storage.status).toHaveText('Saving…');
    expect(scoresOf(await storage.doc())).toEqual({ 'A1.01': 1 });
    await page.close();
    // The clock belongs to the context: let the reopened page's time run again.
    await context.clock.resume();

    const reopened = await context.newPage();
    const again = await openScores(reopened);
    await expect(again.scoreButton('B1.01', 3)).toHaveAttribute('aria-checked', 'true');
    await expect(again.overallTotal).toHaveText('4 / 387 (1%)');
    expect(scoresOf(await new SavedWorkspace(reopened).doc())).toEqual({ 'A1.01': 1, 'B1.01': 3 });
    await expect(new SavedWorkspace(reopened).status).toHaveText('Saved');
  });

  test('(g) truncated, tampered and oversized share links: a clear error, nothing changed', async ({ page }) => {
    const storage = new SavedWorkspace(page);
    await storage.seed(
      {
        schema: CURRENT_SCHEMA,
        name: 'Acme plc',
        audit: { read_through_done: true, entries: { 'A1.01': { score: 3, note: 'Board agreed' }, 'A1.02': { score: 2 } } },
      },
      '#/data',
    );
    const scores = (await page.getByTestId('share-scores').inputValue()).split('#')[1];
    await page.getByTestId('share-full-make').click();
    const full = (await page.getByTestId('share-full').inputValue()).split('#')[1];
    const stored = await storage.raw();
    const middle = Math.floor(full.length / 2);
    const bomb = `f1.${deflateRawSync(Buffer.alloc(8 * 1024 * 1024 + 1, ' ')).toString('base64url')}`;

    const cases: [string, string, RegExp][] = [
      ['scores link cut short', scores.slice(0, -3), /cut short or has extra characters/],
      ['full link cut short', full.slice(0, middle), /damaged|not valid JSON/],
      ['scores link with a character changed past the range', `s1._${scores.slice(4)}`, /out of range, so it was changed or damaged/],
      ['scores link with a character no link has', `${scores.slice(0, 10)}*${scores.slice(11)}`, /characters a share link cannot have/],
      ['full link with a character changed', `${full.slice(0, middle)}${full[middle] === 'A' ? 'B' : 'A'}${full.slice(middle + 1)}`, /damaged|not valid JSON|readable workspace/],
      ['scores link too long', `${scores}AAAA`, /it should have 58 characters after "s1\.", not 62/],
      ['full link unpacking past the limit', bomb, /unpacks to more than 8,388,608 bytes/],
      ['a link of a newer format', `s2.${scores.slice(3)}`, /made by a newer KAM Workbench/],
    ];
    for (const [what, fragment, reason] of cases) {
      await page.goto(`./#${fragment}`);
      await expect(page.getByTestId('shared-error'), what).toContainText(reason);
      await expect(page.getByTestId('shared-error'), what).toContainText('Nothing has changed');
      await expect(page.getByTestId('shared-apply'), what).toHaveCount(0);
      await expect(page.getByTestId('shared-import-new'), what).toHaveCount(0);
      expect(await storage.raw(), what).toBe(stored);
    }
    await page.screenshot({ path: 'tests/e2e/screenshots/shared-error.png' });
    const audit = await openScores(page);
    expect(await audit.scoresShown()).toEqual({ 'A1.01': 3, 'A1.02': 2 });
    expect(await new Workspaces(page).names()).toEqual(['Acme plc']);
  });

  test('(h) malformed JSON and bad CSV imports: precise errors, good data kept, semicolon files import', async ({ page }) => {
    const storage = new SavedWorkspace(page);
    const portfolio = new PortfolioPage(page);
    await storage.seed(
      { schema: CURRENT_SCHEMA, portfolio: { next_id: 2, accounts: [{ id: 1, name: 'Acme Foods', revenue: 1000 }] } },
      '#/portfolio/csv',
    );
    const names = async () => (await storage.doc()).portfolio.accounts.map((a: { name: string }) => a.name);
    const problem = page.getByTestId('csv-problem');
    const errors = page.getByTestId('csv-errors').locator('li');

    // Binary garbage: refused by the line of its first byte that is not text.
    const before = await storage.raw();
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 | ((Math.imul(i, 2654435761) >>> 13) & 0x7f)));
    await portfolio.chooseCsv('photo.csv', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), noise]));
    await expect(problem).toHaveText('the file is not UTF-8 text (first bad byte at line 1); save it as CSV UTF-8');
    await portfolio.chooseCsv('export.csv', Buffer.concat([Buffer.from('Name,Notes\r\nGlobex,ok\r\n'), noise]));
    await expect(problem).toHaveText('the file is not UTF-8 text (first bad byte at line 3); save it as CSV UTF-8');
    await expect(page.getByTestId('csv-plan')).toHaveCount(0);
    // A workbook saved with a .csv name.
    await portfolio.chooseCsv('accounts.csv', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64)]));
    await expect(problem).toContainText('spreadsheet workbook (.xlsx or .ods), not CSV');

    // A 5 MB line and a name of NUL bytes: each named by its line; the good rows import.
    const big = ['Name,Notes', 'Globex,fine', `Initech,${'n'.repeat(5 * 1024 * 1024)}`, '\u0000\u0000\u0000,x', 'Umbrella,ok'].join('\r\n');
    await expect(await portfolio.checkCsv('big.csv', big)).toHaveText('2 new accounts, 0 duplicates, 2 rows with errors.');
    await expect(errors.nth(0)).toContainText('Line 3: the notes have 5,242,880 characters; at most 10,000');
    await expect(errors.nth(1)).toContainText('Line 4');
    await expect(errors.nth(1)).toContainText('control characters');
    // The error list never echoes the whole 5 MB cell.
    expect((await page.getByTestId('csv-errors').innerText()).length).toBeLessThan(1000);
    await page.getByTestId('csv-import-button').click();
    await expect(page.getByTestId('csv-summary')).toContainText('Imported 2 new accounts');
    await expect.poll(names).toEqual(['Acme Foods', 'Globex', 'Umbrella']);

    // An unclosed quote costs its row only: the rows after it are read again.
    const unclosed = 'Name,Revenue\r\nHooli,1\r\n"Stark Industries,2\r\nWayne Enterprises,3\r\nTyrell,4\r\n';
    await expect(await portfolio.checkCsv('quote.csv', unclosed)).toHaveText('3 new accounts, 0 duplicates, 1 rows with errors.');
    await expect(errors).toHaveCount(1);
    await expect(errors.nth(0)).toContainText('Line 3: a quote (") opened on line 3 is never closed');
    await page.getByTestId('csv-import-button').click();
    await expect.poll(names).toEqual(['Acme Foods', 'Globex', 'Umbrella', 'Hooli', 'Wayne Enterprises', 'Tyrell']);

    // Only a header: said, and nothing to import.
    await portfolio.checkCsv('header.csv', 'Name,Revenue,Country\r\n');
    await expect(page.getByTestId('csv-no-rows')).toContainText('no accounts under it');
    await expect(page.getByTestId('csv-import-button')).toBeDisabled();

    // A UTF-8 BOM (Excel's "CSV UTF-8"): the header is read as written.
    await portfolio.checkCsv('bom.csv', '\ufeffName,Country\r\nMüller AG,DE\r\n');
    await expect(page.getByTestId('csv-plan')).not.toContainText('not recognised');
    await page.getByTestId('csv-import-button').click();
    await expect(page.getByTestId('csv-summary')).toContainText('Imported 1 new accounts');

    // European Excel: `;` between fields, decimal commas, thousands points; the separator is detected and said.
    const semicolon = '\ufeffName;Revenue;Category spend;Country\r\nCorvel Logistik GmbH;1.234.567,89;2.500.000;DE\r\nAster Pharma SA;12,5;;FR\r\nBad Amount SA;1,234.5;;FR\r\n';
    await expect(await portfolio.checkCsv('excel-de.csv', semicolon)).toHaveText('2 new accounts, 0 duplicates, 1 rows with errors.');
    await expect(page.getByTestId('csv-separator')).toHaveText(
      'Fields separated by semicolons (detected from the header row); numbers read with a decimal comma, as in 1.234,5.',
    );
    await expect(errors.nth(0)).toHaveText('Line 4: revenue: "1,234.5" is not a number (such as 1.234,5)');
    await page.getByTestId('csv-import-button').click();
    await expect(page.getByTestId('csv-summary')).toContainText('Imported 2 new accounts');
    const saved = (await storage.doc()).portfolio.accounts;
    expect(saved.find((a: { name: string }) => a.name === 'Corvel Logistik GmbH')).toMatchObject({ revenue: 1234567.89, category_spend: 2500000, country: 'DE' });
    expect(saved.find((a: { name: string }) => a.name === 'Aster Pharma SA')).toMatchObject({ revenue: 12.5 });
    expect(saved.find((a: { name: string }) => a.name === 'Acme Foods')).toMatchObject({ revenue: 1000 });

    // Far too large a file is refused before it is read.
    const kept = await storage.raw();
    await portfolio.chooseCsv('huge.csv', Buffer.from(`Name\r\n${'a,'.repeat(6 * 1024 * 1024)}`, 'utf8'));
    await expect(problem).toContainText('at most 10 MB');
    expect(await storage.raw()).toBe(kept);
    expect(before).not.toBe(kept);

    // A malformed backup file: the parser's own words with line and column; nothing changes.
    await page.goto('./#/data');
    const backup = JSON.stringify({ schema: CURRENT_SCHEMA, name: 'Broken', portfolio: { accounts: [] } });
    for (const [text, reason] of [
      [backup.slice(0, 40), /not valid JSON \(.* at line 1 column \d+\)/],
      [`${backup}\n}`, /not valid JSON \(trailing characters at line 2 column 1\)/],
      ['[1, 2, 3]', /no schema version/],
      [JSON.stringify({ schema: CURRENT_SCHEMA, portfolio: { accounts: 'none' } }), /does not match schema \d+: invalid type: string "none", expected a sequence/],
    ] as const) {
      await page.getByTestId('backup-file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect(page.getByTestId('backup-problem')).toContainText(reason);
      await expect(page.getByTestId('backup-preview')).toHaveCount(0);
      expect(await storage.raw()).toBe(kept);
    }
  });

  test('(i) localStorage unavailable: works in memory with a warning', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await page.goto('./#/audit');
    const banner = page.getByTestId('storage-none');
    await expect(banner).toContainText('Nothing is saved in this browser');
    const audit = new AuditPage(page);
    await audit.skipReadThrough();
    await audit.score('A1.01', 3);
    await expect(audit.overallTotal).toHaveText('3 / 387 (1%)');
    await expect(new SavedWorkspace(page).status).toHaveText('Not saved');
    const copy = JSON.parse((await download(page, 'download-unsaved')).text);
    expect(copy.audit.entries['A1.01']).toEqual({ score: 3 });
  });

  test('(j) 1,000 rapid score changes: the stored state equals the on-screen state', async ({ page }) => {
    const storage = new SavedWorkspace(page);
    const audit = new AuditPage(page);
    await audit.open();
    await page.goto('./#/audit/score');
    // Clicks on the score buttons and 0-3 typed on action rows, in bursts,
    // some clearing a score; the sequence is fixed by its seed.
    const expected = await page.evaluate(async () => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-action]')];
      let seed = 20261204;
      const next = (n: number) => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      const want: Record<string, number> = {};
      for (let i = 0; i < 1000; i++) {
        const row = rows[next(rows.length)];
        const id = row.dataset.action!;
        const how = next(10);
        const score = next(4);
        if (how === 0) {
          row.querySelector<HTMLElement>('.kw-score-clear')!.click();
          delete want[id];
        } else if (how < 5) {
          row.querySelector<HTMLElement>(`[data-score="${score}"]`)!.click();
          want[id] = score;
        } else {
          row.dispatchEvent(new KeyboardEvent('keydown', { key: String(score), bubbles: true, cancelable: true }));
          want[id] = score;
        }
        if (i % 50 === 49) await new Promise((r) => setTimeout(r, 0));
      }
      return want;
    });
    expect(Object.keys(expected).length).toBeGreaterThan(100);
    await storage.waitSaved();
    const points = Object.values(expected).reduce((a, b) => a + b, 0);
    await expect(audit.overallTotal).toContainText(`${points} / 387`);
    expect(await audit.scoresShown()).toEqual(expected);
    expect(scoresOf(await storage.doc())).toEqual(expected);
    // And what a reload reads back is the same again.
    await page.reload();
    await expect(audit.overallTotal).toContainText(`${points} / 387`);
    expect(await audit.scoresShown()).toEqual(expected);
  });

  test('(k) reload during a save: the last committed state intact', async ({ page }) => {
    const storage = new SavedWorkspace(page);
    await storage.seed({ schema: CURRENT_SCHEMA, audit: { read_through_done: true, entries: { 'A1.01': { score: 1 } } } }, '#/guide');
    const audit = await openScores(page);
    const committed = await storage.doc();

    // The reload is asked for from inside the save, as the write starts.
    const reloadInsideSave = (cut: boolean) =>
      page.evaluate(
        ([key, cut]) => {
          const write = Storage.prototype.setItem;
          Storage.prototype.setItem = function (k: string, v: string) {
            if (k !== key) return write.call(this, k, v);
            Storage.prototype.setItem = write;
            location.reload();
            if (cut) throw new DOMException('the page went away', 'AbortError');
            return write.call(this, k, v);
          };
        },
        [WORKSPACE_KEY, cut] as const,
      );

    // The write goes through: after the reload the new state is whole and shown.
    await reloadInsideSave(false);
    let reloaded = page.waitForEvent('load');
    await audit.score('A1.02', 2);
    await reloaded;
    await expect(audit.scoreButton('A1.02', 2)).toHaveAttribute('aria-checked', 'true');
    let doc = await storage.doc();
    expect(doc.revision).toBe((committed.revision ?? 0) + 1);
    expect(scoresOf(doc)).toEqual({ 'A1.01': 1, 'A1.02': 2 });
    expect(await audit.scoresShown()).toEqual(scoresOf(doc));

    // The write is cut off by the reload: the state committed before is whole and shown.
    const before = await storage.raw();
    await reloadInsideSave(true);
    // Leaving asks first (the edit is not saved); the user leaves.
    page.once('dialog', (d) => d.accept());
    reloaded = page.waitForEvent('load');
    await audit.score('A1.03', 3);
    await reloaded;
    await expect(audit.scoreButton('A1.02', 2)).toHaveAttribute('aria-checked', 'true');
    expect(await storage.raw()).toBe(before);
    doc = await storage.doc();
    expect(await audit.scoresShown()).toEqual(scoresOf(doc));
    await expect(storage.status).toHaveText('Saved');
    await expect(storage.saveFailed).toHaveCount(0);
    await expect(page.getByTestId('storage-unreadable')).toHaveCount(0);
  });

  test('(l) out-of-range values and unknown fields: each named, nothing silently changed', async ({ page }) => {
    const storage = new SavedWorkspace(page);
    const account = (id: number, name: string, extra: object = {}) => ({ id, name, ...extra });
    const seeded = JSON.stringify({
      schema: 1,
      theme: 'dark',
      audit: { read_through_done: true, entries: { 'A1.01': { score: 7, note: 'from a spreadsheet' }, 'A1.02': { score: 2 } } },
      portfolio: {
        next_id: 5,
        accounts: [
          account(1, 'Acme Foods', { category_spend: -5, tier: 'gold' }),
          account(2, 'Globex', { attractiveness: { volume: 200 } }),
          account(3, 'Initech', { revenue: -1200 }),
          account(3, 'Umbrella'),
        ],
      },
    });
    await storage.seed(seeded, '#/portfolio/accounts');
    await expect(storage.loadReport).toBeVisible();
    const problems = page.getByTestId('load-problems').locator('li');
    await expect(problems).toHaveCount(4);
    await expect(problems.nth(0)).toContainText('A1.01, the score: a score must be 0, 1, 2 or 3, not 7');
    await expect(problems.nth(0)).toContainText('audit.entries.A1.01.score');
    await expect(problems.nth(1)).toContainText('Acme Foods');
    await expect(problems.nth(1)).toContainText('negative');
    await expect(problems.nth(2)).toContainText('Globex');
    await expect(problems.nth(2)).toContainText('200');
    await expect(problems.nth(3)).toContainText('Initech');
    await expect(problems.nth(3)).toContainText('revenue cannot be negative');
    await expect(page.getByTestId('load-unknown').locator('li')).toHaveText(['portfolio.accounts[id=1].tier', 'theme']);
    await expect(page.getByTestId('load-repairs')).toContainText('Umbrella');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: 'tests/e2e/screenshots/load-report-360.png' });
    await page.setViewportSize({ width: 1280, height: 900 });
    // Loading changes nothing in storage.
    expect(await storage.raw()).toBe(seeded);

    // The refused score shows as not set, and the rest of the audit as stored.
    const audit = await openScores(page);
    expect(await audit.scoresShown()).toEqual({ 'A1.02': 2 });
    await expect(page.getByTestId('note-A1.01')).toHaveValue('from a spreadsheet');

    // The account with a bad value can still be edited; fixing the value clears it.
    const portfolio = new PortfolioPage(page);
    await portfolio.open();
    await portfolio.openAccount('Acme Foods');
    await page.getByTestId('acc-sector').fill('Food');
    await page.getByTestId('acc-sector').press('Tab');
    await expect(page.getByTestId('account-error')).toHaveCount(0);
    await page.getByTestId('acc-spend').fill('4000000');
    await page.getByTestId('acc-spend').press('Tab');
    await expect(page.getByTestId('account-error')).toHaveCount(0);
    await storage.waitSaved();
    let doc = await storage.doc();
    expect(doc.portfolio.accounts[0]).toMatchObject({ name: 'Acme Foods', sector: 'Food', category_spend: 4000000, tier: 'gold' });
    expect(new Set(doc.portfolio.accounts.map((a: { id: number }) => a.id)).size).toBe(4);
    // What was not edited is saved back as it was: the score of 7, the unknown field, the negative revenue.
    expect(doc.audit.entries['A1.01']).toEqual({ score: 7, note: 'from a spreadsheet' });
    expect(doc.theme).toBe('dark');
    expect(doc.portfolio.accounts[2]).toMatchObject({ name: 'Initech', revenue: -1200 });

    // Scoring the action replaces the refused value, and the message goes at the next load.
    await openScores(page);
    await audit.score('A1.01', 1);
    await storage.waitSaved();
    doc = await storage.doc();
    expect(doc.audit.entries['A1.01']).toEqual({ score: 1, note: 'from a spreadsheet' });
    await page.reload();
    await expect(page.getByTestId('load-problems')).not.toContainText('A1.01');
  });
});
