# zhengxin — see README.md. Every target that needs run-time artefacts fetches what is missing first.
SHELL := /bin/bash
CARGO ?= cargo
ADDR ?= 0.0.0.0:8080
BIN := target/release/zhengxin
# The test tooling's binary (crate lab/): corpus generator and scorer.
LAB := target/release/zhengxin-lab

# Accuracy floors for the CI corpus, per rendering route and level (ROUTE/LEVEL, see `zhengxin-lab
# eval --help`): what the parsers reach on it, rounded down; they only move up while the corpus
# stays the same. The corpus changed this session (grids now draw blank in-window months and the
# Z M G / - 0 # C marks), which took pdfium/mild from 0.9760 to 0.9668 with the old parsers and
# 0.9680 with the new ones: its floor went from 0.97 to 0.965 for that reason alone.
# Photo floors rose once the rectified page's edge strip took the paper's colour (0.69 → 0.969 and
# 0.14 → 0.924). Splitting a month-row cell merged by a lost ruling raised pdfium mild 0.968 → 0.988,
# heavy 0.948 → 0.968, chromium colour 0.933 → 0.981 and print 0.868 → 0.901: floors raised with them.
# Turning pages that are both turned and askew raised chromium heavy 0.842 → 0.853: floor 0.85.
# Grid titles and month labels with one misread character, and `*` read as a dot, raised heavy
# 0.968 → 0.976 (pdfium) and 0.907 → 0.937 (chromium): floors 0.97 and 0.93.
# Keeping red rulings that run tilted under a seal raised pdfium colour 0.9385 → 0.9676 (grid cells
# 0.878 → 0.955): floor 0.96, and its flag-rate ceiling 0.035 → 0.04 (the grid cells read from
# under the seal are read with less confidence; 0.0352 measured).
# A month column whose label did not read no longer ends its grid, and a blank cell's `--` read at
# 0.6–0.8 confidence is kept: pdfium colour 0.9676 → 0.9737, photo 0.9755 → 0.9830: floor 0.98.
# A year-row cell over two month columns with one token each (`N N`) split between them: chromium
# print 0.9556 → 0.9627: floor 0.955.
# A copier's wide gray COPY mark divided out before rulings and recognition, and a streak that runs
# along a table ruling no longer taking the ruling with it: copier 0.6716 → 0.9705 (pdfium) and
# 0.4122 → 0.9741 (chromium), grid cells 0.46 / 0.16 → 0.99 / 0.97: floors 0.96.
# A blank cell's `--` read by its shape (two level bars) where toner spread, copier contrast or a
# faint hairline defeats the recogniser, and seal rings found at their exact centre: pdfium colour
# 0.9737 → 0.9799, copier 0.9705 → 0.9753, print 0.9494 → 0.9553, chromium copier 0.9741 → 0.9812,
# print 0.9627 → 0.9671, heavy 0.9378 → 0.9407, photo 0.9775 → 0.9818: floors raised to match.
# Light bands (wide strokes with a light core) are no rulings: unchanged here (pdfium heavy 0.9792 →
# 0.9789, one field), one Chromium report of the larger corpus read again (its grids were lost).
# Session 11: traditional forms read as simplified, misread state words and labels read in their
# table, headings without numerals taken in order, a lone blob in a blank cell read as `*`, a lone
# `O` in an amount row as `0`: pdfium mild 0.9889 → 0.9920, heavy 0.9789 → 0.9831, colour 0.9799 →
# 0.9815, print 0.9553 → 0.9577, photo 0.9873 → 0.9900, copier 0.9753 → 0.9777; chromium mild 0.9908
# → 0.9931, heavy 0.9407 → 0.9548, colour 0.9854 → 0.9870, print 0.9671 → 0.9707, photo 0.9818 →
# 0.9846, copier 0.9812 → 0.9851: floors ≈ 0.005 below.
# Session 12: rulings through recognised text dropped, a lost ruling in an evenly spaced run put back,
# brackets and quotes as the report prints them: pdfium clean 0.9985 → 0.9992, mild 0.9920 → 0.9935,
# heavy 0.9839 → 0.9866, colour 0.9815 → 0.9823, print 0.9577 → 0.9697, photo 0.9900 → 0.9916, copier
# 0.9777 → 0.9792; chromium clean 0.9970 → 0.9992, mild 0.9931 → 0.9939, heavy 0.9548 → 0.9556, colour
# 0.9870 → 0.9885, print 0.9715 → 0.9722, photo 0.9846 → 0.9854, copier 0.9859 → 0.9897: floors ≈ 0.005
# below (chromium heavy's stays: a fresh clone's corpus read 0.9556 where this one read 0.9548).
# Session 13: a ruling against shading split out of the too-thick stroke it made with it: chromium
# mild 0.9939 → 0.9977, colour 0.9885 → 0.9920, print 0.9722 → 0.9754, copier 0.9897 → 0.9908; pdfium
# copier 0.9792 → 0.9812, colour 0.9823 → 0.9826; no row lower: those floors raised (≈ 0.005 below).
# Session 14: darker header shading lifted whole, a column ruling cut where it climbs into a heading:
# pdfium clean 0.9992 → 1.0, heavy 0.9866 → 0.9870; chromium clean 0.9992 → 1.0, mild 0.9977 →
# 0.9985, colour 0.9920 → 0.9927, print 0.9754 → 0.9770, photo 0.9854 → 0.9865, heavy 0.9556 →
# 0.9545 (one grid row under the seal read otherwise, one `--` lost): floors raised ≈ 0.005 below.
EVAL_CI_FLOORS ?= \
  --min-f1 pdfium/text=1.0 --min-f1 chromium/text=1.0 \
  --min-f1 pdfium/garbled=0.995 --min-f1 chromium/garbled=0.995 \
  --min-f1 pdfium/clean=0.995 --min-f1 chromium/clean=0.995 \
  --min-f1 pdfium/mild=0.988 --min-f1 chromium/mild=0.994 \
  --min-f1 pdfium/heavy=0.981 --min-f1 chromium/heavy=0.98 \
  --min-f1 pdfium/color=0.977 --min-f1 chromium/color=0.988 \
  --min-f1 pdfium/print=0.964 --min-f1 chromium/print=0.980 \
  --min-f1 pdfium/photo=0.986 --min-f1 chromium/photo=0.980 \
  --min-f1 pdfium/copier=0.976 --min-f1 chromium/copier=0.985 \
  --min-grid pdfium/clean=0.995 --min-grid chromium/clean=0.995 \
  --min-grid pdfium/garbled=0.995 --min-grid chromium/garbled=0.995

# Evidence floors and ceilings for the CI corpus (`eval --evidence`, measured in the same run as the
# F1 floors): measured at the calibration fitted on corpus/calib (seed 4242, never on this corpus),
# less a small margin. Flag recall counts few wrong fields here (2–70 per row), so its floors sit a
# step of one field or more below what was measured. Text PDFs: every box holds exactly its value
# (≥ 99.9 %) and no right value is flagged (≤ 0.1 %). copier: 12 of 15 and 15 of 17 wrong flagged.
# chromium photo: 3 of 6 wrong flagged (3 of 5 before the shape-read dashes added a right value and
# one unflagged misread elsewhere), so its floor is a field below. Flag-rate ceilings at heavy,
# print, copier, mild and photo were raised with the `*` read by its shape alone (session 11): such a
# `*` is put up for review by design (confidence 0.5), and those values were missing before, so the
# rate rises with no wrong value added; for the same reason pdfium heavy's ECE ceiling is 0.025.
# Brackets and quotes put back in the report's print (session 12) removed most of the wrong values
# at clean and colour, and they were flagged: what is left is a handful per variant (chromium
# clean: one, unflagged), so those flag-recall floors follow the counts, one wrong field below
# them (chromium photo 2 of 6, pdfium photo 4 of 5, pdfium colour 4 of 7, chromium colour 5 of 7;
# a fresh clone's corpus can differ by a field), and chromium clean keeps no recall floor: with
# one wrong field its recall is 0 or 1. Its flag rate and ECE keep theirs. Session 21 (faint strokes
# kept for the recogniser): chromium copier has 8 wrong fields where it had 11, 5 of them flagged
# (9 of 11 before), so its floor is 0.6; pdfium print flags 0.0529 (0.0414 before) at F1 0.9781.
# Session 25 (values corroborated by an independent reading gain confidence: checks::corroborated):
# every flag rate fell at the same recall (Chromium heavy 0.1098 -> 0.0960, pdfium heavy 0.0712 ->
# 0.0536, pdfium mild 0.0496 -> 0.0343), so the rate ceilings came down to about a fifth above the
# measured rates, and Chromium heavy's to the issue's target, 0.10. Session 29 (notes paired with
# leaves by key first, so a form row's `0` no longer goes unlocated when a grid cell took its note):
# chromium heavy flags 16 of its 17 wrong fields; the one left is a 合计 row read as `合` and so
# taken for an `others` entry, whose count `9` is read right and was flagged before only because it
# had no box. Its recall floor is the issue's heavy target, 0.90: under the measured 16/17 (0.94),
# over 15/17 (0.88), so one more unflagged wrong value fails it. Session 31 (the recogniser's output
# layer in int8): the same 16/17, once `summary.overdue.accountTypes` read the two 循环贷 rows by
# their place (int8 read `循环贷账户一` as `循环贷账户~`, which hid the repeat of `循环贷账户`).
EVAL_CI_EVIDENCE ?= --evidence \
  --min-coverage pdfium/text=1.0 --min-coverage chromium/text=1.0 \
  --min-coverage pdfium/mild=1.0 --min-coverage chromium/mild=1.0 \
  --min-boxes pdfium/text=0.999 --min-boxes chromium/text=0.999 \
  --max-flag-rate pdfium/text=0.001 --max-flag-rate chromium/text=0.001 \
  --max-flag-rate pdfium/garbled=0.03 --max-flag-rate chromium/garbled=0.015 \
  --min-flag-recall pdfium/clean=0.5 \
  --max-flag-rate pdfium/clean=0.03 --max-flag-rate chromium/clean=0.035 \
  --min-flag-recall pdfium/mild=0.95 --min-flag-recall chromium/mild=0.6 \
  --max-flag-rate pdfium/mild=0.045 --max-flag-rate chromium/mild=0.03 \
  --min-flag-recall pdfium/heavy=0.95 --min-flag-recall chromium/heavy=0.9 \
  --max-flag-rate pdfium/heavy=0.07 --max-flag-rate chromium/heavy=0.1 \
  --min-flag-recall pdfium/photo=0.95 --min-flag-recall chromium/photo=0.95 \
  --max-flag-rate pdfium/photo=0.045 --max-flag-rate chromium/photo=0.035 \
  --min-flag-recall pdfium/color=0.95 --min-flag-recall chromium/color=0.57 \
  --max-flag-rate pdfium/color=0.04 --max-flag-rate chromium/color=0.04 \
  --min-flag-recall pdfium/print=0.85 --min-flag-recall chromium/print=0.85 \
  --max-flag-rate pdfium/print=0.058 --max-flag-rate chromium/print=0.06 \
  --min-flag-recall pdfium/copier=0.7 --min-flag-recall chromium/copier=0.7 \
  --max-flag-rate pdfium/copier=0.04 --max-flag-rate chromium/copier=0.05 \
  --max-ece pdfium/copier=0.02 --max-ece chromium/copier=0.02 \
  --max-ece pdfium/clean=0.02 --max-ece chromium/clean=0.02 \
  --max-ece pdfium/mild=0.02 --max-ece chromium/mild=0.02 \
  --max-ece pdfium/heavy=0.025 --max-ece chromium/heavy=0.035 \
  --max-ece pdfium/photo=0.02 --max-ece chromium/photo=0.02 \
  --max-ece pdfium/color=0.02 --max-ece chromium/color=0.02 \
  --max-ece pdfium/print=0.02 --max-ece chromium/print=0.02

# Every scan level of the generator (lab/src/synth/scan.rs): ours, then imitations of other producers.
SCAN_LEVELS := clean,mild,heavy,color,print,copier,photo
# The real design sample (fictitious person) and its hand-made truth, scanned at every level by `make eval`.
SAMPLE_PDF := ../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf
SAMPLE_TRUTH := tests/fixtures/sample/benrenban.truth.json

.PHONY: setup build run test unit-tests deploy-check api-check container container-cuda container-check scaleout eval-ci eval corpus corpus-large calibrate lint bench clean fuzz soak e2e e2e-timing

setup:
	scripts/download_models.sh

# Both crates of the workspace: the service (zhengxin) and the test tooling (zhengxin-lab).
build: setup
	$(CARGO) build --release --workspace

run: build
	$(BIN) serve --addr $(ADDR)

# Every test: unit + integration tests (release: the OCR tests run real models), then the
# generated corpus scored against the truth with the floors above.
test: build unit-tests deploy-check api-check eval-ci e2e

unit-tests:
	$(CARGO) test --release --workspace --no-fail-fast -- --test-threads=2

# The review page in a real browser (tests/e2e/review.test.mjs): Debian's chromium (installed by
# scripts/install_chromium.sh / .ci/run) driven by playwright-core (pinned in tests/e2e/package-lock.json,
# installed by `npm ci`) against a live `zhengxin serve`: upload a scan of corpus/ci, count the drawn
# boxes against the evidence, walk the flagged list by keyboard, edit, export and compare. Screenshots
# and the export land in out/e2e/. About 40 s, most of it the OCR of the 8-page scan.
E2E_DIR := tests/e2e
$(E2E_DIR)/node_modules/.package-lock.json: $(E2E_DIR)/package.json $(E2E_DIR)/package-lock.json
	cd $(E2E_DIR) && npm ci --no-audit --no-fund
	touch $@

e2e: build corpus/ci/.complete $(E2E_DIR)/node_modules/.package-lock.json
	node $(E2E_DIR)/review.test.mjs

# Time from "file chosen" to "boxes drawn" for a >= 20-page text report of corpus/ci (21 pages) and
# a scan of the same report made here (gen-corpus --source; 21 OCR pages, a few minutes on 2 cores).
E2E_SCAN_DIR := target/e2e-scan20
e2e-timing: build corpus/ci/.complete $(E2E_DIR)/node_modules/.package-lock.json
	test -f $(E2E_SCAN_DIR)/synth_s2026_002.scan-mild.pdf || $(LAB) gen-corpus --out $(E2E_SCAN_DIR) \
	  --source corpus/ci/synth_s2026_002.pdf --truth corpus/ci/synth_s2026_002.truth.json --scan-levels mild
	E2E_TIMEOUT_S=1800 E2E_TIMING=corpus/ci/synth_s2026_002.pdf,corpus/ci/chr_s2026_002.pdf,$(E2E_SCAN_DIR)/synth_s2026_002.scan-mild.pdf \
	  node $(E2E_DIR)/review.test.mjs

# deploy/: the container files' properties and the Kubernetes manifests, validated offline by
# kubernetes-validate (pinned, from PyPI) against a pinned Kubernetes version
# (tests/deploy/test_deploy.py). The virtual environment is made once, under target/.
DEPLOY_VENV := target/deploy-venv
DEPLOY_PINS := kubernetes-validate==1.37.0 PyYAML==6.0.4
$(DEPLOY_VENV)/.pins-v1:
	rm -rf $(DEPLOY_VENV)
	python3 -m venv $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(DEPLOY_PINS)
	touch $@

deploy-check: $(DEPLOY_VENV)/.pins-v1
	$(DEPLOY_VENV)/bin/python -m unittest discover -v -s tests/deploy

# The OpenAPI document (docs/openapi.json, served at /openapi.json): its Result schema in step
# with ../shared/spec/result_schema.json, valid OpenAPI 3.1 (openapi-spec-validator), real answers
# of a live release server matching it, and schemathesis against that server (bounded:
# SCHEMATHESIS_MAX_EXAMPLES per operation, SCHEMATHESIS_MAX_SECONDS in all). tests/api/test_api.py;
# the pinned venv is made once under target/.
API_VENV := target/api-venv
API_PINS := schemathesis==4.32.5 openapi-spec-validator==0.9.0
SCHEMATHESIS_MAX_EXAMPLES ?= 60
SCHEMATHESIS_MAX_SECONDS ?= 45
$(API_VENV)/.pins-v1:
	rm -rf $(API_VENV)
	python3 -m venv $(API_VENV)
	$(API_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(API_PINS)
	touch $@

api-check: build $(API_VENV)/.pins-v1
	SCHEMATHESIS_MAX_EXAMPLES=$(SCHEMATHESIS_MAX_EXAMPLES) SCHEMATHESIS_MAX_SECONDS=$(SCHEMATHESIS_MAX_SECONDS) \
	  $(API_VENV)/bin/python -m unittest discover -v -s tests/api

# Container images (podman, as root; apt-get install podman debootstrap runc), offline where the
# machine allows: Debian 12 base and builder images made locally with debootstrap, this machine's
# Rust toolchain and cargo registry mounted into the build, the models and libraries already
# downloaded here re-verified inside the image (scripts/container.sh; RUST_IMAGE=… builds with a
# registry's Rust image instead). container-check runs the CPU image read-only on loopback and
# checks it (scripts/container_check.sh). Not part of `make test`: root, podman and ~11 min of
# cold compilation. See README "Deploying".
container:
	scripts/container.sh

container-cuda:
	scripts/container.sh --cuda

container-check:
	scripts/container_check.sh

# Three replicas behind nginx on loopback, one killed mid-run; prints the figures
# (scripts/scaleout.sh; needs nginx: apt-get install nginx-light).
scaleout: build corpus/ci/.complete
	scripts/scaleout.sh

# Small deterministic corpus, on both rendering routes (the same reports: same seeds): 8 text
# reports + 2 reports × every scan level and garbled text layers each, and the negatives.
# About 9 minutes on 2 quiet cores (160 OCR pages at ≈ 2.7 s/page).
corpus/ci/.complete: $(LAB)
	rm -rf corpus/ci
	$(LAB) gen-corpus --out corpus/ci --count 8 --seed 2026 --scan-levels none --negatives
	$(LAB) gen-corpus --out corpus/ci --count 2 --seed 77 --scan-levels $(SCAN_LEVELS) --garbled
	$(LAB) gen-corpus --route chromium --out corpus/ci --count 8 --seed 2026 --scan-levels none
	$(LAB) gen-corpus --route chromium --out corpus/ci --count 2 --seed 77 --scan-levels $(SCAN_LEVELS) --garbled
	touch $@

eval-ci: corpus/ci/.complete
	mkdir -p out
	$(LAB) eval corpus/ci --show-values --json out/eval-ci.json $(EVAL_CI_FLOORS) $(EVAL_CI_EVIDENCE)

# 10 reports × every scan level and garbled text layers on each route (the issue's "≥ 10 per route
# per level"), plus the real design sample scanned at every level: about 1,700 OCR pages, so
# roughly 80 minutes of `make eval` on 2 quiet cores. CORPUS_LARGE_COUNT raises it.
CORPUS_LARGE_COUNT ?= 10
corpus-large: build
	rm -rf corpus/large
	$(LAB) gen-corpus --out corpus/large --count $(CORPUS_LARGE_COUNT) --seed 9001 --scan-levels $(SCAN_LEVELS) --garbled --negatives
	$(LAB) gen-corpus --route chromium --out corpus/large --count $(CORPUS_LARGE_COUNT) --seed 9001 --scan-levels $(SCAN_LEVELS) --garbled
	$(LAB) gen-corpus --out corpus/large --source $(SAMPLE_PDF) --truth $(SAMPLE_TRUTH) --scan-levels $(SCAN_LEVELS)
	touch corpus/large/.complete

corpus: corpus/ci/.complete

# Refits the OCR confidence model of the evidence (src/evidence/calibration.json) on a corpus of
# its own seed (never corpus/ci, on which the evidence floors above are measured): 2 reports per
# route, scanned clean, mild, heavy and photo (112 OCR pages, 13–19 minutes on 2 loaded cores).
# Prints ECE, flag recall and flag rate per route and level before and after the fit; rebuild to
# compile the new file in.
corpus/calib/.complete: $(LAB)
	rm -rf corpus/calib
	$(LAB) gen-corpus --out corpus/calib --count 2 --seed 4242 --scan-levels clean,mild,heavy,photo
	$(LAB) gen-corpus --route chromium --out corpus/calib --count 2 --seed 4242 --scan-levels clean,mild,heavy,photo
	touch $@

calibrate: build corpus/calib/.complete
	$(LAB) calibrate corpus/calib --out src/evidence/calibration.json

# Accuracy on the large corpus (generate it first with `make corpus-large`), per route and level.
eval: build
	@test -f corpus/large/.complete || { echo "run 'make corpus-large' first"; exit 1; }
	mkdir -p out
	$(LAB) eval corpus/large --show-values --evidence --json out/eval-large.json

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --release -- -D warnings
	# The review page's script and its browser test parse (node is needed by make e2e anyway).
	if command -v node >/dev/null; then node --check src/server/review/review.js && node --check tests/e2e/review.test.mjs; fi

bench: build
	scripts/bench.sh

# Fuzzing (nightly + `cargo install cargo-fuzz`; not part of `make test`, whose
# tests/fuzz_regressions.rs replays the inputs kept in tests/fuzz/): every target for FUZZ_SECONDS,
# executions printed per target. See fuzz/run.sh.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

# Release server + 16 clients on loopback for SOAK_MINUTES (see scripts/soak.sh); builds nothing.
SOAK_MINUTES ?= 10
SOAK_CLIENTS ?= 16
# Seconds between injected worker crashes (SIGKILL of one worker process); 0 = none.
SOAK_KILL_EVERY ?= 60
# Seconds of warm-up before the server's RSS growth is measured (at most 10 % passes).
SOAK_WARMUP ?= 120
soak: corpus/ci/.complete
	scripts/soak.sh --minutes $(SOAK_MINUTES) --clients $(SOAK_CLIENTS) --kill-every $(SOAK_KILL_EVERY) --warmup $(SOAK_WARMUP)

clean:
	$(CARGO) clean
	rm -rf corpus out
