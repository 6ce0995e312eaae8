"""Request bodies: parse JSON, validate with JSON Schema, 400 in nova's
words on failure. Schemas can differ per microversion.

nova reports the first error the validator meets: "Invalid input for
field/attribute <last path element>. Value: <python value>. <message>",
or the bare message when the error is about the whole body. The block
storage API words its errors as cinder does (api/volume/request_validation).
"""
import json
import unicodedata

import jsonschema
from oslo_utils import uuidutils
import pecan

from stratus.common import exception


def load_json(request):
    if not request.body:
        raise exception.MalformedRequestBody(reason='The request body is '
                                             'empty; a JSON object is expected')
    try:
        return json.loads(request.body)
    except ValueError as exc:
        raise exception.MalformedRequestBody(reason=str(exc))


def _number(value):
    for kind in (int, float):
        try:
            return kind(value)
        except (ValueError, TypeError):
            continue
    return None


def bound_on_number_strings(name):
    """minimum/maximum applied to number strings ('0') too, as nova and
    cinder apply them."""
    original = jsonschema.Draft4Validator.VALIDATORS[name]

    def check(validator, bound, instance, schema):
        number = _number(instance)
        if number is None:
            return
        yield from original(validator, bound, number, schema) or ()
    return check


# Draft 4 keywords (stratus's schemas use them) with nova's Draft 2020-12
# types: 1.0 is an integer there.
_Validator = jsonschema.validators.extend(
    jsonschema.Draft4Validator,
    {'minimum': bound_on_number_strings('minimum'),
     'maximum': bound_on_number_strings('maximum')},
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER)


def _is_uuid(instance):
    # nova's uuid format: anything oslo reads as a UUID.
    return not isinstance(instance, str) or uuidutils.is_uuid_like(instance)


class _InvalidName(Exception):
    """nova's InvalidName: its message replaces the validator's."""
    def __init__(self, reason):
        super().__init__("An invalid 'name' value was provided. The name "
                         "must be: %s" % reason)


def _printable(char, space_ok=True):
    # nova's regex ranges: the basic plane, no control, format or
    # separator other than a space separator (Zs), which may not start
    # or end a name.
    category = unicodedata.category(char)
    return ord(char) < 0xFFFF and not category.startswith('C') and (
        not category.startswith('Z') or (category == 'Zs' and space_ok))


def _is_name(instance):
    """nova's 'name' format (parameter_types.valid_name_regex)."""
    if isinstance(instance, str) and all(map(_printable, instance)) and (
            not instance or (_printable(instance[0], False) and
                             _printable(instance[-1], False))):
        return True
    raise _InvalidName('printable characters. Can not start or end with '
                       'whitespace.')


FORMATS = jsonschema.FormatChecker()
FORMATS.checks('uuid')(_is_uuid)
FORMATS.checks('name', raises=_InvalidName)(_is_name)


def _message(error):
    if isinstance(error.cause, _InvalidName):
        return str(error.cause)
    path = list(error.path)
    if not path:
        return error.message
    return 'Invalid input for field/attribute %s. Value: %s. %s' % (
        path[-1], error.instance, error.message)


def check(schema, body):
    validator = _Validator(schema, format_checker=FORMATS)
    try:
        error = next(iter(validator.iter_errors(body)), None)
    except TypeError as exc:
        # A key that is no string against patternProperties, as nova.
        raise exception.Invalid(str(exc))
    if error is None:
        return body
    # `field` (the whole path) lets callers tell which value was refused.
    raise exception.ValidationError(
        _message(error), field='/'.join(str(p) for p in error.path),
        reason=error.message)


def check_action(name, schema, value):
    """A server action's value, checked inside its {name: value} body so
    that paths (and so messages) are nova's."""
    check({'type': 'object', 'properties': {name: schema}}, {name: value})
    return value


def body(schema):
    """The current request's JSON body, validated against `schema`."""
    return check(schema, load_json(pecan.request))


def for_version(version, schemas):
    """Pick the schema whose [min, max] range holds `version`.

    `schemas` is a list of (min_version, max_version or None, schema).
    """
    for low, high, schema in schemas:
        if low <= version and (high is None or version <= high):
            return schema
    raise LookupError(version)
