// What a screen's wasm chunk is called in a build (scripts/split.mjs writes them, as
// wasm-split-cli names them plus a content hash): the size reports count them apart.
export const isChunk = (file) => /^(split|chunk)_.*\.wasm$/.test(file);
// Their names and integrity, fetched with the first of them (scripts/split.mjs): counted with them.
export const isChunkTable = (file) => /^__wasm_split_chunks-[0-9a-f]{16}\.json$/.test(file);
