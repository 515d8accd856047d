import { expect, type Locator, type Page } from '@playwright/test';
import { resolve } from 'node:path';

/** axe-core as npm installed it (the suites run from the repository root, as `routes.ts` assumes). */
const AXE_SOURCE = resolve('node_modules/axe-core/axe.min.js');

/** The rule sets every screen must pass: WCAG 2.2 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface Finding {
  state: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * axe-core injected into the page, run on the whole document in the states a
 * test puts the app in. Findings are gathered, not thrown at once, so one run
 * lists every state's problems; `expectNone()` fails with all of them.
 */
export class Axe {
  readonly findings: Finding[] = [];
  /** Every state checked, with its count of violations, for the log. */
  readonly checked: { state: string; violations: number }[] = [];

  constructor(readonly page: Page) {}

  /** Opens a route in the running app (no reload) and waits for it to render (its `ready` element, else a page title). */
  async visit(hash: string, ready?: Locator) {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
    await expect(ready ?? this.page.locator('main h1').first()).toBeVisible();
    await this.settle();
  }

  /** Waits two frames: Leptos renders after the signal changes, charts draw in the same turn. */
  async settle() {
    await this.page.evaluate(
      () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
    );
  }

  /**
   * Scrolls the page through, top to bottom and back, a frame a screen: parts kept off screen
   * with `content-visibility: auto` (the score list's periods) are laid out at their placeholder
   * size until a person scrolls to them, and axe would measure targets in them (target-size)
   * against boxes nobody sees. After this each part has been laid out with what it now holds.
   */
  async renderOffscreen() {
    await this.page.evaluate(async () => {
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const start = scrollY;
      for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
        scrollTo(0, y);
        await frame();
      }
      scrollTo(0, start);
      await frame();
    });
  }

  /** Runs axe on the document as it is now and records what it finds under `state`. */
  async check(state: string) {
    await this.settle();
    await this.renderOffscreen();
    const loaded = await this.page.evaluate(() => 'axe' in window);
    if (!loaded) await this.page.addScriptTag({ path: AXE_SOURCE });
    const violations = await this.page.evaluate(async (tags) => {
      const axe = (window as any).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v: any) => ({
        id: v.id as string,
        impact: (v.impact ?? '') as string,
        help: v.help as string,
        targets: v.nodes.map((n: any) => n.target.join(' ')) as string[],
      }));
    }, AXE_TAGS);
    for (const v of violations) this.findings.push({ state, ...v });
    this.checked.push({ state, violations: violations.length });
  }

  /** The findings, counted by rule: `{ label: 4, 'color-contrast': 2 }`. */
  countsByRule(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const f of this.findings) counts[f.id] = (counts[f.id] ?? 0) + f.targets.length;
    return counts;
  }

  /** One line per violation: state, rule, impact, what to do, and the elements (first ten). */
  report(): string {
    return this.findings
      .map((f) => {
        const more = f.targets.length > 10 ? ` … and ${f.targets.length - 10} more` : '';
        return `[${f.state}] ${f.id} (${f.impact}): ${f.help}\n    ${f.targets.slice(0, 10).join('\n    ')}${more}`;
      })
      .join('\n');
  }

  /** Each state checked and its count, then the counts by rule. */
  summary(): string {
    const lines = this.checked.map((c) => `  ${c.violations === 0 ? 'ok  ' : 'FAIL'} ${c.state}${c.violations ? `: ${c.violations} rule(s)` : ''}`);
    return `axe: ${this.checked.length} states checked\n${lines.join('\n')}\nby rule: ${JSON.stringify(this.countsByRule())}`;
  }

  expectNone() {
    expect(this.findings, `axe violations by rule ${JSON.stringify(this.countsByRule())}:\n${this.report()}`).toEqual([]);
  }
}
