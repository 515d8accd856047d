// Prints the release sizes of the app's .wasm and .js: raw, gzip and brotli.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const files = readdirSync(dir).filter((f) => /\.(wasm|js)$/.test(f)).sort();
if (files.length === 0) {
  console.error(`size: no .wasm or .js in ${dir}/ (run make build)`);
  process.exit(1);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
console.log(`${'file'.padEnd(44)}${'raw'.padStart(11)}${'gzip -9'.padStart(11)}${'brotli 11'.padStart(11)}`);
for (const f of files) {
  const buf = readFileSync(join(dir, f));
  const gz = gzipSync(buf, { level: 9 }).length;
  const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${f.padEnd(44)}${kb(buf.length)}${kb(gz)}${kb(br)}`);
}
