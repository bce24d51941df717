#!/usr/bin/env bash
# Installs the peers the test suite runs against when they are missing: Debian's prometheus
# (2.42, with promtool) is the real remote_write client and the PromQL oracle.
set -euo pipefail

need=()
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)

if [ "${#need[@]}" -gt 0 ]; then
    echo "install-test-peers: installing ${need[*]}" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >&2
    $SUDO apt-get install -y -qq --no-install-recommends prometheus >&2
    # The package starts a service where systemd runs; the tests start their own instances.
    $SUDO systemctl stop prometheus >/dev/null 2>&1 || true
    pkill -x prometheus >/dev/null 2>&1 || true
fi
prometheus --version 2>&1 | head -1 >&2
