"""Who sees and who changes metadata definitions (glance's policies).

Reading takes a reader of the namespace's project or a public namespace
(admins see all); every change is admin-only. A namespace the caller
cannot see is reported missing, in the wording of the call at hand."""
import jsonschema

from stratus.api import wsgi
from stratus.common import exception
from stratus.db.api import metadef_namespaces as db_namespaces

# How each call words a namespace it cannot see or cannot find:
# 'bare' (glance's empty 404) / 'short' ("Namespace X not found") /
# 'db' (the data layer's "Metadata definition namespace=X was not found.").
BARE, SHORT, DB = 'bare', 'short', 'db'


def _short(name):
    return exception.NotFound('Namespace %s not found' % name)


def namespace(name, unseen=SHORT, missing=SHORT):
    """The namespace row if the caller sees it."""
    ctxt = wsgi.context()
    try:
        row = db_namespaces.get(name)
    except exception.MetadefNamespaceNotFound:
        if missing == SHORT:
            raise _short(name)
        raise
    if not db_namespaces.visible(row, ctxt.project_id, ctxt.is_admin):
        if unseen == BARE:
            raise exception.NotFound('The resource could not be found.')
        raise _short(name)
    return row


def require_reader(rule):
    ctxt = wsgi.context()
    # glance 33's rules are project-scoped (see stratus.api.policy).
    if ctxt.system_scope or not (ctxt.is_admin or ctxt.can_read):
        raise exception.Forbidden('You are not authorized to complete %s '
                                  'action.' % rule)


def require_admin(rule):
    ctxt = wsgi.context()
    if ctxt.system_scope or not ctxt.is_admin:
        raise exception.Forbidden('You are not authorized to complete %s '
                                  'action.' % rule)


def check_read_only(body, names):
    for key in names:
        if key in body:
            raise exception.Forbidden("Attribute '%s' is read-only." % key)


def validate(schema, body):
    """glance's wording for a body its schema refuses (400)."""
    if not isinstance(body, dict):
        raise exception.Invalid("Provided object does not match schema "
                                "'%s': %r is not of type 'object'"
                                % (schema['name'], body))
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft4Validator(schema).iter_errors(body))
    if error is not None:
        raise exception.Invalid("Provided object does not match schema "
                                "'%s': %s" % (schema['name'], error.message))


def body(request):
    """The JSON body; glance's 400 when there is none."""
    if not request.body:
        raise exception.Invalid('Body expected in request.')
    try:
        return request.json_body
    except ValueError:
        raise exception.Invalid('Malformed JSON in request body.')
