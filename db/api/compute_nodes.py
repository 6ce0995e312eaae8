"""Compute nodes as their compute daemons report them."""
import uuid as uuidlib

import sqlalchemy as sa

from stratus.db import models
from stratus.db import session

_FIELDS = ('host', 'hypervisor_type', 'hypervisor_version', 'host_ip',
           'vcpus', 'memory_mb', 'local_gb', 'vcpus_used', 'memory_mb_used',
           'local_gb_used', 'running_vms', 'cpu_info')


def update(values):
    """Create or refresh the node named values['hypervisor_hostname']."""
    with session.writer() as s:
        row = s.scalars(sa.select(models.ComputeNode).filter_by(
            hypervisor_hostname=values['hypervisor_hostname'])).first()
        if row is None:
            row = models.ComputeNode(
                uuid=str(uuidlib.uuid4()),
                hypervisor_hostname=values['hypervisor_hostname'])
            s.add(row)
        for key in _FIELDS:
            if key in values:
                setattr(row, key, values[key])
        row.updated_at = models.utcnow()
        s.flush()
        return row.to_dict()
