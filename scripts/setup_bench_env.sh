#!/usr/bin/env bash
# Creates the Python virtual environment that holds the *baselines* `make bench` compares
# against (pdfplumber for the text path, rapidocr_onnxruntime for the OCR path). Pinned; idempotent.
# Not needed to run or test zhengxin itself.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/third_party/venv"
STAMP="$VENV/.pins-v1"
PINS=(pdfplumber==0.11.10 "pdfminer.six==20260107" rapidocr_onnxruntime==1.4.4 onnxruntime==1.32.0 opencv-python-headless==5.0.0.93 numpy)
if [ -f "$STAMP" ]; then echo "ok       bench venv ($VENV)"; exit 0; fi
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PINS[@]}" || {
  echo "setup_bench_env.sh: pip install failed (is PyPI reachable?)" >&2; exit 1; }
touch "$STAMP"
echo "created  bench venv ($VENV)"
