#!/usr/bin/env python3
"""Real guests under the libvirt driver: time-to-ACTIVE, time-to-banner,
per-operation latency, and memory of the control plane vs the guests.

It starts a cloud of its own (tests/support/libvirt_cloud.py: every daemon,
two computes with the libvirt driver on this machine's libvirtd, each with
its own instances path), uploads the test image of
devstack/tools/make-test-image.sh and measures through the REST API with
20 ms polling (the CLI's own start-up, about 1.5 s, is left out):

1. the image cache warmed by one boot on each host, then `--boots` boots
   one after another: POST /servers -> ACTIVE (time-to-ACTIVE), -> the
   guest's banner in the console output (time-to-banner), delete -> 404;
2. one server through every operation, each from the API call until the
   server shows its end status with no task (the guest booted first where
   the next operation needs it to answer the ACPI power button);
3. RSS of the stratus daemons, of libvirtd + virtlogd, and of each qemu.

Run as root with libvirtd running (tests/run.sh or devstack starts it):

    python3 bench/libvirt_guests.py [--boots 7] [--json]

Measures and prints; asserts nothing. Cleans up its domains and files.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, 'tests'))

from support import cloud as cloud_support  # noqa: E402
from support import libvirt_cloud  # noqa: E402

BANNER = 'stratus test guest up'
BOOTS = re.compile(r'disk vda: STRATUS-TEST-DISK boots=0*(\d+)')
POLL = 0.02


class Bench:
    def __init__(self, cloud):
        self.cloud = cloud
        self.rest = cloud_support.Rest(cloud)

    def call(self, method, path, body=None, ok=(200, 201, 202, 204)):
        resp = self.rest.request(method, '/compute/v2.1' + path, json=body,
                                 headers={'X-OpenStack-Nova-API-Version':
                                          '2.96'})
        if resp.status_code not in ok:
            raise RuntimeError('%s %s: %d %s' % (method, path,
                                                 resp.status_code, resp.text))
        return resp.json() if resp.content else None

    def server(self, sid):
        resp = self.rest.get('/compute/v2.1/servers/%s' % sid)
        return resp.json()['server'] if resp.status_code == 200 else None

    def until(self, sid, status, timeout=180):
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            server = self.server(sid)
            if status == 'DELETED' and server is None:
                return
            if server and server['status'] == 'ERROR':
                raise RuntimeError('server %s went to ERROR: %s' % (
                    sid, server.get('fault')))
            if server and server['status'] == status and \
                    server['OS-EXT-STS:task_state'] is None:
                return
            time.sleep(POLL)
        raise RuntimeError('server %s not %s after %ss' % (sid, status,
                                                           timeout))

    def console(self, sid):
        return self.call('POST', '/servers/%s/action' % sid,
                         {'os-getConsoleOutput': {}})['output']

    def until_banner(self, sid, boots=1, timeout=120):
        """Until the guest printed its banner for boot number `boots` (the
        counter on its root disk)."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            text = self.console(sid)
            found = BOOTS.findall(text)
            if found and int(found[-1]) == boots and \
                    BANNER in text[text.rindex('boots='):]:
                return
            time.sleep(0.05)
        raise RuntimeError('no banner of boot %d from %s; console ends:\n%s'
                           % (boots, sid, text[-1500:]))

    def boot(self, image, flavor, host=None):
        body = {'server': {'name': 'bench-%s' % uuid.uuid4().hex[:6],
                           'imageRef': image, 'flavorRef': flavor,
                           'networks': 'none'}}
        if host:
            body['server']['host'] = host           # 2.74, admin
        return self.call('POST', '/servers', body)['server']['id']

    def action(self, sid, body, status, **kw):
        start = time.monotonic()
        self.call('POST', '/servers/%s/action' % sid, body)
        self.until(sid, status, **kw)
        return time.monotonic() - start


def boots(bench, image, flavor, count):
    active, banner, deleted = [], [], []
    for _ in range(count):
        start = time.monotonic()
        sid = bench.boot(image, flavor)
        bench.until(sid, 'ACTIVE')
        active.append(time.monotonic() - start)
        bench.until_banner(sid)
        banner.append(time.monotonic() - start)
        start = time.monotonic()
        bench.call('DELETE', '/servers/%s' % sid)
        bench.until(sid, 'DELETED')
        deleted.append(time.monotonic() - start)
    return {'time_to_active_s': active, 'time_to_banner_s': banner,
            'delete_to_404_s': deleted}


def operations(bench, image, flavor, big_flavor):
    sid = bench.boot(image, flavor)
    bench.until(sid, 'ACTIVE')
    bench.until_banner(sid)
    ops = []

    def op(name, body, status, boots=None):
        ops.append((name, bench.action(sid, body, status)))
        if boots:
            bench.until_banner(sid, boots)
    op('stop', {'os-stop': None}, 'SHUTOFF')
    op('start', {'os-start': None}, 'ACTIVE', 2)
    op('reboot (soft)', {'reboot': {'type': 'SOFT'}}, 'ACTIVE', 3)
    op('reboot (hard)', {'reboot': {'type': 'HARD'}}, 'ACTIVE', 4)
    op('pause', {'pause': None}, 'PAUSED')
    op('unpause', {'unpause': None}, 'ACTIVE')
    op('suspend', {'suspend': None}, 'SUSPENDED')
    op('resume', {'resume': None}, 'ACTIVE')
    op('rescue', {'rescue': {}}, 'RESCUE', 1)       # the rescue disk's
    op('unrescue', {'unrescue': None}, 'ACTIVE', 5)
    start = time.monotonic()
    snap = bench.call('POST', '/servers/%s/action' % sid,
                      {'createImage': {'name': 'bench-snap'}})['image_id']
    while bench.rest.get('/image/v2/images/%s' % snap).json().get(
            'status') != 'active':
        time.sleep(POLL)
    bench.until(sid, 'ACTIVE')
    ops.append(('snapshot (image active)', time.monotonic() - start))
    op('rebuild (from the snapshot)', {'rebuild': {'imageRef': snap}},
       'ACTIVE', 6)
    op('shelve (+ offload)', {'shelve': None}, 'SHELVED_OFFLOADED')
    op('unshelve', {'unshelve': None}, 'ACTIVE', 7)
    op('cold migrate (to VERIFY_RESIZE)', {'migrate': None},
       'VERIFY_RESIZE', 8)
    op('confirm resize', {'confirmResize': None}, 'ACTIVE')
    op('resize (to VERIFY_RESIZE)', {'resize': {'flavorRef': big_flavor}},
       'VERIFY_RESIZE', 9)
    op('revert resize', {'revertResize': None}, 'ACTIVE')
    rss = memory(bench.cloud)
    start = time.monotonic()
    bench.call('DELETE', '/servers/%s' % sid)
    bench.until(sid, 'DELETED')
    ops.append(('delete (to 404)', time.monotonic() - start))
    bench.rest.request('DELETE', '/image/v2/images/%s' % snap)
    return ops, rss


def _rss_kib(pid):
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pid_of(name):
    for path in ('/run/%s.pid' % name, '/var/run/%s.pid' % name):
        try:
            with open(path) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            continue
    return None


def memory(cloud):
    """RSS in MiB: stratus daemons, libvirtd + virtlogd, each guest."""
    daemons = {name: _rss_kib(p.pid) / 1024
               for name, p in cloud.procs.items()}
    libvirt = sum(_rss_kib(_pid_of(n) or 0) for n in ('libvirtd',
                                                      'virtlogd')) / 1024
    guests = {}
    qemu_dir = '/run/libvirt/qemu'
    for name in os.listdir(qemu_dir) if os.path.isdir(qemu_dir) else ():
        if name.startswith(cloud.tag) and name.endswith('.pid'):
            with open(os.path.join(qemu_dir, name)) as f:
                guests[name[:-4]] = _rss_kib(int(f.read().strip())) / 1024
    return {'daemons_mib': daemons, 'daemons_total_mib': sum(
        daemons.values()), 'libvirtd_virtlogd_mib': libvirt,
        'guests_mib': guests}


def setup(cloud, test_image):
    def create(name, fmt, path, *props):
        args = ['image', 'create', '--public', '--disk-format', fmt,
                '--container-format', fmt, '--file', path]
        for prop in props:
            args += ['--property', prop]
        return cloud.cli_json(*(args + [name]))['id']
    kernel = create('bench-kernel', 'aki', test_image['vmlinuz'])
    ramdisk = create('bench-ramdisk', 'ari', test_image['initrd'])
    image = create('bench-disk', 'ami', test_image['disk.img'],
                   'kernel_id=%s' % kernel, 'ramdisk_id=%s' % ramdisk,
                   'os_command_line=console=ttyS0')
    small = cloud.cli_json('flavor', 'create', '--ram', '96', '--disk', '1',
                           '--vcpus', '1', 'bench.small')['id']
    big = cloud.cli_json('flavor', 'create', '--ram', '128', '--disk', '2',
                         '--vcpus', '1', 'bench.big')['id']
    return image, small, big


def report(result):
    def p50(values):
        return statistics.median(values)
    b = result['boots']
    print('boots (warm image cache, %d one after another):' % len(
        b['time_to_active_s']))
    for key in ('time_to_active_s', 'time_to_banner_s', 'delete_to_404_s'):
        values = b[key]
        print('  %-18s p50 %.2f s   min %.2f  max %.2f' % (
            key[:-2], p50(values), min(values), max(values)))
    print('operations (API call -> end status):')
    for name, seconds in result['operations']:
        print('  %-34s %6.2f s' % (name, seconds))
    rss = result['rss']
    print('memory (RSS) with one guest running:')
    print('  stratus daemons   %6.1f MiB (%s)' % (
        rss['daemons_total_mib'], ', '.join(
            '%s %.0f' % kv for kv in sorted(rss['daemons_mib'].items()))))
    print('  libvirtd+virtlogd %6.1f MiB' % rss['libvirtd_virtlogd_mib'])
    for name, mib in sorted(rss['guests_mib'].items()):
        print('  guest %-11s %6.1f MiB (qemu, 96 MiB guest)' % (name[-8:],
                                                               mib))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--boots', type=int, default=7)
    parser.add_argument('--json', action='store_true')
    args = parser.parse_args(argv)
    reason = libvirt_cloud.skip_reason()
    if reason:
        sys.exit('cannot run: %s' % reason)
    test_image = libvirt_cloud.build_test_image()
    workdir = tempfile.mkdtemp(prefix='stratus-bench-', dir='/var/tmp')
    os.chmod(workdir, 0o711)
    cloud = libvirt_cloud.E2ECloud(workdir, 'bench%s' % uuid.uuid4().hex[:4],
                                   debug=False)
    try:
        cloud.start()
        image, small, big = setup(cloud, test_image)
        bench = Bench(cloud)
        for host in cloud.hosts:            # warm each host's image cache
            sid = bench.boot(image, small, host)
            bench.until(sid, 'ACTIVE')
            bench.call('DELETE', '/servers/%s' % sid)
            bench.until(sid, 'DELETED')
        result = {'virt_type': libvirt_cloud.virt_type(),
                  'boots': boots(bench, image, small, args.boots)}
        result['operations'], result['rss'] = operations(bench, image, small,
                                                         big)
    finally:
        try:
            cloud.stop()
        finally:
            libvirt_cloud.remove_guests(cloud.hosts)
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    return 0


if __name__ == '__main__':
    sys.exit(main())
