#!/usr/bin/env bash
# Scale-out on one machine: REPLICAS `zhengxin serve` processes on loopback behind Debian's nginx
# (run in the foreground of this script with a generated config in a temp dir), a bounded load
# of mixed reports sent through nginx, one replica killed (SIGKILL) in the middle of the run and
# started again. Prints requests sent, answered by HTTP status, answered per replica (nginx's
# $upstream_addr), retries (requests nginx sent to more than one replica), lost requests (no
# contract body: curl failure or a 502/504 from nginx), and throughput; then the same load
# through the same nginx set-up in front of ONE replica, for the ratio.
#
# zhengxin keeps no state between requests, so nginx may resend a POST whose replica died
# (`proxy_next_upstream ... non_idempotent`): without it nginx never retries a POST that had
# been sent, and every request in flight on the killed replica would be lost.
#
# Usage: scripts/scaleout.sh   (or `make scaleout`; needs target/release/zhengxin and nginx:
#   apt-get install nginx-light)
# Knobs (environment): CORPUS (default corpus/ci of ZHENGXIN_HOME), TEXT_REQUESTS (36),
#   SCAN_REQUESTS (2), CONCURRENCY (6), WORKERS per replica (1), REPLICAS (3), BASE_PORT (18080),
#   KILL_AT (answered requests after which the last replica is killed; default a third of the load),
#   RETRY_POST (1; 0 leaves `non_idempotent` out of proxy_next_upstream, to see what is lost then).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ZHENGXIN_HOME="${ZHENGXIN_HOME:-$ROOT}"
BIN="${BIN:-$ROOT/target/release/zhengxin}"
CORPUS="${CORPUS:-$ZHENGXIN_HOME/corpus/ci}"
TEXT_REQUESTS="${TEXT_REQUESTS:-48}"
SCAN_REQUESTS="${SCAN_REQUESTS:-2}"
CONCURRENCY="${CONCURRENCY:-6}"
WORKERS="${WORKERS:-1}"
REPLICAS="${REPLICAS:-3}"
BASE_PORT="${BASE_PORT:-18080}"
RETRY_POST="${RETRY_POST:-1}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

die() { echo "scaleout.sh: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN not built (make build)"
[ -x "$NGINX" ] || die "nginx not found (apt-get install nginx-light)"
command -v curl >/dev/null || die "curl not found"
[ -d "$CORPUS" ] || die "no corpus at $CORPUS (make corpus)"

TMP="$(mktemp -d /tmp/zhengxin-scaleout.XXXXXX)"
# nginx started as root runs its workers as an unprivileged user, who must reach the temp dirs.
chmod 755 "$TMP"
declare -A PIDS=()
NGINX_PID=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ -n "${KEEP_TMP:-}" ]; then echo "logs kept in $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

# The load: text reports (both routes, garbled text layers, negatives, broken files) and a few
# scans, in a fixed order so that both runs send the same requests.
# Garbled text layers are read by OCR like scans: they are left out of the text share.
mapfile -t TEXT < <(find "$CORPUS" -maxdepth 1 -name '*.pdf' ! -name '*.scan-*' ! -name '*.garbled.*' | sort)
mapfile -t SCANS < <(find "$CORPUS" -maxdepth 1 -name '*.scan-clean.pdf' -o -maxdepth 1 -name '*.scan-mild.pdf' | sort)
[ "${#TEXT[@]}" -gt 0 ] || die "no text PDFs in $CORPUS"
LOAD="$TMP/load.txt"
: >"$LOAD"
for ((i = 0; i < TEXT_REQUESTS; i++)); do echo "${TEXT[i % ${#TEXT[@]}]}" >>"$LOAD"; done
if [ "${#SCANS[@]}" -gt 0 ]; then
  # Spread the scans through the load rather than at its end.
  for ((i = 0; i < SCAN_REQUESTS; i++)); do
    line=$(( (i + 1) * TEXT_REQUESTS / (SCAN_REQUESTS + 1) + i + 1 ))
    sed -i "${line}i ${SCANS[i % ${#SCANS[@]}]}" "$LOAD"
  done
fi
SENT=$(wc -l <"$LOAD")

start_replica() { # index
  local i="$1" port=$((BASE_PORT + 1 + $1))
  "$BIN" serve --addr "127.0.0.1:$port" --workers "$WORKERS" >>"$TMP/replica$i.log" 2>&1 &
  PIDS[$i]=$!
  for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "${PIDS[$i]}" 2>/dev/null || die "replica $i died at start: $(tail -3 "$TMP/replica$i.log")"
    sleep 0.2
  done
  die "replica $i did not answer /healthz within 60 s"
}

start_nginx() { # number of replicas behind it
  local n="$1" servers="" i post=""
  [ "$RETRY_POST" = 1 ] && post=" non_idempotent"
  for ((i = 0; i < n; i++)); do servers+="    server 127.0.0.1:$((BASE_PORT + 1 + i)) max_fails=1 fail_timeout=2s;"$'\n'; done
  mkdir -p "$TMP/nginx"
  cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 256; }
http {
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  log_format up '\$status "\$upstream_addr" "\$upstream_status" \$request_time';
  access_log $TMP/nginx/access.log up;
  upstream zhengxin {
$servers  }
  server {
    listen 127.0.0.1:$BASE_PORT;
    client_max_body_size 30m;
    location / {
      proxy_pass http://zhengxin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # A replica that refuses, resets or dies mid-request: resend to the next one (parsing
      # keeps no state, so a POST is safe to repeat).
      proxy_next_upstream error timeout http_502$post;
      proxy_next_upstream_tries $((n + 1));
      proxy_connect_timeout 2s;
      proxy_read_timeout 600s;
    }
  }
}
EOF
  "$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' 2>>"$TMP/nginx/error.log" &
  NGINX_PID=$!
  for _ in $(seq 1 50); do
    curl -fsS "http://127.0.0.1:$BASE_PORT/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "nginx did not come up: $(tail -3 "$TMP/nginx/error.log")"
}

stop_all() {
  for i in "${!PIDS[@]}"; do kill "${PIDS[$i]}" 2>/dev/null || true; wait "${PIDS[$i]}" 2>/dev/null || true; done
  PIDS=()
  kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
}

# Sends the load through nginx, CONCURRENCY at once; one line per request: HTTP status (000
# when curl got no answer) and the body's `status`.
send_load() { # results-file
  local out="$1"
  : >"$out"
  xargs -a "$LOAD" -P "$CONCURRENCY" -I{} sh -c '
    body=$(curl -sS -o - -w "\n%{http_code}" -F "image_file=@$1" "$2/api/credit_report_v2" 2>/dev/null) || true
    code=$(printf "%s" "$body" | tail -n1)
    status=$(printf "%s" "$body" | head -c 200 | grep -o "\"status\":\"[A-Z_]*\"" | head -n1 | cut -d\" -f4)
    echo "${code:-000} ${status:-none}" >>"$3"
  ' _ {} "http://127.0.0.1:$BASE_PORT" "$out"
}

report() { # label results-file seconds
  local label="$1" res="$2" secs="$3" answered lost
  echo "== $label"
  echo "requests sent:     $SENT ($(grep -c scan- "$LOAD") of them scans)"
  echo "answered by HTTP status / body status:"
  sort "$res" | uniq -c | sed 's/^/  /'
  lost=$(awk '$1 == "000" || $1 == "502" || $1 == "504" || $2 == "none"' "$res" | wc -l)
  answered=$(( $(wc -l <"$res") - lost ))
  echo "answered:          $answered"
  echo "lost:              $lost"
  echo "answered per replica (last upstream tried, from nginx's access log):"
  awk -F'"' '{ n = split($2, a, ", "); print a[n] }' "$TMP/nginx/access.log.$label" | sort | uniq -c | sed 's/^/  /'
  echo "retries:           $(awk -F'"' '$2 ~ /,/' "$TMP/nginx/access.log.$label" | wc -l) requests went to more than one replica"
  echo "$secs" >"$TMP/secs.$label"
  echo "wall time:         ${secs} s; throughput $(awk -v n="$SENT" -v s="$secs" 'BEGIN { printf "%.2f", n / s }') requests/s"
}

run_phase() { # label replicas kill?
  local label="$1" n="$2" kill="$3" t0 t1 i
  for ((i = 0; i < n; i++)); do start_replica "$i"; done
  start_nginx "$n"
  : >"$TMP/nginx/access.log"
  local killer=""
  if [ "$kill" = yes ]; then
    (
      # Killed by progress, not by the clock: a third of the way through, requests are in
      # flight on every replica.
      while [ "$(wc -l <"$TMP/results.$label" 2>/dev/null || echo 0)" -lt "$KILL_AT" ]; do sleep 0.05; done
      victim=$((n - 1))
      echo "  [after $KILL_AT answers] SIGKILL replica $victim (pid ${PIDS[$victim]})"
      kill -9 "${PIDS[$victim]}"
      sleep 2
      port=$((BASE_PORT + 1 + victim))
      "$BIN" serve --addr "127.0.0.1:$port" --workers "$WORKERS" >>"$TMP/replica$victim.log" 2>&1 &
      echo "$!" >"$TMP/restarted.pid"
      for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
      echo "  replica $victim restarted and healthy again"
    ) &
    killer=$!
  fi
  : >"$TMP/results.$label"
  t0=$(date +%s.%N)
  send_load "$TMP/results.$label"
  t1=$(date +%s.%N)
  [ -n "$killer" ] && wait "$killer"
  # The restarted replica is ours to stop too.
  [ -f "$TMP/restarted.pid" ] && PIDS[99]=$(cat "$TMP/restarted.pid") && rm -f "$TMP/restarted.pid"
  cp "$TMP/nginx/access.log" "$TMP/nginx/access.log.$label"
  stop_all
  report "$label" "$TMP/results.$label" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
}

echo "load: $SENT requests from $CORPUS, $CONCURRENCY at once; $WORKERS worker(s) per replica; $(nproc) CPUs"
run_phase one 1 no
KILL_AT="${KILL_AT:-$((SENT / 3))}"
run_phase three "$REPLICAS" yes
echo "== throughput $REPLICAS replicas / 1 replica (same load; the $REPLICAS-replica run includes the kill):" \
  "$(awk '{ print $1 }' "$TMP/secs.one" | awk -v t="$(cat "$TMP/secs.three")" '{ printf "%.2f", $1 / t }')"
