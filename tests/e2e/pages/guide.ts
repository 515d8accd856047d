import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the guide (#/guide, #/guide/<topic>). */
export class GuidePage {
  constructor(readonly page: Page) {}

  /** Opens the guide, or one topic of it. */
  async open(topic?: string) {
    await this.page.goto(topic ? `./#/guide/${topic}` : './#/guide');
    await expect(this.toc).toBeVisible();
  }

  get toc(): Locator {
    return this.page.getByTestId('guide-toc');
  }

  section(slug: string): Locator {
    return this.page.getByTestId(`guide-section-${slug}`);
  }

  /** A table by the source's number ("1"-"6") or name ("7s", "global"). */
  table(id: string): Locator {
    return this.page.getByTestId(`guide-table-${id}`);
  }

  figure(n: 1 | 2): Locator {
    return this.page.getByTestId(`figure-${n}`);
  }

  driver(id: string): Locator {
    return this.page.getByTestId(`driver-${id}`);
  }

  get start(): Locator {
    return this.page.getByTestId('programme-start');
  }

  get startError(): Locator {
    return this.page.getByTestId('programme-start-error');
  }

  get pace(): Locator {
    return this.page.getByTestId('programme-pace');
  }

  /** Periods and milestones of the phases topic, in page order: "period-4", "milestone-4", … */
  async phaseSequence(): Promise<string[]> {
    const items = this.section('phases').locator('[data-testid^="guide-period-"], [data-testid^="guide-milestone-"]');
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace('guide-', ''));
  }

  /** True when the page is no wider than the window (nothing scrolls sideways). */
  async fitsTheWidth(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  }
}
