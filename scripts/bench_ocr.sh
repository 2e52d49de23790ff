#!/usr/bin/env bash
# OCR part of `make bench` (called by scripts/bench.sh):
#  1. the OCR engine on sample pages rendered at 200 DPI: zhengxin (Rust, ort) vs the Python
#     rapidocr_onnxruntime package on the SAME page images and the SAME PP-OCRv6 models,
#     seconds per page and character accuracy against the PDF text layer, and the ratio.
#     zhengxin runs twice per round: with its default int8 copies (the detector, and the
#     recogniser's output layer; derived at set-up by scripts/quantize_models.py) and with the
#     float models rapidocr uses.
#     Rounds alternate zhengxin / rapidocr so both see the same machine load; each page's
#     best round counts (wall and CPU separately).
#  2. the whole scanned path on generated scans, seconds per page split by stage.
# Knobs: OCR_THREADS (2), OCR_BENCH_PAGES (1,2,5), OCR_BENCH_ROUNDS (2), and the service's
# ZHENGXIN_OCR_* variables (README, configuration) for zhengxin's engine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT=out/bench
mkdir -p "$OUT"
THREADS="${OCR_THREADS:-2}"
PAGES="${OCR_BENCH_PAGES:-1,2,5}"
ROUNDS="${OCR_BENCH_ROUNDS:-2}"

echo "== OCR engine: zhengxin vs rapidocr_onnxruntime (same models, same 200-DPI page images, $THREADS threads, $ROUNDS alternating rounds) =="
cargo test --quiet --release --test ocr_bench --no-run 2>/dev/null
rm -f "$OUT"/ocr_rust.r*.txt "$OUT"/ocr_rust32.r*.txt "$OUT"/ocr_python.r*.json
for r in $(seq "$ROUNDS"); do
  # Only the page bench (bench_cells would run beside it and share its CPU counter).
  # The Rust run renders the pages and writes target/ocr_bench/pNN.png + pNN.gt.json first.
  OCR_THREADS="$THREADS" OCR_BENCH_PAGES="$PAGES" OCR_BENCH_ROUNDS=1 \
    cargo test --quiet --release --test ocr_bench -- --ignored --nocapture --exact bench_ocr_pages_at_200_dpi 2>/dev/null \
    | grep -E "^(page|mean|threads)" > "$OUT/ocr_rust.r$r.txt"
  ZHENGXIN_OCR_PRECISION=fp32 OCR_THREADS="$THREADS" OCR_BENCH_PAGES="$PAGES" OCR_BENCH_ROUNDS=1 \
    cargo test --quiet --release --test ocr_bench -- --ignored --nocapture --exact bench_ocr_pages_at_200_dpi 2>/dev/null \
    | grep -E "^(page|mean|threads)" > "$OUT/ocr_rust32.r$r.txt"
  python3 scripts/bench_ocr_baseline.py target/ocr_bench --threads "$THREADS" --rounds 1 \
    --json "$OUT/ocr_python.r$r.json" > /dev/null
done
head -1 "$OUT/ocr_rust.r1.txt"

python3 - "$OUT" "$ROUNDS" "$PAGES" <<'PYEOF'
import json, re, sys
out, rounds = sys.argv[1], int(sys.argv[2])
pages = [int(p) for p in sys.argv[3].split(",")]
rx = re.compile(r"page +(\d+):.*det ([0-9.]+)s, crop\+cls ([0-9.]+)s, rec ([0-9.]+)s, total ([0-9.]+)s "
                r"\(CPU ([0-9.]+)s.*folded ([0-9.]+);")
rust, rust32, py = {}, {}, {}
for r in range(1, rounds + 1):
    for name, d in (("ocr_rust", rust), ("ocr_rust32", rust32)):
        for line in open(f"{out}/{name}.r{r}.txt"):
            m = rx.match(line)
            if m:
                p = int(m.group(1))
                det, cls, rec, tot, cpu, acc = map(float, m.groups()[1:])
                d.setdefault(p, []).append(dict(det=det, cls=cls, rec=rec, total=tot, cpu=cpu, acc=acc))
    for pg in json.load(open(f"{out}/ocr_python.r{r}.json"))["pages"]:
        p = int(re.match(r"p(\d+)", pg["file"]).group(1))
        py.setdefault(p, []).append(dict(det=pg["det"], cls=pg["cls"], rec=pg["rec"], total=pg["seconds"],
                                         cpu=pg["cpu_seconds"], acc=pg.get("score", {}).get("accuracy_folded", 0.0)))
missing = [p for p in pages if p not in rust or p not in rust32 or p not in py]
if missing:
    sys.exit(f"bench_ocr: no result for pages {missing}")
def best(runs):
    # Per page: the fastest round's wall time and stage split, the lowest CPU time.
    b = min(runs, key=lambda x: x["total"])
    return dict(b, cpu=min(x["cpu"] for x in runs))
def mean(d, k):
    return sum(best(d[p])[k] for p in pages) / len(pages)
print(f"{'':10} {'s/page':>7} {'det':>6} {'cls':>6} {'rec':>6} {'CPU s/page':>11}  char accuracy (folded)")
for name, d in (("zhengxin", rust), ("zx fp32", rust32), ("rapidocr", py)):
    print(f"{name:10} {mean(d,'total'):7.2f} {mean(d,'det'):6.2f} {mean(d,'cls'):6.2f} {mean(d,'rec'):6.2f} "
          f"{mean(d,'cpu'):11.2f}  {mean(d,'acc'):.4f}")
for p in pages:
    r, y = best(rust[p]), best(py[p])
    print(f"  page {p:2}: zhengxin {r['total']:6.2f} s (CPU {r['cpu']:5.2f}, acc {r['acc']:.4f})   "
          f"rapidocr {y['total']:6.2f} s (CPU {y['cpu']:5.2f}, acc {y['acc']:.4f})   {y['total']/r['total']:.2f}x")
print(f"speed-up (rapidocr / zhengxin): {mean(py,'total')/mean(rust,'total'):.2f}x wall, "
      f"{mean(py,'cpu')/mean(rust,'cpu'):.2f}x CPU")
print(f"speed-up (rapidocr / zhengxin with the float detector): {mean(py,'total')/mean(rust32,'total'):.2f}x wall, "
      f"{mean(py,'cpu')/mean(rust32,'cpu'):.2f}x CPU")
print("(zhengxin cls = cropping (the classifier is off for both); rapidocr det/cls/rec are its own timers, "
      "its s/page includes reading the PNG)")
PYEOF

CORPUS="${BENCH_SCAN_CORPUS:-corpus/bench-scan}"
if [ ! -f "$CORPUS/.complete" ]; then
  rm -rf "$CORPUS"
  target/release/zhengxin-lab gen-corpus --out "$CORPUS" --count "${BENCH_SCAN_COUNT:-2}" --seed 4243 --scan-levels clean 2>/dev/null
  touch "$CORPUS/.complete"
fi
echo "== scanned path on generated clean scans (per page, by stage) =="
# One page worker, so its engine gets every core as before page workers existed: the bench
# reads pages one after another and times each stage on its own.
ZHENGXIN_PAGE_WORKERS=1 cargo bench --quiet --bench scan_path -- "$CORPUS" clean > "$OUT/scan_path.jsonl"
python3 - "$OUT/scan_path.jsonl" <<'PYEOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
pages = sum(r["pages"] for r in rows)
def per(k): return sum(r[k] for r in rows) / pages
print(f"{len(rows)} reports, {pages} pages at {sorted(set(r['dpi'] for r in rows))} DPI")
print(f"seconds/page: total {per('total_s'):.2f} = render {per('render_s'):.2f} + geometry {per('geometry_s'):.2f} "
      f"+ det {per('det_s'):.2f} + cls {per('cls_s'):.2f} + rec {per('rec_s'):.2f} + blank cells {per('cells_s'):.2f} "
      f"+ grid {per('grid_s')*1000:.1f} ms + correct/classify/parse {per('parse_s')*1000:.1f} ms")
# evidence=1 on scans (EVIDENCE.md: the scan path unchanged within noise): the stages after the
# reading, from the same pages without and with it (medians of alternating rounds), on top of
# the reading. The reading is the same either way, so the ratio holds no OCR noise; 1.02 is
# well inside the run-to-run spread of scanned timings (±5 % between rounds here).
read = sum(r["read_s"] for r in rows)
off, on = sum(r["after_s"] for r in rows), sum(r["after_evidence_s"] for r in rows)
ratio = (read + on) / (read + off)
print(f"evidence=1 on scans: after the reading {off / pages * 1000:.1f} -> {on / pages * 1000:.1f} ms/page; "
      f"whole path {ratio:.4f}x -> {'PASS' if ratio <= 1.02 else 'MISS'} at 1.02x")
PYEOF

# The issue's target is for 200-DPI pages; the clean scans above are drawn at 200 or 300 DPI
# (seed 4243: 22 of their 24 pages at 300), so the same reports are also scanned at the mild
# level, which the generator always draws at 200 DPI.
CORPUS200="${BENCH_SCAN_CORPUS_200:-corpus/bench-scan-200}"
if [ ! -f "$CORPUS200/.complete" ]; then
  rm -rf "$CORPUS200"
  target/release/zhengxin-lab gen-corpus --out "$CORPUS200" --count "${BENCH_SCAN_COUNT:-2}" --seed 4243 --scan-levels mild 2>/dev/null
  touch "$CORPUS200/.complete"
fi
echo "== scanned path end to end: \`zhengxin parse\` (pages pipelined: the next page is prepared while the models read this one) =="
python3 - target/release/zhengxin "$CORPUS" "$CORPUS200" <<'PYEOF'
import glob, json, subprocess, sys, time
bin_, clean, mild = sys.argv[1:4]
for corpus, level, what in ((clean, "clean", "clean scans at 200/300 DPI"), (mild, "mild", "mild scans at 200 DPI")):
    pages = seconds = 0.0
    for pdf in sorted(glob.glob(f"{corpus}/*.scan-{level}.pdf")):
        meta = json.load(open(pdf.replace(f".scan-{level}.pdf", ".meta.json")))
        t = time.perf_counter()
        subprocess.run([bin_, "parse", "--no-classify", pdf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        seconds += time.perf_counter() - t
        pages += meta["pages"]
    verdict = f" -> {'PASS' if seconds / pages <= 1.5 else 'MISS'} at 1.5 s/page" if level == "mild" else ""
    print(f"{what}: {int(pages)} pages in {seconds:.1f} s: {seconds / pages:.2f} s/page "
          f"(process start and model loading included){verdict}")
PYEOF
