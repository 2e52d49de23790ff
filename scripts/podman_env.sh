#!/usr/bin/env bash
# Sourced by scripts/container.sh and scripts/container_check.sh: sets PODMAN_FLAGS, the global
# podman options this machine needs to run a container at all. Podman's defaults (crun, and
# rlimits raised to nofile=1048576 and a high nproc) fail where the process lacks
# CAP_SYS_RESOURCE or runs on a hybrid cgroup v1/v2 host ("crun: cgroups in hybrid mode not
# supported"): there runc, when installed, and rlimits at or below the caller's own are used.
# PODMAN_FLAGS set by the caller wins. Needs BASE_IMAGE (any image with /bin/true).
if [ -z "${PODMAN_FLAGS+x}" ]; then
  PODMAN_FLAGS=""
  if ! podman run --rm --entrypoint /bin/true "$BASE_IMAGE" >/dev/null 2>&1; then
    nofile=$(ulimit -Hn); nproc=$(ulimit -Hu)
    [ "$nofile" = unlimited ] && nofile=1048576
    [ "$nproc" = unlimited ] && nproc=1048576
    # The caller's own limits, then lower process limits: some sandboxes refuse an RLIMIT_NPROC
    # even at the caller's hard limit (one here accepts 32768 of a hard 96362).
    for runtime in "" runc; do
      n=$nproc
      while [ "$n" -ge 4096 ]; do
        limits="--ulimit nofile=$nofile:$nofile --ulimit nproc=$n:$n"
        if podman ${runtime:+--runtime $runtime} run --rm $limits --entrypoint /bin/true "$BASE_IMAGE" >/dev/null 2>&1; then
          PODMAN_FLAGS="${runtime:+--runtime $runtime}"; PODMAN_LIMITS="$limits"; break 2
        fi
        n=$((n / 2))
      done
    done
    if [ -z "${PODMAN_LIMITS:-}" ]; then
      echo "podman cannot run a container here; what it says:" >&2
      podman run --rm --entrypoint /bin/true "$BASE_IMAGE" >&2 || true
      exit 1
    fi
  fi
fi
PODMAN_LIMITS="${PODMAN_LIMITS:-}"
export PODMAN_FLAGS PODMAN_LIMITS
