"""Flavor response bodies: description from 2.55, extra_specs from 2.61,
an integer swap from 2.75, no rxtx_factor or OS-FLV-DISABLED:disabled from
2.102."""


def links(base, flavorid):
    return [{'rel': 'self',
             'href': '%s/compute/v2.1/flavors/%s' % (base, flavorid)},
            {'rel': 'bookmark',
             'href': '%s/compute/flavors/%s' % (base, flavorid)}]


def basic(row, base, version):
    body = {'id': row['flavorid'], 'name': row['name'],
            'links': links(base, row['flavorid'])}
    if version >= (2, 55):
        body['description'] = row['description']
    return body


def detail(row, base, version):
    body = {
        'id': row['flavorid'],
        'name': row['name'],
        'ram': row['memory_mb'],
        'disk': row['root_gb'],
        'vcpus': row['vcpus'],
        # Before 2.75 an unset swap is shown as an empty string.
        'swap': row['swap'] if version >= (2, 75) else (row['swap'] or ''),
        'OS-FLV-EXT-DATA:ephemeral': row['ephemeral_gb'],
        'OS-FLV-DISABLED:disabled': row['disabled'],
        'os-flavor-access:is_public': row['is_public'],
        'rxtx_factor': row['rxtx_factor'],
        'links': links(base, row['flavorid']),
    }
    if version >= (2, 55):
        body['description'] = row['description']
    if version >= (2, 102):
        del body['OS-FLV-DISABLED:disabled'], body['rxtx_factor']
    # Every reader may index extra specs (nova's default policy).
    if version >= (2, 61):
        body['extra_specs'] = dict(row['extra_specs'])
    return body
