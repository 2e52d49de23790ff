#!/usr/bin/env bash
# OCR part of `make bench` (called by scripts/bench.sh):
#  1. the OCR engine on sample pages rendered at 200 DPI: zhengxin (Rust, ort) vs the Python
#     rapidocr_onnxruntime package on the SAME page images and the SAME PP-OCRv6 models,
#     seconds per page and character accuracy against the PDF text layer, and the ratio;
#  2. the whole scanned path on generated scans, seconds per page split by stage.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT=out/bench
mkdir -p "$OUT"
THREADS="${OCR_THREADS:-2}"
PAGES="${OCR_BENCH_PAGES:-1,2,5}"

echo "== OCR engine: zhengxin vs rapidocr_onnxruntime (same models, same 200-DPI page images, $THREADS threads) =="
OCR_THREADS="$THREADS" OCR_BENCH_PAGES="$PAGES" OCR_BENCH_ROUNDS=2 \
  cargo test --quiet --release --test ocr_bench -- --ignored --nocapture 2>/dev/null | grep -E "^(page|mean|threads)" | tee "$OUT/ocr_rust.txt"
python3 scripts/bench_ocr_baseline.py target/ocr_bench --threads "$THREADS" --rounds 2 --json "$OUT/ocr_python.json" > /dev/null

python3 - "$OUT/ocr_rust.txt" "$OUT/ocr_python.json" <<'PYEOF'
import json, re, sys
rust = open(sys.argv[1]).read()
py = json.load(open(sys.argv[2]))
totals = [float(x) for x in re.findall(r"total ([0-9.]+)s", rust)]
accs = [float(x) for x in re.findall(r"folded ([0-9.]+);", rust)]
py_acc = [p["score"]["accuracy_folded"] for p in py["pages"] if "score" in p and "accuracy_folded" in p["score"]]
r = sum(totals) / len(totals)
p = py["mean_seconds_per_page"]
print(f"zhengxin   {r:6.2f} s/page   char accuracy (folded) {sum(accs)/len(accs):.4f}")
line = f"rapidocr   {p:6.2f} s/page"
if py_acc:
    line += f"   char accuracy (folded) {sum(py_acc)/len(py_acc):.4f}"
print(line)
print(f"speed-up (rapidocr / zhengxin): {p / r:.2f}x")
PYEOF

CORPUS="${BENCH_SCAN_CORPUS:-corpus/bench-scan}"
if [ ! -f "$CORPUS/.complete" ]; then
  rm -rf "$CORPUS"
  target/release/zhengxin gen-corpus --out "$CORPUS" --count "${BENCH_SCAN_COUNT:-2}" --seed 4243 --scan-levels clean 2>/dev/null
  touch "$CORPUS/.complete"
fi
echo "== scanned path on generated clean scans (per page, by stage) =="
cargo bench --quiet --bench scan_path -- "$CORPUS" clean > "$OUT/scan_path.jsonl"
python3 - "$OUT/scan_path.jsonl" <<'PYEOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
pages = sum(r["pages"] for r in rows)
def per(k): return sum(r[k] for r in rows) / pages
print(f"{len(rows)} reports, {pages} pages at {sorted(set(r['dpi'] for r in rows))} DPI")
print(f"seconds/page: total {per('total_s'):.2f} = render {per('render_s'):.2f} + geometry {per('geometry_s'):.2f} + det {per('det_s'):.2f} + cls {per('cls_s'):.2f} + rec {per('rec_s'):.2f}; grid+parse {per('grid_parse_s')*1000:.1f} ms/page")
PYEOF
