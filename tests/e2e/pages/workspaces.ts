import { expect, type Locator, type Page } from '@playwright/test';

export const INDEX_KEY = 'kam-workbench/workspaces';
export const LEGACY_KEY = 'kam-workbench/workspace';
export const keyOf = (id: string) => `kam-workbench/workspace/${id}`;

/** The workspace switcher in the header and the workspaces in storage. */
export class Workspaces {
  constructor(readonly page: Page) {}

  get menu(): Locator {
    return this.page.getByTestId('workspace-menu');
  }

  get current(): Locator {
    return this.page.getByTestId('workspace-current');
  }

  get items(): Locator {
    return this.page.getByTestId('workspace-item');
  }

  get message(): Locator {
    return this.page.getByTestId('workspace-message');
  }

  get notice(): Locator {
    return this.page.getByTestId('workspace-notice');
  }

  item(name: string): Locator {
    return this.items.filter({ hasText: name });
  }

  async openMenu() {
    if ((await this.menu.locator('xpath=..').getAttribute('open')) === null) await this.menu.click();
    await expect(this.page.getByTestId('workspace-list')).toBeVisible();
  }

  async closeMenu() {
    if ((await this.menu.locator('xpath=..').getAttribute('open')) !== null) await this.menu.click();
  }

  async create(name: string) {
    await this.openMenu();
    await this.page.getByTestId('workspace-new-name').fill(name);
    await this.page.getByTestId('workspace-create').click();
    await expect(this.current).toHaveText(name);
    await this.closeMenu();
  }

  async switchTo(name: string) {
    await this.openMenu();
    await this.item(name).getByTestId('workspace-open').click();
    await expect(this.current).toHaveText(name);
  }

  async rename(name: string) {
    await this.openMenu();
    await this.page.getByTestId('workspace-rename-name').fill(name);
    await this.page.getByTestId('workspace-rename').click();
    await expect(this.current).toHaveText(name);
    await this.closeMenu();
  }

  async duplicate() {
    await this.openMenu();
    await this.page.getByTestId('workspace-duplicate').click();
    await this.closeMenu();
  }

  /** Deletes after accepting the confirmation. */
  async delete(name: string) {
    await this.openMenu();
    this.page.once('dialog', (d) => d.accept());
    await this.item(name).getByTestId('workspace-delete').click();
    await expect(this.item(name)).toHaveCount(0);
  }

  async names(): Promise<string[]> {
    await this.openMenu();
    const names = await this.items.getByTestId('workspace-open').allTextContents();
    return names.map((n) => n.replace(/ \(open\)$/, ''));
  }

  /** The stored index document. */
  async index(): Promise<any> {
    return this.page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), INDEX_KEY);
  }

  async raw(id: string): Promise<string | null> {
    return this.page.evaluate((k) => localStorage.getItem(k), keyOf(id));
  }

  /** The id of the listed workspace called `name`. */
  async idOf(name: string): Promise<string> {
    const index = await this.index();
    const entry = index.workspaces.find((w: any) => w.name === name);
    expect(entry, `workspace "${name}" in ${JSON.stringify(index)}`).toBeTruthy();
    return entry.id;
  }
}
