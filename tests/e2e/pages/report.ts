import { expect, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The sections of the report, in page order, by test id. */
export const SECTIONS = [
  'report-position',
  'report-streams',
  'report-to-act-on',
  'report-plan',
  'report-litmus',
  'report-portfolio',
  'report-drivers',
] as const;

/** Page object for the report (#/report) and its printed PDF. */
export class ReportPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('./#/report');
    await expect(this.root).toBeVisible();
  }

  get root(): Locator {
    return this.page.getByTestId('report');
  }

  section(id: (typeof SECTIONS)[number]): Locator {
    return this.page.getByTestId(id);
  }

  get organisation(): Locator {
    return this.page.getByTestId('report-organisation');
  }

  /** The SVG of a chart in the report (`report-figure-4`, `report-matrix`, …). */
  chart(testid: string): Locator {
    return this.page.getByTestId(testid).locator('.kw-chart-svg svg');
  }

  /**
   * Prints the page as the browser's "Save as PDF" does, on `format` paper,
   * and returns the PDF's text (pdftotext, keeping the layout) and its pages
   * as PNG files (pdftoppm), copied to tests/e2e/screenshots/ to be looked at.
   */
  async print(format: 'A4' | 'Letter'): Promise<{ text: string; pages: number; pdf: Buffer }> {
    await this.page.emulateMedia({ media: 'print' });
    const pdf = await this.page.pdf({ format, printBackground: true, preferCSSPageSize: false });
    await this.page.emulateMedia({ media: 'screen' });
    const dir = mkdtempSync(join(tmpdir(), 'kam-report-'));
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    for (const png of pngs) {
      copyFileSync(join(dir, png), `tests/e2e/screenshots/report-${format.toLowerCase()}-${png}`);
    }
    return { text, pages: pngs.length, pdf };
  }
}
