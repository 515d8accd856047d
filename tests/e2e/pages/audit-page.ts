import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the action audit. */
export class AuditPage {
  constructor(readonly page: Page) {}

  /** Opens the app on a clean browser profile and waits for the first render. */
  async open() {
    await this.page.goto('./#/audit');
    await expect(this.overallTotal).toBeVisible();
    await this.skipReadThrough();
  }

  /** First use offers a read-through of the four phases before scoring. */
  async skipReadThrough() {
    const skip = this.page.getByTestId('read-through-skip');
    const first = this.scoreButton('A1.01', 0);
    // The score list or the read-through, whichever the app shows once it has started.
    await expect(skip.or(first).first()).toBeVisible();
    if (await skip.isVisible()) await skip.click();
    await expect(first).toBeVisible();
    await this.waitForEveryAction();
  }

  /** The list shows its first period at once and each other period a moment later (aria-busy until then). */
  async waitForEveryAction() {
    await expect(this.page.locator('.kw-checklist')).toBeAttached();
    await expect(this.page.locator('.kw-checklist[aria-busy="true"]')).toHaveCount(0);
  }

  get overallTotal(): Locator {
    return this.page.getByTestId('overall-total');
  }

  periodTotal(period: number): Locator {
    return this.page.getByTestId(`period-total-${period}`);
  }

  phaseTotal(phase: string): Locator {
    return this.page.getByTestId(`phase-total-${phase}`);
  }

  scoreButton(actionId: string, score: number): Locator {
    return this.page.getByTestId(`score-${actionId}-${score}`);
  }

  async score(actionId: string, score: number) {
    await this.scoreButton(actionId, score).click();
    await expect(this.scoreButton(actionId, score)).toHaveAttribute('aria-checked', 'true');
  }

  /** The score each action shows as chosen on the score screen (unscored actions left out). */
  async scoresShown(): Promise<Record<string, number>> {
    await this.waitForEveryAction();
    return this.page.evaluate(() => {
      const shown: Record<string, number> = {};
      for (const row of document.querySelectorAll<HTMLElement>('[data-action]')) {
        const on = row.querySelector<HTMLElement>('[role="radio"][aria-checked="true"]');
        if (on) shown[row.dataset.action!] = Number(on.dataset.score);
      }
      return shown;
    });
  }
}
