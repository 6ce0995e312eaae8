"""The deployment's extra image properties: what glance merges into its
image schema from schema-image.json, served in /v2/schemas/image and
checked on create and PATCH.

Without a file stratus uses its own definitions of the properties
devstack installs (same names, types, patterns and enums). An operator
overrides them with a JSON file in glance's format (flat
{"name": {schema}} or {"properties": {...}, "required": [...]}) named by
[image] custom_properties_file, or found as schema-image.json in the
configuration directories, where glance looks."""
import copy
import json

from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF

LOG = log.getLogger(__name__)
FILENAME = 'schema-image.json'

UUID_PATTERN = ('^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}'
                '-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$')


def _uuid_ref(what):
    return {'type': ['null', 'string'], 'pattern': UUID_PATTERN,
            'description': 'Image holding the %s an AMI-style image boots '
                           'with.' % what}


# Stratus's wording; names and constraints are devstack's.
BUILTIN = {
    'kernel_id': _uuid_ref('kernel'),
    'ramdisk_id': _uuid_ref('ramdisk'),
    'instance_uuid': {'type': 'string', 'description': 'Server the image '
                      'was taken from (informational only).'},
    'architecture': {'description': 'CPU architecture of the operating '
                     'system (glanceclient\'s property keys list the '
                     'values).', 'type': 'string'},
    'os_distro': {'description': 'Distribution of the operating system '
                  '(glanceclient\'s property keys list the values).',
                  'type': 'string'},
    'os_version': {'description': 'Version of the operating system as its '
                   'distributor names it.', 'type': 'string'},
    'description': {'description': 'What the image is, for people.',
                    'type': 'string'},
    'cinder_encryption_key_id': {'description': 'Key Manager key with '
                                 'which the block storage service opens '
                                 'a volume made from this image.',
                                 'type': 'string'},
    'cinder_encryption_key_deletion_policy': {
        'description': 'When the image service deletes the key named by '
                       'cinder_encryption_key_id; without it, never.',
        'type': 'string', 'enum': ['on_image_deletion', 'do_not_delete']},
}

_loaded = {}


def _file():
    return CONF.image.custom_properties_file or CONF.find_file(FILENAME)


def _read(path):
    with open(path) as f:
        data = json.load(f)
    if isinstance(data, dict) and 'properties' in data:
        return data.get('properties') or {}, data.get('required') or None
    return data, None


def load():
    """(properties, required or None) of the deployment, read once."""
    if 'value' not in _loaded:
        path = _file()
        if path:
            LOG.info('Extra image properties from %s', path)
            _loaded['value'] = _read(path)
        else:
            _loaded['value'] = (BUILTIN, None)
    props, required = _loaded['value']
    return copy.deepcopy(props), list(required) if required else None


def reset():
    """Forget what load() read (tests, a changed option)."""
    _loaded.clear()


def merge(base):
    """The base properties with the custom ones, marked as glance marks
    them; a custom property may not redefine a base one."""
    custom, required = load()
    for value in custom.values():
        value['is_base'] = False
    clash = [k for k in custom if k in base and base[k] != custom[k]]
    if clash:
        raise exception.Invalid('custom properties (%s) conflict with base '
                                'properties' % ', '.join(clash))
    merged = dict(base)
    merged.update(custom)
    return merged, required
