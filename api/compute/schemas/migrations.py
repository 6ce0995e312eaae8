"""The os-migrations query string, per microversion: paging and
changes-since (strict) from 2.59, changes-before from 2.66, user_id and
project_id from 2.80."""
from stratus.api.compute import query

_FILTERS = ('hidden', 'host', 'instance_uuid', 'source_compute', 'status',
            'migration_type')
_TIME = {'type': 'string', 'minLength': 1}


def list_query(version):
    properties = {key: query.multi({'type': 'string'}) for key in _FILTERS}
    if version < (2, 59):
        return query.schema(properties, strict=False)
    properties.update({'limit': query.single(query.NON_NEGATIVE_INT),
                       'marker': query.single({'type': 'string'}),
                       'changes-since': query.single(_TIME)})
    if version >= (2, 66):
        properties['changes-before'] = query.single(_TIME)
    if version >= (2, 80):
        properties['user_id'] = query.single({'type': 'string'})
        properties['project_id'] = query.single({'type': 'string'})
    return query.schema(properties, strict=True)
