# shellcheck shell=bash disable=SC2034
# Settings shared by stack.sh, unstack.sh, openrc and bench/startup.py.
#
# Precedence: devstack/local.conf, then the environment, then the defaults
# below. local.conf is plain shell (KEY=value lines); local.conf.sample
# documents every key.

STRATUS_DEVSTACK_DIR=${STRATUS_DEVSTACK_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
STRATUS_REPO_DIR=$(dirname "$STRATUS_DEVSTACK_DIR")
if [[ -f $STRATUS_DEVSTACK_DIR/local.conf ]]; then
    # shellcheck source=/dev/null
    source "$STRATUS_DEVSTACK_DIR/local.conf"
fi

# Where clients reach this node. 127.0.0.1 keeps a single-node cloud on
# loopback; set the machine's address to reach it from elsewhere.
HOST_IP=${HOST_IP:-127.0.0.1}
# The node running stratus-api and RabbitMQ (differs on a compute-only node).
SERVICE_HOST=${SERVICE_HOST:-$HOST_IP}
SERVICE_PORT=${SERVICE_PORT:-80}
REGION_NAME=${REGION_NAME:-RegionOne}
HOST_NAME=${HOST_NAME:-$(uname -n)}

ADMIN_PASSWORD=${ADMIN_PASSWORD:-secret}
DEMO_PASSWORD=${DEMO_PASSWORD:-secret}

RABBIT_HOST=${RABBIT_HOST:-$SERVICE_HOST}
RABBIT_USER=${RABBIT_USER:-stratus}
RABBIT_PASSWORD=${RABBIT_PASSWORD:-secret}

DATA_DIR=${DATA_DIR:-/opt/stack/data/stratus}
LOG_DIR=${LOG_DIR:-/opt/stack/logs}
PID_DIR=${PID_DIR:-$DATA_DIR/pids}
VENV=${VENV:-/opt/stack/venv}
PYTHON=${PYTHON:-/usr/bin/python3}
STRATUS_CONF_DIR=${STRATUS_CONF_DIR:-/etc/stratus}
STRATUS_CONF=$STRATUS_CONF_DIR/stratus.conf

# SQLite suits one host only; several hosts share MariaDB or PostgreSQL
# (mysql+pymysql://... or postgresql://...), see devstack/README.md.
DATABASE_URL=${DATABASE_URL:-sqlite:///$DATA_DIR/stratus.sqlite}

# Volume backends as name:driver pairs (driver lvm or fake), comma
# separated. Each lvm backend gets the volume group stack-volumes-<name> on a
# sparse file of VOLUME_BACKING_FILE_SIZE under DATA_DIR (lib/lvm.sh).
VOLUME_BACKENDS=${VOLUME_BACKENDS:-lvmdriver-1:lvm}
VOLUME_BACKING_FILE_SIZE=${VOLUME_BACKING_FILE_SIZE:-10G}
# How other hosts reach lvm volumes: local (only guests on this host) or
# nbd (qemu-storage-daemon exports on HOST_IP, port 10809 + backend index).
VOLUME_TARGET_PROTOCOL=${VOLUME_TARGET_PROTOCOL:-local}

# What this node runs. rabbit = install and start RabbitMQ here; api implies
# db sync, bootstrap and the catalog/flavor set-up.
ENABLED_SERVICES=${ENABLED_SERVICES:-rabbit,api,conductor,scheduler,compute,volume}
# 1 = a second stratus-compute with host <host>-2 and its own instances
# path (a second hypervisor host for migrate, resize and unshelve).
EXTRA_COMPUTE=${EXTRA_COMPUTE:-0}
# Virt driver of the computes: libvirt (real QEMU/KVM guests) or fake (in
# memory, no guests).
COMPUTE_DRIVER=${COMPUTE_DRIVER:-libvirt}
# libvirt's virt_type: kvm or qemu (software emulation). Empty: kvm where
# kvm_intel or kvm_amd is loaded (and not kvm_pvm), else qemu.
LIBVIRT_TYPE=${LIBVIRT_TYPE:-}
# Where devstack/tools/make-test-image.sh keeps the test guest it builds.
TEST_IMAGE_DIR=${TEST_IMAGE_DIR:-$DATA_DIR/test-image}

DEBUG=${DEBUG:-False}
# Seconds stack.sh waits for every daemon to be up; unstack.sh for them to stop.
SERVICE_TIMEOUT=${SERVICE_TIMEOUT:-60}
STOP_TIMEOUT=${STOP_TIMEOUT:-40}

# The public base URL of every REST surface.
if [[ $SERVICE_PORT == 80 ]]; then
    SERVICE_URL=http://$SERVICE_HOST
else
    SERVICE_URL=http://$SERVICE_HOST:$SERVICE_PORT
fi
