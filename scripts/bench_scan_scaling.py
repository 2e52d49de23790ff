"""Throughput of `zhengxin parse` on one scanned PDF pinned to 1 core and to 2 cores.

Each round runs the whole process (`parse --no-classify`: open, model load, every page,
report) under `taskset -c 0` and then `taskset -c 0,1`, alternating so that a change in the
machine's load falls on both; the figures are medians over the rounds. The process sizes its
page workers and OCR threads from the cores it may use (`available_parallelism` follows the
affinity mask), so this measures the automatic split. Prints one line per configuration, the
1 → 2-core ratio with PASS/MISS against TARGET, and a JSON line. Needs pypdfium2 (page count).

usage: bench_scan_scaling.py ZHENGXIN_BIN SCAN.pdf [ROUNDS] [TARGET]
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import pypdfium2 as pdfium

CPUS = (("1 core", "0"), ("2 cores", "0,1"))


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(binary: str, pdf: str, cpus: str) -> tuple:
    """(wall, CPU) seconds of one whole `zhengxin parse` pinned to `cpus`; fails loudly on a
    parse error."""
    t, c = time.perf_counter(), cpu_seconds()
    subprocess.run(["taskset", "-c", cpus, binary, "parse", "--no-classify", pdf],
                   stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t, cpu_seconds() - c


def main() -> None:
    binary, pdf = sys.argv[1:3]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    target = float(sys.argv[4]) if len(sys.argv) > 4 else 1.8
    if (os.cpu_count() or 1) < 2:
        sys.exit("bench_scan_scaling: needs at least 2 cores")
    pages = len(pdfium.PdfDocument(pdf))
    secs = {name: [] for name, _ in CPUS}
    cpu = {name: [] for name, _ in CPUS}
    load0 = os.getloadavg()
    for _ in range(rounds):
        for name, cpus in CPUS:
            wall, used = run(binary, pdf, cpus)
            secs[name].append(wall)
            cpu[name].append(used)
    load = os.getloadavg()
    rate = {}
    for name, _ in CPUS:
        med = statistics.median(secs[name])
        rate[name] = pages / med
        runs = " ".join(f"{s:.1f}" for s in secs[name])
        # Cores the process actually got: below the cores allowed when others load the machine.
        got = statistics.median(c / w for c, w in zip(cpu[name], secs[name]))
        print(f"{name:8s} {pages} pages: median {med:6.1f} s = {rate[name]:.3f} pages/s (runs {runs} s); "
              f"CPU {statistics.median(cpu[name]) / pages:.2f} s/page, {got:.2f} cores busy")
    ratio = rate["2 cores"] / rate["1 core"]
    # Amdahl: speed-up s on 2 cores means a serial fraction f = 2/s - 1.
    serial = max(0.0, 2.0 / ratio - 1.0)
    verdict = "PASS" if ratio >= target else "MISS"
    print(f"scaling 1 -> 2 cores: {ratio:.2f}x  {verdict} (target >= {target}x; "
          f"Amdahl serial fraction {serial:.2f}; load average {load0[0]:.1f} before, {load[0]:.1f} after)")
    print(json.dumps({"file": pdf, "pages": pages, "seconds": secs, "cpu_seconds": cpu, "pages_per_s": rate,
                      "ratio": ratio, "serial_fraction": serial, "target": target,
                      "pass": ratio >= target, "loadavg": load}))


if __name__ == "__main__":
    main()
