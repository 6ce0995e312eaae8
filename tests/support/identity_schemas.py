"""Keystone's own published response-body schemas, applied to stratus's
identity answers.

Tempest ships no identity response schemas, but the keystone release
decorates its flask resources with `response_body_schema(...)`. Those
schemas are upstream data and a test dependency only: tests/run.sh
installs the keystone release into a side virtualenv (its dependencies
clash with stratus's constraints), dump_keystone_schemas.py (run with that
venv's python) writes them to a JSON cache, and this module loads the
cache and validates bodies the way keystone's validator does (Draft
2020-12, its date-time and uuid format checks).

    from support import identity_schemas
    identity_schemas.check('GET', '/v3/projects/<project_id>', body)
    identity_schemas.check_response('GET', '/identity/v3/projects/x', resp)
"""
import json
import os
import re
import subprocess
import urllib.parse
import uuid

import iso8601
import jsonschema

KEYSTONE_VERSION = '30.0.0'
VENV = os.environ.get('STRATUS_KEYSTONE_VENV',
                      '/opt/stratus/keystone-schemas-venv')
CACHE = os.path.join(VENV, 'keystone-%s-response-schemas.json'
                     % KEYSTONE_VERSION)
DUMPER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      'dump_keystone_schemas.py')

_state = {}

FORMAT_CHECKER = jsonschema.FormatChecker()


# keystone's checkers only judge strings (other types pass) and accept what
# oslo.utils' parse_isotime and is_uuid_like accept.
@FORMAT_CHECKER.checks('date-time')
def _datetime(instance):
    if not isinstance(instance, str):
        return True
    try:
        iso8601.parse_date(instance)
    except (iso8601.ParseError, TypeError, ValueError):
        return False
    return True


@FORMAT_CHECKER.checks('uuid')
def _uuid(instance):
    if not isinstance(instance, str):
        return True
    try:
        return (str(uuid.UUID(instance)).replace('-', '')
                == instance.replace('-', '').replace('urn:', '').replace(
                    'uuid:', '').strip('{}').lower())
    except (TypeError, ValueError, AttributeError):
        return False


# jsonschema judges 'uri' only with rfc3987 installed (neither venv has it);
# the schemas mean absolute links, so hold them to a scheme and a host.
@FORMAT_CHECKER.checks('uri')
def _uri(instance):
    if not isinstance(instance, str):
        return True
    parts = urllib.parse.urlsplit(instance)
    return bool(parts.scheme and parts.netloc) and ' ' not in instance


def _load():
    """(schemas by 'METHOD template', None) or (None, reason)."""
    if 'schemas' in _state or 'reason' in _state:
        return _state.get('schemas'), _state.get('reason')
    python = os.path.join(VENV, 'bin', 'python')
    if not os.path.exists(CACHE):
        if not os.path.exists(python):
            _state['reason'] = (
                'keystone %s is not installed in %s (tests/run.sh installs '
                'it; it needs the network the first time)'
                % (KEYSTONE_VERSION, VENV))
            return None, _state['reason']
        proc = subprocess.run([python, DUMPER, CACHE], capture_output=True,
                              text=True, timeout=300)
        if proc.returncode != 0 or not os.path.exists(CACHE):
            _state['reason'] = ('dumping keystone response schemas failed: '
                                + proc.stderr.strip()[-2000:])
            return None, _state['reason']
    with open(CACHE) as f:
        _state['schemas'] = json.load(f)
    return _state['schemas'], None


def available():
    """(True, None) or (False, why the schemas cannot be had)."""
    schemas, reason = _load()
    return schemas is not None, reason


def skip_unless_available():
    import pytest
    ok, reason = available()
    if not ok:
        pytest.skip(reason)


def schemas():
    found, reason = _load()
    if found is None:
        raise RuntimeError(reason)
    return found


def _segments(template):
    return [s for s in template.split('/') if s]


def template_for(method, path):
    """Keystone's route template for a request path, or None.

    The path may carry stratus's '/identity' mount and a query string.
    Literal segments win over placeholders (so /v3/limits/model is not
    /v3/limits/<limit_id>)."""
    path = path.split('?', 1)[0]
    at = path.find('/v3/')
    if at < 0 and path.endswith('/v3'):
        at = len(path) - 3
    if at < 0:
        return None
    wanted = _segments(path[at:])
    best, best_literals = None, -1
    for key in schemas():
        key_method, template = key.split(' ', 1)
        if key_method != method.upper():
            continue
        parts = _segments(template)
        if len(parts) != len(wanted):
            continue
        literals = 0
        for part, got in zip(parts, wanted):
            if part.startswith('<'):
                continue
            if part != got:
                break
            literals += 1
        else:
            if literals > best_literals:
                best, best_literals = template, literals
    return best


def _where(error):
    return '/'.join(str(p) for p in error.absolute_path) or '(top)'


def check(method, template, body):
    """Validate `body` against keystone's schema for METHOD template;
    raise AssertionError naming every mismatch. No schema: no check."""
    schema = schemas().get('%s %s' % (method.upper(), template))
    if schema is None:
        return
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(body),
                    key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        lines = ['%s: %s' % (_where(e), e.message[:300]) for e in errors[:20]]
        raise AssertionError(
            'response of %s %s does not match keystone %s\'s schema:\n  %s'
            '\nbody: %s' % (method.upper(), template, KEYSTONE_VERSION,
                            '\n  '.join(lines),
                            json.dumps(body, sort_keys=True)[:2000]))


_SUCCESS = re.compile(r'^2\d\d$')


def check_response(method, path, status, body_text):
    """Validate a successful JSON answer to METHOD path when keystone has a
    schema for the route; silently pass otherwise (errors, no schema, no
    keystone)."""
    if not _SUCCESS.match(str(status)) or not body_text:
        return
    ok, _ = available()
    if not ok:
        return
    template = template_for(method, path)
    if template is None:
        return
    check(method, template, json.loads(body_text))


def hook_requests(monkeypatch):
    """Make every `requests` call of a test hold identity answers to
    keystone's schemas (the functional tests' raw REST calls)."""
    import requests

    plain = requests.sessions.Session.request

    def request(self, method, url, *args, **kwargs):
        resp = plain(self, method, url, *args, **kwargs)
        if ('/identity/v3' in url
                and 'json' in resp.headers.get('Content-Type', '')):
            check_response(method, urllib.parse.urlsplit(url).path,
                           resp.status_code, resp.text)
        return resp

    monkeypatch.setattr(requests.sessions.Session, 'request', request)
