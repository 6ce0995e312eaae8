"""A seeded fault harness: a bounded workload of servers and volumes on a
real cloud (support.cloud, fake drivers), kill -9 of its daemons at random
points (then restart) and database lock storms, then the checks of issue
15: within 60 s nothing is left in a transitional state, nothing the API
acknowledged is lost, and every ERROR says why.

The seed comes from STRATUS_FAULTS_SEED (replay a failure with it) or is
drawn at random; failures name it.
"""
import collections
import os
import random
import signal
import subprocess
import sys
import threading
import time

import requests

SEED_ENV = 'STRATUS_FAULTS_SEED'
SERVERS = '/compute/v2.1/servers'
# A server is settled when it has no task and none of these statuses.
SERVER_MOVING = {'BUILD', 'REBOOT', 'HARD_REBOOT', 'RESIZE', 'REVERT_RESIZE',
                 'MIGRATING', 'REBUILD', 'PASSWORD'}
VOLUME_MOVING = {'creating', 'deleting', 'extending', 'attaching',
                 'detaching', 'downloading', 'uploading', 'retyping',
                 'reverting', 'backing-up', 'restoring-backup',
                 'maintenance'}


def seed():
    value = os.environ.get(SEED_ENV)
    return int(value) if value else random.SystemRandom().randrange(1 << 30)


class Workload:
    """Requests chosen by `rng`; remembers what the API acknowledged."""

    def __init__(self, rest, rng, image_id, project_id):
        self.rest = rest
        self.rng = rng
        self.image_id = image_id
        self.volumes_path = '/volume/v3/%s/volumes' % project_id
        self.servers = {}       # id -> 'exists' | 'deleted'
        self.volumes = {}
        self.failed = 0         # requests refused or unanswered (faults)
        self.answered = 0
        self.failures = collections.Counter()   # status or error -> count

    def _call(self, method, path, ok, **kwargs):
        try:
            resp = self.rest.request(method, path, timeout=30, **kwargs)
        except requests.RequestException as exc:
            self.failed += 1
            self.failures[type(exc).__name__] += 1
            return None
        if resp.status_code in ok:
            self.answered += 1
            return resp
        if resp.status_code != 409:     # a state the workload did not see
            self.failed += 1
            self.failures['%s %d' % (method, resp.status_code)] += 1
        return None

    def _pick(self, table, state='exists'):
        ids = sorted(i for i, s in table.items() if s == state)
        return self.rng.choice(ids) if ids else None

    def boot(self):
        resp = self._call('POST', SERVERS, (202,), json={'server': {
            'name': 'fault-%d' % self.rng.randrange(1 << 20),
            'imageRef': self.image_id, 'flavorRef': '42'}})
        if resp is not None:
            self.servers[resp.json()['server']['id']] = 'exists'

    def server_action(self):
        sid = self._pick(self.servers)
        if sid is None:
            return self.boot()
        try:
            server = self.rest.server(sid)
        except (requests.RequestException, ValueError) as exc:
            self.failed += 1
            self.failures[type(exc).__name__] += 1
            return
        if not server or server['OS-EXT-STS:task_state']:
            return
        choices = {'ACTIVE': [{'os-stop': None}, {'pause': None},
                              {'reboot': {'type': 'HARD'}},
                              {'resize': {'flavorRef': '1'}},
                              {'shelve': None}],
                   'SHUTOFF': [{'os-start': None}],
                   'PAUSED': [{'unpause': None}],
                   'SHELVED_OFFLOADED': [{'unshelve': None}],
                   'SHELVED': [{'unshelve': None}],
                   'VERIFY_RESIZE': [{'confirmResize': None}]}.get(
            server['status'])
        if choices:
            self._call('POST', '%s/%s/action' % (SERVERS, sid), (202, 204),
                       json=self.rng.choice(choices))

    def delete_server(self):
        sid = self._pick(self.servers)
        if sid and self._call('DELETE', '%s/%s' % (SERVERS, sid),
                              (204,)) is not None:
            self.servers[sid] = 'deleted'

    def create_volume(self):
        resp = self._call('POST', self.volumes_path, (202,),
                          json={'volume': {'size': 1}})
        if resp is not None:
            self.volumes[resp.json()['volume']['id']] = 'exists'

    def _volume(self, vid):
        try:
            resp = self.rest.get('%s/%s' % (self.volumes_path, vid),
                                 timeout=30)
        except requests.RequestException:
            return None
        return resp.json()['volume'] if resp.status_code == 200 else None

    def volume_action(self):
        vid = self._pick(self.volumes)
        volume = self._volume(vid) if vid else None
        if not volume or volume['status'] != 'available':
            return self.create_volume()
        roll = self.rng.random()
        if roll < 0.4:
            self._call('POST', '%s/%s/action' % (self.volumes_path, vid),
                       (202,), json={'os-extend': {
                           'new_size': volume['size'] + 1}})
        elif roll < 0.7:
            sid = self._pick(self.servers)
            if sid:
                self._call('POST', '%s/%s/os-volume_attachments' % (
                    SERVERS, sid), (200,), json={'volumeAttachment': {
                        'volumeId': vid}})
        elif self._call('DELETE', '%s/%s' % (self.volumes_path, vid),
                        (202,)) is not None:
            self.volumes[vid] = 'deleted'

    def step(self):
        self.rng.choice([self.boot, self.boot, self.server_action,
                         self.server_action, self.delete_server,
                         self.create_volume, self.volume_action,
                         self.volume_action])()


class Faults:
    """kill -9 and restart of the cloud's daemons; lock storms."""

    def __init__(self, cloud, rng):
        self.cloud = cloud
        self.rng = rng
        self.log = []

    def daemons(self):
        return ['api', 'conductor', 'scheduler', 'volume'] + \
            list(self.cloud.computes)

    def kill(self, name):
        self.cloud.stop_daemon(name, sig=signal.SIGKILL)
        self.log.append(('kill -9', name, time.monotonic()))

    def restart(self, name):
        if name in self.cloud.computes:
            self.cloud._start_compute(name)
        else:
            self.cloud.start_daemon(name, 'stratus-%s' % name)
        if name == 'api':
            self.cloud.wait_for(self.cloud._api_answers, 'the API')
        self.log.append(('restart', name, time.monotonic()))

    def lock_storm(self, seconds):
        """Another process holds SQLite's write lock for `seconds`."""
        path = os.path.join(self.cloud.workdir, 'stratus.sqlite')
        code = ('import sqlite3, sys, time\n'
                'c = sqlite3.connect(sys.argv[1], timeout=60, '
                'isolation_level=None)\n'
                'c.execute("BEGIN EXCLUSIVE")\n'
                'time.sleep(float(sys.argv[2]))\n'
                'c.execute("COMMIT")\n')
        self.log.append(('lock storm %.1fs' % seconds, 'database',
                         time.monotonic()))
        return subprocess.Popen([sys.executable, '-c', code, path,
                                 str(seconds)])


class Checker:
    def __init__(self, rest, workload):
        self.rest = rest
        self.workload = workload

    def _list(self, path, key):
        resp = self.rest.get(path, timeout=30)
        resp.raise_for_status()
        return {item['id']: item for item in resp.json()[key]}

    def _volume_messages(self, vid):
        resp = self.rest.get('%s/../messages?resource_uuid=%s' % (
            self.workload.volumes_path, vid), timeout=30,
            headers={'OpenStack-API-Version': 'volume 3.5'})
        return resp.json().get('messages', []) if resp.ok else []

    def problems(self):
        """What is wrong now: [] when the cloud has settled."""
        found = []
        servers = self._list(SERVERS + '/detail?all_tenants=1', 'servers')
        for sid, want in self.workload.servers.items():
            server = servers.get(sid)
            if want == 'exists' and server is None:
                found.append('server %s (202) is lost' % sid)
            elif want == 'deleted' and server is not None:
                found.append('server %s (deleted, 204) is %s/%s' % (
                    sid, server['status'], server['OS-EXT-STS:task_state']))
        # This run's servers (an earlier run's are that run's failure).
        for sid, server in servers.items():
            if sid not in self.workload.servers:
                continue
            if server['OS-EXT-STS:task_state'] or \
                    server['status'] in SERVER_MOVING:
                found.append('server %s stuck %s/%s' % (
                    sid, server['status'], server['OS-EXT-STS:task_state']))
            elif server['status'] == 'ERROR' and not (
                    server.get('fault') or {}).get('message'):
                found.append('server %s in ERROR without a fault' % sid)
        volumes = self._list(self.workload.volumes_path +
                             '/detail?all_tenants=1', 'volumes')
        for vid, want in self.workload.volumes.items():
            volume = volumes.get(vid)
            if want == 'exists' and volume is None:
                found.append('volume %s (202) is lost' % vid)
            elif want == 'deleted' and volume is not None and \
                    volume['status'] != 'error_deleting':
                found.append('volume %s (deleted, 202) is %s' % (
                    vid, volume['status']))
        for vid, volume in volumes.items():
            if vid not in self.workload.volumes:
                continue
            if volume['status'] in VOLUME_MOVING:
                found.append('volume %s stuck %s' % (vid, volume['status']))
            elif volume['status'].startswith('error') and \
                    not self._volume_messages(vid):
                found.append('volume %s %s without a message' % (
                    vid, volume['status']))
        return found

    def settle(self, timeout=60):
        """Seconds until nothing is wrong; raises with what still is."""
        started = time.monotonic()
        found = ['not checked']
        while time.monotonic() - started < timeout:
            try:
                found = self.problems()
            except (requests.RequestException, ValueError) as exc:
                found = ['API not answering: %s' % exc]
            if not found:
                return time.monotonic() - started
            time.sleep(1)
        raise AssertionError('after %ss: %s' % (timeout, '; '.join(found)))


def run(cloud, rest, image_id, project_id, rng, *, steps, kills,
        storms=0, down=(0.2, 1.5)):
    """The workload with `kills` kill -9 (each of a random daemon at a
    random step, restarted after a random pause while the workload goes
    on) and `storms` lock storms; returns (workload, faults, seconds to
    settle)."""
    workload = Workload(rest, rng, image_id, project_id)
    faults = Faults(cloud, rng)
    kill_at = sorted(rng.sample(range(1, steps), kills))
    storm_at = sorted(rng.sample(range(1, steps), storms))
    storms_running = []
    for step in range(steps):
        if step in storm_at:
            storms_running.append(faults.lock_storm(rng.uniform(2, 5)))
        if step in kill_at:
            name = rng.choice(faults.daemons())
            faults.kill(name)
            pause = rng.uniform(*down)
            # The workload goes on while the daemon is down.
            restarter = threading.Timer(pause, faults.restart, (name,))
            restarter.start()
            workload.step()
            restarter.join()
            continue
        workload.step()
    for proc in storms_running:
        proc.wait(30)
    return workload, faults, Checker(rest, workload).settle()


def run_each(cloud, rest, image_id, project_id, rng, *, steps_between):
    """Each daemon killed once, in an order the seed picks, with
    `steps_between` workload steps before each kill and one while it is
    down; returns (workload, faults, seconds to settle)."""
    workload = Workload(rest, rng, image_id, project_id)
    faults = Faults(cloud, rng)
    names = faults.daemons()
    rng.shuffle(names)
    for name in names:
        for _ in range(rng.randint(1, steps_between)):
            workload.step()
        faults.kill(name)
        if name != 'api':
            workload.step()
        faults.restart(name)
    for _ in range(steps_between):
        workload.step()
    return workload, faults, Checker(rest, workload).settle()
