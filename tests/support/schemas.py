"""Upstream's published response schemas, applied the way a strict client
applies them.

The schemas come from the `tempest` package (tempest.lib.api_schema), a
test dependency: nothing of them is copied into the tree. `check` mirrors
tempest's RestClient.validate_response: a success answer must carry the
status the schema names, a body that validates (Draft 4, tempest's format
checker, unknown keys refused where the schema says so), or no body at all
when the schema describes none.

    from support import schemas
    schemas.check(schemas.volume('volumes', '3.71').create_volume, resp)
"""
import importlib
import json

import jsonschema
from tempest.lib.common import jsonschema_validator

VALIDATOR = jsonschema.Draft4Validator
FORMAT_CHECKER = jsonschema_validator.FORMAT_CHECKER

# Schema modules that tempest switches by microversion, as its volume
# service clients do (schema_versions_info): (module, first version that
# uses the variant, variant package).
_VOLUME_VARIANTS = {
    'volumes': [('3.61', 'v3_61'), ('3.63', 'v3_63'), ('3.64', 'v3_64'),
                ('3.65', 'v3_65'), ('3.69', 'v3_69')],
    'services': [('3.7', 'v3_7')],
    'transfers': [('3.55', 'v3_55'), ('3.57', 'v3_57')],
    'backups': [('3.64', 'v3_64')],
}


def _tuple(version):
    major, minor = str(version).split('.')
    return int(major), int(minor)


def volume(name, version='3.0'):
    """The tempest schema module for block-storage resource `name` at
    `version` (e.g. volume('volumes', '3.63') is v3_63.volumes)."""
    package = 'tempest.lib.api_schema.response.volume'
    chosen = package
    for since, variant in _VOLUME_VARIANTS.get(name, ()):
        if _tuple(version) >= _tuple(since):
            chosen = '%s.%s' % (package, variant)
    return importlib.import_module('%s.%s' % (chosen, name))


def _compute_variants():
    """The microversion variant packages tempest ships for compute, as
    ((major, minor), package suffix), lowest first."""
    from tempest.lib.api_schema.response import compute as package
    import pkgutil
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.ispkg and info.name.startswith('v2_'):
            found.append(((2, int(info.name[3:])), info.name))
    return sorted(found)


def compute(name, version='2.1'):
    """The tempest schema module for compute resource `name` at
    `version`: the highest variant package at or below `version` that has
    that module (each variant module carries every schema of its
    resource), e.g. compute('servers', '2.75') is v2_75.servers. Above
    tempest's newest variant (2.100) the newest one stands."""
    package = 'tempest.lib.api_schema.response.compute'
    wanted = _tuple(version)
    chosen = None
    for since, variant in _compute_variants():
        if since > wanted:
            break
        try:
            chosen = importlib.import_module('%s.%s.%s' % (package, variant,
                                                           name))
        except ImportError:
            continue
    if chosen is None:
        raise ImportError('tempest has no compute schema module %r' % name)
    return chosen


def _status(resp):
    for attr in ('status_int', 'status_code'):
        if hasattr(resp, attr):
            return getattr(resp, attr)
    raise TypeError('not a response: %r' % (resp,))


def _body(resp):
    raw = resp.body if hasattr(resp, 'body') else resp.content
    if not raw:
        return None
    return json.loads(raw)


def check(schema, resp):
    """Validate a webob or requests response against a tempest schema
    dict; returns the decoded body. Raises AssertionError on a status
    the schema does not name, a body it refuses or an unexpected body."""
    status = _status(resp)
    body = _body(resp)
    expected = schema['status_code']
    assert status in expected, 'status %s, schema expects %s: %s' % (
        status, expected, body)
    body_schema = schema.get('response_body')
    if body_schema:
        try:
            jsonschema.validate(body, body_schema, cls=VALIDATOR,
                                format_checker=FORMAT_CHECKER)
        except jsonschema.ValidationError as exc:
            raise AssertionError('response body is invalid: %s' % exc)
    else:
        assert not body, 'response body should not exist: %r' % (body,)
    return body


def check_fault(resp, status, name=None):
    """A cinder/nova fault body: {"<name>": {"code": status, "message":
    "..."}} with exactly those keys; returns the message."""
    assert _status(resp) == status, (_status(resp), _body(resp))
    body = _body(resp)
    assert isinstance(body, dict) and len(body) == 1, body
    (key, fault), = body.items()
    if name is not None:
        assert key == name, body
    assert set(fault) == {'code', 'message'}, body
    assert fault['code'] == status, body
    return fault['message']
