import { test, expect, type Page } from '@playwright/test';
import { AuditPage } from './pages/audit-page';

// The wasm is held back by routing it, which a service worker would answer instead.
test.use({ serviceWorkers: 'block' });

const KEPT = 'kam-workbench/first-screen';

/** The revision of the open workspace's stored document and of the first screen kept for it. */
function revisions(page: Page) {
  return page.evaluate((kept) => {
    const id = sessionStorage.getItem('kam-workbench/current');
    const stored = localStorage.getItem(`kam-workbench/workspace/${id}`) ?? '';
    const screen = JSON.parse(localStorage.getItem(kept) ?? 'null');
    return { stored: Number(stored.match(/^\{"revision":(\d+),/)?.[1] ?? -1), kept: screen?.revision ?? null };
  }, KEPT);
}

/** Waits until the first screen is kept for the revision stored (2 s after the last save, or at
 * start), and that revision is one a save wrote. */
async function keptForStored(page: Page) {
  await expect.poll(async () => {
    const r = await revisions(page).catch(() => null);
    return r !== null && r.stored > 0 && r.kept === r.stored;
  }, { timeout: 10_000 }).toBe(true);
}

/** Holds every request for the main wasm until `release` is called. */
async function holdWasm(page: Page) {
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

/** The audit opened with `action` scored `score`, then every start's wasm held: `kept` waits for
 * the first screen to be kept first (else the page is left at once). */
async function scoredThenHeld(page: Page, action: string, score: number, kept: boolean) {
  const audit = new AuditPage(page);
  await audit.open();
  await audit.score(action, score);
  if (kept) await keptForStored(page);
  return { audit, release: await holdWasm(page) };
}

test('a returning user sees the score list at once, and a click before the app runs counts', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const audit = new AuditPage(page);
  await audit.open();
  await audit.score('A1.01', 2);
  await page.getByTestId('action-A1.01').locator('summary').click();
  await page.getByTestId('owner-A1.01').fill('Dana');
  await page.getByTestId('owner-A1.01').press('Tab');
  await page.getByTestId('note-A1.01').fill('Board sponsor named');
  await page.getByTestId('note-A1.01').press('Tab');
  // Saved, then kept.
  await keptForStored(page);

  const release = await holdWasm(page);
  await page.reload();
  const drawn = page.locator('[data-kam-snapshot]');
  // The app has not started (its wasm is held): what shows is the kept drawing, with the
  // workspace's figures.
  await expect(drawn).toBeVisible();
  await expect(audit.overallTotal).toHaveText('2 / 387 (1%)');
  await expect(audit.scoreButton('A1.01', 2)).toHaveAttribute('aria-checked', 'true');
  // Fields show what they held (a value is a property, not markup).
  await expect(page.getByTestId('note-A1.01')).toHaveValue('Board sponsor named');
  await expect(page.getByTestId('owner-A1.01')).toHaveValue('Dana');
  // The filters are the app's to work: inert until then.
  await expect(page.getByTestId('filter-phase')).toHaveAttribute('inert', '');
  await audit.scoreButton('A1.03', 3).click();
  // Nothing changes until the app runs…
  await expect(audit.overallTotal).toHaveText('2 / 387 (1%)');
  release();
  // …then the drawing is gone, the app drew itself once, and the click was the app's.
  await expect(drawn).toHaveCount(0);
  await expect(audit.scoreButton('A1.03', 3)).toHaveAttribute('aria-checked', 'true');
  await expect(audit.overallTotal).toHaveText('5 / 387 (1%)');
  await expect(page.getByTestId('overall-total')).toHaveCount(1);
  await keptForStored(page);
  expect(errors).toEqual([]);
});

test('the kept first screen is not shown for another revision, address or build', async ({ page }) => {
  const { audit, release } = await scoredThenHeld(page, 'A1.01', 1, true);
  const drawn = page.locator('[data-kam-snapshot]');
  const shownOnReload = async (hash: string) => {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.reload();
    // The loader has run (it is the page's only module script) once the document is parsed.
    await page.waitForLoadState('domcontentloaded');
    return drawn.count();
  };

  expect(await shownOnReload('#/audit/score')).toBe(1);
  // Another address: the app's own screen, not the score list's drawing.
  expect(await shownOnReload('#/litmus')).toBe(0);
  expect(await shownOnReload('#/audit/results')).toBe(0);
  // Another tab saved since: the drawing shows an earlier state.
  await page.evaluate(() => {
    const key = `kam-workbench/workspace/${sessionStorage.getItem('kam-workbench/current')}`;
    const doc = localStorage.getItem(key)!;
    localStorage.setItem(key, doc.replace(/^\{"revision":(\d+),/, (_, n) => `{"revision":${Number(n) + 1},`));
  });
  expect(await shownOnReload('#/audit')).toBe(0);
  // Another build's drawing.
  const { stored } = await revisions(page);
  await page.evaluate(([kept, revision]) => {
    const screen = JSON.parse(localStorage.getItem(kept)!);
    localStorage.setItem(kept, JSON.stringify({ ...screen, revision, build: 'another' }));
  }, [KEPT, stored] as const);
  expect(await shownOnReload('#/audit')).toBe(0);
  release();
  await expect(audit.scoreButton('A1.01', 1)).toHaveAttribute('aria-checked', 'true');
});

test('a kept first screen that cannot be read is left out, and the app starts as without it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const audit = new AuditPage(page);
  await audit.open();
  await audit.score('A1.01', 3);
  await keptForStored(page);
  await page.evaluate((kept) => localStorage.setItem(kept, '{"build": not json'), KEPT);
  await page.reload();
  await expect(audit.scoreButton('A1.01', 3)).toHaveAttribute('aria-checked', 'true');
  await expect(page.locator('[data-kam-snapshot]')).toHaveCount(0);
  await expect(audit.overallTotal).toHaveText('3 / 387 (1%)');
  // Kept again, readable, 2 s after the start.
  await keptForStored(page);
  expect(errors).toEqual([]);
});

test('a page left right after a score keeps the first screen as it was left', async ({ page }) => {
  const { audit, release } = await scoredThenHeld(page, 'A1.02', 3, false);
  // At once: the save and the drawing are the leaving page's (pagehide), not the quiet timer's.
  await page.reload();
  await expect(page.locator('[data-kam-snapshot]')).toBeVisible();
  await expect(audit.scoreButton('A1.02', 3)).toHaveAttribute('aria-checked', 'true');
  await expect(audit.overallTotal).toHaveText('3 / 387 (1%)');
  release();
  await expect(page.locator('[data-kam-snapshot]')).toHaveCount(0);
  await expect(audit.scoreButton('A1.02', 3)).toHaveAttribute('aria-checked', 'true');
});
