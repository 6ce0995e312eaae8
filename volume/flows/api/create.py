"""volume_create_api: accept a create request in stratus-api.

1. ExtractVolumeRequestTask - validate size, type, zone, source (snapshot,
                              volume, image); revert: nothing
2. QuotaReserveTask         - per_volume_gigabytes, then reserve volumes and
                              gigabytes (413 over quota); revert: release
3. EntryCreateTask          - the volume row, status creating; revert:
                              remove it
4. QuotaCommitTask          - the row counts now, the reservation goes;
                              revert: nothing (the row's removal frees it)
5. VolumeCastTask           - cast create_volume to the scheduler; revert:
                              nothing
"""
from taskflow.patterns import linear_flow

from stratus.common import flow_engine
from stratus.volume.tasks import entry
from stratus.volume.tasks import quota
from stratus.volume.tasks import request

FLOW_NAME = 'volume_create_api'


def get_flow(scheduler_rpc):
    return linear_flow.Flow(FLOW_NAME).add(
        request.ExtractVolumeRequestTask(),
        quota.QuotaReserveTask(),
        entry.EntryCreateTask(),
        quota.QuotaCommitTask(),
        entry.VolumeCastTask(scheduler_rpc),
    )


def run(ctxt, request_body, scheduler_rpc):
    """The new volume (a view dict); the first failure is raised after the
    flow reverted (400 bad request, 413 over quota, ...). `request_body`:
    size, name, description, volume_type, availability_zone, snapshot_id,
    source_volid, image_id, metadata, multiattach, scheduler_hints."""
    results = flow_engine.run(
        lambda: get_flow(scheduler_rpc),
        {'ctxt': ctxt.to_dict(), 'request': request_body},
        key=(FLOW_NAME, scheduler_rpc))
    return results['volume']
