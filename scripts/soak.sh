#!/usr/bin/env bash
# Soak test: a release `zhengxin serve` on a loopback port and N concurrent clients posting a
# mix of text reports, scans, non-report PDFs and broken uploads for a set time; prints
# requests by status, latency per kind, unexpected statuses, lost requests, worker restarts
# and the RSS of every zhengxin process at start and end.
#
#   scripts/soak.sh [--minutes N] [--clients C] [--corpus DIR] [--port P] [--kill-every S]
#
# --warmup S (default 120, at most a fifth of the run) ends the warm-up: every 10 s the RSS of
# the server and of its workers is sampled; the server's growth is its largest sample after
# warm-up against its sample at the end of warm-up, PASS at most 10 % (a MISS fails the run).
#
# --kill-every S injects crashes: every S seconds one of the server's worker processes is sent
# SIGKILL. Each kill may cost the request it was parsing an INTERNAL_ERROR (counted as
# contained, not as unexpected, up to the number of kills); every other answer must stay right.
#
# Builds nothing: run `make build` first. Defaults: 10 minutes, 16 clients, corpus/ci. The
# server is killed on exit (trap), whatever happens; it listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=10
CLIENTS=16
CORPUS=corpus/ci
PORT=${SOAK_PORT:-0}
KILL_EVERY=0
WARMUP=120
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --corpus) CORPUS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --kill-every) KILL_EVERY=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *) echo "soak: unknown argument $1" >&2; exit 2 ;;
  esac
done

BIN=target/release/zhengxin
[ -x "$BIN" ] || { echo "soak: $BIN is missing: run 'make build' first" >&2; exit 2; }
[ -d "$CORPUS" ] || { echo "soak: $CORPUS is missing: run 'make corpus' first" >&2; exit 2; }
export ZHENGXIN_HOME=${ZHENGXIN_HOME:-$PWD}
if [ "$PORT" = 0 ]; then
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
fi

WORK=$(mktemp -d /tmp/zhengxin-soak.XXXXXX)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$BIN" serve --addr "127.0.0.1:$PORT" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
echo "soak: server pid $SERVER_PID on 127.0.0.1:$PORT; $CLIENTS clients for $MINUTES min; corpus $CORPUS"

python3 - "$PORT" "$CLIENTS" "$MINUTES" "$CORPUS" "$SERVER_PID" "$WORK/server.err" "$KILL_EVERY" "$WARMUP" <<'PY'
import json, os, random, re, signal, socket, sys, threading, time, urllib.error, urllib.request, uuid
from collections import Counter, defaultdict

port, clients, minutes, corpus, server_pid, server_err, kill_every, warmup = sys.argv[1:9]
clients, minutes, server_pid, kill_every = int(clients), float(minutes), int(server_pid), float(kill_every)
# A short run keeps four fifths of itself for the growth measurement.
warmup = min(float(warmup), minutes * 60 / 5)
SAMPLE_EVERY = 10.0
# Largest server RSS growth after warm-up that passes.
MAX_GROWTH = 0.10
url = f"http://127.0.0.1:{port}/api/credit_report_v2"
rng = random.Random(20261204)

def processes():
    """(pid, argv) of every process whose command line can be read."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                yield int(pid), f.read().split(b"\0")
        except OSError:
            continue

def rss_table():
    """RSS (MiB) of the server and every process whose command is zhengxin (workers)."""
    out = {}
    for pid, cmd in processes():
        if not cmd or not os.path.basename(cmd[0]).startswith(b"zhengxin") or b"zhengxin-lab" in cmd[0]:
            continue
        try:
            with open(f"/proc/{pid}/status") as f:
                rss = next((int(l.split()[1]) for l in f if l.startswith("VmRSS:")), 0)
        except (OSError, StopIteration):
            continue
        out[pid] = (" ".join(c.decode(errors="replace") for c in cmd[:3] if c), rss / 1024)
    return out

def print_rss(label):
    t = rss_table()
    print(f"RSS at {label}: " + (", ".join(f"pid {p} [{c}] {m:.0f} MiB" for p, (c, m) in sorted(t.items())) or "none"))
    return t

# Wait for the server (model load) at most 120 s.
deadline = time.time() + 120
while True:
    try:
        socket.create_connection(("127.0.0.1", int(port)), timeout=1).close()
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("soak: server did not start listening within 120 s; see its stderr")
        try:
            os.kill(server_pid, 0)
        except OSError:
            sys.exit("soak: server exited at start-up:\n" + open(server_err).read()[-2000:])
        time.sleep(0.5)

def pages(pdf):
    meta = os.path.join(corpus, os.path.basename(pdf).split(".")[0] + ".meta.json")
    try:
        return json.load(open(meta)).get("pages", 99)
    except (OSError, ValueError):
        return 99

files = sorted(os.listdir(corpus))
text = [os.path.join(corpus, f) for f in files if re.fullmatch(r"(synth|chr)_s\d+_\d+\.pdf", f)]
# Short scans only (OCR of a long one under 16 clients would only measure the queue); copier
# scans are left out: one of them is refused by the parsers today (an accuracy matter).
scans = [os.path.join(corpus, f) for f in files if ".scan-" in f and "copier" not in f]
scans = [f for f in scans if pages(f) <= 3]
negatives = [os.path.join(corpus, f) for f in files if f.startswith("neg-")]
broken = [os.path.join(corpus, f) for f in files if f.startswith("broken-")]
if not text:
    sys.exit(f"soak: no text reports in {corpus}")
blobs = {f: open(f, "rb").read() for f in text + scans + negatives + broken}

def form(data, filename="report.pdf", ctype="application/pdf"):
    b = "soak-" + uuid.uuid4().hex
    body = (f"--{b}\r\nContent-Disposition: form-data; name=\"image_file\"; filename=\"{filename}\"\r\n"
            f"Content-Type: {ctype}\r\n\r\n").encode() + data + f"\r\n--{b}--\r\n".encode()
    return body, f"multipart/form-data; boundary={b}"

def make_request(r):
    """(kind, body, content type, expected statuses)."""
    x = r.random()
    if x < 0.50:
        return "text", *form(blobs[r.choice(text)]), {"OK"}
    if x < 0.56 and scans:
        return "scan", *form(blobs[r.choice(scans)]), {"OK"}
    if x < 0.66 and negatives:
        return "negative", *form(blobs[r.choice(negatives)]), {"NOT_RECOGNIZABLE"}
    y = r.random()
    if y < 0.25 and broken:
        return "broken-file", *form(blobs[r.choice(broken)]), {"PARAMETER_ERROR"}
    if y < 0.45:
        return "random-bytes", *form(r.randbytes(r.randint(1, 200_000))), {"PARAMETER_ERROR"}
    if y < 0.65:
        # The header and a few objects of a real report: no pages can be read from it.
        src = blobs[r.choice(text)]
        return "truncated", *form(src[: r.randint(16, 2048)]), {"PARAMETER_ERROR"}
    if y < 0.85:
        body = blobs[r.choice(text)][:4096]
        return "wrong-content-type", body, "application/pdf", {"PARAMETER_ERROR"}
    return "no-file-field", b"--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n1\r\n--x--\r\n", \
        "multipart/form-data; boundary=x", {"PARAMETER_ERROR"}

lock = threading.Lock()
by_status = Counter()
lat = defaultdict(list)
unexpected = Counter()
lost = Counter()
stop_at = time.time() + minutes * 60

def client(i):
    r = random.Random(rng.random() + i)
    while time.time() < stop_at:
        kind, body, ctype, expect = make_request(r)
        req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": ctype})
        t0 = time.time()
        status = None
        try:
            with urllib.request.urlopen(req, timeout=660) as resp:
                payload = resp.read()
        except urllib.error.HTTPError as e:
            payload = e.read()
        except (OSError, urllib.error.URLError) as e:
            with lock:
                lost[f"{kind}: {type(e).__name__}"] += 1
            continue
        dt = time.time() - t0
        try:
            status = json.loads(payload).get("status", "?")
        except ValueError:
            status = "non-JSON"
        with lock:
            by_status[status] += 1
            lat[kind].append(dt)
            if status not in expect:
                unexpected[f"{kind} -> {status}"] += 1

kills = 0

def worker_pids():
    """The server's worker processes (`zhengxin worker`, children of the server)."""
    out = []
    for pid, cmd in processes():
        if len(cmd) < 2 or cmd[1] != b"worker":
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == server_pid:
            out.append(pid)
    return out

def killer():
    global kills
    r = random.Random(7)
    while time.time() + kill_every < stop_at:
        time.sleep(kill_every)
        pids = worker_pids()
        if pids:
            try:
                os.kill(r.choice(pids), signal.SIGKILL)
                kills += 1
            except OSError:
                pass

samples = []  # (seconds since start, server MiB, {worker pid: MiB})

def sample(t0):
    t, mine = rss_table(), set(worker_pids())
    workers = {p: m for p, (c, m) in t.items() if p in mine}
    samples.append((time.time() - t0, t.get(server_pid, (None, 0.0))[1], workers))

def sampler(t0):
    while time.time() < stop_at:
        time.sleep(min(SAMPLE_EVERY, max(0.0, stop_at - time.time())))
        sample(t0)

rss0 = print_rss("start")
t_start = time.time()
sample(t_start)
threading.Thread(target=sampler, args=(t_start,), daemon=True).start()
if kill_every > 0:
    threading.Thread(target=killer, daemon=True).start()
threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
for t in threads:
    t.start()
# The clients stop starting requests at the end time; one in flight may finish within the
# server's own time limit, no longer.
for t in threads:
    t.join(timeout=max(0.0, stop_at - time.time()) + 660)
rss1 = print_rss("end")
sample(t_start)

def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(q * len(v)))] if v else float("nan")

total = sum(by_status.values())
print(f"requests answered: {total} in {minutes:g} min ({total / (minutes * 60):.1f}/s)")
print("by status: " + ", ".join(f"{k} {v}" for k, v in by_status.most_common()))
print("latency per kind (s):")
for kind in sorted(lat):
    v = lat[kind]
    print(f"  {kind:20s} n={len(v):6d}  p50={pct(v, 0.5):7.3f}  p99={pct(v, 0.99):7.3f}  max={max(v):7.3f}")
# A request on a worker that was killed under it gets INTERNAL_ERROR: contained, if no more
# of them than kills.
internal = sum(v for k, v in unexpected.items() if k.endswith("-> INTERNAL_ERROR"))
explained = left = min(internal, kills)
for k in [k for k in unexpected if k.endswith("-> INTERNAL_ERROR")]:
    take = min(unexpected[k], left)
    unexpected[k] -= take
    left -= take
    if unexpected[k] == 0:
        del unexpected[k]
if kill_every > 0:
    print(f"injected worker kills: {kills}; INTERNAL_ERROR answers they explain: {explained}")
print(f"unexpected statuses: {sum(unexpected.values())}" + "".join(f"\n  {k}: {v}" for k, v in unexpected.most_common()))
print(f"lost requests (connection errors): {sum(lost.values())}" + "".join(f"\n  {k}: {v}" for k, v in lost.most_common()))
restarts = sum("worker replaced" in l for l in open(server_err, errors="replace"))
print(f"worker restarts (server log 'worker replaced'): {restarts}")
try:
    os.kill(server_pid, 0)
    alive = "running"
except OSError:
    alive = "EXITED"
srv0, srv1 = rss0.get(server_pid, (None, 0))[1], rss1.get(server_pid, (None, 0))[1]
print(f"server {alive}; server RSS {srv0:.0f} -> {srv1:.0f} MiB")

def worker_stats(ws):
    v = list(ws.values())
    return f"{len(v)} workers, {min(v):.0f}-{max(v):.0f} MiB, sum {sum(v):.0f}" if v else "no workers"

# One line a minute (and the last sample): the server's RSS and its workers'.
print(f"RSS over time (sampled every {SAMPLE_EVERY:g} s; warm-up ends at {warmup:g} s):")
shown = -60.0
for i, (t, srv, ws) in enumerate(samples):
    if t - shown >= 60 or i == len(samples) - 1:
        shown = t
        print(f"  {t:6.0f} s  server {srv:6.1f} MiB  workers: {worker_stats(ws)}")
warm = next((s for s in samples if s[0] >= warmup), None)
after = [s for s in samples if warm and s[0] >= warm[0]]
growth_miss = False
if warm and len(after) > 1 and warm[1] > 0:
    peak = max(s[1] for s in after)
    growth = (peak - warm[1]) / warm[1]
    growth_miss = growth > MAX_GROWTH
    print(f"server RSS after warm-up: {warm[1]:.1f} MiB at {warm[0]:.0f} s, peak {peak:.1f}, end {after[-1][1]:.1f} MiB; "
          f"growth {growth * 100:+.1f} % (limit {MAX_GROWTH * 100:g} %): {'MISS' if growth_miss else 'PASS'}")
    peak_w = max((max(s[2].values(), default=0.0) for s in after), default=0.0)
    print(f"worker RSS: at warm-up {worker_stats(warm[2])}; at end {worker_stats(after[-1][2])}; "
          f"largest one worker after warm-up {peak_w:.0f} MiB")
else:
    print("server RSS growth: not measured (run shorter than its warm-up)")
bad = sum(unexpected.values()) + sum(lost.values()) + (alive != "running") + growth_miss
sys.exit(1 if bad else 0)
PY
