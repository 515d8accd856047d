// Makes a build offline-ready and fast to serve. Trunk runs it as a post_build hook (Trunk.toml)
// on its staging folder (TRUNK_STAGING_DIR) after it wrote index.html and before it replaces
// dist/; `node scripts/offline.mjs DIR` runs it on a built folder (the e2e tests use that to
// make a "new deployment"). Running it again on its own output gives the same result.
//
// 1. version: a hash of every file of the build (index.html without what this script adds);
// 2. index.html: `<meta name="kam-build">` with that version, and a Content-Security-Policy
//    meta tag whose script-src names the hash of each inline script (Trunk's loader and the
//    service worker's registration);
// 3. sw.js: assets/sw.js with the version and the list of files to precache in front;
// 4. a .br and a .gz beside each text or wasm file, for servers that send precompressed files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node scripts/offline.mjs DIR (or run it as a Trunk hook: TRUNK_STAGING_DIR)');
  process.exit(2);
}
const template = readFileSync(new URL('../assets/sw.js', import.meta.url), 'utf8');

/** Every file under `root`, as sorted '/'-separated paths relative to it. */
function files(root, prefix = '') {
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((e) => {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? files(root, path) : [path];
    })
    .sort();
}

const compressed = (path) => path.endsWith('.br') || path.endsWith('.gz');
const generated = (path) => compressed(path) || path === 'sw.js';

// What an earlier run wrote goes first, so the version only depends on the build.
for (const path of files(dir).filter(generated)) rmSync(join(dir, path));
const STAMPS = /[ \t]*<meta (?:name="kam-build"|http-equiv="Content-Security-Policy")[^>]*>\n?/g;
let html = readFileSync(join(dir, 'index.html'), 'utf8').replace(STAMPS, '');

const build = files(dir);
const hash = createHash('sha256');
for (const path of build) {
  hash.update(`${path}\0`);
  hash.update(path === 'index.html' ? html : readFileSync(join(dir, path)));
  hash.update('\0');
}
const version = hash.digest('hex').slice(0, 16);

// The meta CSP allows exactly the inline scripts of this index.html. A host that sends the
// policy as a header (README, Deploy) adds frame-ancestors, which a meta tag cannot carry.
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
  .filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs))
  .map(([, , body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${inline.join(' ')}`.trim(),
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');
const charset = /<meta charset="[^"]*"\s*\/?>\n?/i;
if (!charset.test(html)) {
  console.error('offline.mjs: index.html has no <meta charset>, after which the CSP must come');
  process.exit(1);
}
html = html.replace(
  charset,
  (m) =>
    `${m}    <meta http-equiv="Content-Security-Policy" content="${csp}" />\n` +
    `    <meta name="kam-build" content="${version}" />\n`,
);
writeFileSync(join(dir, 'index.html'), html);

const precache = build.map((path) => (path === 'index.html' ? './' : `./${path}`));
writeFileSync(
  join(dir, 'sw.js'),
  `// Written by scripts/offline.mjs at build time from assets/sw.js: edit that, not this.\n` +
    `const VERSION = ${JSON.stringify(version)};\n` +
    `const PRECACHE = ${JSON.stringify(precache, null, 1)};\n\n${template}`,
);

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt', '.xml']);
let raw = 0;
let br = 0;
for (const path of files(dir)) {
  const ext = extname(path);
  if (!TEXT.has(ext) && ext !== '.wasm') continue;
  const data = readFileSync(join(dir, path));
  const brotli = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: TEXT.has(ext) ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gzip = gzipSync(data, { level: 9 });
  // A compressed copy no smaller than the file is left out: servers then send the file.
  if (brotli.length < data.length) writeFileSync(join(dir, `${path}.br`), brotli);
  if (gzip.length < data.length) writeFileSync(join(dir, `${path}.gz`), gzip);
  raw += data.length;
  br += Math.min(brotli.length, data.length);
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(
  `offline: version ${version}, ${precache.length} files precached in sw.js, ` +
    `text and wasm ${kb(raw)} → ${kb(br)} brotli`,
);
