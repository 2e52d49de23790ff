#!/usr/bin/env bash
# Prepares, on a machine with network access, everything `scripts/gpu_check.sh` needs on an
# offline GPU server, as one archive split into parts small enough to carry:
#
#   scripts/gpu_pack.sh [--out DIR] [--part-mib N] [--with-cuda-libs]
#
# The bundle is a ZHENGXIN_HOME of its own: the stripped binaries (zhengxin, zhengxin-lab and the
# scan_path benchmark), the OCR models, libpdfium, the CPU ONNX Runtime, onnxruntime-gpu 1.31.1's
# three libraries (runtime, provider bridge and the 284 MB CUDA provider), the CI corpus's clean
# and mild scans with their truths, and gpu_check.sh itself. It is written as
# DIR/zhengxin-gpu.tar.xz.NN parts of N MiB (default 60) with DIR/SHA256SUMS; copy the folder
# over in any way (USB, scp in pieces) and run `scripts/gpu_check.sh DIR` there.
#
# CUDA 13 and cuDNN 9 themselves are not in the bundle by default: GPU servers have them (the
# driver's CUDA, a system cuDNN, or PyTorch's nvidia-* wheels), and gpu_check.sh finds them.
# --with-cuda-libs adds the ones `scripts/download_models.sh --gpu` put in third_party/gpu
# (~1.2 GB more) for a server that has only the driver.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="out/gpu-bundle"
PART_MIB=60
WITH_CUDA=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift ;;
    --part-mib) PART_MIB="$2"; shift ;;
    --with-cuda-libs) WITH_CUDA=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "gpu_pack.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$PART_MIB" in ''|*[!0-9]*) echo "gpu_pack.sh: --part-mib takes a whole number" >&2; exit 2 ;; esac
[ "$PART_MIB" -ge 1 ] || { echo "gpu_pack.sh: --part-mib must be at least 1" >&2; exit 2; }

ORT_GPU_VERSION=1.31.1
ORT_GPU_WHEEL="onnxruntime_gpu-${ORT_GPU_VERSION}-cp312-cp312-manylinux_2_28_x86_64.whl"
ORT_GPU_SHA=05d548956197b9d01f59b625de740e0d6be3593f874e241a12dc0362650ecdf7
ORT_GPU_LIBS="libonnxruntime.so.${ORT_GPU_VERSION} libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so"

scripts/download_models.sh >/dev/null
make --no-print-directory build corpus >/dev/null
# The scan_path benchmark as a plain executable (cargo names it with a hash).
BENCH_BIN="$(cargo bench --no-run --bench scan_path --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "scan_path" and m.get("executable"):
        print(m["executable"])' | tail -1)"
[ -x "$BENCH_BIN" ] || { echo "gpu_pack.sh: could not build the scan_path benchmark" >&2; exit 1; }

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
B="$STAGE/zhengxin-gpu"
mkdir -p "$B/bin" "$B/models" "$B/third_party/lib" "$B/third_party/gpu" "$B/corpus" "$B/scripts"

# onnxruntime-gpu: from third_party/gpu when download_models.sh --gpu ran, else the one wheel.
GPUSRC="third_party/gpu"
if ! [ -f "$GPUSRC/libonnxruntime_providers_cuda.so" ]; then
  GPUSRC="$STAGE/ortgpu"
  mkdir -p "$GPUSRC"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --python-version 3.12 --platform manylinux_2_28_x86_64 -d "$GPUSRC" \
    "onnxruntime-gpu==${ORT_GPU_VERSION}" || { echo "gpu_pack.sh: could not download onnxruntime-gpu from PyPI" >&2; exit 1; }
  echo "${ORT_GPU_SHA}  $GPUSRC/${ORT_GPU_WHEEL}" | sha256sum -c --quiet - ||
    { echo "gpu_pack.sh: ${ORT_GPU_WHEEL} does not have the pinned sha256" >&2; exit 1; }
  for f in $ORT_GPU_LIBS; do unzip -q -j -o "$GPUSRC/$ORT_GPU_WHEEL" "onnxruntime/capi/$f" -d "$GPUSRC"; done
fi
for f in $ORT_GPU_LIBS; do cp "$GPUSRC/$f" "$B/third_party/gpu/"; done
if [ "$WITH_CUDA" = 1 ]; then
  [ -f third_party/gpu/libcudart.so.13 ] || { echo "gpu_pack.sh: --with-cuda-libs needs scripts/download_models.sh --gpu first" >&2; exit 1; }
  find third_party/gpu -maxdepth 1 -name 'lib*.so*' ! -name 'libonnxruntime*' -exec cp {} "$B/third_party/gpu/" \;
fi

for f in target/release/zhengxin target/release/zhengxin-lab; do strip -o "$B/bin/$(basename "$f")" "$f"; done
strip -o "$B/bin/scan_path" "$BENCH_BIN"
cp models/*.onnx models/README.md "$B/models/"
cp third_party/lib/* "$B/third_party/lib/"
for level in clean mild; do
  for pdf in corpus/ci/*.scan-"$level".pdf; do
    name="$(basename "$pdf" ".scan-$level.pdf")"
    cp "$pdf" "$B/corpus/"
    # The truth, and the meta file that names the rendering route the scorer reports by.
    cp "corpus/ci/$name.truth.json" "corpus/ci/$name.meta.json" "$B/corpus/"
  done
done
cp scripts/gpu_check.sh "$B/scripts/"
git rev-parse HEAD > "$B/REVISION" 2>/dev/null || echo unknown > "$B/REVISION"

rm -rf "$OUT"
mkdir -p "$OUT"
# xz, not zstd: GPU servers seen so far had no zstd, and Python's standard lzma module can unpack
# xz where the xz tool is missing too.
tar -C "$STAGE" -cf - zhengxin-gpu | xz -q -T0 -6 | split -b "${PART_MIB}m" -d -a 2 - "$OUT/zhengxin-gpu.tar.xz."
(cd "$OUT" && sha256sum zhengxin-gpu.tar.xz.* > SHA256SUMS)
cp scripts/gpu_check.sh "$OUT/"
echo "bundle: $OUT ($(ls "$OUT"/zhengxin-gpu.tar.xz.* | wc -l) parts of at most ${PART_MIB} MiB, $(du -sh "$OUT" | cut -f1) in all)"
echo "on the GPU server: bash gpu_check.sh $OUT"
