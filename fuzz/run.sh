#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and prints its executions (`make fuzz`).
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets (default: all four)
#   FUZZ_SEED_CORPUS  where the generated reports are (default corpus/ci)
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Seeds: fuzz/seeds/<t>,
# the kept regression inputs tests/fuzz/<t>, and for pdf_open the small text reports of
# corpus/ci (copied, never written). A crash stops that target; its input is left in
# fuzz/artifacts/<t>/ and the script exits 1 after the remaining targets have run.
set -uo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=${FUZZ_TARGETS:-"multipart pdf_open grid sections"}
FUZZ_SEED_CORPUS=${FUZZ_SEED_CORPUS:-corpus/ci}
export ZHENGXIN_HOME=${ZHENGXIN_HOME:-$PWD}
# No sanitizer: the C++ libraries are not instrumented and safe Rust needs none; debug
# assertions on, so overflow and invariant asserts panic (the release service would wrap).
FLAGS=(-s none -a)

cargo +nightly fuzz build "${FLAGS[@]}" || exit 2

seed() {
  local t=$1 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  cp -n fuzz/seeds/"$t"/* "$dir"/ 2>/dev/null
  cp -n tests/fuzz/"$t"/* "$dir"/ 2>/dev/null
  rm -f "$dir"/*.md
  if [ "$t" = pdf_open ]; then
    # Small generated text reports (pdfium and chromium routes) as mutation seeds, plus the
    # encrypted fixtures.
    find "$FUZZ_SEED_CORPUS" -maxdepth 1 -name '*.pdf' ! -name '*scan*' ! -name 'neg-*' -size -200k \
      -exec cp -n {} "$dir"/ \; 2>/dev/null
    cp -n tests/fixtures/encrypted.pdf tests/fuzz/limits/*.pdf "$dir"/ 2>/dev/null
  fi
  return 0
}

status=0
declare -A EXECS
for t in $FUZZ_TARGETS; do
  seed "$t"
  log=fuzz/artifacts/$t.log
  mkdir -p fuzz/artifacts/"$t"
  cargo +nightly fuzz run "${FLAGS[@]}" "$t" fuzz/corpus/"$t" -- \
    -max_total_time="$FUZZ_SECONDS" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
    >"$log" 2>&1
  rc=$?
  n=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  EXECS[$t]=${n:-?}
  if [ $rc -ne 0 ]; then
    status=1
    echo "fuzz $t: FAILED (rc $rc) after ${n:-?} executions; see $log and fuzz/artifacts/$t/"
    grep -m3 -E 'panicked|ERROR: libFuzzer|Test unit written' "$log"
  else
    echo "fuzz $t: ${n:-?} executions in ${FUZZ_SECONDS}s, no crash"
  fi
done
total=0
for t in $FUZZ_TARGETS; do [[ ${EXECS[$t]} =~ ^[0-9]+$ ]] && total=$((total + EXECS[$t])); done
echo "fuzz total: $total executions"
exit $status
