#!/usr/bin/env bash
# unstack.sh: stop exactly the daemons stack.sh started (by their pid files:
# SIGTERM, then SIGKILL of the process group after STOP_TIMEOUT seconds).
#
#   unstack.sh           stop; keep data, configuration, venv, logs and the
#                        guests (libvirtd stops if stack.sh started it)
#   unstack.sh --clean   also remove this node's guests, the lvm backends'
#                        volume groups (and their loop devices and backing
#                        files), DATA_DIR, /etc/stratus, the venv, the
#                        stratus logs and the RabbitMQ user, so the next
#                        stack.sh installs from scratch
#
# RabbitMQ itself keeps running in both cases: it may serve other programs
# and starting it is the slowest part of stack.sh. Stop it with
# 'rabbitmqctl shutdown' if you want it gone.
set -o errexit -o nounset -o pipefail

STRATUS_DEVSTACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/settings.sh
source "$STRATUS_DEVSTACK_DIR/lib/settings.sh"
# shellcheck source=lib/functions.sh
source "$STRATUS_DEVSTACK_DIR/lib/functions.sh"
# shellcheck source=lib/rabbitmq.sh
source "$STRATUS_DEVSTACK_DIR/lib/rabbitmq.sh"
# shellcheck source=lib/services.sh
source "$STRATUS_DEVSTACK_DIR/lib/services.sh"
# shellcheck source=lib/lvm.sh
source "$STRATUS_DEVSTACK_DIR/lib/lvm.sh"
# shellcheck source=lib/libvirt.sh
source "$STRATUS_DEVSTACK_DIR/lib/libvirt.sh"

CLEAN=0
for arg in "$@"; do
    case $arg in
        --clean) CLEAN=1 ;;
        -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
        *) die "unknown argument $arg (try --help)" ;;
    esac
done
(( EUID == 0 )) || die "unstack.sh must run as root"
take_lock

step "Stopping stratus"
if compgen -G "$PID_DIR/*.pid" >/dev/null; then
    stop_daemons
else
    say "    nothing running (no pid files in $PID_DIR)"
fi

# Guests outlive their compute (they run again when it starts); --clean
# removes those of this node's computes (by the owner in their metadata).
if command -v virsh >/dev/null; then
    if (( CLEAN )); then
        step "Removing the guests of $HOST_NAME and $HOST_NAME-2"
        libvirt_remove_guests_of "$HOST_NAME" "$HOST_NAME-2"
    fi
    libvirt_stop_if_ours
fi

if (( CLEAN )); then
    step "Removing volume groups, data, configuration, venv and logs"
    clean_lvm
    rm -rf "$DATA_DIR" "$STRATUS_CONF_DIR" "$VENV"
    rm -f "$LOG_DIR"/stratus-*.log "$LOG_DIR"/stack-*.log
    say "    removed $DATA_DIR $STRATUS_CONF_DIR $VENV $LOG_DIR/{stratus,stack}-*.log"
    delete_rabbit_user
fi
