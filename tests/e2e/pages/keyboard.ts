import { expect, type Locator, type Page } from '@playwright/test';

/** Where focus is and how it shows: the focused element, or the nearest ancestor that draws its ring. */
export interface FocusRing {
  testid: string | null;
  tag: string;
  /** The outline (or box-shadow) that shows focus, as computed; '' when none. */
  ring: string;
  /** Whether the element's middle is covered by something else (a sticky bar). */
  obscured: boolean;
}

/** A user with a keyboard and no mouse: Tab, Shift+Tab and Enter, with focus always in view. */
export class KeyboardUser {
  constructor(readonly page: Page) {}

  /** How the focused element shows focus now. */
  async focusRing(): Promise<FocusRing | null> {
    // The app brings focus out from under the sticky header in the next frame.
    await this.page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      // A visually hidden radio (litmus answers) shows its ring on its label.
      let shown: HTMLElement | null = el;
      let ring = '';
      for (let i = 0; shown && i < 3; i++, shown = shown.parentElement) {
        const s = getComputedStyle(shown);
        if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) {
          ring = `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`;
          break;
        }
        if (s.boxShadow && s.boxShadow !== 'none') {
          ring = s.boxShadow;
          break;
        }
      }
      const r = el.getBoundingClientRect();
      const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
      const y = Math.min(Math.max(r.top + Math.min(r.height, 40) / 2, 0), window.innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      const obscured = !top || !(el.contains(top) || top.contains(el) || (el as any).labels?.[0]?.contains(top));
      return { testid: el.getAttribute('data-testid'), tag: el.tagName.toLowerCase(), ring, obscured };
    });
  }

  /** The focused element shows a ring and is not hidden under anything. */
  async expectVisibleFocus() {
    const focus = await this.focusRing();
    expect(focus, 'something has focus').not.toBeNull();
    expect(focus!.ring, `a focus ring on ${JSON.stringify(focus)}`).not.toBe('');
    expect(focus!.obscured, `focus not covered: ${JSON.stringify(focus)}`).toBe(false);
  }

  /** Presses Tab (or Shift+Tab) until `target` has focus, checking the ring at every stop. */
  async tabTo(target: Locator, { back = false, max = 60 } = {}) {
    for (let i = 0; i <= max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      await this.expectVisibleFocus();
    }
    throw new Error(`${target} not reached in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
  }
}
