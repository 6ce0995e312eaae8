"""Request bodies: parse JSON, validate with JSON Schema, 400 naming the
field on failure. Schemas can differ per microversion."""
import json

import jsonschema
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


def _field(error):
    path = list(error.absolute_path)
    if error.validator == 'required':
        # The missing key is named in the message; report its parent.
        return '/'.join(str(p) for p in path) or 'body'
    if error.validator == 'additionalProperties' and not path:
        return 'body'
    return '/'.join(str(p) for p in path) or 'body'


def check(schema, body):
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.FormatChecker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(body))
    if error is None:
        return body
    field = _field(error)
    if error.validator in ('required', 'additionalProperties'):
        reason = error.message
    else:
        reason = 'Value: %s. %s' % (json.dumps(error.instance)[:200],
                                    error.message)
    raise exception.ValidationError(field=field, reason=reason)


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
