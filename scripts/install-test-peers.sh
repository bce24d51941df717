#!/usr/bin/env bash
# Installs the peers the test suite runs against when they are missing: Debian's prometheus
# (2.42, with promtool) is the real remote_write client and the PromQL oracle.
# Idempotent and quiet: prints one version line when everything is already there.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

if ! have prometheus || ! have promtool; then
    echo "install-test-peers: installing prometheus" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive

    # The package's postinst starts a service (systemd or init.d) that would hold :9090. Tests
    # use their own instances on free loopback ports, so keep the service from starting at all:
    # a policy-rc.d that refuses every start, only while we install, only if none exists.
    POLICY=/usr/sbin/policy-rc.d
    own_policy=0
    if [ ! -e "$POLICY" ]; then
        printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
        $SUDO chmod 755 "$POLICY"
        own_policy=1
    fi
    cleanup() { if [ "$own_policy" -eq 1 ]; then $SUDO rm -f "$POLICY"; fi; }
    trap cleanup EXIT

    $SUDO apt-get update -qq >/dev/null
    $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null

    # Where systemd does run, policy-rc.d may be bypassed: stop and disable the unit by name
    # (never by process name: other Prometheus processes on this machine are not ours).
    if have systemctl && [ -d /run/systemd/system ]; then
        $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
    elif [ -x /etc/init.d/prometheus ]; then
        $SUDO /etc/init.d/prometheus stop >/dev/null 2>&1 || true
    fi
fi
prometheus --version 2>&1 | head -1 >&2
