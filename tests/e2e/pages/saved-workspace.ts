import { expect, type Locator, type Page } from '@playwright/test';

export const WORKSPACE_KEY = 'kam-workbench/workspace/w1';

/** The stored workspace and the banners that speak about it. */
export class SavedWorkspace {
  constructor(readonly page: Page) {}

  /** Stores `doc` (an object or raw text) before the app reads it, then opens `hash`. */
  async seed(doc: unknown, hash = '#/audit') {
    await this.page.goto('./#/guide');
    const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
    await this.page.evaluate(([k, v]) => localStorage.setItem(k, v), [WORKSPACE_KEY, text] as const);
    await this.page.goto(`./${hash}`);
    await this.page.reload();
  }

  async raw(): Promise<string | null> {
    return this.page.evaluate((k) => localStorage.getItem(k), WORKSPACE_KEY);
  }

  async doc(): Promise<any> {
    const raw = await this.raw();
    return raw === null ? null : JSON.parse(raw);
  }

  /** Waits until the header says the latest edit is written. */
  async waitSaved() {
    await expect(this.status).toHaveText('Saved');
  }

  get status(): Locator {
    return this.page.getByTestId('save-status');
  }

  get conflict(): Locator {
    return this.page.getByTestId('storage-conflict');
  }

  get readFailed(): Locator {
    return this.page.getByTestId('storage-read-failed');
  }

  get saveFailed(): Locator {
    return this.page.getByTestId('storage-save-failed');
  }

  get loadReport(): Locator {
    return this.page.getByTestId('load-report');
  }

  /** From the next page load on, the first read of the workspace throws, as a transient browser error would. */
  async failNextRead() {
    await this.page.addInitScript((key) => {
      const read = Storage.prototype.getItem;
      let failed = false;
      Storage.prototype.getItem = function (k: string) {
        // The app's read (from its wasm), not the page loader's check of the first screen kept.
        if (!failed && k === key && /wasm/.test(new Error().stack ?? '')) {
          failed = true;
          throw new DOMException('simulated read failure', 'UnknownError');
        }
        return read.call(this, k);
      };
    }, WORKSPACE_KEY);
  }

  /** Fills this origin's localStorage until the browser refuses more. */
  async fill() {
    await this.page.evaluate(() => {
      let chunk = 'x'.repeat(1 << 20);
      let i = 0;
      while (chunk.length > 0) {
        try {
          localStorage.setItem(`filler-${i++}`, chunk);
        } catch {
          chunk = chunk.slice(0, chunk.length >> 1);
        }
      }
    });
  }
}
