"""Instance disks: the image cache (each image downloaded once into
<instances_path>/_base/<id>, checksum verified by the image client), qcow2
overlays on it, and the qemu-img calls that flatten, rebase and grow them.
Every failure is a DriverError naming the command and its stderr."""
import contextlib
import fcntl
import json
import os
import re
import subprocess

from stratus.common import log
from stratus.compute.virt import driver

LOG = log.getLogger(__name__)

GiB = 1024 ** 3
# Image disk formats and the format qemu reads them as. ami/aki/ari are
# raw bytes (a disk, a kernel, a ramdisk); the format is always given to
# qemu explicitly, so a raw image is never probed as something else.
_QEMU_FORMAT = {'qcow2': 'qcow2', 'raw': 'raw', 'ami': 'raw', 'aki': 'raw',
                'ari': 'raw', 'iso': 'raw'}
_SAFE_ID = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$')
# Image properties the driver needs later without asking the image service.
PROPERTIES = ('kernel_id', 'ramdisk_id', 'os_command_line')


def execute(*cmd, timeout=3600):
    try:
        result = subprocess.run(cmd, capture_output=True, text=True,
                                timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise driver.DriverError(reason='%s: %s' % (cmd[0], exc))
    if result.returncode:
        raise driver.DriverError(reason='%s exited %d: %s' % (
            ' '.join(cmd), result.returncode,
            (result.stderr or result.stdout).strip()[-500:]))
    return result.stdout


def qemu_format(disk_format):
    try:
        return _QEMU_FORMAT[disk_format or 'raw']
    except KeyError:
        raise driver.DriverError(
            reason='disk format %s is not supported by the libvirt driver '
                   '(use qcow2 or raw)' % disk_format)


def info(path, fmt):
    # -U: reading the header of a disk a running qemu holds is safe.
    return json.loads(execute('qemu-img', 'info', '-U', '-f', fmt,
                              '--output=json', path))


def create_overlay(base, base_format, path, size=None):
    """A qcow2 at `path` backed by `base`, `size` bytes big (None: the
    base's size)."""
    cmd = ['qemu-img', 'create', '-q', '-f', 'qcow2', '-b', base,
           '-F', base_format, path]
    if size:
        cmd.append(str(size))
    execute(*cmd)
    os.chmod(path, 0o644)


def rebase_unsafe(path, base, base_format):
    """Point an overlay at `base` (same content, other path)."""
    execute('qemu-img', 'rebase', '-u', '-f', 'qcow2', '-b', base,
            '-F', base_format, path)


def grow(path, size):
    """Grow the disk to `size` bytes; never shrinks."""
    if info(path, 'qcow2')['virtual-size'] < size:
        execute('qemu-img', 'resize', '-q', '-f', 'qcow2', path, str(size))


def flatten(source, dest, source_format='qcow2'):
    """The whole chain of `source` as one qcow2 at `dest`."""
    execute('qemu-img', 'convert', '-f', source_format, '-O', 'qcow2',
            source, dest)


def backing_file(path):
    return info(path, 'qcow2').get('full-backing-filename')


def copy_sparse(source, dest):
    execute('cp', '--sparse=always', '--preserve=mode', source, dest)


def remove_quietly(path):
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


class ImageCache:
    """<instances_path>/_base: <id> holds the image's bytes, <id>.info its
    format, virtual size and boot properties (so a warm spawn asks the
    image service nothing), <id>.lock serialises the download across
    threads and processes."""

    def __init__(self, directory, client_factory):
        self.directory = directory
        self.client_factory = client_factory

    def path(self, image_id):
        if not _SAFE_ID.match(image_id or ''):
            raise driver.DriverError(reason='bad image id %r' % image_id)
        return os.path.join(self.directory, image_id)

    def get(self, image_id):
        """The cached image's facts, or None."""
        path = self.path(image_id)
        try:
            with open(path + '.info') as f:
                facts = json.load(f)
        except (OSError, ValueError):
            return None
        return facts if os.path.exists(path) else None

    @contextlib.contextmanager
    def _locked(self, image_id):
        os.makedirs(self.directory, mode=0o755, exist_ok=True)
        with open(self.path(image_id) + '.lock', 'a') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def fetch(self, ctxt, image_id):
        """The image's facts, downloading it first when it is not here."""
        facts = self.get(image_id)
        if facts:
            return facts
        if ctxt is None:
            raise driver.DriverError(reason='image %s is not in the cache '
                                            'and there is no request '
                                            'context to download it with'
                                     % image_id)
        with self._locked(image_id):
            facts = self.get(image_id)
            if facts:
                return facts
            path = self.path(image_id)
            LOG.info('Downloading image %s into the cache', image_id)
            image = self.client_factory(ctxt).download(image_id, path)
            os.chmod(path, 0o644)
            try:
                facts = self._facts(image, path)
            except Exception:
                remove_quietly(path)
                raise
            self._write_facts(facts)
            return facts

    def _facts(self, image, path):
        fmt = qemu_format(image.get('disk_format'))
        size = os.path.getsize(path)
        if fmt == 'qcow2':
            details = info(path, 'qcow2')
            if details.get('backing-filename') or \
                    details.get('format') != 'qcow2':
                raise driver.DriverError(
                    reason='image %s is not a standalone qcow2 image'
                           % image['id'])
            size = details['virtual-size']
        props = image.get('properties') or image
        return {'id': image['id'], 'format': fmt,
                'disk_format': image.get('disk_format'),
                'virtual_size': size,
                'properties': {k: props[k] for k in PROPERTIES
                               if props.get(k)}}

    def _write_facts(self, facts):
        path = self.path(facts['id'])
        tmp = path + '.info.tmp'
        with open(tmp, 'w') as f:
            json.dump(facts, f)
        os.replace(tmp, path + '.info')

    def adopt(self, facts, source, copy=copy_sparse):
        """Put an image shipped from another host into this cache (a
        migration brings its bases along: no token, no download)."""
        if self.get(facts['id']):
            return
        with self._locked(facts['id']):
            if self.get(facts['id']):
                return
            path = self.path(facts['id'])
            copy(source, path + '.part')
            os.chmod(path + '.part', 0o644)
            os.replace(path + '.part', path)
            self._write_facts(facts)
