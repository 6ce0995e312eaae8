"""The test guest of devstack/tools/make-test-image.sh in the image service
and its flavor, for bootstrap_cloud.py --test-image DIR (idempotent):

- stratus-test-kernel (aki) and stratus-test-ramdisk (ari), public;
- stratus-test (ami, the root disk), public, with kernel_id, ramdisk_id
  and os_command_line, which the libvirt driver boots directly;
- flavor m1.test: 96 MiB (the guest needs at least 80), 1 vCPU, 1 GiB.
"""
import hashlib
import os

KERNEL, RAMDISK, DISK = 'stratus-test-kernel', 'stratus-test-ramdisk', \
    'stratus-test'
CMDLINE = 'console=ttyS0'
MIN_RAM_MB = 80
# (id, name, RAM MiB, disk GiB, vCPUs)
FLAVOR = ('t1', 'm1.test', 96, 1, 1)
PATCH = 'application/openstack-images-v2.1-json-patch'


def _md5(path):
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            digest.update(chunk)
    return digest.hexdigest()


def _find(client, name):
    images = client.get('/image/v2/images?name=%s' % name, 'images')
    return [i for i in images if i.get('name') == name]


def ensure_image(client, report, name, path, fmt, properties=None):
    """The active image `name` with `path`'s bytes; a stale or broken one
    is replaced."""
    checksum = _md5(path)
    for image in _find(client, name):
        if image.get('status') == 'active' and \
                image.get('checksum') == checksum:
            _ensure_properties(client, report, image, properties or {})
            return image
        client.request('DELETE', '/image/v2/images/%s' % image['id'])
        report('updated', 'image %s (replaced %s)' % (name, image['id']))
    body = dict(properties or {}, name=name, disk_format=fmt,
                container_format=fmt, visibility='public')
    if fmt == 'ami':
        body['min_ram'] = MIN_RAM_MB
    image = client.request('POST', '/image/v2/images', json=body).json()
    with open(path, 'rb') as f:
        resp = client.session.put(
            client.base + '/image/v2/images/%s/file' % image['id'], data=f,
            headers={'X-Auth-Token': client.token,
                     'Content-Type': 'application/octet-stream'},
            timeout=client.timeout)
    if resp.status_code not in (200, 201, 204):
        raise RuntimeError('uploading %s answered %d: %s' % (
            name, resp.status_code, resp.text[:300]))
    report('created', 'image %s %s (%s, %d bytes)' % (
        name, image['id'], fmt, os.path.getsize(path)))
    return image


def _ensure_properties(client, report, image, properties):
    ops = [{'op': 'replace' if key in image else 'add', 'path': '/' + key,
            'value': value} for key, value in properties.items()
           if image.get(key) != value]
    if ops:
        resp = client.session.patch(
            client.base + '/image/v2/images/%s' % image['id'], json=ops,
            headers={'X-Auth-Token': client.token, 'Content-Type': PATCH},
            timeout=client.timeout)
        if resp.status_code != 200:
            raise RuntimeError('updating %s answered %d: %s' % (
                image['name'], resp.status_code, resp.text[:300]))
        report('updated', 'image %s properties %s' % (
            image['name'], ', '.join(sorted(properties))))
    else:
        report('found', 'image %s %s' % (image['name'], image['id']))


def ensure_flavor(client, report):
    flavorid, name, ram, disk, vcpus = FLAVOR
    resp = client.request('GET', '/compute/v2.1/flavors/%s' % flavorid,
                          ok=(200, 404))
    if resp.status_code == 200:
        report('found', 'flavor %s id %s' % (name, flavorid))
        return
    resp = client.request('POST', '/compute/v2.1/flavors',
                          ok=(200, 201, 409), json={'flavor': {
                              'id': flavorid, 'name': name, 'ram': ram,
                              'disk': disk, 'vcpus': vcpus}})
    report('found' if resp.status_code == 409 else 'created',
           'flavor %s id %s (%d MiB, %d GiB, %d vCPU)'
           % (name, flavorid, ram, disk, vcpus))


def upload(client, report, directory):
    paths = {n: os.path.join(directory, n)
             for n in ('vmlinuz', 'initrd', 'disk.img')}
    missing = [p for p in paths.values() if not os.path.exists(p)]
    if missing:
        raise RuntimeError('no test image in %s (missing %s): run '
                           'devstack/tools/make-test-image.sh'
                           % (directory, ', '.join(missing)))
    kernel = ensure_image(client, report, KERNEL, paths['vmlinuz'], 'aki')
    ramdisk = ensure_image(client, report, RAMDISK, paths['initrd'], 'ari')
    ensure_image(client, report, DISK, paths['disk.img'], 'ami', {
        'kernel_id': kernel['id'], 'ramdisk_id': ramdisk['id'],
        'os_command_line': CMDLINE})
    ensure_flavor(client, report)
