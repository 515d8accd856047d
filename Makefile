# KAM Workbench. `make run` builds and serves the app; `make test` runs every check.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER := /usr/bin/chromedriver
PORT ?= 8080
WASM_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

FUZZ_SECONDS ?= 200

.PHONY: fuzz setup run build size serve test fmt-check clippy test-host test-wasm e2e bench bench-codec lighthouse clean

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
	cargo clippy --target wasm32-unknown-unknown --features split -- -D warnings

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

## Release build, then every figure of BENCHMARKS.md in one table (tests/bench/bench.mjs: size,
## start-up, interaction, scale, storage, share links incl. bench-codec), each timing next to a
## reference measured in the same run; appended to BENCHMARKS.md. Asserts nothing about time.
bench: build
	node tests/bench/bench.mjs

## Share-link lengths and codec times next to serde_json in the same run (native, release profile).
bench-codec:
	cargo run --release --no-default-features --example share_codec

## Lighthouse scores (desktop and mobile) of the release build served as `make run` serves it.
## Not part of `make test`: it fails only when Lighthouse cannot run, never on a score.
lighthouse: build
	CHROME_PATH=/usr/bin/chromium node scripts/lighthouse.mjs dist

clean:
	rm -rf dist test-results playwright-report lighthouse-report

## Fuzzes the decoders of what others send (share links, JSON import, CSV import) for
## FUZZ_SECONDS each with cargo-fuzz on the nightly toolchain; not part of `make test`.
## A crash is saved under fuzz/artifacts/<target>/ and stops the run: make it a regression test.
fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@set -o pipefail; for t in share_link json_import csv_import; do \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  cargo +nightly fuzz run -O $$t -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 2>&1 | \
	    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY|Done )' || exit 1; \
	done

