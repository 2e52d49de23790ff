#!/usr/bin/env bash
# One command that verifies zhengxin on an NVIDIA GPU and prints one table: pages/s and ms/page
# by stage on the CPU and on CUDA (each cuDNN algorithm search), and field F1 of each next to the
# CPU's, on the same scanned pages. No network is needed.
#
#   scripts/gpu_check.sh [BUNDLE]
#
# BUNDLE is what scripts/gpu_pack.sh wrote on a networked machine (a folder of
# zhengxin-gpu.tar.xz.NN parts and SHA256SUMS; checked, then unpacked into GPU_CHECK_WORK), an
# unpacked bundle, or nothing: then this checkout (built, with scripts/download_models.sh --gpu
# run) is used.
#
# Needs: an NVIDIA GPU whose driver serves CUDA 13, and CUDA 13 + cuDNN 9 libraries: beside the
# runtime in third_party/gpu/, on LD_LIBRARY_PATH or the loader's cache, under /usr/local/cuda*,
# or in a Python environment's nvidia-* wheels (PyTorch's). Exit status: 0 checked, 1 a run
# failed, 2 no usable NVIDIA GPU, 3 a library is missing.
#
# Settings (environment): GPU_CHECK_WORK (scratch, default /tmp/zhengxin-gpu-check),
# GPU_CHECK_TIMING_LEVELS (timed by stage, default clean), GPU_CHECK_EVAL_LEVELS (scored, default
# clean,mild), GPU_CHECK_SEARCHES (default "heuristic exhaustive default"; the first is also
# scored), GPU_CHECK_PROCS (processes side by side in the throughput run; default
# min(8, cores/2), 0 skips it). GPU_CHECK_CPU_ONLY=1 skips the GPU and CUDA parts and runs the
# CPU configuration alone: a rehearsal of the bundle on a machine without a GPU.
# GPU_CHECK_BUDGET_S (default 0, none): wall seconds for the whole check. Steps run most
# informative first (CUDA timing, CPU timing, CUDA and CPU scores, the other searches,
# throughput), each cut off with `timeout` when the budget runs out, so a lease that ends early
# still leaves the figures measured so far; results are written as they come (GPU_CHECK_WORK/results,
# one JSON line per timed file, one stderr line per page in *.timing.log).
set -uo pipefail
# Progress goes to the stderr the script was started with (fd 3), also from inside a step whose
# own stderr is redirected to a log.
exec 3>&2
say() { printf 'gpu_check: %s\n' "$*" >&3; }
die() { local code="$1"; shift; say "$*"; exit "$code"; }

SRC="${1:-}"
WORK="${GPU_CHECK_WORK:-/tmp/zhengxin-gpu-check}"
TIMING_LEVELS="${GPU_CHECK_TIMING_LEVELS:-clean}"
EVAL_LEVELS="${GPU_CHECK_EVAL_LEVELS:-clean,mild}"
SEARCHES="${GPU_CHECK_SEARCHES:-heuristic exhaustive default}"
CORES="$(nproc 2>/dev/null || echo 2)"
PROCS_DEFAULT=$(( CORES / 2 )); [ "$PROCS_DEFAULT" -gt 8 ] && PROCS_DEFAULT=8; [ "$PROCS_DEFAULT" -lt 1 ] && PROCS_DEFAULT=1
PROCS="${GPU_CHECK_PROCS:-$PROCS_DEFAULT}"
case "$PROCS" in ''|*[!0-9]*) die 1 "GPU_CHECK_PROCS must be a whole number, got '$PROCS'" ;; esac
for s in $SEARCHES; do
  case "$s" in heuristic|exhaustive|default) ;; *) die 1 "GPU_CHECK_SEARCHES: '$s' is not heuristic, exhaustive or default" ;; esac
done
command -v python3 >/dev/null || die 3 "python3 is needed to read the results (any Python 3)"

CPU_ONLY="${GPU_CHECK_CPU_ONLY:-0}"
BUDGET="${GPU_CHECK_BUDGET_S:-0}"
case "$BUDGET" in ''|*[!0-9]*) die 1 "GPU_CHECK_BUDGET_S must be a whole number of seconds, got '$BUDGET'" ;; esac
T0=$(date +%s)
# 1. The GPU, before anything is unpacked: a machine without one is told so at once.
if [ "$CPU_ONLY" = 1 ]; then
  say "GPU_CHECK_CPU_ONLY=1: CPU configuration only, no GPU checked"
  SEARCHES=""
elif ! command -v nvidia-smi >/dev/null 2>&1; then
  die 2 "no NVIDIA GPU: nvidia-smi is not installed (this check needs an NVIDIA GPU and its driver, CUDA 13 capable)"
else
  GPUS="$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1)" ||
    die 2 "no NVIDIA GPU usable: nvidia-smi failed: $GPUS"
  [ -n "$GPUS" ] || die 2 "no NVIDIA GPU: nvidia-smi lists none"
  say "GPU: $(echo "$GPUS" | head -1)"
fi

# 2. The files: parts → unpacked bundle, a bundle, or this checkout.
if [ -n "$SRC" ] && [ -f "$SRC/SHA256SUMS" ]; then
  (cd "$SRC" && sha256sum -c --quiet SHA256SUMS) || die 3 "$SRC: a part does not match SHA256SUMS (copied incompletely?)"
  rm -rf "$WORK/bundle"; mkdir -p "$WORK/bundle"
  # xz where installed, else Python's standard lzma (servers without xz-utils exist).
  unxz_stream() {
    if command -v xz >/dev/null; then xz -d -c
    else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.stdin.buffer), sys.stdout.buffer, 1 << 20)'
    fi
  }
  cat "$SRC"/zhengxin-gpu.tar.xz.* | unxz_stream | tar -C "$WORK/bundle" -xf - || die 3 "$SRC: the bundle does not unpack"
  say "unpacked in $(( $(date +%s) - T0 )) s"
  HOME_DIR="$WORK/bundle/zhengxin-gpu"
elif [ -n "$SRC" ]; then
  HOME_DIR="$(cd "$SRC" && pwd)" || die 3 "$SRC: no such folder"
else
  HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fi
if [ -x "$HOME_DIR/bin/scan_path" ]; then
  LAB="$HOME_DIR/bin/zhengxin-lab"; BENCH="$HOME_DIR/bin/scan_path"; CORPUS="$HOME_DIR/corpus"
else
  # A checkout: the release build and the benchmark binary cargo made for it.
  LAB="$HOME_DIR/target/release/zhengxin-lab"; CORPUS="$HOME_DIR/corpus/ci"
  BENCH="$(cd "$HOME_DIR" && cargo bench --no-run --bench scan_path --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "scan_path" and m.get("executable"):
        print(m["executable"])' | tail -1)"
fi
[ -x "$LAB" ] || die 3 "$LAB is missing (make build, or a bundle from scripts/gpu_pack.sh)"
[ -n "$BENCH" ] && [ -x "$BENCH" ] || die 3 "the scan_path benchmark binary is missing (cargo bench --no-run --bench scan_path)"
GPUDIR="$HOME_DIR/third_party/gpu"
for f in libonnxruntime.so.1.31.1 libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so; do
  [ "$CPU_ONLY" = 1 ] || [ -f "$GPUDIR/$f" ] || die 3 "$GPUDIR/$f is missing: run scripts/download_models.sh --gpu (or scripts/gpu_pack.sh) on a networked machine"
done
ls "$CORPUS"/*.scan-*.pdf >/dev/null 2>&1 || die 3 "$CORPUS holds no scans (make corpus)"

# 3. CUDA 13 and cuDNN 9: beside the runtime, or found where servers keep them.
NEEDED="libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcurand.so.10 libcufft.so.12 libcudnn.so.9"
if [ "$CPU_ONLY" != 1 ] && ! [ -f "$GPUDIR/libcudart.so.13" ]; then
  CANDIDATES="${LD_LIBRARY_PATH:-}"
  for d in /usr/local/cuda*/lib64 /usr/local/cuda*/targets/x86_64-linux/lib /usr/lib/x86_64-linux-gnu; do
    [ -d "$d" ] && CANDIDATES="$CANDIDATES:$d"
  done
  # Python environments' nvidia-* wheels (PyTorch ships CUDA and cuDNN this way).
  for py in python3 /opt/*/.venv/bin/python3; do
    command -v "$py" >/dev/null 2>&1 || continue
    for sp in $("$py" -c 'import site; print(" ".join(site.getsitepackages()))' 2>/dev/null); do
      [ -d "$sp/nvidia" ] || continue
      while IFS= read -r d; do CANDIDATES="$CANDIDATES:$d"; done < <(find "$sp/nvidia" -name 'lib*.so*' -printf '%h\n' | sort -u)
    done
  done
  FOUND=""; MISSING=""
  for lib in $NEEDED; do
    hit=""
    IFS=: read -ra dirs <<< "$CANDIDATES"
    for d in "${dirs[@]}"; do [ -n "$d" ] && [ -e "$d/$lib" ] && { hit="$d"; break; }; done
    if [ -z "$hit" ] && ldconfig -p 2>/dev/null | grep -q " $lib "; then hit="(loader cache)"; fi
    if [ -z "$hit" ]; then MISSING="$MISSING $lib"; elif [ "$hit" != "(loader cache)" ]; then FOUND="$FOUND:$hit"; fi
  done
  [ -z "$MISSING" ] || die 3 "CUDA/cuDNN libraries not found:$MISSING (install CUDA 13 and cuDNN 9, or bundle them: scripts/gpu_pack.sh --with-cuda-libs)"
  export LD_LIBRARY_PATH="$(echo "${FOUND#:}" | tr ':' '\n' | awk '!seen[$0]++' | paste -sd:)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  say "CUDA/cuDNN from: $LD_LIBRARY_PATH"
fi

# 4. The runs. Each writes one JSON line per file (scan_path) or an eval summary.
export ZHENGXIN_HOME="$HOME_DIR" RUST_LOG="${RUST_LOG:-warn}"
OUTDIR="$WORK/results"; rm -rf "$OUTDIR"; mkdir -p "$OUTDIR"
EVAL_ARGS=(); IFS=, read -ra lv <<< "$EVAL_LEVELS"; for l in "${lv[@]}"; do EVAL_ARGS+=(--variant "$l"); done
FIRST_SEARCH="${SEARCHES%% *}"
[ -n "$FIRST_SEARCH" ] || FIRST_SEARCH=none
# config name → environment
envs_for() {
  case "$1" in
    cpu) echo "ZHENGXIN_DEVICE=cpu" ;;
    cuda-*) echo "ZHENGXIN_DEVICE=cuda ZHENGXIN_REQUIRE_DEVICE=1 ZHENGXIN_CUDA_CONV_SEARCH=${1#cuda-}" ;;
  esac
}
CONFIGS="cpu"; for s in $SEARCHES; do CONFIGS="$CONFIGS cuda-$s"; done
FAILED=0
# Runs "$@" under the remaining budget; notes how long it took. Returns the command's status
# (124 when the budget cut it off).
step() {
  local what="$1"; shift
  local left=0 t=$(date +%s) rc
  if [ "$BUDGET" -gt 0 ]; then
    left=$(( BUDGET - (t - T0) ))
    if [ "$left" -le 5 ]; then say "[$(( t - T0 )) s] skipped (budget spent): $what"; return 124; fi
  fi
  say "[$(( t - T0 )) s] $what"
  if [ "$left" -gt 0 ]; then timeout "$left" "$@"; else "$@"; fi
  rc=$?
  say "[$(( $(date +%s) - T0 )) s] $what: $( [ $rc = 0 ] && echo done || echo "exit $rc" ) in $(( $(date +%s) - t )) s"
  return $rc
}
timing() {  # config
  local cfg="$1" level
  for level in ${TIMING_LEVELS//,/ }; do
    step "timing $cfg on the $level scans" env $(envs_for "$cfg") "$BENCH" "$CORPUS" "$level" \
      >> "$OUTDIR/$cfg.timing.jsonl" 2>> "$OUTDIR/$cfg.timing.log" || { tail -3 "$OUTDIR/$cfg.timing.log" >&2; FAILED=1; }
  done
}
scoring() {  # config
  step "scoring $1 on the $EVAL_LEVELS scans" env $(envs_for "$1") "$LAB" eval "$CORPUS" "${EVAL_ARGS[@]}" \
    --json "$OUTDIR/$1.eval.json" > "$OUTDIR/$1.eval.txt" 2>&1 || { tail -3 "$OUTDIR/$1.eval.txt" >&2; FAILED=1; }
}
FIRST="cuda-$FIRST_SEARCH"; [ "$FIRST_SEARCH" = none ] && FIRST=""
for cfg in $CONFIGS; do : > "$OUTDIR/$cfg.timing.jsonl"; done
# Most informative first: what CUDA costs, what the CPU costs beside it, whether CUDA reads the
# same, then the other searches.
[ -n "$FIRST" ] && timing "$FIRST"
timing cpu
[ -n "$FIRST" ] && scoring "$FIRST"
scoring cpu
for cfg in $CONFIGS; do
  case "$cfg" in cpu|"$FIRST") ;; *) timing "$cfg" ;; esac
done

# Throughput: PROCS processes side by side on shards of the timed files, threads shared out.
if [ "$PROCS" -gt 0 ]; then
  THROUGHPUT="cpu"; [ -n "$SEARCHES" ] && THROUGHPUT="cpu cuda-$FIRST_SEARCH"
  for cfg in $THROUGHPUT; do
    rm -rf "$WORK/shards"; i=0
    for level in ${TIMING_LEVELS//,/ }; do
      for f in "$CORPUS"/*.scan-"$level".pdf; do
        d="$WORK/shards/$(( i % PROCS ))"; mkdir -p "$d"; cp "$f" "$d/"; i=$(( i + 1 ))
      done
    done
    threads=$(( CORES / PROCS )); [ "$threads" -lt 1 ] && threads=1
    say "throughput $cfg: $PROCS processes × $threads threads"
    start=$(date +%s.%N)
    left=0; [ "$BUDGET" -gt 0 ] && left=$(( BUDGET - ($(date +%s) - T0) ))
    if [ "$BUDGET" -gt 0 ] && [ "$left" -le 5 ]; then say "throughput $cfg skipped (budget spent)"; continue; fi
    for d in "$WORK"/shards/*; do
      ( for level in ${TIMING_LEVELS//,/ }; do
          env $(envs_for "$cfg") ZHENGXIN_PAGE_WORKERS=1 ZHENGXIN_OCR_THREADS="$threads" \
            $( [ "$left" -gt 0 ] && echo timeout "$left" ) "$BENCH" "$d" "$level"
        done > "$d.jsonl" 2> "$d.log" ) &
    done
    wait
    end=$(date +%s.%N)
    cat "$WORK"/shards/*.jsonl > "$OUTDIR/$cfg.throughput.jsonl"
    echo "{\"config\":\"$cfg\",\"procs\":$PROCS,\"threads\":$threads,\"wall_s\":$(echo "$end - $start" | bc 2>/dev/null || python3 -c "print($end-$start)")}" > "$OUTDIR/$cfg.throughput.json"
  done
fi

# 5. One table.
python3 - "$OUTDIR" "$CONFIGS" "$FIRST_SEARCH" <<'PYEOF'
import json, os, sys
out, configs, first = sys.argv[1], sys.argv[2].split(), sys.argv[3]
stages = ["render_s", "geometry_s", "det_s", "cls_s", "rec_s", "cells_s", "grid_s", "parse_s"]
def lines(p):
    return [json.loads(l) for l in open(p) if l.strip()] if os.path.exists(p) else []
def f1s(cfg):
    p = os.path.join(out, f"{cfg}.eval.json")
    if not os.path.exists(p):
        return "-"
    s = json.load(open(p))
    return ", ".join(f"{v['variant']} {v['overall']['f1']:.4f} (grid {v['grid_cells']['correct']}/{v['grid_cells']['expected']})"
                     for v in s["variants"])
print()
print("| config | pages | pages/s | ms/page all | ms/page warm | " + " | ".join(s[:-2] for s in stages) + " | field F1 |")
print("|---" * (6 + len(stages)) + "|")
for cfg in configs:
    rows = lines(os.path.join(out, f"{cfg}.timing.jsonl"))
    if not rows:
        print(f"| {cfg} | failed |" + " |" * (4 + len(stages))); continue
    pages = sum(r["pages"] for r in rows); total = sum(r["total_s"] for r in rows)
    warm = rows[1:] or rows
    wp = sum(r["pages"] for r in warm); wt = sum(r["total_s"] for r in warm)
    by = [1000 * sum(r[s] for r in rows) / pages for s in stages]
    print(f"| {cfg} | {pages} | {pages/total:.2f} | {1000*total/pages:.0f} | {1000*wt/wp:.0f} | " +
          " | ".join(f"{v:.0f}" for v in by) + f" | {f1s(cfg) if cfg in ('cpu', 'cuda-' + first) else 'same models'} |")
for cfg in ["cpu", "cuda-" + first]:
    p = os.path.join(out, f"{cfg}.throughput.json")
    if os.path.exists(p):
        t = json.load(open(p)); rows = lines(os.path.join(out, f"{cfg}.throughput.jsonl"))
        pages = sum(r["pages"] for r in rows)
        print(f"\nthroughput {cfg}: {t['procs']} processes × {t['threads']} threads, {pages} pages in {t['wall_s']:.1f} s"
              f" = {pages/t['wall_s']:.2f} pages/s ({1000*t['wall_s']/max(pages,1):.0f} ms/page)")
print("\nms/page all: every timed file; warm: without the first (model warm-up, cuDNN's first searches).")
print("stages in ms/page: render, geometry (cleaning, orientation, skew, rulings), det, cls vote, rec, blank cells, grid, parse.")
PYEOF
say "results in $OUTDIR"
exit "$FAILED"
