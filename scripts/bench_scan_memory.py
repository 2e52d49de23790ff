"""Peak memory of `zhengxin parse` on a large image-only PDF (the issue's case: ~30 MB, 50 pages).

Builds the PDF from generated scans (pages repeated in turn, 300-DPI pages first until the size
budget is used, then 200-DPI ones), then runs `zhengxin parse --no-classify` on it and on its first
FEW pages, and prints both peaks: pages are read one at a time, so the peak must not grow with the
page count. Needs pypdfium2 (the bench venv has it through pdfplumber).

usage: bench_scan_memory.py ZHENGXIN_BIN OUT_DIR BIG_SCAN.pdf SMALL_SCAN.pdf [PAGES] [BUDGET_MB]
"""
import json
import os
import resource
import subprocess
import sys
import time

import pypdfium2 as pdfium

FEW = 5


def build(out: str, big: str, small: str, pages: int, budget: int) -> None:
    """Writes `pages` pages, taking from `big` while the estimated size stays within budget."""
    srcs = [pdfium.PdfDocument(p) for p in (big, small)]
    per_page = [os.path.getsize(p) / len(d) for p, d in zip((big, small), srcs)]
    n_big = 0
    while n_big < pages and (n_big + 1) * per_page[0] + (pages - n_big - 1) * per_page[1] <= budget:
        n_big += 1
    dst = pdfium.PdfDocument.new()
    for i in range(pages):
        k = 0 if i < n_big else 1
        src = srcs[k]
        dst.import_pages(src, [i % len(src)])
    dst.save(out)


def peak_rss_mb(cmd: list) -> tuple:
    """Runs `cmd` in a fresh child process; returns (peak RSS MB, seconds, exit code)."""
    t = time.perf_counter()
    code = subprocess.run(
        ["python3", "-c", "import resource,subprocess,sys;"
         "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL).returncode;"
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r)"] + cmd,
        capture_output=True, text=True, check=True).stdout.split()
    return int(code[0]) / 1024, time.perf_counter() - t, int(code[1])


def main() -> None:
    binary, out_dir, big, small = sys.argv[1:5]
    pages = int(sys.argv[5]) if len(sys.argv) > 5 else 50
    budget = int(float(sys.argv[6]) * 1024 * 1024) if len(sys.argv) > 6 else 29 * 1024 * 1024
    os.makedirs(out_dir, exist_ok=True)
    full = os.path.join(out_dir, f"scan-{pages}p.pdf")
    few = os.path.join(out_dir, f"scan-{FEW}p.pdf")
    build(full, big, small, pages, budget)
    build(few, big, small, FEW, budget * FEW // pages)
    rows = []
    for path, n in ((few, FEW), (full, pages)):
        mb, secs, code = peak_rss_mb([binary, "parse", "--no-classify", path])
        rows.append({"file": path, "pages": n, "size_mb": os.path.getsize(path) / 2**20,
                     "peak_rss_mb": mb, "seconds": secs, "exit": code})
        print(f"{n:3d} pages, {rows[-1]['size_mb']:5.1f} MB: peak RSS {mb:7.1f} MB, {secs:6.1f} s, exit {code}")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
