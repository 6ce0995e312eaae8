"""Bodies of the snapshot actions (cinder's snapshot_actions schema)."""
from stratus.api.volume.schemas import common

update_snapshot_status = common.wrap('os-update_snapshot_status', {
    'status': {'type': 'string'}, 'progress': {'format': 'progress'}},
    ['status'])
