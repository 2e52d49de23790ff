"""Baseline for `make bench`: pdfplumber's extract_tables() on every page of the same PDFs the
Rust text-path benchmark reads. Prints one JSON object per file (median of REPEATS runs): wall
time and the CPU time of the parsing thread, which other load on a shared machine barely moves."""
import json
import os
import statistics
import sys
import time

import pdfplumber


def main() -> None:
    directory = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    names = sorted(
        n for n in os.listdir(directory)
        if n.endswith(".pdf") and ".scan-" not in n and not n.startswith(("neg-", "broken-"))
    )
    for name in names:
        path = os.path.join(directory, name)
        times = []
        cpu = []
        pages = 0
        for _ in range(repeats):
            t = time.perf_counter()
            c = time.thread_time()
            with pdfplumber.open(path) as pdf:
                pages = len(pdf.pages)
                for page in pdf.pages:
                    page.extract_tables()
            times.append(time.perf_counter() - t)
            cpu.append(time.thread_time() - c)
        print(json.dumps({
            "file": name,
            "pages": pages,
            "median_s": statistics.median(times),
            "min_s": min(times),
            "cpu_median_s": statistics.median(cpu),
        }))


if __name__ == "__main__":
    main()
