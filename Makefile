# zhengxin — see README.md. Every target that needs run-time artefacts fetches what is missing first.
SHELL := /bin/bash
CARGO ?= cargo
ADDR ?= 0.0.0.0:8080
BIN := target/release/zhengxin

# Accuracy floors for the CI corpus. They start at what the parsers reach and only move up.
MIN_F1_TEXT ?= 1.0
MIN_F1_CLEAN ?= 0.995
MIN_F1_MILD ?= 0.97
MIN_F1_HEAVY ?= 0.93
# Text PDFs whose fonts lost their Unicode maps (`gen-corpus --garbled`), read from glyph runs.
MIN_F1_GARBLED ?= 0.995
MIN_GRID_GARBLED ?= 0.995
# Repayment-grid cell accuracy on clean scans (issue 4/4 asks ≥ 0.995).
MIN_GRID_CLEAN ?= 0.995
# The same floors for the chromium route (HTML + CSS printed by headless Chromium: other
# pagination, fonts and table styles), at what the parsers reach there, rounded down
# (measured: text 0.9997, clean 0.9970 / grid 1.0, mild 0.9873, heavy 0.5120). Raise them as
# the parsers catch up; heavy is far below the pdfium route's.
MIN_F1_CHR_TEXT ?= 0.999
MIN_F1_CHR_CLEAN ?= 0.995
MIN_F1_CHR_MILD ?= 0.98
MIN_F1_CHR_HEAVY ?= 0.51
MIN_GRID_CHR_CLEAN ?= 0.995

.PHONY: setup build run test unit-tests eval-ci eval corpus corpus-large lint bench clean

setup:
	scripts/download_models.sh

build: setup
	$(CARGO) build --release

run: build
	$(BIN) serve --addr $(ADDR)

# Every test: unit + integration tests (release: the OCR tests run real models), then the
# generated corpus scored against the truth with the floors above.
test: build unit-tests eval-ci

unit-tests:
	$(CARGO) test --release -- --test-threads=2

# Small deterministic corpus, on both rendering routes (the same reports: same seeds): 8 text
# reports + 2 reports × every scan level and garbled text layers each, and the negatives.
corpus/ci/.complete: $(BIN)
	rm -rf corpus/ci
	$(BIN) gen-corpus --out corpus/ci --count 8 --seed 2026 --scan-levels none --negatives
	$(BIN) gen-corpus --out corpus/ci --count 2 --seed 77 --scan-levels clean,mild,heavy --garbled
	$(BIN) gen-corpus --route chromium --out corpus/ci --count 8 --seed 2026 --scan-levels none
	$(BIN) gen-corpus --route chromium --out corpus/ci --count 2 --seed 77 --scan-levels clean,mild,heavy --garbled
	touch $@

eval-ci: corpus/ci/.complete
	mkdir -p out
	$(BIN) eval corpus/ci --show-values --json out/eval-ci.json \
	  --min-f1 pdfium/text=$(MIN_F1_TEXT) --min-f1 pdfium/clean=$(MIN_F1_CLEAN) \
	  --min-f1 pdfium/mild=$(MIN_F1_MILD) --min-f1 pdfium/heavy=$(MIN_F1_HEAVY) \
	  --min-f1 pdfium/garbled=$(MIN_F1_GARBLED) \
	  --min-grid pdfium/clean=$(MIN_GRID_CLEAN) --min-grid pdfium/garbled=$(MIN_GRID_GARBLED) \
	  --min-f1 chromium/text=$(MIN_F1_CHR_TEXT) --min-f1 chromium/clean=$(MIN_F1_CHR_CLEAN) \
	  --min-f1 chromium/mild=$(MIN_F1_CHR_MILD) --min-f1 chromium/heavy=$(MIN_F1_CHR_HEAVY) \
	  --min-grid chromium/clean=$(MIN_GRID_CHR_CLEAN)

# ≥ 50 reports × every scan level on the pdfium route and 12 × every level on the chromium route
# (its reports run to more pages), for benchmarks and accuracy reports.
corpus-large: build
	rm -rf corpus/large
	$(BIN) gen-corpus --out corpus/large --count 60 --seed 9001 --scan-levels clean,mild,heavy --garbled --negatives
	$(BIN) gen-corpus --route chromium --out corpus/large --count 12 --seed 9001 --scan-levels clean,mild,heavy --garbled
	touch corpus/large/.complete

corpus: corpus/ci/.complete

# Accuracy on the large corpus (generate it first with `make corpus-large`), per route and level.
eval: build
	@test -f corpus/large/.complete || { echo "run 'make corpus-large' first"; exit 1; }
	mkdir -p out
	$(BIN) eval corpus/large --show-values --json out/eval-large.json

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets --release -- -D warnings

bench: build
	scripts/bench.sh

clean:
	$(CARGO) clean
	rm -rf corpus out
