"""The compute API's image view (nova's images proxy): glance's image
in nova's shape, with compute links and glance as the alternate."""
from stratus.api import timefmt

_STATUS = {'active': 'ACTIVE', 'queued': 'SAVING', 'saving': 'SAVING',
           'deleted': 'DELETED', 'pending_delete': 'DELETED',
           'killed': 'ERROR'}
_PROGRESS = {'queued': 25, 'saving': 50, 'active': 100}
_TRUE = ('1', 't', 'true', 'on', 'y', 'yes')


def _links(base, collection, identifier, alternate=None):
    links = [{'rel': 'self', 'href': '%s/compute/v2.1/%s/%s' % (
                 base, collection, identifier)},
             {'rel': 'bookmark', 'href': '%s/compute/%s/%s' % (
                 base, collection, identifier)}]
    if alternate:
        links.append({'rel': 'alternate',
                      'type': 'application/vnd.openstack.image',
                      'href': alternate})
    return links


def image_links(base, image_id):
    return _links(base, 'images', image_id,
                  '%s/image/images/%s' % (base, image_id))


def basic(image, base):
    return {'id': image['id'], 'name': image['name'],
            'links': image_links(base, image['id'])}


def detail(image, base):
    properties = dict(image.get('properties') or {})
    body = {
        'id': image['id'], 'name': image['name'],
        'minRam': int(image.get('min_ram') or 0),
        'minDisk': int(image.get('min_disk') or 0),
        'metadata': properties,
        'created': timefmt.iso_z(image['created_at']),
        'updated': timefmt.iso_z(image['updated_at']),
        'status': _STATUS.get(image['status'], 'UNKNOWN'),
        'progress': _PROGRESS.get(image['status'], 0),
        # nova's glance client reads a size not yet known as 0.
        'OS-EXT-IMG-SIZE:size': image.get('size') or 0,
        'links': image_links(base, image['id']),
    }
    server = properties.get('instance_uuid')
    if server is not None:
        body['server'] = {'id': server,
                          'links': _links(base, 'servers', server)}
    disk_config = properties.get('auto_disk_config')
    if disk_config is not None:
        body['OS-DCF:diskConfig'] = (
            'AUTO' if str(disk_config).lower() in _TRUE else 'MANUAL')
    return body
