"""keystone 30's two request validators, as a user reads their 400s.

keystone checks most request bodies and query strings with its newer
validator (the `request_body_schema` / `request_query_schema` decorators):
Draft 2020-12, minimum/maximum also applied to number strings, and an
error names only the last path element and echoes the value.  Its query
decorator uses the body wording too (it passes is_body=True), and reads a
repeated parameter's first value.

A few places still use the older `lazy_validate` (token issue, password
change, policies, project tags, SAML assertions): plain Draft 2020-12 and
the whole path joined by '/', followed by jsonschema's full explanation of
the failure.  Neither validator hides secrets.
"""
import jsonschema
from oslo_utils import timeutils
from oslo_utils import uuidutils

from stratus.common import exception

_FORMATS = jsonschema.FormatChecker()


@_FORMATS.checks('date-time')
def _is_date_time(instance):
    if not isinstance(instance, str):
        return True
    try:
        timeutils.parse_isotime(instance)
    except ValueError:
        return False
    return True


@_FORMATS.checks('uuid')
def _is_uuid(instance):
    return not isinstance(instance, str) or uuidutils.is_uuid_like(instance)


def _as_number(value):
    # keystone tries int() before float(): True counts as 1, 1.5 as 1.
    for kind in (int, float):
        try:
            return kind(value)
        except (ValueError, TypeError):
            continue
    return None


def _bound(name):
    original = jsonschema.Draft202012Validator.VALIDATORS[name]

    def check(validator, bound, instance, schema):
        number = _as_number(instance)
        if number is None:
            return None
        return original(validator, bound, number, schema)
    return check


_Decorated = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    {'minimum': _bound('minimum'), 'maximum': _bound('maximum')})


def _refuse(detail, error=None):
    path = '/'.join(str(p) for p in error.path) if error is not None else ''
    reason = error.message if error is not None else detail
    return exception.ValidationError(detail, field=path, reason=reason)


def decorated(schema, instance):
    """keystone's request_body_schema / request_query_schema check."""
    try:
        _Decorated(schema, format_checker=_FORMATS).validate(instance)
    except jsonschema.ValidationError as error:
        if error.path:
            raise _refuse(
                'Invalid input for field/attribute %s. Value: %s. %s' % (
                    error.path[-1], error.instance, error.message), error)
        raise _refuse(error.message, error)
    except TypeError as exc:
        # A non-string key against patternProperties.
        raise _refuse(str(exc))
    return instance


def lazy(schema, instance):
    """keystone's lazy_validate check."""
    try:
        jsonschema.Draft202012Validator(
            schema, format_checker=_FORMATS).validate(instance)
    except jsonschema.ValidationError as error:
        if error.path:
            raise _refuse("Invalid input for field '%s': %s" % (
                '/'.join(str(p) for p in error.path), error), error)
        raise _refuse(str(error), error)
    return instance


# Body fields whose value stratus never repeats in a message of its own.
_SECRETS = ('password', 'original_password', 'token', 'secret')


def stratus_limits(schema, instance):
    """stratus's own extra limits where keystone has no schema check (it
    fails later, its own way): the older wording, short, secrets left
    out."""
    try:
        jsonschema.Draft202012Validator(
            schema, format_checker=_FORMATS).validate(instance)
    except jsonschema.ValidationError as error:
        path = '/'.join(str(p) for p in error.path)
        reason = error.message
        if error.path and error.path[-1] in _SECRETS:
            reason = 'The value is not valid.'
        raise _refuse("Invalid input for field '%s': %s" % (path, reason)
                      if path else reason, error)
    return instance
