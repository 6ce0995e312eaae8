"""A throwaway LVM volume group on a sparse file's loop device, for e2e
tests and bench runs.

    with lvm_group.volume_group(size_gib=24) as vg_name:
        ...   # a cloud whose lvm backend uses vg_name

Where the kernel has no device-mapper, every lvm command carries the
driver's ACTIVATION_OFF settings (metadata only), as the driver and the
e2e tests do. Afterwards the LVs, the VG, the PV label, the loop devices
(the PV's and those the driver mapped over LVs) and the file go, even after
a failure.
"""
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import uuid

from stratus.volume.drivers.lvm import driver as lvm_driver
from stratus.volume.drivers.lvm import vg as lvm_vg

GiB = 1 << 30


def run(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True,
                          env=dict(os.environ, LC_ALL='C')).stdout


def lvm(*args, check=True):
    config = [] if lvm_driver.device_mapper_present() else [
        '--config', lvm_vg.ACTIVATION_OFF]
    return run(args[0], *config, *args[1:], check=check)


def unusable_reason():
    """Why no volume group can be made here, or None."""
    if os.geteuid() != 0:
        return 'needs root (losetup, pvcreate)'
    missing = [t for t in ('losetup', 'lvm') if shutil.which(t) is None]
    if missing:
        return 'missing %s (apt-get install lvm2)' % ', '.join(missing)
    if not os.path.exists('/dev/loop-control'):
        return 'no /dev/loop-control: this kernel cannot make loop devices'
    return None


@contextlib.contextmanager
def volume_group(size_gib, prefix='stratus-bench'):
    """Yields the name of a new VG of `size_gib` GiB (sparse: it costs
    only what is written)."""
    workdir = tempfile.mkdtemp(prefix=prefix + '-lvm-')
    backing = os.path.join(workdir, 'pv.img')
    name = '%s-%s' % (prefix, uuid.uuid4().hex[:8])
    pv = None
    try:
        with open(backing, 'wb') as f:
            f.truncate(size_gib * GiB)
        pv = run('losetup', '--find', '--show', '--direct-io=on',
                  backing).strip()
        lvm('pvcreate', pv)
        lvm('vgcreate', name, pv)
        print('lvm: volume group %s on %s (%d GiB sparse file, %s)' % (
            name, pv, size_gib, 'device-mapper' if
            lvm_driver.device_mapper_present() else
            'no device-mapper: activation off, LVs mapped by loop devices'),
            file=sys.stderr)
        yield name
    finally:
        if pv:
            remove(name, pv)
        shutil.rmtree(workdir, ignore_errors=True)


def remove(name, pv):
    """Every LV of `name`, the VG, the PV label and the loop devices whose
    backing file is `pv` (LV mappings), then `pv` itself. Each step goes on
    when an earlier one failed."""
    if lvm_driver.device_mapper_present():
        run('vgchange', '-an', name, check=False)
    # LV mappings first: a loop device over the PV keeps it busy.
    for dev in loops_over(pv):
        run('losetup', '--detach', dev, check=False)
    lvm('lvremove', '-f', name, check=False)
    lvm('vgremove', '-f', name, check=False)
    lvm('pvremove', '-f', pv, check=False)
    run('losetup', '--detach', pv, check=False)
    left = [dev for dev, back in _loops() if pv in (dev, back)]
    if left:
        print('lvm: could not detach %s' % ', '.join(left), file=sys.stderr)
    if lvm('vgs', name, check=False).strip():
        print('lvm: volume group %s is still there' % name, file=sys.stderr)


def loops_over(device):
    """The loop devices whose backing file is `device`."""
    return [dev for dev, back in _loops() if back == device]


def _loops():
    rows = []
    for line in run('losetup', '--list', '--noheadings', '-O',
                     'NAME,BACK-FILE', check=False).splitlines():
        dev, _, back = line.strip().partition(' ')
        rows.append((dev, back.strip()))
    return rows
