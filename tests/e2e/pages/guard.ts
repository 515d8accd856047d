import { expect, type Page } from '@playwright/test';

/**
 * Watches a page for what must not happen in a session: a dialog the test did not ask for
 * (an `alert` from a payload), a console error or uncaught exception, a Content-Security-Policy
 * violation (`securitypolicyviolation`, listened to from before the app's first script), a
 * request to any origin but the page's own (from the page or its service worker), and the XSS
 * canary `window.__xss` that every payload of pages/xss.ts would set.
 */
export class Guard {
  readonly dialogs: string[] = [];
  readonly errors: string[] = [];
  readonly violations: string[] = [];
  readonly outside: string[] = [];
  /** URLs of every request seen, for tests that count them. */
  readonly requests: string[] = [];
  private confirms = 0;

  private constructor(readonly page: Page, readonly origin: string) {}

  /** Starts watching `page` (before its first navigation) for requests outside `origin`. */
  static async watch(page: Page, origin: string): Promise<Guard> {
    const guard = new Guard(page, origin);
    page.on('dialog', async (d) => {
      if (d.type() === 'confirm' && guard.confirms > 0) {
        guard.confirms--;
        await d.accept();
        return;
      }
      guard.dialogs.push(`${d.type()}: ${d.message()}`);
      await d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') guard.errors.push(m.text());
    });
    page.on('pageerror', (e) => guard.errors.push(`uncaught: ${e.message}`));
    page.context().on('request', (r) => {
      guard.requests.push(r.url());
      const url = new URL(r.url());
      // A blob: URL carries its creator's origin; data: URLs have none and are not expected.
      if (url.origin !== origin) guard.outside.push(r.url().slice(0, 120));
    });
    await page.exposeFunction('__kamCspViolation', (v: string) => guard.violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __kamCspViolation: (v: string) => void }).__kamCspViolation(
          `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
        ),
      );
    });
    return guard;
  }

  /** Runs `action`, accepting the one confirmation it asks for (the app's own question). */
  async confirming<T>(action: () => Promise<T>): Promise<T> {
    this.confirms++;
    const result = await action();
    await expect.poll(() => this.confirms, 'the app asked for the confirmation').toBe(0);
    return result;
  }

  /** The XSS canary: undefined unless a payload ran. */
  async canary(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
  }

  /** Nothing of the above has happened so far. */
  async expectClean(where: string) {
    expect(await this.canary(), `${where}: no payload ran`).toBeUndefined();
    expect(this.dialogs, `${where}: no dialog opened`).toEqual([]);
    expect(this.violations, `${where}: no CSP violation`).toEqual([]);
    expect(this.outside, `${where}: no request outside ${this.origin}`).toEqual([]);
    expect(this.errors, `${where}: no console error`).toEqual([]);
  }
}
