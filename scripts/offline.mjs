// Makes a build offline-ready and fast to serve. Trunk runs it as a post_build hook (Trunk.toml)
// on its staging folder (TRUNK_STAGING_DIR) after it wrote index.html and before it replaces
// dist/; `node scripts/offline.mjs DIR` runs it on a built folder (the e2e tests use that to
// make a "new deployment"). Running it again on its own output gives the same result.
//
// 1. index.html: Trunk's loader script becomes one that fetches the wasm with its `integrity`
//    (Chromium ignores `integrity` on the `<link rel="preload" as="fetch">` Trunk writes, so
//    the wasm was never checked) and that says so on the page when the app cannot start;
// 2. index.html: the stylesheets become one `<style>` in its head, and their files go: a
//    returning user's first frame then waits for no file (see withInlineStyles);
// 3. version: a hash of every file of the build (index.html without what step 4 adds);
// 4. index.html: `<meta name="kam-build">` with that version, and a Content-Security-Policy
//    meta tag whose script-src names the hash of each inline script (the loader and the
//    service worker's registration) and whose style-src names the hash of that `<style>`;
// 5. sw.js: assets/sw.js with the version and the list of files to precache in front;
// 6. a .br and a .gz beside each text or wasm file, for servers that send precompressed files.
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

/** Stops the build with a message: the page would not be what this script promises. */
function fail(message) {
  console.error(`offline.mjs: ${message}`);
  process.exit(1);
}

/**
 * index.html with a loader that checks what it runs. Trunk's loader passes the wasm's URL to
 * wasm-bindgen, which fetches it with no integrity; the `integrity` Trunk puts on the wasm's
 * preload link is ignored by Chromium (crbug.com/981419). This loader fetches the wasm with
 * its SHA-384 (the preload, left without integrity, is reused by that fetch) and imports the
 * JS through its modulepreload, which carries the JS's integrity. A file that does not match
 * is refused by the browser, and the page says the app could not start instead of running it.
 * Trunk's loader and this one both announce TrunkApplicationStarted: that is how either is found.
 */
function withCheckedLoader(page) {
  const loaders = [...page.matchAll(/[ \t]*<script type="module">(?:(?!<\/script>)[\s\S])*?TrunkApplicationStarted[\s\S]*?<\/script>\n?/g)];
  if (loaders.length !== 1) fail(`expected one wasm loader script in index.html, found ${loaders.length}`);
  const js = page.match(/<link rel="modulepreload" href="([^"]+\.js)"[^>]*\bintegrity="[^"]+"/)?.[1];
  const wasm = page.match(/<link rel="preload" href="([^"]+_bg\.wasm)"/)?.[1];
  if (!js || !wasm) fail('index.html has no modulepreload (with integrity) of the JS or no preload of the wasm');
  const sri = `sha384-${createHash('sha384').update(readFileSync(join(dir, wasm))).digest('base64')}`;
  const trunks = page.match(/_bg\.wasm"[^>]*\bintegrity="([^"]+)"/)?.[1];
  if (trunks && trunks !== sri) fail(`the wasm's integrity in index.html (${trunks}) is not its file's (${sri})`);
  const loader = `    <script type="module">
      // Written by scripts/offline.mjs in place of Trunk's loader: the wasm is fetched with its
      // integrity and the JS comes through its modulepreload, which has its own; a file that is
      // not the build's is refused, and the page says so rather than running it.
      //
      // Meanwhile a returning user sees the score list's first screen as the app last drew it
      // (src/first_screen.rs keeps it under the keys of src/storage.rs), if it is this build's
      // drawing of the workspace this tab opens, at the revision stored now, and this is the
      // score list's address. The app removes it as it draws itself; a click on one of its
      // buttons meanwhile is kept and given to the app's same button.
      const drawn = (() => {
        try {
          const kept = JSON.parse(localStorage.getItem('kam-workbench/first-screen'));
          const id = sessionStorage.getItem('kam-workbench/current') ?? localStorage.getItem('kam-workbench/last-opened');
          const stored = localStorage.getItem('kam-workbench/workspace/' + id) ?? '';
          const build = document.querySelector('meta[name="kam-build"]')?.content;
          if (!kept || kept.build !== build || kept.workspace !== id ||
            !stored.startsWith('{"revision":' + kept.revision + ',') ||
            !['', 'audit', 'audit/score'].includes(location.hash.slice(1).split('/').filter((p) => p).join('/'))) return null;
          document.body.insertAdjacentHTML('afterbegin', kept.html);
          const clicks = [];
          const keep = (e) => {
            const button = e.target.closest?.('[data-kam-snapshot] button[data-testid]');
            if (button) {
              e.preventDefault();
              clicks.push(button.dataset.testid);
            }
          };
          addEventListener('click', keep, true);
          return (app) => {
            removeEventListener('click', keep, true);
            document.querySelector('[data-kam-snapshot]')?.remove();
            if (app) for (const id of clicks) document.querySelector(\`[data-testid="\${CSS.escape(id)}"]\`)?.click();
          };
        } catch (e) {
          // Storage blocked, or a drawing that cannot be read: the app starts as it would without.
          console.warn('the first screen kept was not shown:', e);
          return null;
        }
      })();
      try {
        const bindings = await import(${JSON.stringify(js)});
        const wasm = await bindings.default({
          module_or_path: fetch(${JSON.stringify(wasm)}, { integrity: ${JSON.stringify(sri)} }),
        });
        drawn?.(true);
        window.wasmBindings = bindings;
        dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
      } catch (e) {
        drawn?.(false);
        const message = document.createElement('p');
        message.className = 'kw-banner kw-banner-error';
        message.setAttribute('role', 'alert');
        message.dataset.testid = 'load-failed';
        message.textContent =
          'KAM Workbench could not start: its code did not arrive intact (' + (e?.message ?? e) + '). ' +
          'Reload the page; if this message stays, the copy of the app on this site is damaged.';
        document.body.append(message);
        console.error(e);
      }
    </script>
`;
  const [found] = loaders[0];
  return page
    .replace(found, () => loader)
    .replace(/(<link rel="preload" href="[^"]+_bg\.wasm"[^>]*?) integrity="[^"]+"/, '$1');
}

/**
 * index.html with Trunk's stylesheet links replaced by one `<style>` holding their text, in
 * their order, and their files removed from the build. A page cannot paint before its
 * stylesheets, and a deferred script waits for them: for a returning user each was a lookup
 * in the service worker's cache, which after a browser restart kept the first frame (and the
 * drawing of the first screen, see the loader) waiting 60 ms or more after index.html had
 * arrived. Inline, they come with index.html itself: 9 KiB more to it, brotli, for 8 fewer
 * requests. The CSP allows this one block by its hash, still no `style` attribute. A second
 * run finds no link and leaves the `<style>` as it is.
 */
function withInlineStyles(page) {
  const links = [...page.matchAll(/[ \t]*<link rel="stylesheet" href="\.\/([^"/]+\.css)"[^>]*>\n?/g)];
  if (links.length === 0) return page;
  const css = links
    .map(([, name]) => `/* ${name.replace(/-[0-9a-f]{16}\.css$/, '.css')} */\n${readFileSync(join(dir, name), 'utf8').trim()}\n`)
    .join('');
  if (/<\/style/i.test(css)) fail('a stylesheet contains "</style", which would end the inlined block');
  for (const [, name] of links) rmSync(join(dir, name));
  const [first, ...rest] = links.map(([found]) => found);
  let out = page.replace(first, () => `    <style>\n${css}    </style>\n`);
  for (const found of rest) out = out.replace(found, '');
  return out;
}

const compressed = (path) => path.endsWith('.br') || path.endsWith('.gz');
const generated = (path) => compressed(path) || path === 'sw.js';

// What an earlier run wrote goes first, so the version only depends on the build.
for (const path of files(dir).filter(generated)) rmSync(join(dir, path));
const STAMPS = /[ \t]*<meta (?:name="kam-build"|http-equiv="Content-Security-Policy")[^>]*>\n?/g;
let html = withInlineStyles(withCheckedLoader(readFileSync(join(dir, 'index.html'), 'utf8').replace(STAMPS, '')));

const build = files(dir);
const hash = createHash('sha256');
for (const path of build) {
  hash.update(`${path}\0`);
  hash.update(path === 'index.html' ? html : readFileSync(join(dir, path)));
  hash.update('\0');
}
const version = hash.digest('hex').slice(0, 16);

// The meta CSP allows exactly the inline scripts and the one inline stylesheet of this
// index.html, and otherwise only the app's own files: no style attribute, no plugin, no form
// target. A host that sends the policy as
// a header (README, Deploy) adds frame-ancestors, which a meta tag cannot carry.
/** The CSP source that allows exactly this inline block. */
const allowed = (body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
  .filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs))
  .map(([, , body]) => allowed(body));
const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/gi)].map(([, body]) => allowed(body));
const csp = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${inline.join(' ')}`.trim(),
  `style-src 'self' ${styles.join(' ')}`.trim(),
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const charset = /<meta charset="[^"]*"\s*\/?>\n?/i;
if (!charset.test(html)) fail('index.html has no <meta charset>, after which the CSP must come');
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
