// Prints the release sizes of the app's .wasm and .js: raw, gzip and brotli; the chunks of the
// screens opened later (scripts/split.mjs) as one line, and what the first screen downloads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { isChunk, isChunkTable } from './chunks.mjs';

const dir = process.argv[2] ?? 'dist';
const files = readdirSync(dir).filter((f) => /\.(wasm|js)$/.test(f) || isChunkTable(f)).sort();
if (files.length === 0) {
  console.error(`size: no .wasm or .js in ${dir}/ (run make build)`);
  process.exit(1);
}
const sizes = (f) => {
  const buf = readFileSync(join(dir, f));
  const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return [buf.length, gzipSync(buf, { level: 9 }).length, br];
};
const add = (a, b) => a.map((n, i) => n + b[i]);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
const line = (name, s) => console.log(`${name.padEnd(44)}${s.map(kb).join('')}`);
console.log(`${'file'.padEnd(44)}${'raw'.padStart(11)}${'gzip -9'.padStart(11)}${'brotli 11'.padStart(11)}`);
let first = [0, 0, 0];
let later = [0, 0, 0];
for (const f of files) {
  const s = sizes(f);
  if (isChunk(f) || isChunkTable(f)) {
    later = add(later, s);
    continue;
  }
  line(f, s);
  if (f !== 'sw.js') first = add(first, s);
}
const count = files.filter(isChunk).length;
if (count > 0) line(`${count} chunks + their table, fetched later`, later);
line('first screen downloads (wasm + js)', first);
