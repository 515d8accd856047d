#!/usr/bin/env bash
# Installs every tool the build and tests need, from crates.io, npm and Debian
# only. Idempotent: each step is skipped when the right version is present.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# The wasm-bindgen of Cargo.lock: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi
for comp in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$comp"; then
    rustup component add "$comp"
  fi
done

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# The split step of the release site (scripts/split.mjs); it has no --version to ask.
WASM_SPLIT_VERSION=0.2.4
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes on 2 cores)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

[ -f Cargo.lock ] || cargo generate-lockfile
WB=$(wasm_bindgen_version)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB" ] ||
   ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WB (= Cargo.lock)"
  # Not --locked: its own lockfile names a crate version the registry lacks.
  cargo install --force wasm-bindgen-cli --version "$WB"
fi
if ! grep -q "wasm_bindgen = \"$WB\"" Trunk.toml; then
  echo "setup: Trunk.toml [tools] wasm_bindgen must be \"$WB\" (Cargo.lock)" >&2
  exit 1
fi

# Chromium for the browser tests; poppler-utils (pdftotext, pdftoppm) reads the
# report's printed PDF in the end-to-end tests.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null ||
   ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then
  say "installing Debian's chromium, chromium-driver and poppler-utils"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
fi

# npm packages: Playwright (no browser download: it drives Debian's chromium),
# wasm-opt from binaryen 132 (Debian's wasm-opt 108 breaks the app), sirv for
# scripts/serve.mjs, lighthouse for `make lighthouse` and esbuild to minify the shipped JS.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright ] ||
   [ ! -f node_modules/sirv/package.json ] || [ ! -x node_modules/.bin/esbuild ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

say "ready: $(trunk --version), $(wasm-bindgen --version), wasm-split-cli $WASM_SPLIT_VERSION, $(node_modules/.bin/wasm-opt --version | cut -d' ' -f1-3), $(chromium --version 2>/dev/null | head -n1)"
