#!/usr/bin/env bash
# stack.sh: a running stratus cloud on this Debian 12 machine (root, no
# systemd needed). Installs what is missing (apt packages, RabbitMQ, a venv
# with stratus and python-openstackclient), writes /etc/stratus/stratus.conf,
# syncs the database, bootstraps identity, starts every daemon with a pid
# file and a log file, waits until all are up, then registers the catalog,
# the demo project and user and the default flavors. Idempotent: on a
# running cloud it starts nothing twice.
#
# Settings: devstack/local.conf (see local.conf.sample). Stop: unstack.sh.
set -o errexit -o nounset -o pipefail

STACK_START=$EPOCHREALTIME
STRATUS_DEVSTACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/settings.sh
source "$STRATUS_DEVSTACK_DIR/lib/settings.sh"
# shellcheck source=lib/functions.sh
source "$STRATUS_DEVSTACK_DIR/lib/functions.sh"
# shellcheck source=lib/packages.sh
source "$STRATUS_DEVSTACK_DIR/lib/packages.sh"
# shellcheck source=lib/rabbitmq.sh
source "$STRATUS_DEVSTACK_DIR/lib/rabbitmq.sh"
# shellcheck source=lib/python.sh
source "$STRATUS_DEVSTACK_DIR/lib/python.sh"
# shellcheck source=lib/lvm.sh
source "$STRATUS_DEVSTACK_DIR/lib/lvm.sh"
# shellcheck source=lib/libvirt.sh
source "$STRATUS_DEVSTACK_DIR/lib/libvirt.sh"
# shellcheck source=lib/stratus_config.sh
source "$STRATUS_DEVSTACK_DIR/lib/stratus_config.sh"
# shellcheck source=lib/database.sh
source "$STRATUS_DEVSTACK_DIR/lib/database.sh"
# shellcheck source=lib/services.sh
source "$STRATUS_DEVSTACK_DIR/lib/services.sh"
# shellcheck source=lib/cloud.sh
source "$STRATUS_DEVSTACK_DIR/lib/cloud.sh"

(( EUID == 0 )) || die "stack.sh must run as root"
take_lock
mkdir -p "$LOG_DIR" "$DATA_DIR" "$PID_DIR"

step "Packages, RabbitMQ and the venv"
mapfile -t _lvm_pkgs < <(lvm_packages)
mapfile -t _libvirt_pkgs < <(libvirt_packages)
apt_update_if_needed "${_lvm_pkgs[@]}" "${_libvirt_pkgs[@]}"
mapfile -t _pkgs < <(python_packages)
install_packages "${_pkgs[@]}" "${_lvm_pkgs[@]}" "${_libvirt_pkgs[@]}"
# The test guest (kernel, ramdisk, disk) is built once while pip works.
if [[ ${#_libvirt_pkgs[@]} -gt 0 ]] && is_service_enabled api; then
    "$STRATUS_DEVSTACK_DIR/tools/make-test-image.sh" "$TEST_IMAGE_DIR" \
        >"$LOG_DIR/stack-test-image.log" 2>&1 9>&- &
    test_image_job=$!
fi
# RabbitMQ (install, start, user) runs while pip works. 9>&-: a broker
# started by it (or by the package's init script) must not hold our lock.
setup_rabbitmq 9>&- &
rabbit_job=$!
VENV_STAMP_BEFORE=$(cat "$STAMP_FILE" 2>/dev/null || true)
install_stratus
VENV_CHANGED=0
[[ $(cat "$STAMP_FILE") == "$VENV_STAMP_BEFORE" ]] || VENV_CHANGED=1

if [[ -n $(lvm_backends) ]]; then
    step "LVM volume groups"
    setup_lvm
fi

if [[ ${#_libvirt_pkgs[@]} -gt 0 ]]; then
    step "libvirt ($(libvirt_detect_virt_type))"
    libvirt_ensure_running
fi

step "Configuration"
write_stratus_conf

step "Daemons"
mapfile -t daemons < <(stratus_daemons)
to_start=()
for name in "${daemons[@]}"; do
    if pid=$(running_pid "$name"); then
        say "    $name: already running (pid $pid)"
    else
        rm -f "$(pid_file "$name")"
        to_start+=("$name")
    fi
done
if (( ${#to_start[@]} < ${#daemons[@]} )) && (( VENV_CHANGED || CONFIG_CHANGED )); then
    warn "the code or configuration changed, but running daemons keep the old one: restart them with unstack.sh then stack.sh"
fi

if (( ${#to_start[@]} > 0 )) && is_service_enabled api; then
    step "Database"
    db_sync
fi
wait "$rabbit_job" || die "RabbitMQ set-up failed (see above)"

if (( ${#to_start[@]} > 0 )); then
    step "Starting ${to_start[*]}"
    # Computes register through the conductor: a report sent before the
    # conductor's queue exists (first start on a broker) is lost and costs
    # a 4 s RPC timeout, so computes start once the conductor is up.
    deferred=()
    for name in "${to_start[@]}"; do
        if [[ $name == stratus-compute* && " ${to_start[*]} " == *" stratus-conductor "* ]]; then
            deferred+=("$name")
        else
            start_daemon "$name"
        fi
    done
    # The admin identity is written while the daemons start.
    bootstrap_out=$(mktemp)
    if is_service_enabled api; then
        identity_bootstrap >"$bootstrap_out" 2>&1 &
        bootstrap_job=$!
    fi
    if (( ${#deferred[@]} > 0 )); then
        wait_for_daemons stratus-conductor
        for name in "${deferred[@]}"; do
            start_daemon "$name"
        done
    fi
    wait_for_daemons "${to_start[@]}"
    if is_service_enabled api; then
        bootstrap_status=0
        wait "$bootstrap_job" || bootstrap_status=$?
        cat "$bootstrap_out"
        rm -f "$bootstrap_out"
        (( bootstrap_status == 0 )) || exit 1
    fi
fi

step "Service records"
if ! is_service_enabled api && [[ $DATABASE_URL == sqlite* ]]; then
    say "    not checked: this node has no API and its SQLite database is its own; run 'stratus-manage service list' on the controller"
else
    check_service_list
fi

if is_service_enabled api; then
    step "Catalog, demo project and user, flavors"
    cloud_args=()
    if [[ -n ${test_image_job:-} ]]; then
        wait "$test_image_job" || die "make-test-image.sh failed; see $LOG_DIR/stack-test-image.log"
        say "    $(tail -n 1 "$LOG_DIR/stack-test-image.log")"
        cloud_args=(--test-image "$TEST_IMAGE_DIR")
    fi
    if (( ${#to_start[@]} > 0 )); then
        bootstrap_cloud "${cloud_args[@]}"
    else
        bootstrap_cloud --quiet "${cloud_args[@]}"
    fi
fi

if (( ${#to_start[@]} == 0 && ! VENV_CHANGED && ! CONFIG_CHANGED && ! CLOUD_CHANGED )); then
    say ""
    say "stratus is already running; nothing to do ($(elapsed_since "$STACK_START") s)"
    exit 0
fi
is_service_enabled api && print_usage
say ""
say "stack.sh finished in $(elapsed_since "$STACK_START") s: ${#daemons[@]} stratus daemons running on $HOST_NAME"
