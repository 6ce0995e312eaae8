"""/compute/v2.1/os-simple-tenant-usage: nova's usage report from the
instance records (deleted ones included) that were running in a period:
hours, flavor sizes and per-project totals; paged with links from 2.40."""
import datetime

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.schemas import tenant_usage as schema
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import instances as db_instances

_RULE = 'os_compute_api:os-simple-tenant-usage:%s'
_FORMATS = ('%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f',
            '%Y-%m-%d %H:%M:%S.%f')


def _time(value):
    # nova's JSON rendering of a datetime.
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def _parse(text):
    if not text:
        # Each bound unset is its own "now", so start < end as in nova.
        return datetime.datetime.utcnow()
    for fmt in _FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            pass
    raise exception.Invalid('Invalid datetime string: Datetime is in '
                            'invalid format')


def _period(kwargs):
    start_text = wsgi.query_value(kwargs, 'start')
    end_text = wsgi.query_value(kwargs, 'end')
    start = _parse(start_text)
    # Neither given: nova's two clock reads make start < end; two reads in
    # the same microsecond must not turn that into a 400.
    stop = _parse(end_text) if start_text or end_text else \
        start + datetime.timedelta(microseconds=1)
    if not start < stop:
        raise exception.Invalid('Invalid start time. The start time cannot '
                                'occur after the end time.')
    return start, min(stop, datetime.datetime.utcnow())


def _hours(row, start, stop):
    launched, terminated = row['launched_at'], row['terminated_at']
    if not launched or (terminated and terminated < start) or \
            launched > stop:
        return 0
    end = min(stop, terminated) if terminated else stop
    return (end - max(launched, start)).total_seconds() / 3600.0


def _instances(start, stop, project_id, limit, marker):
    """Instances active in the window, oldest first (nova's
    get_active_by_window_joined), from `marker` on."""
    rows = db_instances.list_instances(project_id=project_id,
                                       read_deleted=True,
                                       sort_key='created_at', sort_dir='asc')
    rows.sort(key=lambda r: (r['created_at'], r['id']))
    if marker is not None:
        ids = [r['uuid'] for r in rows]
        if marker not in ids:
            raise exception.MarkerNotFound(marker=marker)
        rows = rows[ids.index(marker) + 1:]
    rows = [r for r in rows if r['launched_at'] and r['launched_at'] < stop
            and (r['terminated_at'] is None or r['terminated_at'] > start)]
    return rows[:limit]


def _server_usage(row, start, stop, now):
    ended = row['terminated_at']
    flavor = row['flavor'] or {}
    return {
        'hours': _hours(row, start, stop), 'flavor': flavor.get('name', ''),
        'instance_id': row['uuid'], 'name': row['display_name'],
        'tenant_id': row['project_id'], 'memory_mb': row['memory_mb'],
        'local_gb': row['root_gb'] + row['ephemeral_gb'],
        'vcpus': row['vcpus'], 'started_at': _time(row['launched_at']),
        'ended_at': _time(ended),
        'state': 'terminated' if ended else row['vm_state'],
        'uptime': int(((ended or now) - row['launched_at']).total_seconds()),
    }


def _usages(rows, start, stop, detailed):
    now = datetime.datetime.utcnow()
    by_project, servers = {}, []
    for row in rows:
        info = _server_usage(row, start, stop, now)
        summary = by_project.setdefault(info['tenant_id'], dict(
            {'tenant_id': info['tenant_id']},
            **({'server_usages': []} if detailed else {}),
            total_local_gb_usage=0, total_vcpus_usage=0,
            total_memory_mb_usage=0, total_hours=0,
            start=_time(start), stop=_time(stop)))
        summary['total_local_gb_usage'] += info['local_gb'] * info['hours']
        summary['total_vcpus_usage'] += info['vcpus'] * info['hours']
        summary['total_memory_mb_usage'] += info['memory_mb'] * info['hours']
        summary['total_hours'] += info['hours']
        servers.append(info)
        if detailed:
            summary['server_usages'].append(info)
    return list(by_project.values()), servers


def _report(kwargs, project_id, detailed, collection):
    version = wsgi.version()
    query.check(kwargs, schema.usage_query(version, project_id is None))
    start, stop = _period(kwargs)
    paged = version >= (2, 40)
    limit, marker = query.limit_marker(kwargs) if paged else (
        CONF.api.max_limit, None)
    usages, servers = _usages(_instances(start, stop, project_id, limit,
                                         marker), start, stop, detailed)
    links = query.next_links(kwargs, collection, len(servers),
                             servers[-1]['instance_id'] if servers else None
                             ) if paged else []
    return usages, links


class TenantUsageController(rest.RestController):
    @pecan.expose()
    def get_all(self, **kwargs):
        policy.require_admin(wsgi.context(), _RULE % 'list')
        detailed = wsgi.query_value(kwargs, 'detailed') == '1'
        usages, links = _report(kwargs, None, detailed,
                                'os-simple-tenant-usage')
        body = {'tenant_usages': usages}
        if links:
            body['tenant_usages_links'] = links
        return wsgi.response(body)

    @pecan.expose()
    def get_one(self, project_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, _RULE % 'show')
        if not policy.owns(ctxt, project_id):
            raise exception.Forbidden(action=_RULE % 'show')
        usages, links = _report(kwargs, project_id, True,
                                'os-simple-tenant-usage/%s' % project_id)
        body = {'tenant_usage': usages[0] if usages else {}}
        if links:
            body['tenant_usage_links'] = links
        return wsgi.response(body)
