"""Flavor response bodies (2.1)."""


def links(base, flavorid):
    return [{'rel': 'self',
             'href': '%s/compute/v2.1/flavors/%s' % (base, flavorid)},
            {'rel': 'bookmark',
             'href': '%s/compute/flavors/%s' % (base, flavorid)}]


def basic(row, base):
    return {'id': row['flavorid'], 'name': row['name'],
            'links': links(base, row['flavorid'])}


def detail(row, base):
    return {
        'id': row['flavorid'],
        'name': row['name'],
        'ram': row['memory_mb'],
        'disk': row['root_gb'],
        'vcpus': row['vcpus'],
        # Before 2.75 an unset swap is shown as an empty string.
        'swap': row['swap'] or '',
        'OS-FLV-EXT-DATA:ephemeral': row['ephemeral_gb'],
        'OS-FLV-DISABLED:disabled': row['disabled'],
        'os-flavor-access:is_public': row['is_public'],
        'rxtx_factor': row['rxtx_factor'],
        'links': links(base, row['flavorid']),
    }
