"""/volume/v3/resource_filters (3.33): the query filters each list
accepts from non-admins, cinder's default resource_filters.json; and
cinder's check of a list's filters against it (3.31, 3.34 `key~`)."""
import pecan
from pecan import rest

from stratus.api import wsgi
from stratus.common import exception

FILTERS = {
    'volume': ['name', 'status', 'metadata', 'bootable', 'migration_status',
               'availability_zone', 'group_id', 'size', 'created_at',
               'updated_at', 'consumes_quota'],
    'backup': ['name', 'status', 'volume_id'],
    'snapshot': ['name', 'status', 'volume_id', 'metadata',
                 'availability_zone', 'consumes_quota'],
    'group': ['name'],
    'group_snapshot': ['name', 'status', 'group_id'],
    'attachment': ['volume_id', 'status', 'instance_id', 'attach_status'],
    'message': ['resource_uuid', 'resource_type', 'event_id', 'request_id',
                'message_level'],
    'pool': ['name', 'volume_type'],
    'volume_type': ['is_public', 'extra_specs'],
}


def reject_invalid(ctxt, filters, resource, version):
    """cinder's reject_invalid_filters: admins may filter on anything
    (but pools); others only on the configured keys. all_tenants is
    silently dropped for them (cinderclient always sends it)."""
    for key in filters:
        if not key.isascii():
            raise exception.Invalid(
                'Filter keys can only contain ASCII characters.')
    if ctxt.is_admin and resource != 'pool':
        return
    allowed = FILTERS.get(resource, [])
    like = version >= (3, 34)
    invalid = [key for key in filters if not (
        key in allowed or (like and '%s~' % key in allowed))]
    if 'all_tenants' in invalid:
        invalid.remove('all_tenants')
        filters.pop('all_tenants')
    if invalid:
        raise exception.Invalid('Invalid filters %s are found in query '
                                'options.' % ','.join(invalid))


class ResourceFiltersController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        wsgi.context()
        if wsgi.version() < (3, 33):
            raise exception.NotFound('The resource could not be found.')
        resource = wsgi.query_value(kwargs, 'resource')
        if resource is None:
            chosen = FILTERS
        else:
            chosen = {resource: FILTERS[resource]} if resource in FILTERS \
                else {}
        return wsgi.response({'resource_filters': [
            {'resource': name, 'filters': list(keys)}
            for name, keys in chosen.items()]})
