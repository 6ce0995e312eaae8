"""What this compute started, recorded on its own disk: one small file per
operation (instance, flow, request id), under
``$state_path/compute-journal/<host>/``, moved from ``started/`` to
``done/`` when the operation ends, however it ends.

It tells start-up recovery which transitional states were cut short by the
restart (started, not done: they are failed or settled, with a fault and a
failed action event) and which belong to messages still queued (no record:
they run when the broker delivers them again). And it makes a message
delivered twice (the daemon died before acknowledging it) a no-op: its
operation is already recorded. A file per operation costs a create and a
rename in the page cache; a kill -9 loses neither.
"""
import json
import os
import time

from stratus.common import log
from stratus.common.conf import CONF

LOG = log.getLogger(__name__)
# Redelivery follows a restart or a dropped connection within seconds;
# an hour of done records is ample and keeps the directory small.
KEEP_DONE_SECONDS = 3600
_PRUNE_EVERY = 1000


def _safe(text):
    return ''.join(c if c.isalnum() or c in '-_' else '_'
                   for c in str(text))


class Journal:
    def __init__(self, host, root=None):
        root = root or os.path.join(CONF.state_path, 'compute-journal')
        self.path = os.path.join(root, _safe(host))
        self.started_dir = os.path.join(self.path, 'started')
        self.done_dir = os.path.join(self.path, 'done')
        os.makedirs(self.started_dir, exist_ok=True)
        os.makedirs(self.done_dir, exist_ok=True)
        self._ends = 0

    @staticmethod
    def _name(request_id, instance_uuid, flow):
        return '%s.%s.%s' % (_safe(instance_uuid), _safe(flow),
                             _safe(request_id))

    def begin(self, request_id, instance, flow, event, migration=None):
        """The record's name when the operation may run; None when this
        request already ran (or runs) it here: a message delivered
        again."""
        if not request_id:
            return None, True
        name = self._name(request_id, instance['uuid'], flow)
        record = {'uuid': instance['uuid'], 'flow': flow, 'event': event,
                  'request_id': request_id,
                  'task_state': instance.get('task_state'),
                  'migration': migration, 'started_at': time.time()}
        if os.path.exists(os.path.join(self.done_dir, name)):
            return name, False
        try:
            fd = os.open(os.path.join(self.started_dir, name),
                         os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return name, False
        with os.fdopen(fd, 'w') as f:
            json.dump(record, f)
        return name, True

    def end(self, name):
        done = os.path.join(self.done_dir, name)
        try:
            os.replace(os.path.join(self.started_dir, name), done)
            os.utime(done)      # pruned by when it ended
        except FileNotFoundError:
            pass
        self._ends += 1
        if self._ends % _PRUNE_EVERY == 0:
            self.prune()

    def close(self, record):
        """An interrupted operation is dealt with (recovery)."""
        self.end(record['name'])

    def interrupted(self):
        """Records of operations started before this process and never
        ended."""
        records = []
        for name in sorted(os.listdir(self.started_dir)):
            try:
                with open(os.path.join(self.started_dir, name)) as f:
                    record = json.load(f)
            except (OSError, ValueError):
                # A record cut short by the kill: its name still says
                # which instance it was.
                record = {'uuid': name.split('.')[0], 'flow': None,
                          'event': None, 'request_id': None,
                          'task_state': None, 'migration': None}
            record['name'] = name
            records.append(record)
        return records

    def prune(self, keep=KEEP_DONE_SECONDS):
        horizon = time.time() - keep
        for name in os.listdir(self.done_dir):
            path = os.path.join(self.done_dir, name)
            try:
                if os.stat(path).st_mtime < horizon:
                    os.unlink(path)
            except FileNotFoundError:
                pass
