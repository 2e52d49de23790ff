#!/usr/bin/env bash
# Builds the zhengxin image with podman, offline where the machine allows (`make container`;
# `make container-cuda` passes --cuda). Needs root, podman and debootstrap.
#
# - Base image (fetch and runtime stages): Debian 12 minbase made here by debootstrap and
#   `podman import`ed as $CONTAINER_BASE, once.
# - Build stage: without RUST_IMAGE, a second debootstrapped image with gcc and libc6-dev
#   ($CONTAINER_BUILDER), with this machine's Rust toolchain (rustup's active one) and cargo
#   registry mounted read-only: cargo builds --offline; target/container-cargo keeps its
#   output between builds. With RUST_IMAGE (e.g. docker.io/library/rust:1.92-slim-bookworm from
#   a registry) that image's cargo builds and fetches the crates itself.
# - Models and libraries: $ZHENGXIN_HOME's verified downloads (third_party/, models/) are
#   mounted at /prefetch; download_models.sh in the image re-checks every sha256 and fetches
#   only what is missing (PREFETCH=0: fetch everything inside the image). The host's CA bundle
#   goes along for pip (HOST_CA_BUNDLE).
# Prints the build time and the image size.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CUDA=0
for arg in "$@"; do
  case "$arg" in
    --cuda) CUDA=1 ;;
    *) echo "container.sh: unknown argument '$arg' (only --cuda)" >&2; exit 2 ;;
  esac
done
for tool in podman debootstrap; do
  command -v "$tool" >/dev/null || { echo "container.sh: $tool missing (apt-get install podman debootstrap runc)" >&2; exit 1; }
done
CONTAINER_BASE="${CONTAINER_BASE:-localhost/debian-bookworm:slim}"
CONTAINER_BUILDER="${CONTAINER_BUILDER:-localhost/debian-bookworm:build}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if [ "$CUDA" = 1 ]; then
  FILE=deploy/Containerfile.cuda; TAG="${IMAGE:-zhengxin-cuda:latest}"
else
  FILE=deploy/Containerfile; TAG="${IMAGE:-zhengxin:latest}"
fi

# debootstrap IMAGE [--include=…]: a Debian 12 minbase image, made once, trimmed as Debian's
# own -slim images are: no package lists or caches, and dpkg told to skip documentation, manual
# pages and translations in later installs too.
debootstrap_image() {
  local image="$1"; shift
  podman image exists "$image" && return
  local dir; dir="$(mktemp -d "$ROOT/target/rootfs.XXXXXX")"
  echo "container.sh: debootstrap $image …"
  debootstrap --variant=minbase "$@" bookworm "$dir" "$MIRROR" >"$dir.log" 2>&1 || {
    tail -20 "$dir.log" >&2; rm -rf "$dir"; exit 1; }
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/locale/*' 'path-exclude /usr/share/info/*' \
    >"$dir/etc/dpkg/dpkg.cfg.d/docker-slim"
  printf '%s\n' 'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };' \
    'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };' \
    >"$dir/etc/apt/apt.conf.d/docker-clean"
  find "$dir/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb \
    "$dir"/usr/share/man/* "$dir"/usr/share/locale/* "$dir"/usr/share/info/*
  tar -C "$dir" -c . | podman import - "$image" >/dev/null
  rm -rf "$dir" "$dir.log"
}
mkdir -p target
debootstrap_image "$CONTAINER_BASE"
BASE_IMAGE="$CONTAINER_BASE"
# shellcheck source=scripts/podman_env.sh
source "$ROOT/scripts/podman_env.sh"

ARGS=(--build-arg "BASE=$CONTAINER_BASE" $PODMAN_LIMITS)
if [ -n "${RUST_IMAGE:-}" ]; then
  ARGS+=(--build-arg "RUST_IMAGE=$RUST_IMAGE")
else
  debootstrap_image "$CONTAINER_BUILDER" --include=gcc,libc6-dev,ca-certificates
  toolchain="$(rustc --print sysroot)"
  registry="${CARGO_HOME:-$HOME/.cargo}/registry"
  [ -x "$toolchain/bin/cargo" ] || { echo "container.sh: no cargo in $toolchain (set RUST_IMAGE instead)" >&2; exit 1; }
  mkdir -p target/container-cargo
  ARGS+=(--build-arg "RUST_IMAGE=$CONTAINER_BUILDER"
    --volume "$toolchain:/opt/host-rust:ro" --volume "$registry:/opt/host-cargo/registry:ro"
    --volume "$ROOT/target/container-cargo:/src/target")
  echo "container.sh: offline build with $("$toolchain/bin/rustc" --version)"
fi
# The CA bundle this machine's pip trusts, for pip inside the build (a TLS-inspecting proxy's CA
# is in the host's bundle, not in the image's); HOST_CA_BUNDLE= (empty) mounts none.
ca="${HOST_CA_BUNDLE-${PIP_CERT:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}}"
if [ -n "$ca" ] && [ -f "$ca" ]; then
  ARGS+=(--volume "$ca:/prefetch/ca-certificates.crt:ro")
fi
if [ "${PREFETCH:-1}" = 1 ]; then
  home="${ZHENGXIN_HOME:-$ROOT}"
  if [ -d "$home/third_party" ]; then
    ARGS+=(--volume "$home/third_party:/prefetch/third_party:ro")
  fi
  if [ -d "$home/models" ]; then
    ARGS+=(--volume "$home/models:/prefetch/models:ro")
  fi
fi
start=$(date +%s)
# shellcheck disable=SC2086 # PODMAN_FLAGS holds separate options
# Docker format: the OCI image format has no HEALTHCHECK.
podman $PODMAN_FLAGS build --format docker -f "$FILE" "${ARGS[@]}" -t "$TAG" .
secs=$(( $(date +%s) - start ))
size=$(podman image inspect "$TAG" --format '{{.Size}}')
echo "container.sh: built $TAG in ${secs} s; image size $((size / 1000000)) MB"
