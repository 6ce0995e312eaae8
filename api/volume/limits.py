"""/volume/v3/limits: the caller's absolute volume limits and usage (no
rate limits); 3.39 lets an admin ask for another project's (a member's
project_id is ignored, as cinder ignores it)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.db.api import volume_quotas

# limit -> (max key, used key)
KEYS = {'volumes': ('maxTotalVolumes', 'totalVolumesUsed'),
        'gigabytes': ('maxTotalVolumeGigabytes', 'totalGigabytesUsed'),
        'snapshots': ('maxTotalSnapshots', 'totalSnapshotsUsed'),
        'backups': ('maxTotalBackups', 'totalBackupsUsed'),
        'backup_gigabytes': ('maxTotalBackupGigabytes',
                             'totalBackupGigabytesUsed')}


def absolute(limits, usage):
    body = {}
    for name, (max_key, used_key) in KEYS.items():
        body[max_key] = limits[name]
        # cinder's used limits are the in_use counts, reservations aside.
        body[used_key] = usage.get(name, 0)
    return body


class LimitsController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'limits_extension:used_limits')
        project_id = ctxt.project_id
        if wsgi.version() >= (3, 39) and ctxt.is_admin:
            project_id = wsgi.query_value(kwargs, 'project_id') or \
                wsgi.query_value(kwargs, 'tenant_id') or project_id
        limits, usage, _reserved = volume_quotas.get(project_id)
        return wsgi.response({'limits': {
            'rate': [], 'absolute': absolute(limits, usage)}})
