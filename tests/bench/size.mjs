// Size of every shipped file of the build (not the .br/.gz copies written beside them): raw,
// gzip -9 and brotli 11 computed here; the total of wasm + js brotli.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { isChunk, isChunkTable } from '../../scripts/chunks.mjs';
import { kib, row } from './lib.mjs';

/** Every file under `dir` (relative paths), without the precompressed copies. */
export function shipped(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? shipped(dir, path) : [path];
    })
    .filter((p) => !/\.(br|gz)$/.test(p))
    .sort();
}

/** Brotli at quality 11, as scripts/offline.mjs writes the served .br files. */
export const brotliFile = (buf) => brotliCompressSync(buf, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
});
export const brotli = (buf) => brotliFile(buf).length;

export function size({ dist }) {
  const rows = [];
  let code = 0;
  let first = 0;
  let all = [0, 0, 0];
  let chunks = [0, 0, 0];
  let chunkCount = 0;
  for (const f of shipped(dist)) {
    const buf = readFileSync(join(dist, f));
    const sizes = [buf.length, gzipSync(buf, { level: 9 }).length, brotli(buf)];
    all = all.map((n, i) => n + sizes[i]);
    if (/\.(wasm|js)$/.test(f) || isChunkTable(f)) code += sizes[2];
    if (/\.(wasm|js)$/.test(f) && !isChunk(f) && f !== 'sw.js') first += sizes[2];
    // A screen's chunk is fetched when that screen is first opened.
    if (isChunk(f) || isChunkTable(f)) {
      chunks = chunks.map((n, i) => n + sizes[i]);
      chunkCount += isChunk(f) ? 1 : 0;
      continue;
    }
    // Content hashes say nothing to a reader of the table.
    const name = f.replace(/-[0-9a-f]{10,16}(?=(_bg)?\.)/, '');
    rows.push(row('size', `${name} (raw / gzip -9 / brotli 11)`, sizes.map(kib).join(' / ')));
  }
  if (chunkCount > 0) {
    rows.push(row('size', `${chunkCount} screen chunks and their table, each fetched with its screen (raw / gzip -9 / brotli 11)`, chunks.map(kib).join(' / ')));
  }
  rows.push(row('size', 'all shipped files (raw / gzip -9 / brotli 11)', all.map(kib).join(' / ')));
  rows.push(row('size', 'first screen: wasm + js it downloads, brotli 11', kib(first)));
  rows.push(row('size', 'total wasm + js (chunks, their table and sw.js included), brotli 11', kib(code)));
  return rows;
}
