#!/usr/bin/env bash
# Puts Debian's Prometheus server and promtool (package `prometheus`, static Go binaries) under
# target/prometheus/bin without installing the package (no service, no postinst), for the test
# that lets a real Prometheus scrape `GET /metrics` (tests/metrics_prometheus.rs). Idempotent;
# prints the folder. Needs apt-get and dpkg-deb (Debian).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/target/prometheus"
if [ -x "$DEST/bin/prometheus" ] && [ -x "$DEST/bin/promtool" ]; then
  echo "$DEST/bin"; exit 0
fi
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
  { echo "fetch_prometheus.sh: apt-get and dpkg-deb are needed (Debian)" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# The version the test was written against first; the current one when the mirror has moved on.
download() {
  (cd "$TMP" && { apt-get download -q prometheus=2.42.0+ds-5+deb12u1 2>/dev/null || apt-get download -q prometheus; }) >&2
}
# Stale package lists (a fresh machine): refresh them once, as install_chromium.sh does.
download || { apt-get update -qq >/dev/null 2>&1; download; } ||
  { echo "fetch_prometheus.sh: apt-get download prometheus failed (as root: apt-get update)" >&2; exit 1; }
dpkg-deb -x "$TMP"/prometheus_*.deb "$TMP/x"
mkdir -p "$DEST/bin"
cp "$TMP/x/usr/bin/prometheus" "$TMP/x/usr/bin/promtool" "$DEST/bin/"
echo "$DEST/bin"
