"""Request bodies checked the way cinder checks them: Draft 4 with
minimum/maximum also applied to number strings, cinder's formats (uuid as
oslo reads it, names and descriptions measured without their surrounding
spaces), the first error found, and cinder's wording of it (the last path
element, the python value)."""
import jsonschema
from oslo_utils import strutils
from oslo_utils import uuidutils
import pecan

from stratus.api import validation
from stratus.api.volume import request_formats
from stratus.common import exception


_Validator = jsonschema.validators.extend(
    jsonschema.Draft4Validator,
    {'minimum': validation.bound_on_number_strings('minimum'),
     'maximum': validation.bound_on_number_strings('maximum')})


def _length(entity):
    """cinder's *_non_mandatory_remove_white_spaces formats: at most 255
    characters once stripped; too long is its plain InvalidInput."""
    def check(value):
        if not value:
            return True
        try:
            strutils.check_string_length(value.strip(), name=entity,
                                         max_length=255)
        except (ValueError, TypeError) as exc:
            raise exception.Invalid(reason=str(exc))
        return True
    return check


FORMATS = jsonschema.FormatChecker(())
FORMATS.checks('uuid')(uuidutils.is_uuid_like)
FORMATS.checks('name_non_mandatory_remove_white_spaces')(_length('name'))
FORMATS.checks('description_non_mandatory_remove_white_spaces')(
    _length('description'))
request_formats.register(FORMATS)


def check(schema, body):
    try:
        _Validator(schema, format_checker=FORMATS).validate(body)
    except jsonschema.ValidationError as exc:
        if isinstance(exc.cause, exception.InvalidName):
            detail = exc.cause.message
        elif len(exc.path) > 0:
            detail = ('Invalid input for field/attribute %s. Value: %s. %s'
                      % (exc.path.pop(), exc.instance, exc.message))
        else:
            detail = exc.message
        raise exception.Invalid(detail)
    except TypeError as exc:
        # A key that is no string against patternProperties, as cinder.
        raise exception.Invalid(str(exc))
    return body


def body(schema):
    """The current request's JSON body, checked against `schema`."""
    return check(schema, validation.load_json(pecan.request))
