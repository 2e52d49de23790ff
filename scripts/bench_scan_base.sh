#!/usr/bin/env bash
# Scan-path part of `make bench` (called by scripts/bench.sh; runs alone too): seconds per scanned
# page of this tree's `zhengxin parse` against a baseline revision built in the same run, on the
# same generated scans, so the ratio new/base answers "not slower than before by more than 10 %".
#  1. BENCH_BASE_REV (default: tag pre-issue10, the code before the scan work) is unpacked with
#     `git archive` into $BENCH_BASE_DIR/src and built into its own target dir
#     ($BENCH_BASE_DIR/target): unpacked once per commit and cached, so a second run only checks.
#  2. A small corpus of pdfium and chromium scans (clean, mild) is generated once.
#  3. Both binaries parse every scan, A/B order alternating per round so both see the same load;
#     per file the median of the rounds, per page; the verdict compares the medians over files.
# Both binaries find models/ and third_party/ through ZHENGXIN_HOME (this tree unless set): the
# baseline reads the same variable and the same file names (config.rs, ocr/params.rs there).
# Knobs: BENCH_BASE_REV, BENCH_BASE_DIR, BENCH_BASE_ROUNDS (3), BENCH_BASE_COUNT (1 report per
# route), BENCH_BASE_CORPUS, BENCH_BASE_MAX_RATIO (1.10).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT=out/bench
mkdir -p "$OUT"
REV="${BENCH_BASE_REV:-pre-issue10}"
BASE="${BENCH_BASE_DIR:-target/bench-base}"
ROUNDS="${BENCH_BASE_ROUNDS:-3}"
MAX_RATIO="${BENCH_BASE_MAX_RATIO:-1.10}"
CORPUS="${BENCH_BASE_CORPUS:-corpus/bench-base-scan}"
COUNT="${BENCH_BASE_COUNT:-1}"
export ZHENGXIN_HOME="${ZHENGXIN_HOME:-$ROOT}"

commit="$(git rev-parse --verify --quiet "$REV^{commit}")" || {
  echo "bench_scan_base: $REV is not a revision of this repository (set BENCH_BASE_REV)" >&2
  exit 2
}
echo "== scanned path: this tree vs $REV (${commit:0:7}), same scans, $ROUNDS alternating rounds =="

# git archive stamps every file with the commit's time, so unpacking the same commit again leaves
# cargo's fingerprints valid; the marker just saves the work.
if [ "$(cat "$BASE/src/.bench-rev" 2>/dev/null)" != "$commit" ]; then
  rm -rf "$BASE/src"
  mkdir -p "$BASE/src"
  git archive "$commit" | tar -x -C "$BASE/src"
  # The snapshot sits under this workspace's target/; an empty [workspace] table makes cargo build
  # it as a package of its own (cargo's own remedy) instead of refusing it as a stray member. A
  # revision that is a workspace itself already has one (a second is a duplicate key).
  if ! grep -q '^\[workspace\]' "$BASE/src/Cargo.toml"; then
    printf '\n# Added by scripts/bench_scan_base.sh: this snapshot is built on its own, not as part of the\n# workspace it is unpacked under.\n[workspace]\n' \
      >> "$BASE/src/Cargo.toml"
  fi
  echo "$commit" > "$BASE/src/.bench-rev"
fi
base_target="$(mkdir -p "$BASE/target" && cd "$BASE/target" && pwd)"
(cd "$BASE/src" && CARGO_TARGET_DIR="$base_target" nice cargo build --quiet --release --bin zhengxin)
cargo build --quiet --release --workspace --bins
NEW=target/release/zhengxin
OLD="$base_target/release/zhengxin"

if [ ! -f "$CORPUS/.complete" ]; then
  rm -rf "$CORPUS"
  target/release/zhengxin-lab gen-corpus --out "$CORPUS" --count "$COUNT" --seed 4245 --scan-levels clean,mild 2>/dev/null
  target/release/zhengxin-lab gen-corpus --route chromium --out "$CORPUS" --count "$COUNT" --seed 4245 \
    --scan-levels clean,mild 2>/dev/null
  touch "$CORPUS/.complete"
fi

python3 - "$NEW" "$OLD" "$CORPUS" "$ROUNDS" "$MAX_RATIO" "$REV" "$OUT/scan_base.json" <<'PYEOF'
import glob, json, os, re, resource, statistics, subprocess, sys, time
new, old, corpus, rounds, max_ratio, rev, out = sys.argv[1:8]
rounds, max_ratio = int(rounds), float(max_ratio)
scans = sorted(glob.glob(f"{corpus}/*.scan-*.pdf"))
if not scans:
    sys.exit(f"bench_scan_base: no scans in {corpus}")

def pages_of(pdf):
    meta = re.sub(r"\.scan-[a-z]+\.pdf$", ".meta.json", pdf)
    return json.load(open(meta))["pages"]

def run(bin_, pdf):
    """Wall and CPU seconds of one `parse` (process start and model loading included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run([bin_, "parse", pdf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode

times = {pdf: {"new": [], "base": []} for pdf in scans}
codes = {"new": set(), "base": set()}
for r in range(rounds):
    for i, pdf in enumerate(scans):
        # Alternate which binary goes first, per round and per file, so neither always runs
        # right after the other's cache-warming or behind the same burst of load.
        order = [("new", new), ("base", old)]
        if (r + i) % 2:
            order.reverse()
        for name, bin_ in order:
            wall, cpu, code = run(bin_, pdf)
            times[pdf][name].append((wall, cpu))
            codes[name].add(code)

rows = []
for pdf in scans:
    n = pages_of(pdf)
    row = {"file": os.path.basename(pdf), "pages": n}
    for name in ("new", "base"):
        row[f"{name}_s_per_page"] = statistics.median(w for w, _ in times[pdf][name]) / n
        row[f"{name}_cpu_s_per_page"] = statistics.median(c for _, c in times[pdf][name]) / n
    rows.append(row)

def med(k):
    return statistics.median(r[k] for r in rows)

pages = sum(r["pages"] for r in rows)
print(f"{len(rows)} scans, {pages} pages, {rounds} rounds; exit codes: this tree {sorted(codes['new'])}, "
      f"{rev} {sorted(codes['base'])}")
print(f"{'file':34} {'pages':>5} {'new s/p':>8} {'base s/p':>9} {'ratio':>6}")
for r in rows:
    print(f"{r['file']:34} {r['pages']:5} {r['new_s_per_page']:8.2f} {r['base_s_per_page']:9.2f} "
          f"{r['new_s_per_page'] / r['base_s_per_page']:6.3f}")
ratio = med("new_s_per_page") / med("base_s_per_page")
cpu_ratio = med("new_cpu_s_per_page") / med("base_cpu_s_per_page")
verdict = "PASS" if ratio <= max_ratio else "MISS"
print(f"median s/page: this tree {med('new_s_per_page'):.2f}, {rev} {med('base_s_per_page'):.2f}; "
      f"ratio new/base {ratio:.3f} (CPU {med('new_cpu_s_per_page'):.2f} / {med('base_cpu_s_per_page'):.2f} "
      f"= {cpu_ratio:.3f})")
print(f"{verdict}: wall ratio {ratio:.3f} against the limit {max_ratio:.2f}")
json.dump({"base_rev": rev, "rounds": rounds, "files": rows, "ratio": ratio, "cpu_ratio": cpu_ratio,
           "max_ratio": max_ratio, "pass": ratio <= max_ratio}, open(out, "w"), indent=1)
if codes["new"] != {0} or codes["base"] != {0}:
    sys.exit("bench_scan_base: a parse failed (exit codes above); the timing compares unequal work")
sys.exit(0 if ratio <= max_ratio else 1)
PYEOF
