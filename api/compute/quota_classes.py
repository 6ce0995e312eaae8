"""/compute/v2.1/os-quota-class-sets/{class} (admin): show and update a
quota class's compute limits. The 'default' class is every project's
defaults (os-quota-sets/{id}/defaults and the limits of projects without
overrides). Before 2.50 the body still names nova-network's resources
(unlimited, -1) and not the server group ones; 2.57 drops the personality
file quotas."""
import copy

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import quota_sets as quota_schemas
from stratus.common import exception
from stratus.db.api import quota_classes
from stratus.db.api import quotas

_NETWORK = ('fixed_ips', 'floating_ips', 'security_groups',
            'security_group_rules')
_SERVER_GROUPS = ('server_groups', 'server_group_members')


def _update_schema(version):
    schema = copy.deepcopy(quota_schemas._update(
        quotas.RESOURCES + quota_schemas.LEGACY_NETWORK))
    properties = schema['properties'].pop('quota_set')['properties']
    properties.pop('force')
    removed = ()
    if version >= (2, 50):
        removed += _NETWORK
    if version >= (2, 57):
        removed += quota_schemas.PERSONALITY
    for name in removed:
        properties.pop(name)
    schema['properties']['quota_class_set'] = {
        'type': 'object', 'properties': properties,
        'additionalProperties': False}
    schema['required'] = ['quota_class_set']
    return schema


def _view(limits, version, class_name=None):
    body = dict(limits)
    if version < (2, 50):
        for name in _SERVER_GROUPS:
            body.pop(name, None)
        body.update({name: -1 for name in _NETWORK})
    if version >= (2, 57):
        for name in quota_schemas.PERSONALITY:
            body.pop(name, None)
    if class_name is not None:
        body['id'] = class_name
    return {'quota_class_set': body}


class QuotaClassSetsController(rest.RestController):

    @pecan.expose()
    def get_one(self, class_name, **kwargs):
        policy.require_admin(wsgi.context(),
                             'os_compute_api:os-quota-class-sets:show')
        return wsgi.response(_view(quota_classes.get(class_name),
                                   wsgi.version(), class_name))

    @pecan.expose()
    def put(self, class_name):
        policy.require_admin(wsgi.context(),
                             'os_compute_api:os-quota-class-sets:update')
        version = wsgi.version()
        body = validation.body(_update_schema(version))['quota_class_set']
        if not 1 <= len(class_name) <= 255:
            raise exception.Invalid('quota_class_name has a length of %d; '
                                    'it must be between 1 and 255 '
                                    'characters.' % len(class_name))
        # nova stores every given resource; the network ones are shown as
        # unlimited whatever they hold.
        values = {name: int(value) for name, value in body.items()
                  if name in quotas.RESOURCES}
        limits = quota_classes.update(class_name, values)
        return wsgi.response(_view(limits, version))
