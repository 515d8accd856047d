// Splits the release site's wasm into the first download and lazily loaded chunks. Trunk 0.21
// has no split step, so this post_build hook (Trunk.toml, before offline.mjs) redoes what
// follows cargo, on cargo's own output, and puts the result in place of Trunk's:
//
// 1. wasm-split-cli (crate wasm_split_cli_support, installed by scripts/setup.sh) reads the
//    .wasm cargo linked with relocations (build.rs, feature `split`) and moves the code
//    reachable only from each `chunked_view!` into chunks; it writes the loader __wasm_split.js;
// 2. wasm-bindgen on the main module, as Trunk does, keeping the exports the chunks link to;
// 3. wasm-opt -Oz on every module (index.html tells Trunk not to: it would optimise the
//    unsplit module this replaces);
// 4. the main module's imports from the bindings renamed ("a"/"a", "a"/"b", …, in place of
//    "./kam-workbench_bg.js"/"__wbg_<name>_<hash>", in the wasm and in the bindings' import
//    object: about 4 KiB of every first download in brotli), then the loader and the bindings
//    minified (esbuild: identifiers, whitespace and comments; the exports are kept), about
//    2.5 KiB more;
// 5. names with a content hash for the loader and each chunk (served with long caching), the
//    chunks fetched with their SHA-256 as `integrity` (names and hashes in a table of their own,
//    __wasm_split_chunks-*.json, fetched with the first chunk), the loader modulepreloaded with
//    its own, and the main files under Trunk's names with the integrity of what they now hold.
// offline.mjs then precaches every file, chunks included, so an installed app opens any
// screen offline.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('split.mjs: run it as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
  process.exit(2);
}
const release = process.env.TRUNK_PROFILE !== 'debug';
// KAM_WASM_NAMES=1 keeps the functions' names in every module (wasm-bindgen --keep-debug,
// wasm-opt -g), for reading a profile or a trace of the release build; never shipped.
const names = process.env.KAM_WASM_NAMES === '1';

function fail(message) {
  console.error(`split.mjs: ${message}`);
  process.exit(1);
}
/** Runs a tool; its messages are passed on but for wasm-opt's one line per module about the
 * name subsection rustc now writes (id 3), which it does not know and skips. */
function run(cmd, args) {
  const { status, stderr } = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  const said = stderr.split('\n').filter((l) => l && !/^warning: unknown name subsection with id 3 at \d+$/.test(l));
  if (said.length) console.error(said.join('\n'));
  if (status !== 0) fail(`${cmd} failed (exit ${status})`);
}
/** Minified as shipped; the debug build keeps the generated JS as it is, to be read. */
const minify = (source) => (release ? transformSync(source, { minify: true, format: 'esm' }).code : source);
const sha384 = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;
// The chunks' own: 125 of them are named in the loader, which every start downloads, and a
// SHA-256 is 21 characters shorter (about 2 KiB of the first download in brotli).
const sha256 = (data) => `sha256-${createHash('sha256').update(data).digest('base64')}`;
const hashed = (stem, data, ext) => `${stem}-${createHash('sha256').update(data).digest('hex').slice(0, 16)}${ext}`;

/** Unsigned LEB128 at `at` in `bytes`: [value, the offset after it]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}
const toLeb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
};
/** Short names, "a" to "Z", then "aa" and on: valid keys of a JS object. */
const shortName = (i) => {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[i % letters.length] + name;
    i = Math.floor(i / letters.length) - 1;
  } while (i >= 0);
  return name;
};

/**
 * The wasm-bindgen imports of the main module renamed, in the wasm and in the bindings: each is
 * named `__wbg_<name>_<16 hex digits>` from module "./kam-workbench_bg.js", in both files of
 * every first download (about 2.5 KiB in brotli). Chunks import only the memory, the table and
 * the split's shared functions, so they are not touched. Fails if a name is not found exactly
 * once as a key of the bindings' import object.
 */
function shortImportNames(wasm, js) {
  const MODULE = './kam-workbench_bg.js';
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const renamed = new Map();
  const out = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id !== 2) {
      out.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    const body = [];
    let [count, p] = leb(wasm, start);
    body.push(...toLeb(count));
    const name = () => {
      const [n, q] = leb(wasm, p);
      const text = dec.decode(wasm.subarray(q, q + n));
      p = q + n;
      return text;
    };
    while (count-- > 0) {
      const module = name();
      const field = name();
      const descStart = p;
      const kind = wasm[p++];
      const limits = () => {
        const flags = wasm[p++];
        [, p] = leb(wasm, p);
        if (flags & 1) [, p] = leb(wasm, p);
      };
      const valtype = () => {
        const t = wasm[p++];
        if (t === 0x63 || t === 0x64) [, p] = leb(wasm, p);
      };
      if (kind === 0) [, p] = leb(wasm, p);
      else if (kind === 1) { valtype(); limits(); }
      else if (kind === 2) limits();
      else if (kind === 3) { valtype(); p++; }
      else if (kind === 4) { p++; [, p] = leb(wasm, p); }
      else fail(`an import of a kind this step does not know (${kind})`);
      let [m, f] = [module, field];
      if (module === MODULE) {
        if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
        [m, f] = ['a', renamed.get(field)];
      }
      for (const text of [m, f]) {
        const bytes = enc.encode(text);
        body.push(...toLeb(bytes.length), ...bytes);
      }
      body.push(...wasm.subarray(descStart, p));
    }
    if (p !== end) fail('the import section did not read to its end');
    out.push(Uint8Array.from([2, ...toLeb(body.length), ...body]));
    at = end;
  }
  for (const [field, short] of renamed) {
    const key = new RegExp(`^(\\s+)${field}:`, 'm');
    if (js.split(key).length !== 3) fail(`the bindings do not define the import ${field} exactly once`);
    js = js.replace(key, `$1${short}:`);
  }
  const moduleKey = `${JSON.stringify(MODULE)}: import0`;
  if (js.split(moduleKey).length !== 2) fail(`the bindings do not name the module ${MODULE} once`);
  js = js.replace(moduleKey, '"a": import0');
  return { wasm: Buffer.concat(out), js };
}

const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
const main = html.match(/<link rel="modulepreload" href="\.\/(kam-workbench-[0-9a-f]+)\.js"/)?.[1];
if (!main) fail("index.html has no modulepreload of Trunk's kam-workbench-*.js");

const metadata = JSON.parse(execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1']));
const linked = join(metadata.target_directory, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'kam-workbench.wasm');

const work = mkdtempSync(join(tmpdir(), 'kam-split-'));
try {
  const split = join(work, 'split');
  const bound = join(work, 'bound');
  run('wasm-split-cli', ['--target', 'web', '--out-name', 'kam-workbench', linked, split]);
  run('wasm-bindgen', [
    '--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle', ...(names ? ['--keep-debug'] : []),
    '--out-name', 'kam-workbench', '--out-dir', bound, join(split, 'kam-workbench.wasm'),
  ]);
  const chunks = readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== 'kam-workbench.wasm');
  if (chunks.length === 0) fail('wasm-split made no chunks: was the wasm built with the `split` feature?');
  const optimise = (path) =>
    release &&
    run('wasm-opt', [
      '-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', ...(names ? ['-g'] : []), path, '-o', path,
    ]);
  optimise(join(bound, 'kam-workbench_bg.wasm'));

  // The chunks: hashed names, each fetched with its integrity. Their names and integrity are
  // in a table of their own, fetched (with its integrity) with the first chunk: every start
  // downloads the loader, and the chunks' hashes were most of it (about 6 KiB in brotli).
  let loader = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  let chunkBytes = 0;
  const table = {};
  for (const chunk of chunks) {
    const path = join(split, chunk);
    optimise(path);
    const data = readFileSync(path);
    chunkBytes += data.length;
    const name = hashed(chunk.replace(/\.wasm$/, ''), data, '.wasm');
    writeFileSync(join(dir, name), data);
    const key = chunk.replace(/\.wasm$/, '');
    table[key] = [name, sha256(data)];
    const fetch = `fetch(new URL(${JSON.stringify(`./${chunk}`)}, import.meta.url))`;
    if (loader.split(fetch).length !== 2) fail(`__wasm_split.js does not fetch ${chunk} exactly once`);
    loader = loader.replace(fetch, () => `__fetchChunk(${JSON.stringify(key)})`);
  }
  const tableJson = JSON.stringify(table);
  const tableName = hashed('__wasm_split_chunks', tableJson, '.json');
  writeFileSync(join(dir, tableName), tableJson);
  // A failed fetch of the table is not kept: the next chunk asked for tries again.
  loader += `
let chunkTable;
function __fetchChunk(key) {
    chunkTable ??= fetch(new URL(${JSON.stringify(`./${tableName}`)}, import.meta.url), { integrity: ${JSON.stringify(sha256(tableJson))} })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(\`\${r.status} \${r.url}\`))))
        .catch((e) => { chunkTable = undefined; throw e; });
    return chunkTable.then((table) => fetch(new URL(\`./\${table[key][0]}\`, import.meta.url), { integrity: table[key][1] }));
}
`;
  const toMain = 'from "./kam-workbench.js"';
  if (!loader.includes(toMain)) fail('__wasm_split.js does not import ./kam-workbench.js');
  loader = minify(loader.replaceAll(toMain, `from "./${main}.js"`));
  const loaderName = hashed('__wasm_split', loader, '.js');
  writeFileSync(join(dir, loaderName), loader);

  // The main module, under Trunk's names.
  let js = readFileSync(join(bound, 'kam-workbench.js'), 'utf8');
  const toLoader = /from "\.\/__wasm_split\.js"/g;
  if (!toLoader.test(js)) fail('the bindings do not import ./__wasm_split.js');
  let mainWasm = readFileSync(join(bound, 'kam-workbench_bg.wasm'));
  if (release) ({ wasm: mainWasm, js } = shortImportNames(mainWasm, js));
  const mainJs = minify(js.replace(toLoader, `from "./${loaderName}"`));
  writeFileSync(join(dir, `${main}.js`), mainJs);
  writeFileSync(join(dir, `${main}_bg.wasm`), mainWasm);

  // index.html: the new integrity of both, and the loader preloaded beside the bindings.
  const integrity = (file, value) => {
    const re = new RegExp(`(href="\\./${file.replace(/[.]/g, '\\.')}"[^>]*\\bintegrity=")[^"]+"`);
    if (!re.test(html)) fail(`index.html has no integrity for ${file}`);
    html = html.replace(re, (_, head) => `${head}${value}"`);
  };
  integrity(`${main}.js`, sha384(mainJs));
  integrity(`${main}_bg.wasm`, sha384(mainWasm));
  // After the bindings' own: offline.mjs takes the first modulepreload for the app's entry.
  const preload = new RegExp(`<link rel="modulepreload" href="\\./${main}\\.js"[^>]*>`);
  if (!preload.test(html)) fail(`index.html has no modulepreload of ${main}.js`);
  html = html.replace(
    preload,
    (tag) => `${tag}<link rel="modulepreload" href="./${loaderName}" crossorigin="anonymous" integrity="${sha384(loader)}">`,
  );
  writeFileSync(htmlPath, html);
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`split: main wasm ${kib(mainWasm.length)}, ${chunks.length} chunks ${kib(chunkBytes)} (raw)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
