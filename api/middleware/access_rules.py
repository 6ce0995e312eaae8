"""Access rules of application-credential tokens, enforced by the
services the way keystonemiddleware does: such a token may only call a
matching service type, method and path; any other call is refused as an
invalid token (401). Identity itself does not check them (keystone's own
API ignores access rules).

Paths are matched relative to the service's endpoint (`/v2.1/servers`
for /compute/v2.1/servers). In a rule path `*` and `{name}` match one
path segment, `**` any number of them; a trailing slash is optional.
"""
import functools
import re

# Surface prefix -> the catalog types naming that service.
SERVICE_TYPES = {
    'compute': ('compute',),
    'volume': ('block-storage', 'volumev3', 'volume'),
    'image': ('image',),
}

_TOKEN = re.compile(r'(?P<segment>\{[^}]*\}|\*(?!\*))|(?P<any>\*\*)|'
                    r'(?P<literal>[^{}*]+)')


@functools.lru_cache(maxsize=512)
def _pattern(rule_path):
    parts = []
    for match in _TOKEN.finditer(rule_path.rstrip('/')):
        if match.group('segment'):
            parts.append(r'[^/]+')
        elif match.group('any'):
            parts.append(r'.*')
        else:
            parts.append(re.escape(match.group('literal')))
    return re.compile('^%s/?$' % ''.join(parts))


def path_matches(rule_path, path):
    return _pattern(rule_path).match(path) is not None


def _service_and_path(req):
    """(surface prefix, path below it) of a request seen inside a
    surface."""
    full = req.script_name + req.path_info
    prefix, _sep, rest = full.lstrip('/').partition('/')
    return prefix, '/' + rest


def allowed(req, rules):
    """Whether a request may go on with a token carrying `rules` (a token
    without rules may do anything its roles allow)."""
    if not rules:
        return True
    prefix, path = _service_and_path(req)
    if prefix not in SERVICE_TYPES:
        return True
    types = SERVICE_TYPES[prefix]
    return any(rule['service'] in types and rule['method'] == req.method
               and path_matches(rule['path'], path) for rule in rules)
