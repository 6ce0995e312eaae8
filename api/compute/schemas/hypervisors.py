"""os-hypervisors query strings, per microversion: paging from 2.33,
strict with the pattern and with_servers parameters from 2.53."""
from stratus.api.compute import query


def list_query(version):
    if version < (2, 33):
        return query.schema({}, strict=False)
    if version < (2, 53):
        return query.schema({'limit': query.multi(query.NON_NEGATIVE_INT),
                             'marker': query.multi({'type': 'string'})},
                            strict=False)
    properties = {'limit': query.single(query.NON_NEGATIVE_INT),
                  'marker': query.single({'type': 'string'})}
    properties.update({
        'hypervisor_hostname_pattern': query.single(
            {'type': 'string', 'minLength': 1, 'maxLength': 255,
             'pattern': '^[a-zA-Z0-9-._]*$'}),
        'with_servers': query.single(query.BOOLEAN)})
    return query.schema(properties, strict=True)


def show_query(version):
    if version < (2, 53):
        return query.schema({}, strict=False)
    return query.schema({'with_servers': query.single(query.BOOLEAN)},
                        strict=True)
