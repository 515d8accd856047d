import { test, expect, type Page } from '@playwright/test';
import { ROUTES, SEEDED } from './pages/routes';
import { SavedWorkspace } from './pages/saved-workspace';

// Phone and desktop layout: no screen scrolls sideways from 360 px up, tables
// stack or scroll in their own box, controls are big enough to tap, and every
// route change starts at the top of the new screen with focus on its heading.
//
// One browser page per width: the workspace is seeded once and the routes are
// visited by changing the hash, as the app's own links do.

const SHOTS = 'tests/e2e/screenshots';

/** The seeded workspace with 50 more accounts (long names, every flag), so the accounts table is full. */
function bigPortfolio(): any {
  const doc = structuredClone(SEEDED);
  const model = doc.portfolio.accounts[0];
  const stages = ['exploratory', 'basic', 'cooperative', 'interdependent', 'integrated'];
  for (let i = 0; i < 50; i++) {
    const id = 100 + i;
    const a = structuredClone(model);
    a.id = id;
    a.name = `${['Vandermeer', 'Østergaard', 'Castellanos', 'Whitcombe'][i % 4]} Industrial Holdings International ${i + 1}`;
    a.sector = ['Food manufacturing', 'Logistics and warehousing', 'Retail', 'Pharmaceuticals'][i % 4];
    a.key_account_manager = ['Dana Whitfield', 'Marek Nowak', 'Priya Raman', 'Alexandra Montgomery-Smythe'][i % 4];
    a.current_stage = stages[i % 5];
    a.target_stage = stages[Math.min(4, (i % 5) + 1)];
    a.revenue = 100000 + i * 123457;
    // Every few accounts with each flag, some with all five.
    if (i % 2 === 0) a.executive_sponsor = '';
    if (i % 3 === 0) a.plan_owner = '';
    if (i % 4 === 0) a.team = [];
    if (i % 5 === 0) a.dmu = a.dmu.map((p: any) => ({ ...p, board_level: false }));
    if (i % 7 === 0) a.category_spend = a.revenue / 2;
    doc.portfolio.accounts.push(a);
  }
  doc.portfolio.next_id = 200;
  return doc;
}

async function openSeeded(page: Page, hash: string) {
  await new SavedWorkspace(page).seed(bigPortfolio(), hash);
  await expect(page.locator('main h1')).toBeVisible();
}

/** Opens a route by its hash, as a link would, and waits for it to render. */
async function go(page: Page, hash: string) {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await expect(page.locator('main h1')).toBeVisible();
  // Two frames: the route's effects (focus, scroll) run on the next one.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The page's width against the window's, with the elements that stick out on the right. */
async function sideways(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scroll = document.documentElement.scrollWidth;
    const culprits: string[] = [];
    if (scroll > width) {
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 0.5) continue;
        // Inside a box that scrolls or clips it: not the page's overflow.
        let clipped = false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') clipped = true;
        }
        if (clipped) continue;
        // Only the outermost: skip elements whose parent already sticks out.
        const parent = el.parentElement?.getBoundingClientRect();
        if (parent && parent.right > width + 0.5) continue;
        const id = el.getAttribute('data-testid') ?? el.className ?? '';
        culprits.push(`${el.tagName.toLowerCase()}${id ? `[${id}]` : ''} right=${Math.round(r.right)}`);
        if (culprits.length >= 8) break;
      }
    }
    return { width, scroll, culprits };
  });
}

/** Text and controls that stick out of their card on the right (the page itself may not
 * scroll, but a figure cut at a card's edge cannot be read), outside boxes that scroll. */
async function spills(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const card of Array.from(document.querySelectorAll('.kw-summary > div, .kw-card, .kw-banner'))) {
      if (card.getClientRects().length === 0) continue;
      const edge = card.getBoundingClientRect().right;
      for (const el of Array.from(card.querySelectorAll('*'))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= edge + 0.5) continue;
        let scrolls = false;
        for (let a = el.parentElement; a && a !== card; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') scrolls = true;
        }
        if (scrolls) continue;
        const id = el.getAttribute('data-testid') ?? el.className ?? '';
        out.push(`${el.tagName.toLowerCase()}${id ? `[${id}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" by ${Math.round(r.right - edge)} px`);
        break;
      }
    }
    return out;
  });
}

/** Buttons, fields, selects, summaries and navigation links smaller than 24 × 24 px. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const els = document.querySelectorAll<HTMLElement>(
      'button, select, input:not([type="hidden"]), textarea, summary, .kw-nav-link, .kw-tab',
    );
    for (const el of Array.from(els)) {
      if (!el.checkVisibility({ checkVisibilityCSS: true })) continue;
      // A check box or radio inside its label is tapped on the label.
      const label = el instanceof HTMLInputElement && /^(checkbox|radio)$/.test(el.type) ? el.closest('label') : null;
      const r = (label ?? el).getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width >= 23.5 && r.height >= 23.5) continue;
      const name =
        el.getAttribute('data-testid') ??
        el.getAttribute('aria-label') ??
        (el.textContent ?? '').trim().slice(0, 30) ??
        el.tagName;
      out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

function slug(hash: string): string {
  return hash.replace(/^#\//, '').replace(/\//g, '-');
}

async function shot(page: Page, name: string) {
  // The top of the page (up to 3000 px): enough to see the layout, fast to take. Periods and
  // Results' figures off screen are drawn only when scrolled near (content-visibility: auto),
  // and a full-page capture does not scroll: they are drawn for it, as a reader scrolling sees them.
  const height = await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.kw-period, .kw-chart { content-visibility: visible !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    (window as unknown as { __drawAll: CSSStyleSheet }).__drawAll = sheet;
    return Math.min(document.documentElement.scrollHeight, 3000);
  });
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: `${SHOTS}/layout-${name}.png`, fullPage: true, clip: { x: 0, y: 0, width, height } });
  await page.evaluate(() => {
    const sheet = (window as unknown as { __drawAll: CSSStyleSheet }).__drawAll;
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  });
}

for (const width of [360, 1280]) {
  test(`no screen scrolls sideways at ${width} px${width === 360 ? ', and every control is big enough to tap' : ''}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: width === 360 ? 800 : 900 });
    await openSeeded(page, ROUTES[0].hash);
    const wide: string[] = [];
    const small: string[] = [];
    for (const route of ROUTES) {
      await go(page, route.hash);
      const s = await sideways(page);
      if (s.scroll > s.width) wide.push(`${route.name} (${route.hash}): ${s.scroll} px wide; ${s.culprits.join(', ')}`);
      for (const spill of await spills(page)) wide.push(`${route.name} (${route.hash}): out of its card: ${spill}`);
      if (width === 360) {
        for (const t of await smallTargets(page)) small.push(`${route.hash}: ${t}`);
      }
      await shot(page, `${slug(route.hash)}-${width}`);
      // Again with everything that folds open: chart tables, notes and plans, the workspace menu.
      const opened = await page.evaluate(() => {
        const closed = Array.from(document.querySelectorAll('details:not([open])')) as HTMLDetailsElement[];
        for (const d of closed) d.open = true;
        return closed.length;
      });
      if (opened > 0) {
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const o = await sideways(page);
        if (o.scroll > o.width) wide.push(`${route.name} (${route.hash}) opened: ${o.scroll} px wide; ${o.culprits.join(', ')}`);
        await page.evaluate(() => {
          for (const d of Array.from(document.querySelectorAll('details[open]')) as HTMLDetailsElement[]) d.open = false;
        });
      }
    }
    expect.soft(wide, 'screens wider than the window').toEqual([]);
    expect.soft([...new Set(small)], 'controls smaller than 24 × 24 px').toEqual([]);
  });
}

test('at 360 px the score list with an action\'s notes and plan open stays within the screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await openSeeded(page, '#/audit/score');
  const row = page.getByTestId('action-A2.03');
  // A2.03 has a note, so its notes and plan open by themselves; open A1.02's too.
  await page.getByTestId('action-A1.02').locator('summary').click();
  await expect(page.getByTestId('target-A1.02')).toBeVisible();
  await expect(row.getByTestId('target-A2.03')).toBeVisible();
  const s = await sideways(page);
  expect(s.scroll, s.culprits.join(', ')).toBeLessThanOrEqual(s.width);
  await page.getByTestId('action-A1.02').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/layout-audit-score-notes-360.png` });
});

test('at 1280 px the accounts table shows 50 accounts, flags and Delete without scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openSeeded(page, '#/portfolio/accounts');
  const table = page.getByTestId('account-table');
  await expect(table.locator('tbody tr')).toHaveCount(50);
  await page.screenshot({ path: `${SHOTS}/layout-accounts-50-1280.png` });
  const fit = await table.evaluate((t) => {
    const wrap = t.parentElement!;
    const deletes = Array.from(t.querySelectorAll('[data-testid^="account-delete-"]')).map((b) => b.getBoundingClientRect().right);
    return { table: t.scrollWidth, box: wrap.clientWidth, boxRight: wrap.getBoundingClientRect().right, rightmost: Math.max(...deletes) };
  });
  expect(fit.table).toBeLessThanOrEqual(fit.box);
  expect(fit.rightmost).toBeLessThanOrEqual(fit.boxRight);
  // Flags are compact marks, with each flag's words for screen readers and on hover.
  const flags = page.getByTestId('account-flags-100');
  await expect(flags.locator('.kw-sr-only')).toContainText(['No executive sponsor']);
  await expect(flags.locator('[title="No executive sponsor"]')).toHaveCount(1);
  // Five flags take at most two lines of marks, not a column of pills.
  const flagHeights = await table.locator('td.kw-flags').evaluateAll((cells) =>
    cells.map((c) => {
      const marks = Array.from(c.querySelectorAll('.kw-flag')).map((m) => m.getBoundingClientRect());
      return marks.length === 0 ? 0 : Math.max(...marks.map((r) => r.bottom)) - Math.min(...marks.map((r) => r.top));
    }),
  );
  expect(Math.max(...flagHeights)).toBeGreaterThan(0);
  expect(Math.max(...flagHeights), 'flags in at most two lines').toBeLessThan(56);
});

test('a new screen opens at its top with focus on its heading; a link to an action brings that action into view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openSeeded(page, '#/portfolio/accounts');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);

  // Another page from the header.
  await page.getByTestId('nav-audit').click();
  await expect(page.locator('#audit-title')).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // Another view of the same page, from its tabs.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.getByTestId('audit-tab-results').click();
  await expect(page.locator('#audit-title')).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // One account from the list, then back with the browser.
  await go(page, '#/portfolio/accounts');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.getByTestId('account-row-102').getByRole('link').first().click();
  await expect(page.locator('#portfolio-title')).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // A link to one action focuses that action, not the heading.
  await go(page, '#/audit/next');
  await go(page, '#/audit/score/D3.02');
  await expect(page.getByTestId('action-D3.02')).toBeFocused();
  await expect(page.getByTestId('action-D3.02')).toBeInViewport();
});

test('on a phone, choosing a customer brings its questions into view below the ranking', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await openSeeded(page, '#/litmus/customers');
  await page.getByTestId('cust-row-2').click();
  await expect(page.getByTestId('cust-2')).toBeInViewport();
  // Not the page's top: the heading keeps no focus, the ranking stays where it was.
  await expect(page.locator('#litmus-title')).not.toBeFocused();
});

test('"start scoring" after the read-through lands on the first action, A1.01', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const doc = structuredClone(SEEDED);
  doc.audit.read_through_done = false;
  await new SavedWorkspace(page).seed(doc, '#/audit/score');
  const done = page.getByTestId('read-through-done');
  await done.scrollIntoViewIfNeeded();
  await done.click();
  await expect(page.getByTestId('action-A1.01')).toBeFocused();
  await expect(page.getByTestId('action-A1.01')).toBeInViewport();
});
