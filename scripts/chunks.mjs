// What a screen's wasm chunk is called in a build (scripts/split.mjs writes them, as
// wasm-split-cli names them plus a content hash): the size reports count them apart.
export const isChunk = (file) => /^(split|chunk)_.*\.wasm$/.test(file);
