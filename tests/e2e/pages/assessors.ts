import { expect, type Locator, type Page } from '@playwright/test';
import { SavedWorkspace } from './saved-workspace';

/** Page object for the audit's "Assessors" view: add assessors, their consensus, the agreed scores. */
export class AssessorsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('./#/audit/assessors');
    await expect(this.page.getByTestId('assessor-form')).toBeVisible();
  }

  /**
   * The scores link the app itself makes for an audit with these entries
   * (`{ 'A1.01': 2, 'C1.01': 'na' }`), read from "Your data" › Share. Seeds the
   * browser's stored workspace, so call it before the consultant's workspace is set up.
   */
  async scoresLinkFor(entries: Record<string, number | 'na'>): Promise<string> {
    const audit: Record<string, unknown> = {};
    for (const [id, v] of Object.entries(entries)) {
      audit[id] = v === 'na' ? { not_applicable: '' } : { score: v };
    }
    await new SavedWorkspace(this.page).seed({ schema: 2, audit: { read_through_done: true, entries: audit } }, '#/data');
    const link = await this.page.getByTestId('share-scores').inputValue();
    expect(link).toMatch(/#s1\.[A-Za-z0-9_-]{58}$/);
    return link;
  }

  get name(): Locator {
    return this.page.getByTestId('assessor-name');
  }

  get link(): Locator {
    return this.page.getByTestId('assessor-link');
  }

  get file(): Locator {
    return this.page.getByTestId('assessor-file');
  }

  get error(): Locator {
    return this.page.getByTestId('assessor-error');
  }

  get rows(): Locator {
    return this.page.getByTestId('assessor-row');
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="assessor-row"][data-name="${name}"]`);
  }

  /** Fills the form and presses "Add assessor"; the caller checks the outcome. */
  async submit(name: string, link: string) {
    await this.name.fill(name);
    await this.link.fill(link);
    await this.page.getByTestId('assessor-add').click();
  }

  async add(name: string, link: string) {
    const before = await this.rows.count();
    await this.submit(name, link);
    await expect(this.rows).toHaveCount(before + 1);
    await expect(this.error).toHaveCount(0);
  }

  get consensusRows(): Locator {
    return this.page.getByTestId('consensus-row');
  }

  consensusRow(actionId: string): Locator {
    return this.page.locator(`[data-testid="consensus-row"][data-action="${actionId}"]`);
  }

  /** The agreed-score list of one action. */
  agreed(actionId: string): Locator {
    return this.consensusRow(actionId).getByTestId('consensus-agreed');
  }

  async applyAgreed() {
    await this.page.getByTestId('consensus-apply').click();
    await expect(this.page.getByTestId('consensus-message')).toBeVisible();
  }

  get message(): Locator {
    return this.page.getByTestId('consensus-message');
  }
}
