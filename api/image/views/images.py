"""Image and member response bodies (Glance v2)."""
from stratus.api import timefmt

# Shown as top-level keys; a free-form property never hides one of them.
BASE = ('id', 'name', 'status', 'visibility', 'protected', 'os_hidden',
        'checksum', 'os_hash_algo', 'os_hash_value', 'owner', 'size',
        'virtual_size', 'min_ram', 'min_disk', 'disk_format',
        'container_format')


def image(img):
    body = dict(img['properties'])
    body.update({key: img[key] for key in BASE})
    body.update({
        'created_at': timefmt.iso_z(img['created_at']),
        'updated_at': timefmt.iso_z(img['updated_at']),
        'tags': list(img['tags']),
        'self': '/v2/images/%s' % img['id'],
        'file': '/v2/images/%s/file' % img['id'],
        'schema': '/v2/schemas/image',
    })
    return body


def member(row):
    return {
        'image_id': row['image_id'],
        'member_id': row['member'],
        'status': row['status'],
        'created_at': timefmt.iso_z(row['created_at']),
        'updated_at': timefmt.iso_z(row['updated_at']),
        'schema': '/v2/schemas/member',
    }
