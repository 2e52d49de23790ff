#!/usr/bin/env bash
# Installs what the generator's chromium route (`zhengxin-lab gen-corpus --route chromium`) prints
# with: Debian 12's chromium and the CJK/Latin fonts its per-report styles pick from. Only what
# is missing; needs root (apt-get). Without root a missing package is reported, not fatal: only
# the chromium route needs them. Called by scripts/download_models.sh.
set -euo pipefail

PKGS=(chromium fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-uming fonts-liberation fonts-urw-base35)

installed() { # package
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

if ! command -v dpkg-query >/dev/null; then
  if command -v chromium >/dev/null; then echo "ok       chromium (not a Debian system: fonts not checked)"; exit 0; fi
  echo "install_chromium.sh: not a Debian system and no chromium on PATH; the chromium corpus route will not run" >&2
  exit 0
fi

MISSING=()
for p in "${PKGS[@]}"; do installed "$p" || MISSING+=("$p"); done
if [ ${#MISSING[@]} -eq 0 ]; then
  echo "ok       chromium + fonts ($(chromium --version 2>/dev/null | head -1))"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install_chromium.sh: missing ${MISSING[*]}; as root run: apt-get install -y ${MISSING[*]}" >&2
  echo "  (only 'zhengxin-lab gen-corpus --route chromium' and the chromium sets of make corpus/eval need them)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >/dev/null 2>&1 || {
  apt-get update -qq >/dev/null 2>&1
  apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >/dev/null || {
    echo "install_chromium.sh: apt-get could not install ${MISSING[*]}" >&2; exit 1; }
}
fc-cache -f >/dev/null 2>&1 || true
echo "fetched  ${MISSING[*]}  (debian)"
