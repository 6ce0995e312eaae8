#!/usr/bin/env bash
# make-test-image.sh: build the stratus test guest from Debian packages only
# (no image can be downloaded here), the way devstack once uploaded cirros:
#
#   vmlinuz   kernel  (disk_format aki), from linux-image-*-cloud-amd64
#   initrd    ramdisk (disk_format ari), a busybox-static initramfs with the
#             virtio modules of the same kernel; its /init prints a banner
#             and /proc/partitions to the serial console (again whenever a
#             disk comes or goes), powers off on the ACPI power button
#             (also on a press taken while it booted) and stays up
#   disk.img  root disk (disk_format ami, raw, 1 MiB) whose first sector
#             holds a marker and a boot counter the guest increments, so a
#             console log shows that a disk really moved with its guest
#
# Upload the disk with kernel_id/ramdisk_id properties (stack.sh does, via
# devstack/tools/bootstrap_cloud.py --test-image); the libvirt driver then
# boots the kernel directly. Guests need at least 80 MiB of RAM.
#
#   make-test-image.sh [--force] [OUTDIR]   default OUTDIR:
#                                           /opt/stack/data/stratus/test-image
#
# Cached: once built, a run of the same script does nothing (--force builds
# again, e.g. for a newer kernel package). Measured here: 3.4-3.6 s to build
# (apt-get download of 28 MB included), vmlinuz 13.5 MiB, initrd 1.1 MiB,
# disk 1 MiB (sparse); the guest shows its banner about 3 s after start
# under TCG.
set -o errexit -o nounset -o pipefail

FORCE=0
if [[ ${1:-} == --force ]]; then
    FORCE=1
    shift
fi
OUT=${1:-${TEST_IMAGE_DIR:-/opt/stack/data/stratus/test-image}}
KERNEL_META=${TEST_IMAGE_KERNEL_PACKAGE:-linux-image-cloud-amd64}
# Loaded in this order (each module's depends= is loaded before it anyway).
MODULES=(virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev
         virtio_pci virtio_blk virtio_console button evdev)
APPLETS=(sh ash acpid cat dd echo grep head insmod ls mkdir mount poweroff
         printf sed sleep sync tr uevent uname uptime)
BANNER='stratus test guest up'
SCRIPT_SUM=$(sha1sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)
started=$EPOCHREALTIME

say() { printf '%s\n' "$*"; }
die() { printf 'make-test-image: ERROR: %s\n' "$*" >&2; exit 1; }
elapsed() {
    local ms=$(( (${EPOCHREALTIME//[.,]/} - ${started//[.,]/}) / 1000 ))
    printf '%d.%d' $((ms / 1000)) $(((ms % 1000) / 100))
}

if (( ! FORCE )) && [[ -f $OUT/stamp && -f $OUT/vmlinuz && -f $OUT/initrd \
        && -f $OUT/disk.img ]] && [[ $(sed -n 1p "$OUT/stamp") == "$SCRIPT_SUM" ]]; then
    say "test image: cached in $OUT ($(sed -n 2p "$OUT/stamp"))"
    exit 0
fi

# --- the packages -------------------------------------------------------------
kernel_package() {
    apt-cache depends --important "$KERNEL_META" 2>/dev/null \
        | awk '/Depends: linux-image-[0-9]/ {print $2; exit}'
}
KPKG=$(kernel_package)
if [[ -z $KPKG ]]; then
    apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed"
    KPKG=$(kernel_package)
fi
[[ -n $KPKG ]] || die "no package behind $KERNEL_META (apt-cache depends)"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
# Sandbox::User=root: _apt cannot write into a mktemp directory.
apt-get download -q -o APT::Sandbox::User=root "$KPKG" busybox-static \
    >download.log 2>&1 || { cat download.log >&2; die "apt-get download failed"; }
dpkg-deb -x "$KPKG"_*.deb kernel
dpkg-deb -x busybox-static_*.deb busybox
KVER=${KPKG#linux-image-}
MODDIR=kernel/lib/modules/$KVER/kernel
[[ -f kernel/boot/vmlinuz-$KVER ]] || die "no vmlinuz-$KVER in $KPKG"

# --- the initramfs ------------------------------------------------------------
R=$WORK/root
mkdir -p "$R"/{bin,dev,proc,sys,lib/modules,etc/acpi/PWRF,var/run}
cp busybox/bin/busybox "$R/bin/busybox"
for applet in "${APPLETS[@]}"; do
    ln -s busybox "$R/bin/$applet"
done
# /dev/console lets the kernel give /init a console before devtmpfs is up.
(( EUID == 0 )) && mknod -m 600 "$R/dev/console" c 5 1

module_path() { find "$MODDIR" -name "$1.ko" -print -quit; }
declare -A loaded=()
load_order=()
add_module() {
    local name=$1 path deps dep
    [[ -n ${loaded[$name]:-} ]] && return 0
    path=$(module_path "$name")
    [[ -n $path ]] || die "module $name not in $KPKG (built in? then drop it from MODULES)"
    deps=$(grep -a -o -m1 'depends=[a-z0-9_,-]*' "$path" | head -n1 | cut -d= -f2)
    for dep in ${deps//,/ }; do
        add_module "$dep"
    done
    loaded[$name]=1
    cp "$path" "$R/lib/modules/$name.ko"
    load_order+=("$name")
}
for m in "${MODULES[@]}"; do
    add_module "$m"
done
printf '%s\n' "${load_order[@]}" > "$R/etc/modules"

cat > "$R/init" <<INIT
#!/bin/sh
# /init of the stratus test guest (devstack/tools/make-test-image.sh).
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
for m in \$(cat /etc/modules); do
    insmod /lib/modules/\$m.ko 2>/dev/null || echo "insmod \$m failed"
done
# The ACPI power button (button + evdev): acpid runs PWRF/00000080.
acpid -c /etc/acpi -l /dev/null
# A press the kernel took before acpid listened (a stop or soft reboot
# asked while this guest booted) is in the kernel's count: honour it.
set -- \$(cat /sys/firmware/acpi/interrupts/ff_pwr_btn 2>/dev/null)
if [ "\${1:-0}" -gt 0 ] 2>/dev/null; then
    /etc/acpi/PWRF/00000080 &
fi
# The boot counter on the root disk's first sector: the console then shows
# which disk this is and how often it booted.
i=0
while [ ! -b /dev/vda ] && [ \$i -lt 50 ]; do sleep 0.1; i=\$((i + 1)); done
for d in /sys/block/vd*; do
    [ -e "\$d" ] || continue
    dev=/dev/\${d##*/}
    marker=\$(dd if=\$dev bs=512 count=1 2>/dev/null | head -n 2 \\
        | tr '\n' ' ' | tr -cd 'A-Za-z0-9=_ -')
    case \$marker in
    STRATUS-TEST-DISK*)
        if [ \$dev = /dev/vda ]; then
            n=\$(echo "\$marker" | sed -n 's/.*boots=0*\([0-9][0-9]*\).*/\1/p')
            n=\$((\${n:-0} + 1))
            printf 'STRATUS-TEST-DISK\nboots=%04d\n' \$n \\
                | dd of=\$dev bs=512 count=1 conv=sync,notrunc 2>/dev/null
            sync
            marker="STRATUS-TEST-DISK boots=\$n"
        fi ;;
    esac
    echo "disk \${d##*/}: \${marker:-no marker}"
done
echo "=== $BANNER (kernel \$(uname -r), \$(cat /proc/uptime | sed 's/ .*//') s) ==="
cat /proc/partitions
# Every disk that comes or goes prints the table again (netlink uevents:
# this kernel has no uevent helper).
uevent /bin/hotplug &
while :; do sleep 3600; done
INIT

cat > "$R/bin/hotplug" <<'HOTPLUG'
#!/bin/sh
# Run by busybox uevent for each kernel uevent: print /proc/partitions when a whole disk comes or goes.
[ "$SUBSYSTEM" = block ] && [ "$DEVTYPE" = disk ] || exit 0
case $ACTION in add | remove) ;; *) exit 0 ;; esac
{
    echo "=== disk $DEVNAME: $ACTION ==="
    cat /proc/partitions
} >/dev/console 2>&1
HOTPLUG

cat > "$R/etc/acpi/PWRF/00000080" <<'PWRF'
#!/bin/sh
echo "=== ACPI power button: powering off ===" >/dev/console
sync
poweroff -f
PWRF
chmod 755 "$R/init" "$R/bin/hotplug" "$R/etc/acpi/PWRF/00000080"

mkdir -p "$OUT"
# Fixed order and mtimes: the same inputs give the same bytes.
find "$R" -exec touch -h -d @0 {} +
(cd "$R" && find . -mindepth 1 | LC_ALL=C sort \
    | "$WORK/busybox/bin/busybox" cpio -o -H newc 2>/dev/null) \
    | gzip -9 -n > "$OUT/initrd.new"

# --- kernel and disk ----------------------------------------------------------
cp "kernel/boot/vmlinuz-$KVER" "$OUT/vmlinuz.new"
truncate -s 1M "$OUT/disk.img.new"
printf 'STRATUS-TEST-DISK\nboots=0000\n' \
    | dd of="$OUT/disk.img.new" bs=512 count=1 conv=notrunc 2>/dev/null
for f in vmlinuz initrd disk.img; do
    mv -f "$OUT/$f.new" "$OUT/$f"
done
printf '%s\n%s\n' "$SCRIPT_SUM" "$KPKG" > "$OUT/stamp"

sizes=$(cd "$OUT" && du -k vmlinuz initrd disk.img | awk '{printf "%s %d KiB, ", $2, $1}')
say "test image: built $OUT from $KPKG in $(elapsed) s (${sizes%, })"
