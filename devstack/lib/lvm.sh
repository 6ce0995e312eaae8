# shellcheck shell=bash
# The volume groups of the lvm backends: stack-volumes-<backend> on a sparse
# file $DATA_DIR/stack-volumes-<backend>-backing-file attached to a loop
# device, made when missing (as devstack does for cinder). Idempotent: an
# existing VG is left alone; after a reboot the file is attached again and
# LVM finds its VG on it. unstack.sh --clean removes VGs, loops and files.

LVM_VG_PREFIX=stack-volumes-
# Where the kernel has no device-mapper LVM may only edit metadata; the
# driver (volume/drivers/lvm/vg.py) passes the same settings.
LVM_NO_DM_CONFIG='global{activation=0} devices{obtain_device_list_from_udev=0} activation{udev_sync=0 udev_rules=0}'

# The backends of VOLUME_BACKENDS whose driver is lvm, one per line.
lvm_backends() {
    local backend
    is_service_enabled volume || return 0
    for backend in ${VOLUME_BACKENDS//,/ }; do
        [[ ${backend#*:} == lvm && $backend == *:* ]] && printf '%s\n' "${backend%%:*}"
    done
    return 0
}

# Debian packages the lvm backends need (none without lvm backends).
lvm_packages() {
    [[ -n $(lvm_backends) ]] || return 0
    printf '%s\n' lvm2 qemu-utils
    # qemu-storage-daemon serves the NBD exports.
    [[ $VOLUME_TARGET_PROTOCOL == nbd ]] && printf '%s\n' qemu-system-common
    return 0
}

lvm_have_device_mapper() {
    grep -qw device-mapper /proc/misc 2>/dev/null || dmsetup version >/dev/null 2>&1
}

# lvm TOOL ARGS...: run an LVM tool, metadata-only where there is no
# device-mapper.
lvm_run() {
    local tool=$1
    shift
    if lvm_have_device_mapper; then
        "$tool" "$@"
    else
        "$tool" --config "$LVM_NO_DM_CONFIG" "$@"
    fi
}

lvm_backing_file() { printf '%s/%s-backing-file' "$DATA_DIR" "$1"; }

# The loop device already attached to file $1, if any.
lvm_loop_of() {
    losetup --noheadings -O NAME -j "$1" 2>/dev/null | head -n 1 | tr -d ' '
}

# init_lvm_volume_group VG: make VG on a sparse loop-backed file if missing.
init_lvm_volume_group() {
    local vg=$1 file loop
    file=$(lvm_backing_file "$vg")
    # After a reboot the file is there but detached: attach it first, and
    # the VG on it shows up again.
    if [[ -f $file && -z $(lvm_loop_of "$file") ]]; then
        losetup --find --direct-io=on "$file"
    fi
    if lvm_run vgs "$vg" >/dev/null 2>&1; then
        say "    lvm: volume group $vg present"
        return 0
    fi
    [[ -f $file ]] || truncate -s "$VOLUME_BACKING_FILE_SIZE" "$file"
    loop=$(lvm_loop_of "$file")
    [[ -n $loop ]] || loop=$(losetup --find --show --direct-io=on "$file")
    lvm_run pvcreate -y "$loop" >>"$LOG_DIR/stack-lvm.log" 2>&1 \
        || die "pvcreate $loop failed; see $LOG_DIR/stack-lvm.log"
    lvm_run vgcreate "$vg" "$loop" >>"$LOG_DIR/stack-lvm.log" 2>&1 \
        || die "vgcreate $vg failed; see $LOG_DIR/stack-lvm.log"
    say "    lvm: created volume group $vg ($VOLUME_BACKING_FILE_SIZE, sparse, on $loop)"
}

setup_lvm() {
    local name
    lvm_have_device_mapper \
        || say "    lvm: no device-mapper in this kernel: LVs get loop devices as their data path"
    for name in $(lvm_backends); do
        init_lvm_volume_group "$LVM_VG_PREFIX$name"
    done
}

# clean_lvm_volume_group VG: remove VG, its LVs' loop devices, its PV's
# loop device and the backing file. Only VGs on our own backing files.
clean_lvm_volume_group() {
    local vg=$1 file loop dev back
    file=$(lvm_backing_file "$vg")
    [[ -f $file ]] || return 0
    loop=$(lvm_loop_of "$file")
    if [[ -n $loop ]]; then
        lvm_have_device_mapper && vgchange -an "$vg" >/dev/null 2>&1
        while read -r dev back; do
            [[ $back == "$loop" ]] && losetup --detach "$dev"
        done < <(losetup --noheadings -O NAME,BACK-FILE --list)
        lvm_run vgremove -f "$vg" >/dev/null 2>&1 || true
        lvm_run pvremove -f "$loop" >/dev/null 2>&1 || true
        losetup --detach "$loop"
    fi
    rm -f "$file"
    say "    lvm: removed volume group $vg, its loop devices and $file"
}

# The NBD server of each backend (targets/nbd.py) runs on its own; it holds
# the volumes' loop devices open, so it goes before the volume groups.
stop_nbd_servers() {
    local pidfile pid
    for pidfile in "$DATA_DIR"/volumes/*/qsd.pid; do
        [[ -f $pidfile ]] || continue
        read -r pid < "$pidfile" || continue
        if [[ $pid =~ ^[0-9]+$ ]] && grep -q qemu-storage-daemon "/proc/$pid/cmdline" 2>/dev/null; then
            kill "$pid"
            for _ in {1..50}; do
                grep -q qemu-storage-daemon "/proc/$pid/cmdline" 2>/dev/null || break
                sleep 0.1
            done
            say "    lvm: stopped qemu-storage-daemon (pid $pid)"
        fi
    done
}

clean_lvm() {
    local file
    stop_nbd_servers
    command -v losetup >/dev/null || return 0
    # Every VG this script made has its backing file here, including those
    # of backends dropped from VOLUME_BACKENDS since.
    for file in "$DATA_DIR/$LVM_VG_PREFIX"*-backing-file; do
        [[ -f $file ]] || continue
        file=${file##*/}
        clean_lvm_volume_group "${file%-backing-file}"
    done
}
