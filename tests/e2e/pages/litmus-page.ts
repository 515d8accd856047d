import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page object for the litmus tests (#/litmus/organisation|managers|customers).
 *
 * Test id scheme (question index q is 0-based):
 *   tabs                      litmus-tab-organisation | litmus-tab-managers | litmus-tab-customers
 *   one question's controls   <prefix>-q<q>-yes | -no | -notsure   (native radio inputs)
 *                             <prefix>-q<q>-clear                  (clears the answer)
 *                             <prefix>-q<q>-comment                (text input, saved on change)
 *   prefixes                  org                                  organisation test
 *                             mgr-<manager slug>-<account id>      a manager's answers for one customer
 *                             cust-<account id>                    customer readiness test
 *   manager slug              lower case, runs of non-alphanumerics → "-": "Dana Smith" → dana-smith
 *                             (a "-2", "-3"… suffix only if two names slug alike)
 *   results                   org-result, org-open (open questions), team-summary,
 *                             manager-<slug> (block), manager-result-<slug>,
 *                             mgr-<slug>-<id> (collapsed <details>), mgr-<slug>-<id>-open (its summary),
 *                             cust-ranking, cust-row-<id> (ranking row, a link to #/litmus/customers/<id>),
 *                             cust-<id> (the open customer), cust-result-<id>, cust-filter, cust-more
 *   empty states              managers-empty, customers-empty
 *   Recommitment gate         litmus-gate, gate-verdict, gate-audit, gate-org, gate-team, gate-sentence
 */
export type Choice = 'yes' | 'no' | 'notsure';

export const WORKSPACE_KEY = 'kam-workbench/workspace/w1';

export class LitmusPage {
  constructor(readonly page: Page) {}

  /** Stores a workspace document before the app reads it, then opens the app. */
  async seed(workspace: unknown) {
    await this.page.goto('./#/guide');
    await this.page.evaluate(
      ([key, doc]) => localStorage.setItem(key, doc),
      [WORKSPACE_KEY, JSON.stringify(workspace)] as const,
    );
    await this.page.reload();
  }

  async open(tab: 'organisation' | 'managers' | 'customers' = 'organisation') {
    await this.page.goto(`./#/litmus/${tab}`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Litmus tests' })).toBeVisible();
    await expect(this.tab(tab)).toHaveAttribute('aria-current', 'page');
  }

  tab(tab: string): Locator {
    return this.page.getByTestId(`litmus-tab-${tab}`);
  }

  choice(prefix: string, q: number, answer: Choice): Locator {
    return this.page.getByTestId(`${prefix}-q${q}-${answer}`);
  }

  comment(prefix: string, q: number): Locator {
    return this.page.getByTestId(`${prefix}-q${q}-comment`);
  }

  async answer(prefix: string, q: number, answer: Choice) {
    await this.choice(prefix, q, answer).check();
    await expect(this.choice(prefix, q, answer)).toBeChecked();
  }

  /** Answers questions 0.. in order. */
  async answerAll(prefix: string, answers: Choice[]) {
    for (const [q, a] of answers.entries()) await this.answer(prefix, q, a);
  }

  async writeComment(prefix: string, q: number, text: string) {
    const box = this.comment(prefix, q);
    await box.fill(text);
    await box.blur();
  }

  // Organisation
  get orgResult(): Locator {
    return this.page.getByTestId('org-result');
  }

  // Managers
  static managerPrefix(slug: string, accountId: number): string {
    return `mgr-${slug}-${accountId}`;
  }

  managerResult(slug: string): Locator {
    return this.page.getByTestId(`manager-result-${slug}`);
  }

  get teamSummary(): Locator {
    return this.page.getByTestId('team-summary');
  }

  /** Opens the collapsed block of one manager's answers for one customer. */
  async openManagerCustomer(slug: string, accountId: number) {
    const prefix = LitmusPage.managerPrefix(slug, accountId);
    const details = this.page.getByTestId(prefix);
    if ((await details.getAttribute('open')) === null) {
      await this.page.getByTestId(`${prefix}-open`).click();
    }
    await expect(this.choice(prefix, 0, 'yes')).toBeVisible();
    return prefix;
  }

  // Customers
  static customerPrefix(accountId: number): string {
    return `cust-${accountId}`;
  }

  customerRow(accountId: number): Locator {
    return this.page.getByTestId(`cust-row-${accountId}`);
  }

  customerResult(accountId: number): Locator {
    return this.page.getByTestId(`cust-result-${accountId}`);
  }

  get ranking(): Locator {
    return this.page.getByTestId('cust-ranking').locator('li');
  }

  async openCustomer(accountId: number) {
    await this.customerRow(accountId).click();
    await expect(this.customerRow(accountId)).toHaveAttribute('aria-current', 'true');
    await expect(this.choice(LitmusPage.customerPrefix(accountId), 0, 'yes')).toBeVisible();
    return LitmusPage.customerPrefix(accountId);
  }

  // The Recommitment gate (litmus page and audit results)
  get gate(): Locator {
    return this.page.getByTestId('litmus-gate');
  }
}
