import { readFileSync } from 'node:fs';

/**
 * Every screen the app can show, for suites that visit them all (layout at
 * 360 and 1280 px, accessibility). Kept in the order of the header. Account
 * and customer pages use the seeded workspace's account 1.
 */
export const ROUTES: { hash: string; name: string }[] = [
  { hash: '#/audit/score', name: 'Audit › Score actions' },
  { hash: '#/audit/results', name: 'Audit › Results & charts' },
  { hash: '#/audit/next', name: 'Audit › What to do next' },
  { hash: '#/audit/plan', name: 'Audit › Action plan' },
  { hash: '#/audit/snapshots', name: 'Audit › Snapshots' },
  { hash: '#/audit/assessors', name: 'Audit › Assessors' },
  { hash: '#/litmus/organisation', name: 'Litmus › Organisation' },
  { hash: '#/litmus/managers', name: 'Litmus › Key account managers' },
  { hash: '#/litmus/customers', name: 'Litmus › KAM-ready customers' },
  { hash: '#/litmus/customers/1', name: 'Litmus › one customer' },
  { hash: '#/portfolio/accounts', name: 'Portfolio › Accounts' },
  { hash: '#/portfolio/matrix', name: 'Portfolio › Matrix' },
  { hash: '#/portfolio/criteria', name: 'Portfolio › Selection criteria' },
  { hash: '#/portfolio/migration', name: 'Portfolio › Migration' },
  { hash: '#/portfolio/time', name: 'Portfolio › Manager time' },
  { hash: '#/portfolio/measures', name: 'Portfolio › Measures' },
  { hash: '#/portfolio/csv', name: 'Portfolio › Import / export' },
  { hash: '#/portfolio/account/1', name: 'Portfolio › one account' },
  { hash: '#/report', name: 'Report' },
  { hash: '#/guide', name: 'Guide' },
  { hash: '#/data', name: 'Your data' },
];

/**
 * What the screen shows, as a CSS suffix: not inside the audit views kept hidden (and inert)
 * while another audit view shows (the score list, Results built ahead).
 */
export const SHOWN = ':not(.kw-kept-view[hidden] *)';

/** A realistic workspace with every part filled (tests/fixtures/workspace-schema-2.json). */
export const SEEDED = JSON.parse(readFileSync('tests/fixtures/workspace-schema-2.json', 'utf8'));
