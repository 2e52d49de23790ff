#!/usr/bin/env bash
# Runs the built image the way the Kubernetes manifests do and checks it (`make container-check`,
# after `make container`): read-only root file system with a tmpfs /tmp, published on loopback
# only. Waits for /readyz, then checks: the server runs as a non-root user; the root file system
# is read-only; a text report is answered OK with exactly the golden `result`; a non-PDF is
# answered 400 PARAMETER_ERROR; /openapi.json and /metrics answer (with a stage series); the
# image's HEALTHCHECK passes; SIGTERM (podman stop) ends it cleanly. Prints the figures.
# Needs root and podman. IMAGE (default zhengxin:latest) picks the image.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
IMAGE="${IMAGE:-zhengxin:latest}"
READY_SECS="${READY_SECS:-240}"
REPORT="tests/fixtures/golden/chr_s2026_004.pdf"
GOLDEN="tests/fixtures/golden/chr_s2026_004.result.json"
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
podman $PODMAN_FLAGS run -d --name "$NAME" $PODMAN_LIMITS --read-only --tmpfs /tmp:rw,size=512m,mode=1777 \
  -p "127.0.0.1:$PORT:8080" -e ZHENGXIN_WORKERS=1 "$IMAGE" >/dev/null
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

t0=$(date +%s.%N)
code=$(curl -sS -o "$TMP/ok.json" -w '%{http_code}' -F "image_file=@$REPORT;type=application/pdf" "$URL/api/credit_report_v2")
report_secs=$(python3 -c "import time; print(f'{time.time() - $t0:.2f}')")
if [ "$code" = 200 ] && python3 - "$TMP/ok.json" "$GOLDEN" <<'PY'
import json, sys
body = json.load(open(sys.argv[1], encoding="utf-8"))
golden = json.load(open(sys.argv[2], encoding="utf-8"))
sys.exit(0 if body.get("status") == "OK" and body.get("result") == golden else 1)
PY
then ok "text report: 200 OK, result equals $GOLDEN (${report_secs} s)"
else bad "text report: HTTP $code, body $(head -c 200 "$TMP/ok.json")"; fi

head -c 4096 /dev/urandom > "$TMP/not.pdf"
code=$(curl -sS -o "$TMP/bad.json" -w '%{http_code}' -F "image_file=@$TMP/not.pdf" "$URL/api/credit_report_v2")
if [ "$code" = 400 ] && grep -q '"status":"PARAMETER_ERROR"' "$TMP/bad.json"; then ok "non-PDF: 400 PARAMETER_ERROR"
else bad "non-PDF: HTTP $code, body $(head -c 200 "$TMP/bad.json")"; fi

code=$(curl -sS -o "$TMP/openapi.json" -w '%{http_code}' "$URL/openapi.json")
if [ "$code" = 200 ] && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d['openapi'] != '3.1.0')" "$TMP/openapi.json"; then
  ok "/openapi.json: 200, OpenAPI 3.1.0"
else bad "/openapi.json: HTTP $code"; fi
if curl -fsS "$URL/metrics" | grep -q '^zhengxin_stage_seconds_count{stage="parse"} 1'; then
  ok "/metrics: zhengxin_stage_seconds counted the parse"
else bad "/metrics: no zhengxin_stage_seconds{stage=\"parse\"} series"; fi

if podman healthcheck run "$NAME" >/dev/null 2>&1; then ok "image HEALTHCHECK passes"
else bad "image HEALTHCHECK failed (or the image has none: build with --format docker)"; fi

t0=$(date +%s.%N)
podman $PODMAN_FLAGS stop -t 30 "$NAME" >/dev/null
stop_secs=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
exit_code="$(podman inspect --format '{{.State.ExitCode}}' "$NAME")"
if [ "$exit_code" = 0 ]; then ok "SIGTERM: exited 0 after ${stop_secs} s"; else bad "SIGTERM: exit code $exit_code after ${stop_secs} s"; fi

size=$(podman image inspect "$IMAGE" --format '{{.Size}}')
echo "image $IMAGE: $((size / 1000000)) MB; ready ${ready_secs} s; text report ${report_secs} s; stop ${stop_secs} s"
if [ "$fails" -gt 0 ]; then echo "container_check.sh: $fails check(s) failed"; exit 1; fi
echo "container_check.sh: all checks passed"
