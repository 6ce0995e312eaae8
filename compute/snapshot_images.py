"""The image records createImage and shelve make before the compute
uploads into them (API side: it writes the image database)."""
import uuid as uuidlib

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import images as db_images

# Source image properties a snapshot does not inherit.
_NOT_INHERITED = ('image_type', 'instance_uuid', 'base_image_ref',
                  'owner_specified.openstack.md5',
                  'owner_specified.openstack.sha256',
                  'owner_specified.openstack.object')


def _check_property_quota(properties):
    """glance refuses an image past image_property_quota (413), which
    nova's image client does not translate (a 500 upstream): a 403, the
    status nova gives its own quotas, with glance's text."""
    count = len([k for k in properties if not k.startswith('os_glance')])
    if 0 <= CONF.image.image_property_quota < count:
        raise exception.Forbidden(
            'The limit has been exceeded on the number of allowed image '
            'properties. Attempted: %d, Maximum: %d'
            % (count, CONF.image.image_property_quota))


def create(ctxt, instance, name, extra_properties=None, check_quota=True):
    """A queued, private snapshot image of `instance` named `name`.
    `check_quota` False: the caller has already moved the server (shelve),
    and the properties are the server's image's own."""
    inherited = {key[len('image_'):]: value for key, value in
                 instance['system_metadata'].items()
                 if key.startswith('image_') and key not in (
                     'image_base_image_ref', 'image_min_ram',
                     'image_min_disk', 'image_disk_format',
                     'image_container_format')}
    properties = {k: v for k, v in inherited.items()
                  if k not in _NOT_INHERITED}
    properties.update({
        'image_type': 'snapshot', 'instance_uuid': instance['uuid'],
        'base_image_ref': instance['image_ref'] or '',
        'user_id': ctxt.user_id, 'owner_project_name': ctxt.project_name,
        'owner_user_name': ctxt.user_name})
    properties.update({k: str(v) for k, v in
                       (extra_properties or {}).items()})
    if check_quota:
        _check_property_quota(properties)
    system = instance['system_metadata']
    return db_images.create({
        'id': str(uuidlib.uuid4()), 'name': name, 'status': 'queued',
        'visibility': 'private', 'owner': instance['project_id'],
        'disk_format': system.get('image_disk_format') or 'raw',
        'container_format': system.get('image_container_format') or 'bare',
        'min_disk': instance['root_gb'],
        'min_ram': int(system.get('image_min_ram') or 0)}, properties)


def delete_quietly(image_id):
    try:
        db_images.delete(image_id)
    except Exception:
        pass
