#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and prints its executions (`make fuzz`).
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets (default: all four)
#   FUZZ_SEED_CORPUS  where the generated reports are (default corpus/ci)
#   FUZZ_RUNS      stop a target after this many executions too (default 0: time only)
#   FUZZ_MAX_PAGES    ZHENGXIN_MAX_PAGES for pdf_open (default 32: every generated report)
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Seeds: fuzz/seeds/<t>,
# the kept regression inputs tests/fuzz/<t>, and for pdf_open pages and short reports cut from
# the text reports of the seed corpus by fuzz/pdf_seeds.py (needs pypdf; without it, the small
# reports themselves, at 15-40 executions/s). A crash stops that target; its input is left in
# fuzz/artifacts/<t>/ and the script exits 1 after the remaining targets have run.
# Long runs: `nice -n 19 fuzz/run.sh` leaves the CPU to builds first.
set -uo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=${FUZZ_TARGETS:-"multipart pdf_open grid sections"}
FUZZ_SEED_CORPUS=${FUZZ_SEED_CORPUS:-corpus/ci}
FUZZ_MAX_PAGES=${FUZZ_MAX_PAGES:-32}
FUZZ_RUNS=${FUZZ_RUNS:-0}
# Largest pdf_open input (and seed): pages and short reports fit; a mutation cannot grow an
# input into a costlier one without bound.
PDF_MAX_LEN=$((128 * 1024))
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
    # Generated text reports (pdfium and chromium routes), cut into cheap seeds, plus the
    # encrypted fixtures.
    mapfile -t reports < <(find "$FUZZ_SEED_CORPUS" -maxdepth 1 -name '*.pdf' ! -name '*scan*' \
      ! -name 'neg-*' ! -name 'broken-*' | sort)
    if [ -e "$dir/.seeded" ]; then
      : # made by an earlier run (the fuzzer's own finds are next to them)
    elif python3 -c 'import pypdf' 2>/dev/null; then
      [ ${#reports[@]} -gt 0 ] && python3 fuzz/pdf_seeds.py --max-bytes "$PDF_MAX_LEN" "$dir" "${reports[@]}" \
        && touch "$dir/.seeded"
    else
      echo "fuzz pdf_open: no pypdf; whole reports as seeds (slow)" >&2
      find "$FUZZ_SEED_CORPUS" -maxdepth 1 -name '*.pdf' ! -name '*scan*' ! -name 'neg-*' -size -128k \
        -exec cp -n {} "$dir"/ \; 2>/dev/null
    fi
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
  extra=()
  [ "$FUZZ_RUNS" -gt 0 ] && extra+=(-runs="$FUZZ_RUNS")
  if [ "$t" = pdf_open ]; then
    # Inputs differ in cost (a page: 1-5 ms; a 20-page report: 70 ms): energy per input is
    # scaled by its execution time, so cheap inputs are mutated more, costly ones still are.
    extra+=(-max_len="$PDF_MAX_LEN" -entropic_scale_per_exec_time=1)
  fi
  ZHENGXIN_MAX_PAGES=$FUZZ_MAX_PAGES cargo +nightly fuzz run "${FLAGS[@]}" "$t" fuzz/corpus/"$t" -- \
    -max_total_time="$FUZZ_SECONDS" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 "${extra[@]}" \
    >"$log" 2>&1
  rc=$?
  n=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | awk '{print $2}')
  EXECS[$t]=${n:-?}
  if [ $rc -ne 0 ]; then
    status=1
    echo "fuzz $t: FAILED (rc $rc) after ${n:-?} executions; see $log and fuzz/artifacts/$t/"
    grep -m3 -E 'panicked|ERROR: libFuzzer|Test unit written' "$log"
  else
    echo "fuzz $t: ${n:-?} executions (at most ${FUZZ_SECONDS}s; ${rate:-?}/s), no crash"
  fi
done
total=0
for t in $FUZZ_TARGETS; do [[ ${EXECS[$t]} =~ ^[0-9]+$ ]] && total=$((total + EXECS[$t])); done
echo "fuzz total: $total executions"
exit $status
