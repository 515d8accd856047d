import { test, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditPage } from './pages/audit-page';

// Offline use (assets/sw.js, completed by scripts/offline.mjs) and serving (scripts/serve.mjs).

const PORT = Number(process.env.E2E_PORT ?? 8181);
const DIST = process.env.E2E_DIST ?? 'dist';

/** Serves `dir` under `base` as `make run` does, on a port of its own. */
async function serve(dir: string, base: string, port: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', dir, '--port', String(port), '--base', base], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`scripts/serve.mjs exited with ${code}`)));
    server.stdout!.once('data', resolve);
  });
  return server;
}

async function stop(server: ChildProcess) {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill();
  await exited;
}

/** Resolves once a service worker controls the page, i.e. the build is cached. */
async function controlled(page: Page) {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('served compressed, cached by kind of file, and working under its CSP', async ({ page }) => {
  const violations: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.exposeFunction('cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { cspViolation: (v: string) => void }).cspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    ),
  );

  const wasm = page.waitForResponse((r) => r.url().endsWith('_bg.wasm'));
  const index = await page.goto('./');
  const indexHeaders = await index!.allHeaders();
  expect(indexHeaders['cache-control']).toBe('no-cache');
  expect(indexHeaders['content-security-policy']).toContain("'wasm-unsafe-eval'");
  expect(indexHeaders['content-security-policy']).toContain("frame-ancestors 'none'");
  const wasmHeaders = await (await wasm).allHeaders();
  expect(wasmHeaders['content-encoding']).toBe('br');
  expect(wasmHeaders['content-type']).toBe('application/wasm');
  expect(wasmHeaders['cache-control']).toBe('public, max-age=31536000, immutable');
  const manifest = await page.request.get('./manifest.webmanifest');
  expect(manifest.headers()['content-type']).toBe('application/manifest+json');
  expect((await manifest.json()).icons.map((i: { sizes: string }) => i.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );

  // Every screen renders under the policy (the header CSP and index.html's meta CSP).
  for (const [slug, heading] of [
    ['audit', 'Action audit'],
    ['litmus', 'Litmus tests'],
    ['portfolio', 'Account portfolio'],
    ['guide', /^Guide to/],
  ]) {
    await page.getByTestId(`nav-${slug}`).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }
  await controlled(page);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});

test('after one visit the app loads and saves with the network off', async ({ page, context }) => {
  const audit = new AuditPage(page);
  await audit.open();
  await controlled(page);
  await expect(page.getByTestId('update-notice')).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await audit.skipReadThrough();
  await audit.score('A1.01', 3);
  await expect(audit.overallTotal).toHaveText('3 / 387 (1%)');
  await page.reload();
  await expect(audit.scoreButton('A1.01', 3)).toHaveAttribute('aria-checked', 'true');
  await expect(audit.overallTotal).toHaveText('3 / 387 (1%)');
  await context.setOffline(false);
});

test('from a sub-path: offline, then a new deployment is picked up on the next load and told', async ({
  page,
  context,
}) => {
  // A deployment of its own at /tools/kam/, which the test then replaces.
  const root = mkdtempSync(join(tmpdir(), 'kam-offline-'));
  const site = join(root, 'site');
  cpSync(DIST, site, { recursive: true });
  const port = PORT + 1;
  const home = `http://127.0.0.1:${port}/tools/kam/`;
  let server = await serve(site, '/tools/kam/', port);
  try {
    const outside: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (!url.pathname.startsWith('/tools/kam/')) outside.push(url.pathname);
    });
    await page.goto(`${home}#/guide`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Guide to/);
    await controlled(page);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(home);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Guide to/);
    await context.setOffline(false);

    // A second tab stays on the old version while the first loads the new one.
    const other = await context.newPage();
    await other.goto(`${home}#/audit`);
    await expect(other.getByTestId('overall-total')).toBeVisible();
    await controlled(other);

    // The new deployment: a changed index.html, made offline-ready again as a build would be.
    await stop(server);
    const indexPath = join(site, 'index.html');
    writeFileSync(indexPath, readFileSync(indexPath, 'utf8').replace('</body>', '<!-- deployment 2 -->\n</body>'));
    const stamp = spawnSync(process.execPath, ['scripts/offline.mjs', site], { encoding: 'utf8' });
    expect(stamp.status, stamp.stderr).toBe(0);
    server = await serve(site, '/tools/kam/', port);

    await page.reload();
    const notice = page.getByTestId('update-notice');
    // The new worker installs the whole build (the wasm too) before it takes over: on a
    // loaded machine that is more than the default 5 s.
    await expect(notice).toHaveAttribute('data-update', 'updated', { timeout: 30_000 });
    await expect(notice).toContainText('updated to the new version');
    const built = readFileSync(indexPath, 'utf8').match(/name="kam-build" content="([^"]+)"/)![1];
    expect(await page.locator('meta[name="kam-build"]').getAttribute('content')).toBe(built);
    await page.getByTestId('update-dismiss').click();
    await expect(notice).toHaveCount(0);

    // The old tab is told to reload, and then runs the new version.
    const stale = other.getByTestId('update-notice');
    await expect(stale).toHaveAttribute('data-update', 'ready', { timeout: 30_000 });
    await other.getByTestId('update-reload').click();
    await expect(other.locator('meta[name="kam-build"]')).toHaveAttribute('content', built);
    await expect(other.getByTestId('overall-total')).toBeVisible();
    await expect(stale).toHaveCount(0);

    expect(outside).toEqual([]);
  } finally {
    await stop(server);
    rmSync(root, { recursive: true, force: true });
  }
});

test.describe('screens in chunks of their own', () => {
  // The page's own fetches, not the service worker's copies, so the test decides what arrives.
  test.use({ serviceWorkers: 'block' });

  test('the first screen downloads no other screen, Results comes ahead; a chunk that is refused or does not arrive is said, and Try again loads it', async ({
    page,
  }) => {
    const wasm: string[] = [];
    page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
    const audit = new AuditPage(page);
    await audit.open();
    // Results, where a meeting goes from the score list, is fetched ahead once the page is idle;
    // no other screen's own chunk is.
    await expect.poll(() => wasm.filter((p) => p.includes('split_kw_audit_results'))).toHaveLength(1);
    expect(wasm.filter((p) => /split_/.test(p) && !p.includes('split_kw_audit_results'))).toEqual([]);
    expect(wasm.filter((p) => p.endsWith('_bg.wasm'))).toHaveLength(1);

    // The portfolio's own chunk: first changed on the way (its integrity refuses it), then lost.
    const portfolio = '**/split_kw_portfolio-*.wasm';
    await page.route(portfolio, async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      body[body.length - 1] ^= 1;
      await route.fulfill({ response, body });
    });
    await page.getByTestId('nav-portfolio').click();
    const failed = page.getByTestId('chunk-failed');
    await expect(failed).toBeVisible();
    await expect(failed).toHaveAttribute('role', 'alert');
    await expect(failed).toContainText('This screen could not be loaded');
    await expect(failed).toContainText('Your work is not affected');
    await page.unroute(portfolio);
    await page.route(portfolio, (route) => route.abort('internetdisconnected'));
    await page.getByTestId('chunk-retry').click();
    await expect(failed).toBeVisible();
    expect(wasm.filter((p) => p.includes('split_kw_portfolio'))).toHaveLength(2);

    // Back online: Try again opens the screen, and the audit, still loaded, kept its place.
    await page.unroute(portfolio);
    await page.getByTestId('chunk-retry').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account portfolio');
    await expect(failed).toHaveCount(0);
    await page.getByTestId('nav-audit').click();
    await audit.skipReadThrough();
    await audit.score('A1.01', 2);
    await expect(audit.overallTotal).toHaveText('2 / 387 (1%)');
  });

  test("the chunks' table (names and integrity) comes with the first chunk; changed on the way, it is refused, said, and fetched again", async ({
    page,
  }) => {
    const tables: string[] = [];
    page.on('request', (r) => /__wasm_split_chunks-[0-9a-f]{16}\.json$/.test(r.url()) && tables.push(r.url()));
    const table = '**/__wasm_split_chunks-*.json';
    await page.route(table, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()).replace('sha256-', 'sha256-A') });
    });
    const audit = new AuditPage(page);
    await audit.open();
    // Not part of the first screen: asked for with Results' chunk, fetched ahead when idle.
    await expect.poll(() => tables.length).toBe(1);
    await page.getByTestId('nav-portfolio').click();
    const failed = page.getByTestId('chunk-failed');
    await expect(failed).toBeVisible();
    expect(tables).toHaveLength(2);
    await page.unroute(table);
    await page.getByTestId('chunk-retry').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account portfolio');
    expect(tables).toHaveLength(3);
  });
});
