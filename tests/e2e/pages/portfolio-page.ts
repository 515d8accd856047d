import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the account portfolio. */
export class PortfolioPage {
  constructor(readonly page: Page) {}

  async open(tab = 'accounts') {
    await this.page.goto(`./#/portfolio/${tab}`);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Account portfolio');
  }

  tab(slug: string): Locator {
    return this.page.getByTestId(`portfolio-tab-${slug}`);
  }

  /** Checks a CSV through the file input and returns the plan's counts line. */
  async checkCsv(name: string, text: string): Promise<Locator> {
    await this.tab('csv').click();
    await this.page.getByTestId('csv-file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(text, 'utf8'),
    });
    const counts = this.page.getByTestId('csv-plan-counts');
    await expect(counts).toBeVisible();
    return counts;
  }

  /** Gives the CSV import a file (text, or bytes as they are) without waiting for its check. */
  async chooseCsv(name: string, content: string | Buffer) {
    await this.tab('csv').click();
    await this.page.getByTestId('csv-file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    });
  }

  /** Adds an account by name on the accounts tab. */
  async addAccount(name: string) {
    await this.page.getByTestId('account-new-name').fill(name);
    await this.page.getByTestId('account-add-submit').click();
    await expect(this.row(name)).toHaveCount(1);
  }

  /** Checks and imports a CSV, expecting `accounts` new accounts. */
  async importCsv(name: string, text: string, accounts: number) {
    await this.checkCsv(name, text);
    await this.page.getByTestId('csv-import-button').click();
    await expect(this.page.getByTestId('csv-summary')).toContainText(`Imported ${accounts} new accounts`);
  }

  /** The matrix's figure. */
  matrix(): Locator {
    return this.page.getByTestId('chart-portfolio-matrix');
  }

  /** Opens the matrix's table alternative and returns every account name it lists, page by page. */
  async matrixTableNames(): Promise<string[]> {
    await this.matrix().locator('details summary').click();
    const table = this.page.getByTestId('matrix-table');
    await expect(table).toBeVisible();
    const names: string[] = [];
    const next = this.page.getByTestId('matrix-table-next');
    for (;;) {
      names.push(...(await table.locator('tbody th').allTextContents()));
      if ((await next.count()) === 0 || (await next.isDisabled())) return names;
      const shown = await this.page.getByTestId('matrix-table-page').textContent();
      await next.click();
      await expect(this.page.getByTestId('matrix-table-page')).not.toHaveText(shown ?? '');
    }
  }

  row(name: string): Locator {
    return this.page.getByTestId('account-table').locator('tbody tr', { hasText: name });
  }

  async openAccount(name: string) {
    await this.tab('accounts').click();
    await this.row(name).getByRole('link', { name }).click();
    await expect(this.page.getByTestId('account-title')).toHaveText(name);
  }

  async rate(kind: 'attr' | 'strength' | 'self', factor: string, value: number) {
    await this.page.getByTestId(`rate-${kind}-${factor}`).selectOption(String(value));
  }
}
