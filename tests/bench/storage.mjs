// Stored bytes: the workspace document the app writes to localStorage (the key
// kam-workbench/workspace/<id>; the small index and settings keys not counted), for a full audit
// with a 200-character note on every action, and for the accounts imported by the scale section.
// The audit is stored before the app reads it, then one score is changed and changed back, so
// what is measured is what the app itself wrote. Each next to the text it holds: the notes alone,
// or the CSV file the accounts came from.
import { csv, PAGE_HELPERS, ratio, row, seed, thousands, VIEWPORT, workspace, WORKSPACE_KEY } from './lib.mjs';

const size = (v) => `${thousands(v.chars)} characters (${thousands(v.bytes)} bytes UTF-8)`;

async function auditWithNotes(browser, base) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(PAGE_HELPERS);
    const doc = workspace({ fullAudit: true, notes: true });
    await seed(page, base, doc, '#/audit/score', 'score-A1.01-0');
    const id = Object.keys(doc.audit.entries).find((k) => doc.audit.entries[k].score !== undefined);
    const was = doc.audit.entries[id].score;
    await page.getByTestId(`score-${id}-${(was + 1) % 4}`).click();
    await page.getByTestId(`score-${id}-${was}`).click();
    await page.getByTestId('save-status').filter({ hasText: /^Saved$/ }).waitFor();
    await page.waitForTimeout(500);
    await page.getByTestId('save-status').filter({ hasText: /^Saved$/ }).waitFor();
    const stored = await page.evaluate((k) => {
      const v = localStorage.getItem(k) ?? '';
      return { chars: v.length, bytes: new TextEncoder().encode(v).length, notes: Object.values(JSON.parse(v).audit.entries).filter((e) => e.note).length };
    }, WORKSPACE_KEY);
    if (stored.notes !== 129) throw new Error(`stored workspace has ${stored.notes} notes, not 129`);
    const notes = Object.values(doc.audit.entries).reduce((n, e) => n + e.note.length, 0);
    return { stored, notes };
  } finally {
    await context.close();
  }
}

export async function storage({ browser, base, stored = {} }) {
  const a = await auditWithNotes(browser, base);
  const rows = [row('storage', 'full audit, a 200-character note on every action: stored workspace', size(a.stored),
    `${thousands(a.notes)} characters (the notes' text alone)`, ratio(a.stored.chars, a.notes))];
  for (const [n, v] of Object.entries(stored)) {
    const file = csv(Number(n)).length;
    rows.push(row('storage', `${thousands(Number(n))} accounts imported: stored workspace`, size(v),
      `${thousands(file)} bytes (the CSV file imported)`, ratio(v.chars, file)));
  }
  if (Object.keys(stored).length === 0) rows.push(row('storage', 'accounts: measured by the scale section (not run)', '-'));
  return rows;
}
