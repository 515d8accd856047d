// Serves a build as a production host should (README, Deploy): `make run`, the Playwright tests
// and `make lighthouse` all use it.
//
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--base /tools/kam/]
//
// sirv sends the .br or .gz that scripts/offline.mjs wrote beside each file when the browser
// accepts it (Content-Encoding, Vary: Accept-Encoding), with the MIME type of the file itself
// (application/wasm, application/manifest+json). On top of that, by file kind:
// - names with a content hash (Trunk's `name-<16 hex>.ext`): cached for a year, immutable;
// - everything else (index.html, sw.js, the manifest, icons): no-cache, revalidated by ETag;
// - index.html: the Content-Security-Policy of its meta tag as a header, plus frame-ancestors;
// - all: nosniff, no referrer, a same-origin opener policy.
// --base serves the build under a sub-path, as a host would (https://example.org/tools/kam/).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    base: { type: 'string', default: '/' },
  },
});
const dir = resolve(values.dir);
const base = `/${values.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');

// Trunk writes a u64 in hex without leading zeros: mostly 16 digits, sometimes fewer.
const HASHED = /-[0-9a-f]{10,16}(_bg)?\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The policy of index.html's meta tag, with what only a header can say. */
function csp() {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  return meta ? `${meta[1]}; frame-ancestors 'none'` : null;
}

const files = sirv(dir, { brotli: true, gzip: true, etag: true });

const server = createServer((req, res) => {
  const raw = req.url ?? '/';
  const query = raw.includes('?') ? raw.indexOf('?') : raw.length;
  const [pathname, search] = [raw.slice(0, query), raw.slice(query)];
  if (`${pathname}/` === base) {
    res.writeHead(301, { Location: base + search });
    return res.end();
  }
  if (!pathname.startsWith(base)) {
    res.statusCode = 404;
    return res.end();
  }
  const path = `/${pathname.slice(base.length)}`;
  req.url = path + search;

  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cache-Control', HASHED.test(path) ? IMMUTABLE : 'no-cache');
  if (path === '/' || path === '/index.html') {
    const policy = csp();
    if (policy) res.setHeader('Content-Security-Policy', policy);
  }
  files(req, res);
});

server.listen(Number(values.port), values.host, () => {
  console.log(`KAM Workbench: http://${values.host}:${values.port}${base} (serving ${dir})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
