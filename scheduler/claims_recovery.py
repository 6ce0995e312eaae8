"""Claims nobody asked for any more (issue 15, items 8-9).

The scheduler writes an instance's claim when asked for a host. Asked again
(a select_destinations delivered a second time after the scheduler died
before acknowledging it), the asker may have given up meanwhile: its
flow failed the server and released the claim. So a request for a server
that no longer waits for a host (deleted, or with no task in flight)
claims nothing; and at start the claims of servers that are deleted or
failed without a host (a failed build releases its claim; one left is
from such a late answer) are released.
"""
import sqlalchemy as sa

from stratus.common import log
from stratus.db.api import allocations
from stratus.db import models
from stratus.db import session

LOG = log.getLogger(__name__)
_Instance = models.Instance


def not_waiting(consumer_uuids):
    """The servers among `consumer_uuids` that wait for no host (others,
    migrations for instance, are not servers and always count)."""
    with session.reader() as s:
        rows = s.execute(sa.select(
            _Instance.uuid, _Instance.deleted, _Instance.task_state,
            _Instance.vm_state).where(
            _Instance.uuid.in_(list(consumer_uuids)))).all()
    return [row.uuid for row in rows
            if row.deleted or (row.task_state is None and
                               row.vm_state != 'building')]


def release_orphans():
    """Release the claims of deleted servers and of servers failed before
    they had a host; returns their uuids."""
    with session.reader() as s:
        orphans = s.scalars(sa.select(models.Allocation.consumer_uuid).join(
            _Instance, _Instance.uuid == models.Allocation.consumer_uuid)
            .where(sa.or_(_Instance.deleted.is_(True),
                          sa.and_(_Instance.vm_state == 'error',
                                  _Instance.host.is_(None)))).distinct()
        ).all()
    for uuid in orphans:
        LOG.warning('Releasing the claim of server %s (deleted or failed '
                    'before it had a host)', uuid)
        allocations.delete(uuid)
    return orphans
