import { expect, type Locator, type Page } from '@playwright/test';
import { AuditPage } from './audit-page';
import { Workspaces } from './workspaces';
import { payload } from './xss';

/** One free-text field filled in, and what it was given. */
export interface Entry {
  field: string;
  value: string;
}

/**
 * Types a payload of pages/xss.ts into every free-text field of the app, through the UI,
 * each field a different payload in turn: workspace name, audit notes, owners and N/A reasons,
 * snapshot labels, assessor names, litmus comments (organisation, manager, customer), account
 * names, managers, sector, country, sponsor, plan owner and notes, decision-making unit and
 * account team, a quarter, criterion and activity names, a manager's time allocation, the
 * account search. Each entry is kept, so a test can check it reads back as typed.
 */
export class FreeText {
  readonly entries: Entry[] = [];
  private next = 0;

  constructor(readonly page: Page) {}

  /** The next payload, noted against `field`. */
  take(field: string): string {
    const value = payload(this.next++);
    this.entries.push({ field, value });
    return value;
  }

  /** Fills `box` and leaves it, so its change is committed as a user's would be. */
  async type(box: Locator, field: string): Promise<string> {
    const value = this.take(field);
    await box.fill(value);
    await box.blur();
    return value;
  }

  /** A new workspace under a payload name, then renamed to another. */
  async workspace(): Promise<string> {
    const workspaces = new Workspaces(this.page);
    await workspaces.create(this.take('new workspace name'));
    const name = this.take('workspace rename');
    await workspaces.rename(name);
    return name;
  }

  /** A score, a note and an owner on A1.01, an N/A reason on A1.02. */
  async audit() {
    const audit = new AuditPage(this.page);
    await audit.open();
    await audit.score('A1.01', 2);
    await audit.score('A1.03', 3);
    // "Notes & plan" opened as a person does: its form is built on first opening.
    await this.page.getByTestId('action-A1.01').locator('summary').click();
    await this.type(this.page.getByTestId('note-A1.01'), 'audit note');
    await this.type(this.page.getByTestId('owner-A1.01'), 'action owner');
    await expect(this.page.getByTestId('owner-A1.01')).toHaveValue(this.entries.at(-1)!.value);
    await this.page.getByTestId('na-A1.02').click();
    await this.type(this.page.getByTestId('na-note-A1.02').locator('input'), 'not applicable reason');
  }

  /** Two snapshots under payload labels. */
  async snapshots() {
    await this.page.goto('./#/audit/snapshots');
    for (let i = 0; i < 2; i++) {
      const label = this.take('snapshot label');
      await this.page.getByTestId('snapshot-label').fill(label);
      await this.page.getByTestId('snapshot-take').click();
      await expect(this.page.getByTestId('snapshot-list')).toContainText(label);
    }
  }

  /** An assessor under a payload name, with the workspace's own scores link. */
  async assessor() {
    await this.page.goto('./#/data');
    const link = await this.page.getByTestId('share-scores').inputValue();
    await this.page.goto('./#/audit/assessors');
    const name = this.take('assessor name');
    await this.page.getByTestId('assessor-name').fill(name);
    await this.page.getByTestId('assessor-link').fill(link);
    await this.page.getByTestId('assessor-add').click();
    await expect(this.page.getByTestId('assessor-row')).toHaveCount(1);
    await expect(this.page.getByTestId('assessor-row')).toContainText(name);
  }

  /** Accounts with payload names and managers; the first gets every field of its page. */
  async accounts(count: number) {
    await this.page.goto('./#/portfolio/accounts');
    for (let i = 0; i < count; i++) {
      const name = this.take('account name');
      await this.page.getByTestId('account-new-name').fill(name);
      await this.page.getByTestId('account-new-manager').fill(this.take('key account manager (new account)'));
      await this.page.getByTestId('account-add-submit').click();
      await expect(this.page.getByTestId('account-table').locator('tbody tr', { hasText: name })).toHaveCount(1);
    }
    await this.page.goto('./#/portfolio/account/1');
    for (const [testid, field] of [
      ['acc-sector', 'sector'],
      ['acc-country', 'country'],
      ['acc-sponsor', 'executive sponsor'],
      ['acc-plan-owner', 'plan owner'],
      ['acc-notes', 'account notes'],
    ]) {
      await this.type(this.page.getByTestId(testid), field);
    }
    // Rated and with revenue, so the matrix places and names it.
    await this.page.getByTestId('acc-revenue').fill('5000000');
    await this.page.getByTestId('acc-revenue').blur();
    for (const select of await this.page.locator('select[data-testid^="rate-"]').all()) {
      await select.selectOption({ index: 4 });
    }
    await this.page.getByTestId('dmu-name').fill(this.take('decision-making unit name'));
    await this.page.getByTestId('dmu-title').fill(this.take('decision-making unit title'));
    await this.page.getByTestId('dmu-add').click();
    await this.page.getByTestId('team-name').fill(this.take('account team name'));
    await this.page.getByTestId('team-function').fill(this.take('account team function'));
    await this.page.getByTestId('team-role').fill(this.take('account team role'));
    await this.page.getByTestId('team-add').click();
    for (const testid of ['account-dmu', 'account-team']) {
      await expect(this.page.getByTestId(testid).locator('tbody tr')).toHaveCount(1);
    }
    // Not a quarter: refused, and the message quotes it as text.
    const quarter = this.take('measure quarter (refused)');
    await this.page.getByTestId('measure-quarter').fill(quarter);
    await this.page.getByTestId('measure-add').click();
    await expect(this.page.getByTestId('account-error')).toContainText(quarter);
  }

  /** A criterion renamed and one added; an activity renamed and one added; a manager's time. */
  async portfolioSettings() {
    await this.page.goto('./#/portfolio/criteria');
    await this.page.getByTestId('criteria-attr-name-0').fill(this.take('criterion name'));
    await this.page.getByTestId('criteria-attr-name-0').blur();
    const added = this.take('new criterion name');
    await this.page.getByRole('textbox', { name: 'New factor for relative strength factors (as the customer sees us)' }).fill(added);
    await this.page.getByTestId('criteria-strength').getByRole('button', { name: 'Add factor' }).click();
    await this.page.getByTestId('criteria-save').click();
    await expect(this.page.getByTestId('criteria-message')).toContainText('Criteria changed');

    await this.page.goto('./#/portfolio/time');
    await this.page.getByTestId('time-new-manager').fill(this.take('manager (time allocation)'));
    await this.page.getByTestId('time-new-manager').press('Enter');
    await expect(this.page.getByTestId('time-allocation')).toBeVisible();
    await this.page.locator('[data-testid^="time-share-"]').first().fill('100');
    await this.page.locator('[data-testid^="time-share-"]').first().blur();
    await this.page.getByTestId('time-save').click();
    await expect(this.page.getByTestId('time-message')).toContainText('Allocation recorded');
    await this.page.getByTestId('activities-editor').locator('summary').click();
    await this.type(this.page.getByTestId('activity-name-0'), 'activity name');
    await this.page.getByRole('textbox', { name: 'New activity' }).fill(this.take('new activity name'));
    await this.page.getByRole('button', { name: 'Add activity' }).click();
    await this.page.getByTestId('activities-save').click();
    await expect(this.page.getByTestId('activities-message')).toContainText('Activities recorded');

    await this.page.goto('./#/portfolio/accounts');
    await this.page.getByTestId('account-search').fill(this.take('account search'));
  }

  /** A comment on the organisation test, on a manager's answer and on a customer's. */
  async litmusComments() {
    await this.page.goto('./#/litmus/organisation');
    await this.type(this.page.getByTestId('org-q0-comment'), 'organisation litmus comment');
    await this.page.goto('./#/litmus/managers');
    const open = this.page.locator('[data-testid^="mgr-"][data-testid$="-open"]').first();
    await open.click();
    const pair = open.locator('xpath=..');
    await pair.locator('[data-testid$="-q0-yes"]').check();
    await this.type(pair.locator('[data-testid$="-q0-comment"]'), 'manager litmus comment');
    await this.page.goto('./#/litmus/customers/1');
    await this.page.getByTestId('cust-1-q0-yes').check();
    await this.type(this.page.getByTestId('cust-1-q0-comment'), 'customer litmus comment');
  }
}
