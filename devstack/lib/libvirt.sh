# shellcheck shell=bash
# libvirt and QEMU without systemd: the packages, virtlogd and libvirtd
# started by hand (libvirtd under tini, a subreaper: where PID 1 reaps
# orphans slowly, each qemu that exits otherwise costs destroy() 1.2-2 s),
# the virt type (kvm only with real hardware virtualisation), and the
# clean-up of the guests this node's computes own.
# Also sourced on its own: tests/run.sh calls libvirt_ensure_running.

if ! declare -F say >/dev/null; then
    # shellcheck source=lib/functions.sh
    source "$(dirname "${BASH_SOURCE[0]}")/functions.sh"
fi

# What the driver needs at run time (lib/packages.sh installs what pip
# needs to build libvirt-python everywhere).
LIBVIRT_RUNTIME_PACKAGES=(libvirt-daemon-system libvirt-daemon-driver-qemu
                          libvirt-clients qemu-system-x86 qemu-utils tini)
LIBVIRT_URI=qemu:///system
# Namespace of the owner element in each guest's <metadata>
# (compute/virt/libvirt/xml.py).
LIBVIRT_METADATA_NS=urn:stratus:libvirt:instance:1
# tini's pid when this node started libvirtd (unstack stops only that one);
# not in PID_DIR, whose files name stratus daemons.
LIBVIRT_PID_FILE=${LIBVIRT_PID_FILE:-${DATA_DIR:-/opt/stack/data/stratus}/libvirtd-tini.pid}

# QEMU, libvirtd and tini where a compute runs the libvirt driver.
libvirt_packages() {
    if is_service_enabled compute && [[ $COMPUTE_DRIVER == libvirt ]]; then
        printf '%s\n' "${LIBVIRT_RUNTIME_PACKAGES[@]}"
    fi
    return 0
}

# kvm where the CPU virtualises (kvm_intel or kvm_amd loaded); qemu (TCG)
# otherwise. /dev/kvm alone proves nothing: kvm_pvm provides one that
# cannot run an ordinary guest, and libvirt still advertises kvm there.
libvirt_detect_virt_type() {
    if [[ -n ${LIBVIRT_TYPE:-} ]]; then
        printf '%s\n' "$LIBVIRT_TYPE"
    elif [[ -e /dev/kvm && ! -d /sys/module/kvm_pvm ]] \
            && [[ -d /sys/module/kvm_intel || -d /sys/module/kvm_amd ]]; then
        printf 'kvm\n'
    else
        printf 'qemu\n'
    fi
}

libvirt_answers() {
    timeout 10 virsh -c "$LIBVIRT_URI" version >/dev/null 2>&1
}

# Without udev nobody gives /dev/kvm to group kvm (udev's rule: 0660
# root:kvm). libvirt then finds kvm unusable for qemu's user each time it
# checks its cached QEMU capabilities, throws them away and probes QEMU
# again: 0.6 s more on every guest start.
libvirt_fix_kvm_device() {
    [[ -c /dev/kvm ]] || return 0
    getent group kvm >/dev/null || return 0
    if [[ $(stat -c '%G %a' /dev/kvm) != "kvm 660" ]]; then
        chgrp kvm /dev/kvm && chmod 0660 /dev/kvm \
            && say "    libvirt: /dev/kvm given to group kvm (as udev would)"
    fi
}

libvirt_start_virtlogd() {
    local pid
    # (virtlogd writes its pid file without a newline: no `read`.)
    pid=$(cat /run/virtlogd.pid 2>/dev/null) || pid=
    if [[ -S /run/libvirt/virtlogd-sock && $pid =~ ^[0-9]+$ && -d /proc/$pid ]]; then
        return 0
    fi
    # 9>&-: the daemon must not hold stack.sh's lock.
    virtlogd -d 9>&- || die "virtlogd -d failed"
    say "    libvirt: virtlogd started"
}

# Start virtlogd and libvirtd unless libvirtd answers already.
libvirt_ensure_running() {
    local log=${LOG_DIR:-/opt/stack/logs}/libvirtd.log start=$EPOCHREALTIME deadline
    libvirt_fix_kvm_device
    libvirt_start_virtlogd
    if libvirt_answers; then
        say "    libvirt: libvirtd running"
        return 0
    fi
    command -v libvirtd >/dev/null || die "libvirtd is not installed"
    mkdir -p "$(dirname "$log")" "$(dirname "$LIBVIRT_PID_FILE")"
    # In the foreground under tini -s: tini reaps each qemu libvirtd
    # leaves behind at once.
    setsid tini -s -- libvirtd >>"$log" 2>&1 </dev/null 9>&- &
    printf '%s\n' "$!" > "$LIBVIRT_PID_FILE"
    deadline=$((SECONDS + 30))
    until libvirt_answers; do
        (( SECONDS < deadline )) || die "libvirtd does not answer after 30 s; see $log"
        sleep 0.2
    done
    say "    libvirt: libvirtd started in $(elapsed_since "$start") s (under tini, pid $(< "$LIBVIRT_PID_FILE"))"
}

# Stop libvirtd if this node's stack.sh started it (guests keep running:
# qemu does not need libvirtd, which finds them again when it starts).
libvirt_stop_if_ours() {
    local pid deadline
    [[ -f $LIBVIRT_PID_FILE ]] || return 0
    read -r pid < "$LIBVIRT_PID_FILE" || pid=
    rm -f "$LIBVIRT_PID_FILE"
    [[ $pid =~ ^[0-9]+$ ]] && grep -qa tini "/proc/$pid/cmdline" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    deadline=$((SECONDS + 20))
    while [[ -d /proc/$pid ]] && (( SECONDS < deadline )); do
        sleep 0.1
    done
    say "    libvirt: libvirtd stopped"
}

# The owning stratus host of domain $1 (from its <metadata>), or nothing.
libvirt_owner() {
    virsh -c "$LIBVIRT_URI" -q metadata "$1" --uri "$LIBVIRT_METADATA_NS" 2>/dev/null \
        | grep -o -m1 'owner host="[^"]*"' | cut -d'"' -f2
}

# Destroy and undefine every guest owned by one of the hosts named.
libvirt_remove_guests_of() {
    local dom owner count=0
    libvirt_answers || return 0
    while read -r dom; do
        [[ -n $dom ]] || continue
        owner=$(libvirt_owner "$dom")
        [[ -n $owner && " $* " == *" $owner "* ]] || continue
        virsh -c "$LIBVIRT_URI" -q destroy "$dom" >/dev/null 2>&1 || true
        virsh -c "$LIBVIRT_URI" -q undefine "$dom" --managed-save >/dev/null 2>&1 \
            || warn "could not undefine $dom"
        count=$((count + 1))
    done < <(virsh -c "$LIBVIRT_URI" list --all --name 2>/dev/null)
    say "    libvirt: removed $count guest(s) of $*"
}
