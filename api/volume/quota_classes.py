"""/volume/v3/os-quota-class-sets/{class}: the limits of a quota class
(admin only). The 'default' class's limits are the defaults every
project's quota set shows and enforces."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import request_validation
from stratus.common import exception
from stratus.db.api import volume_quota_classes
from stratus.db.api import volume_quotas

# cinder's parameter_types.quota_class_set: the keys are checked first
# (its quota_class_set format), then a string must be digits only and an
# integer may be -1.
UPDATE = {
    'type': 'object',
    'properties': {'quota_class_set': {
        'type': 'object',
        'format': 'quota_class_set',
        'patternProperties': {'^[a-zA-Z0-9-_:. ]{1,300}$': {
            'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
            'minimum': -1, 'minLength': 1, 'maximum': 2147483647}},
        'additionalProperties': False}},
    'required': ['quota_class_set'],
    'additionalProperties': False,
}


def _check_keys(body):
    """cinder's quota_class_set format: its fault names the unknown keys."""
    known = volume_quotas.defaults()
    bad = [key for key in body if key not in known]
    if bad:
        raise exception.InvalidInput(
            reason='Bad key(s) in quota class set: %s' % ', '.join(bad))
    return True


request_validation.FORMATS.checks('quota_class_set')(_check_keys)


class QuotaClassesController(rest.RestController):

    @pecan.expose()
    def get_one(self, class_name):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'volume_extension:quota_classes')
        body = volume_quota_classes.get(class_name)
        body['id'] = class_name
        return wsgi.response({'quota_class_set': body})

    @pecan.expose()
    def put(self, class_name):
        # cinder validates the body before its policy check.
        body = request_validation.body(UPDATE)['quota_class_set']
        policy.require_admin(wsgi.context(),
                             'volume_extension:quota_classes:update')
        if not 1 <= len(class_name) <= 255:
            raise exception.InvalidInput(
                reason='quota_class_name has %s characters, more than 255.'
                % len(class_name))
        limits = volume_quota_classes.update(
            class_name, {k: int(v) for k, v in body.items()})
        return wsgi.response({'quota_class_set': limits})
