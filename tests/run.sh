#!/usr/bin/env bash
# The one test command: installs what the tests need (Debian packages,
# a virtualenv with stratus and its pinned dependencies) and runs every
# tier: tests/unit, tests/functional (real daemons, real RabbitMQ, the real
# openstack CLI), tests/hostile (malformed requests over every route),
# tests/faults (kill -9, broker restart, lock storms) and tests/e2e.
#   tests/run.sh                 everything
#   tests/run.sh tests/unit -k x extra pytest arguments replace the tiers
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
VENV=${STRATUS_TEST_VENV:-/opt/stratus/test-venv}
started=$(date +%s)
log() { printf '[tests/run.sh %3ss] %s\n' $(( $(date +%s) - started )) "$*"; }

# --- Debian packages ---------------------------------------------------------
need=()
command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ] \
    || need+=(rabbitmq-server)
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
# libvirt-python builds against libvirt-dev; e2e runs guests under QEMU.
for pkg in libvirt-dev pkg-config gcc python3-dev libvirt-daemon-system \
        libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 tini; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^ii' \
        || need+=("$pkg")
done
command -v lvcreate >/dev/null 2>&1 || [ -x /usr/sbin/lvcreate ] || need+=(lvm2)
command -v qemu-img >/dev/null 2>&1 || need+=(qemu-utils)
command -v qemu-storage-daemon >/dev/null 2>&1 || need+=(qemu-system-common)
if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- RabbitMQ (no systemd here: start it detached) ---------------------------
. "$REPO/devstack/lib/rabbitmq.sh"
rabbitmq_ensure_running
log "rabbitmq is up"

# --- libvirtd and virtlogd (no systemd: started by hand, under tini) -----------
LIBVIRT_PID_FILE=/run/stratus-tests-libvirtd.pid
. "$REPO/devstack/lib/libvirt.sh"
libvirt_ensure_running
log "libvirtd is up"

# --- Python ------------------------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV"
    python3 -m venv "$VENV"
fi
log "installing stratus and test requirements"
"$VENV/bin/pip" install -q -c "$REPO/constraints.txt" "$REPO[test]" \
    2> >(grep -v "WARNING: Location" >&2)

# --- keystone's published response schemas (identity tests) ------------------
# keystone itself cannot join the test venv (its dependencies clash with our
# constraints): it gets a side venv, used only to dump its response schemas
# (tests/support/dump_keystone_schemas.py). Without the network the tests
# that need it skip.
KEYSTONE_VENV=${STRATUS_KEYSTONE_VENV:-/opt/stratus/keystone-schemas-venv}
KEYSTONE_VERSION=30.0.0
if ! "$KEYSTONE_VENV/bin/python" -c "import importlib.metadata as m, sys; \
        sys.exit(m.version('keystone') != '$KEYSTONE_VERSION')" 2>/dev/null
then
    log "installing keystone $KEYSTONE_VERSION into $KEYSTONE_VENV"
    { [ -x "$KEYSTONE_VENV/bin/python" ] || python3 -m venv "$KEYSTONE_VENV"; } \
        && "$KEYSTONE_VENV/bin/pip" install -q "keystone==$KEYSTONE_VERSION" \
            2> >(grep -v "WARNING: Location" >&2) \
        || log "keystone $KEYSTONE_VERSION unavailable: schema checks skip"
fi
export STRATUS_KEYSTONE_VENV=$KEYSTONE_VENV

# --- run ---------------------------------------------------------------------
cd "$REPO"
if [ $# -gt 0 ]; then
    tiers=("$@")
else
    tiers=(tests/unit tests/functional tests/hostile tests/faults)
    [ -d tests/e2e ] && [ -n "$(ls tests/e2e/test_*.py 2>/dev/null)" ] \
        && tiers+=(tests/e2e)
fi
log "running ${tiers[*]}"
rc=0
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "${tiers[@]}" || rc=$?
log "done (exit $rc)"
exit $rc
