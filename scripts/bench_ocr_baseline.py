#!/usr/bin/env python3
"""Reference OCR timing and accuracy: rapidocr_onnxruntime 1.4.4 on the SAME PP-OCRv6 models
as the Rust engine, for a directory of page PNGs.

    scripts/bench_ocr_baseline.py DIR [--threads N] [--rounds R] [--use-cls] [--json OUT]

It prints one JSON object: seconds per page (wall, CPU of all threads, and rapidocr's own det/cls/rec timers),
each page's lines (box, text, score) and, when DIR holds `<stem>.gt.json` next to
`<stem>.png` (written by the Rust bench, `cargo test --release --test ocr_bench -- --ignored`),
the character accuracy against the PDF text layer, scored exactly as tests/ocr_common.rs does.

Run it with the pinned environment this script creates on first use (third_party/venv-ocr):
rapidocr_onnxruntime==1.4.4, onnxruntime==1.32.0 (the same runtime build as the Rust side),
opencv-python-headless==5.0.0.93, numpy==2.4.6. rapidocr 1.4.4 reads the recogniser's
dictionary from the model's `character` metadata when present, which PP-OCRv6 has.
"""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "third_party" / "venv-ocr"
PINS = [
    "onnxruntime==1.32.0",
    "opencv-python-headless==5.0.0.93",
    "numpy==2.4.6",
    "pyclipper==1.4.0",
    "shapely==2.2.0",
    "six==1.17.0",
    "PyYAML==6.0.4",
    "Pillow==13.0.0",
    "tqdm==4.70.1",
]


def ensure_venv() -> None:
    """Re-executes inside the pinned venv, creating it if needed. rapidocr_onnxruntime is
    installed with --no-deps because it depends on opencv-python (GUI build); the headless
    build provides the same cv2 module."""
    py = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not py.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
        pip = [str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.check_call(pip + PINS)
        subprocess.check_call(pip + ["--no-deps", "rapidocr_onnxruntime==1.4.4"])
    os.execv(str(py), [str(py), __file__] + sys.argv[1:])


def fold(c: str) -> str:
    """Full-width ASCII and the ideographic space to ASCII, as tests/ocr_common.rs folds."""
    o = ord(c)
    if 0xFF01 <= o <= 0xFF5E:
        return chr(o - 0xFEE0)
    if o == 0x3000:
        return " "
    return c


def levenshtein(a, b) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a):
        cur = [i + 1] * (len(b) + 1)
        for j, cb in enumerate(b):
            cur[j + 1] = min(prev[j] + (ca != cb), prev[j + 1] + 1, cur[j] + 1)
        prev = cur
    return prev[len(b)]


def score(lines, gt):
    """Each GT char goes to the first box whose bounds contain its centre; per box, the edit
    distance between the OCR text (spaces removed) and its GT chars in x order."""
    rects = []
    for line in lines:
        xs = [p[0] for p in line["box"]]
        ys = [p[1] for p in line["box"]]
        rects.append((min(xs), min(ys), max(xs), max(ys)))
    owner = []
    for g in gt:
        cx, cy = (g["x0"] + g["x1"]) / 2, (g["y0"] + g["y1"]) / 2
        owner.append(next((k for k, r in enumerate(rects) if r[0] <= cx <= r[2] and r[1] <= cy <= r[3]), None))
    edits = edits_folded = extra = 0
    for k, line in enumerate(lines):
        mine = sorted((g for g, o in zip(gt, owner) if o == k), key=lambda g: g["x0"])
        if not mine:
            extra += 1
            continue
        want = [g["ch"] for g in mine]
        got = [c for c in line["text"] if not c.isspace()]
        edits += levenshtein(got, want)
        edits_folded += levenshtein([fold(c) for c in got], [fold(c) for c in want])
    uncovered = sum(1 for o in owner if o is None)
    total = max(len(gt), 1)
    return {
        "total": len(gt),
        "edits": edits,
        "edits_folded": edits_folded,
        "uncovered": uncovered,
        "extra_boxes": extra,
        "accuracy": 1 - (edits + uncovered) / total,
        "accuracy_folded": 1 - (edits_folded + uncovered) / total,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", type=Path, help="directory of page PNGs")
    ap.add_argument("--models", type=Path, default=ROOT / "models")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="intra-op threads per session")
    ap.add_argument("--rounds", type=int, default=2, help="passes over the pages; the minimum per page is kept")
    ap.add_argument("--use-cls", action="store_true", help="run the direction classifier (Rust default: off)")
    ap.add_argument("--json", type=Path, help="also write the result here")
    args = ap.parse_args()
    ensure_venv()

    from rapidocr_onnxruntime import RapidOCR  # noqa: E402 (inside the venv only)

    engine = RapidOCR(
        det_model_path=str(args.models / "PP-OCRv6_det_small.onnx"),
        rec_model_path=str(args.models / "PP-OCRv6_rec_small.onnx"),
        cls_model_path=str(args.models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"),
        intra_op_num_threads=args.threads,
        inter_op_num_threads=1,
        use_cls=args.use_cls,
    )
    pages = sorted(args.dir.glob("*.png"))
    if not pages:
        sys.exit(f"no PNG files in {args.dir}")
    best = {}
    for _ in range(max(args.rounds, 1)):
        for png in pages:
            t, c = time.perf_counter(), time.process_time()
            result, elapse = engine(str(png), use_cls=args.use_cls)
            total, cpu = time.perf_counter() - t, time.process_time() - c
            if png.name not in best or total < best[png.name]["seconds"]:
                lines = [
                    {"box": [[float(x), float(y)] for x, y in box], "text": text, "score": float(s)}
                    for box, text, s in (result or [])
                ]
                det, cls, rec = (list(elapse) + [0.0, 0.0, 0.0])[:3] if elapse else (0.0, 0.0, 0.0)
                best[png.name] = {"file": png.name, "seconds": total, "cpu_seconds": cpu, "det": det, "cls": cls, "rec": rec, "lines": lines}
    out_pages = []
    for png in pages:
        page = best[png.name]
        gt_path = png.with_suffix(".gt.json")
        if gt_path.exists():
            page["score"] = score(page["lines"], json.loads(gt_path.read_text()))
        out_pages.append(page)
    summary = {
        "engine": "rapidocr_onnxruntime 1.4.4 + onnxruntime 1.32.0, PP-OCRv6 small det/rec",
        "threads": args.threads,
        "use_cls": args.use_cls,
        "rounds": args.rounds,
        "mean_seconds_per_page": sum(p["seconds"] for p in out_pages) / len(out_pages),
        "mean_cpu_seconds_per_page": sum(p["cpu_seconds"] for p in out_pages) / len(out_pages),
        "pages": out_pages,
    }
    text = json.dumps(summary, ensure_ascii=False, indent=1)
    if args.json:
        args.json.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
