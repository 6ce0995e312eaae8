"""QoS spec bodies: the detail view (show, create, list items) and the
associations list."""
from stratus.api.volume import common

COLLECTION = 'qos-specs'


def qos_spec(spec):
    return {'id': spec['id'], 'name': spec['name'],
            'consumer': spec['consumer'], 'specs': dict(spec['specs'])}


def detail(spec):
    return {'qos_specs': qos_spec(spec),
            'links': common.links(COLLECTION, spec['id'])}


def association(vtype):
    return {'association_type': 'volume_type', 'name': vtype['name'],
            'id': vtype['id']}
