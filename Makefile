# KAM Workbench. `make run` builds and serves the app; `make test` runs every check.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER := /usr/bin/chromedriver
PORT ?= 8080
WASM_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

.PHONY: setup run build size serve test fmt-check clippy test-host test-wasm e2e bench bench-codec lighthouse clean

setup:
	@scripts/setup.sh

## Release build into dist/, then print its sizes.
build: setup
	trunk build --release
	@$(MAKE) --no-print-directory size

size:
	@node scripts/size.mjs dist

## Serves dist/ as a host should: precompressed brotli/gzip, long caching of hashed files, CSP.
serve:
	node scripts/serve.mjs --dir dist --port $(PORT)

run: build serve

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --no-default-features -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

test-host:
	cargo test

test-wasm:
	$(WASM_ENV) cargo test --target wasm32-unknown-unknown --test browser

e2e:
	npx playwright test

test: setup fmt-check clippy test-host test-wasm
	trunk build --release
	@$(MAKE) --no-print-directory size
	@$(MAKE) --no-print-directory e2e

bench: build
	@$(MAKE) --no-print-directory bench-codec
	node tests/bench/run.mjs
	node tests/bench/interaction.mjs

## Share-link lengths and codec times next to serde_json in the same run (native, release profile).
bench-codec:
	cargo run --release --no-default-features --example share_codec

## Lighthouse scores (desktop and mobile) of the release build served as `make run` serves it.
## Not part of `make test`: it fails only when Lighthouse cannot run, never on a score.
lighthouse: build
	CHROME_PATH=/usr/bin/chromium node scripts/lighthouse.mjs dist

clean:
	rm -rf dist test-results playwright-report lighthouse-report
