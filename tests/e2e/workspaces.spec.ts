import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { AuditPage } from './pages/audit-page';
import { SavedWorkspace } from './pages/saved-workspace';
import { Workspaces, keyOf, LEGACY_KEY, INDEX_KEY } from './pages/workspaces';

async function scoreIn(page: Page, action: string, score: number) {
  const audit = new AuditPage(page);
  await page.goto('./#/audit/score');
  await audit.skipReadThrough();
  await audit.score(action, score);
  await new SavedWorkspace(page).waitSaved();
}

async function expectScore(page: Page, action: string, score: number) {
  await page.goto('./#/audit/score');
  await new AuditPage(page).skipReadThrough();
  await expect(page.getByTestId(`score-${action}-${score}`)).toHaveAttribute('aria-checked', 'true');
}

test('two workspaces are kept apart, each under its own key, and a reload keeps the open one', async ({ page }) => {
  const ws = new Workspaces(page);
  await new AuditPage(page).open();
  await ws.rename('Acme plc');
  await scoreIn(page, 'A1.01', 3);
  await ws.create('Globex');
  // A new workspace starts empty.
  await page.goto('./#/audit/score');
  await new AuditPage(page).skipReadThrough();
  await expect(page.getByTestId('score-A1.01-3')).toHaveAttribute('aria-checked', 'false');
  await scoreIn(page, 'A1.01', 1);

  expect(await ws.names()).toEqual(['Acme plc', 'Globex']);
  const acme = await ws.idOf('Acme plc');
  const globex = await ws.idOf('Globex');
  expect(acme).not.toEqual(globex);
  expect(JSON.parse((await ws.raw(acme))!).audit.entries['A1.01'].score).toBe(3);
  expect(JSON.parse((await ws.raw(globex))!).audit.entries['A1.01'].score).toBe(1);

  await ws.switchTo('Acme plc');
  await expectScore(page, 'A1.01', 3);
  await page.reload();
  await expect(ws.current).toHaveText('Acme plc');
  await ws.switchTo('Globex');
  await expectScore(page, 'A1.01', 1);

  // A name already used is refused with its reason, and nothing changes.
  await ws.openMenu();
  await page.getByTestId('workspace-rename-name').fill('acme PLC');
  await page.getByTestId('workspace-rename').click();
  await expect(ws.message).toContainText('Another workspace is already called');
  await page.getByTestId('workspace-new-name').fill('   ');
  await page.getByTestId('workspace-create').click();
  await expect(ws.message).toContainText('the name is empty');
  expect(await ws.names()).toEqual(['Acme plc', 'Globex']);
});

test('duplicate, then delete with confirmation, then undo puts it back exactly', async ({ page }) => {
  const ws = new Workspaces(page);
  await new AuditPage(page).open();
  await ws.rename('Acme plc');
  await scoreIn(page, 'B2.02', 2);
  await ws.duplicate();
  await expect(ws.current).toHaveText('Acme plc (copy)');
  await expectScore(page, 'B2.02', 2);
  const copy = await ws.idOf('Acme plc (copy)');
  const stored = await ws.raw(copy);
  expect(stored).not.toBeNull();

  // Cancelling the confirmation deletes nothing.
  await ws.openMenu();
  page.once('dialog', (d) => d.dismiss());
  await ws.item('Acme plc (copy)').getByTestId('workspace-delete').click();
  expect(await ws.names()).toEqual(['Acme plc', 'Acme plc (copy)']);

  await ws.delete('Acme plc (copy)');
  expect(await ws.raw(copy)).toBeNull();
  // The open workspace went, so another one is open.
  await expect(ws.current).toHaveText('Acme plc');
  await expect(page.getByTestId('workspace-deleted')).toContainText('Acme plc (copy)');
  await page.getByTestId('workspace-undo-delete').click();
  await expect(ws.current).toHaveText('Acme plc (copy)');
  expect(await ws.raw(copy)).toBe(stored);
  expect(await ws.names()).toEqual(['Acme plc', 'Acme plc (copy)']);
});

test('the single workspace of an earlier version moves into the list, its text untouched', async ({ page }) => {
  const legacy = JSON.stringify({
    revision: 4,
    schema: 1,
    name: 'Legacy plc',
    audit: { entries: { 'C1.02': { score: 2, note: 'kept' } } },
  });
  // Stored from a page of the same origin that is not the app, so no app has run yet
  // (an app page closing could still write its own workspace over the setup).
  await page.goto('./manifest.webmanifest');
  await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [LEGACY_KEY, legacy] as const);
  await page.goto('./#/guide');
  const ws = new Workspaces(page);
  await expect(ws.current).toHaveText('Legacy plc');
  await expect(ws.notice).toContainText('Legacy plc');
  expect(await page.evaluate((k) => localStorage.getItem(k), LEGACY_KEY)).toBeNull();
  const id = await ws.idOf('Legacy plc');
  expect(await ws.raw(id)).toBe(legacy);
  await expectScore(page, 'C1.02', 2);
  await new SavedWorkspace(page).waitSaved();

  // Unreadable data moves as it is, and is named and kept.
  await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [LEGACY_KEY, '{"schema":1,"audit":'] as const);
  await page.reload();
  await expect(page.getByTestId('storage-unreadable')).toBeVisible();
  const moved = (await ws.index()).workspaces[0].id;
  expect(await ws.raw(moved)).toBe('{"schema":1,"audit":');
});

test('two tabs: a workspace created, renamed or deleted in one shows in the other; unsaved edits are never lost', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  const wa = new Workspaces(a);
  const wb = new Workspaces(b);
  await new AuditPage(a).open();
  await b.goto('./#/audit');
  await wa.rename('Acme plc');
  await wa.create('Initech');
  await expect.poll(() => wb.names()).toEqual(['Acme plc', 'Initech']);
  await wb.closeMenu();

  // B works on Initech; A deletes it: B had no unsaved edits, so it moves on and says why.
  await wb.switchTo('Initech');
  await wb.closeMenu();
  await wa.switchTo('Acme plc');
  await wa.delete('Initech');
  await expect(wb.notice).toContainText('"Initech" was deleted in another tab');
  await expect(wb.current).toHaveText('Acme plc');

  // B has an unsaved edit when A deletes its workspace: the edit keeps it.
  await wa.create('Umbrella');
  await wb.switchTo('Umbrella');
  await wb.closeMenu();
  await b.goto('./#/audit/score');
  await new AuditPage(b).skipReadThrough();
  await wa.switchTo('Acme plc');
  const umbrella = await wa.idOf('Umbrella');
  // A deletes Umbrella (as its Delete does: list first, then the data)
  // right after B's edit, before B's save.
  await b.evaluate(() => {
    (document.querySelector('[data-testid="score-D1.01-2"]') as HTMLElement).click();
  });
  await a.evaluate(([indexKey, key, id]) => {
    const index = JSON.parse(localStorage.getItem(indexKey)!);
    index.workspaces = index.workspaces.filter((w: any) => w.id !== id);
    localStorage.setItem(indexKey, JSON.stringify(index));
    localStorage.removeItem(key);
  }, [INDEX_KEY, keyOf(umbrella), umbrella] as const);
  await expect(wb.notice).toContainText('Your unsaved changes here keep it');
  await new SavedWorkspace(b).waitSaved();
  expect(JSON.parse((await wb.raw(umbrella))!).audit.entries['D1.01'].score).toBe(2);
  await expect.poll(() => wa.names()).toEqual(['Acme plc', 'Umbrella']);
});

test('backup of one workspace: export, delete, import as new gives identical data; all workspaces in one file', async ({ page }) => {
  const ws = new Workspaces(page);
  await new AuditPage(page).open();
  await ws.rename('Acme plc');
  await scoreIn(page, 'A2.01', 3);
  await ws.create('Globex');
  await scoreIn(page, 'B1.01', 1);
  await ws.switchTo('Acme plc');
  await ws.closeMenu();

  await page.goto('./#/data');
  let download = page.waitForEvent('download');
  await page.getByTestId('backup-download').click();
  const one = readFileSync(await (await download).path(), 'utf8');
  download = page.waitForEvent('download');
  await expect(page.getByTestId('backup-download-all')).toHaveText('Download all 2 workspaces');
  await page.getByTestId('backup-download-all').click();
  const allFile = await download;
  expect(allFile.suggestedFilename()).toMatch(/^kam-workbench-all-workspaces-\d{4}-\d{2}-\d{2}\.json$/);
  const all = readFileSync(await allFile.path(), 'utf8');

  await ws.delete('Acme plc');
  await ws.closeMenu();
  await page.getByTestId('backup-file').setInputFiles({ name: 'acme.json', mimeType: 'application/json', buffer: Buffer.from(one) });
  await expect(page.getByTestId('backup-summary')).toHaveText('"Acme plc": 1 action scored, 0 notes, 0 accounts, 0 snapshots');
  await page.getByTestId('backup-import-new').click();
  await expect(ws.current).toHaveText('Acme plc');
  await expect(page.getByTestId('data-message')).toContainText('Imported as new workspaces: "Acme plc"');
  download = page.waitForEvent('download');
  await page.getByTestId('backup-download').click();
  expect(readFileSync(await (await download).path(), 'utf8')).toBe(one);

  // The all-workspaces file imports every workspace as new ones, never over the others.
  await page.getByTestId('backup-file').setInputFiles({ name: 'all.json', mimeType: 'application/json', buffer: Buffer.from(all) });
  await expect(page.getByTestId('backup-summary')).toHaveCount(2);
  await page.getByTestId('backup-import-new').click();
  expect(await ws.names()).toEqual(['Globex', 'Acme plc', 'Acme plc (2)', 'Globex (2)']);
  await ws.closeMenu();
  await expectScore(page, 'B1.01', 1);
});

test('a shared link opens as a new workspace under the name given', async ({ page, browser }) => {
  await new AuditPage(page).open();
  await scoreIn(page, 'A1.01', 3);
  await page.goto('./#/data');
  await page.getByTestId('share-full-make').click();
  const link = await page.getByTestId('share-full').inputValue();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('shared-summary')).toBeVisible();
  await other.getByTestId('shared-name').fill('From Dana');
  await other.getByTestId('shared-import-new').click();
  const wo = new Workspaces(other);
  await expect(wo.current).toHaveText('From Dana');
  expect(await wo.names()).toEqual(['My KAM programme', 'From Dana']);
  await wo.closeMenu();
  await expectScore(other, 'A1.01', 3);
  await fresh.close();
});
