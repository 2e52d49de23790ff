#!/usr/bin/env bash
# Runs the built image the way the Kubernetes manifests do and checks it (`make container-check`,
# after `make container`): read-only root file system with a tmpfs /tmp, published on loopback
# only. Waits for /readyz, then checks: the server runs as a non-root user; the root file system
# is read-only; a text report is answered OK with exactly the golden `result`; a non-PDF is
# answered 400 PARAMETER_ERROR; a scanned report is read by OCR in the image with exactly its golden
# `result`; /openapi.json and /metrics answer (with a stage series); the
# image's HEALTHCHECK passes; SIGTERM (podman stop) ends it cleanly. Prints the figures.
# Needs root and podman. IMAGE (default zhengxin:latest) picks the image.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
IMAGE="${IMAGE:-zhengxin:latest}"
READY_SECS="${READY_SECS:-240}"
GOLDEN_DIR="tests/fixtures/golden"
TEXT_REPORT="chr_s2026_004"          # text layer
SCAN_REPORT="chr_s77_001.scan-print" # read by OCR
podman image exists "$IMAGE" || { echo "container_check.sh: no image $IMAGE (run 'make container')" >&2; exit 1; }
BASE_IMAGE="$IMAGE"
# shellcheck source=scripts/podman_env.sh
source "$ROOT/scripts/podman_env.sh"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
NAME="zhengxin-check-$$"
TMP="$(mktemp -d)"
fails=0
ok() { echo "ok    $*"; }
bad() { echo "FAIL  $*"; fails=$((fails + 1)); }
cleanup() {
  podman $PODMAN_FLAGS rm -f -t 0 "$NAME" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

start=$(date +%s.%N)
# shellcheck disable=SC2086 # PODMAN_FLAGS / PODMAN_LIMITS hold separate options
# podman's own messages (e.g. that there is no systemd to time the HEALTHCHECK) go to a file,
# shown when something fails.
podman $PODMAN_FLAGS run -d --name "$NAME" $PODMAN_LIMITS --read-only --tmpfs /tmp:rw,size=512m,mode=1777 \
  -p "127.0.0.1:$PORT:8080" -e ZHENGXIN_WORKERS=1 "$IMAGE" >/dev/null 2>>"$TMP/podman.log" || {
  cat "$TMP/podman.log" >&2; exit 1; }
URL="http://127.0.0.1:$PORT"
ready=""
for _ in $(seq 1 $((READY_SECS * 4))); do
  if curl -fsS -o /dev/null "$URL/readyz" 2>/dev/null; then ready=1; break; fi
  if [ "$(podman inspect --format '{{.State.Running}}' "$NAME" 2>/dev/null)" != true ]; then break; fi
  sleep 0.25
done
ready_secs=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
if [ -z "$ready" ]; then
  bad "not ready within ${READY_SECS} s; its log:"
  podman logs --tail 30 "$NAME" >&2 || true
  exit 1
fi
ok "ready after ${ready_secs} s (podman run to /readyz 200)"

uid="$(podman exec "$NAME" awk '/^Uid:/ {print $2}' /proc/1/status)"
if [ -n "$uid" ] && [ "$uid" != 0 ]; then ok "server process runs as uid $uid"; else bad "server process uid '$uid'"; fi
if [ "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$NAME")" = true ] \
   && ! podman exec "$NAME" sh -c 'echo x > /opt/zhengxin/probe' 2>/dev/null \
   && podman exec "$NAME" sh -c 'echo x > /tmp/probe && rm /tmp/probe'; then
  ok "root file system read-only, /tmp writable"
else
  bad "root file system is not read-only (or /tmp is not writable)"
fi

# post NAME: the golden report NAME answered 200 OK with exactly its golden result.
post() {
  local name="$1" t0 code secs
  t0=$(date +%s.%N)
  code=$(curl -sS -o "$TMP/$name.json" -w '%{http_code}' \
    -F "image_file=@$GOLDEN_DIR/$name.pdf;type=application/pdf" "$URL/api/credit_report_v2")
  secs=$(python3 -c "import time; print(f'{time.time() - $t0:.2f}')")
  if [ "$code" = 200 ] && python3 - "$TMP/$name.json" "$GOLDEN_DIR/$name.result.json" <<'PY'
import json, sys
body = json.load(open(sys.argv[1], encoding="utf-8"))
golden = json.load(open(sys.argv[2], encoding="utf-8"))
sys.exit(0 if body.get("status") == "OK" and body.get("result") == golden else 1)
PY
  then ok "$name.pdf: 200 OK, result equals its golden file (${secs} s)"
  else bad "$name.pdf: HTTP $code, body $(head -c 200 "$TMP/$name.json")"; fi
  eval "${2}=$secs"
}
post "$TEXT_REPORT" report_secs
post "$SCAN_REPORT" scan_secs

head -c 4096 /dev/urandom > "$TMP/not.pdf"
code=$(curl -sS -o "$TMP/bad.json" -w '%{http_code}' -F "image_file=@$TMP/not.pdf" "$URL/api/credit_report_v2")
if [ "$code" = 400 ] && grep -q '"status":"PARAMETER_ERROR"' "$TMP/bad.json"; then ok "non-PDF: 400 PARAMETER_ERROR"
else bad "non-PDF: HTTP $code, body $(head -c 200 "$TMP/bad.json")"; fi

code=$(curl -sS -o "$TMP/openapi.json" -w '%{http_code}' "$URL/openapi.json")
if [ "$code" = 200 ] && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d['openapi'] != '3.1.0')" "$TMP/openapi.json"; then
  ok "/openapi.json: 200, OpenAPI 3.1.0"
else bad "/openapi.json: HTTP $code"; fi
metrics="$(curl -fsS "$URL/metrics")"
if grep -q '^zhengxin_stage_seconds_count{stage="parse"} 2' <<<"$metrics" \
   && grep -q '^zhengxin_stage_seconds_count{stage="recognise"} 1' <<<"$metrics"; then
  ok "/metrics: zhengxin_stage_seconds counted both parses and the scan's OCR"
else bad "/metrics: stage series missing: $(grep '^zhengxin_stage_seconds_count' <<<"$metrics" | tr '\n' ' ')"; fi

if podman healthcheck run "$NAME" >/dev/null 2>&1; then ok "image HEALTHCHECK passes"
else bad "image HEALTHCHECK failed (or the image has none: build with --format docker)"; fi

t0=$(date +%s.%N)
podman $PODMAN_FLAGS stop -t 30 "$NAME" >/dev/null 2>>"$TMP/podman.log"
stop_secs=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
exit_code="$(podman inspect --format '{{.State.ExitCode}}' "$NAME")"
if [ "$exit_code" = 0 ]; then ok "SIGTERM: exited 0 after ${stop_secs} s"; else bad "SIGTERM: exit code $exit_code after ${stop_secs} s"; fi

size=$(podman image inspect "$IMAGE" --format '{{.Size}}')
echo "image $IMAGE: $((size / 1000000)) MB; ready ${ready_secs} s; text report ${report_secs} s; scanned report ${scan_secs} s; stop ${stop_secs} s"
if [ "$fails" -gt 0 ]; then
  echo "container_check.sh: $fails check(s) failed; podman said:"; cat "$TMP/podman.log"
  exit 1
fi
echo "container_check.sh: all checks passed"
