"""The web-download import method: which URLs glance's default import
filter lets through (http and https, ports 80 and 443, any host that is a
plain IP address or a name that resolves) and the bounded, streamed fetch
of one, following only redirects that pass the same filter."""
import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request

from stratus.common import exception

ALLOWED_SCHEMES = ('http', 'https')
ALLOWED_PORTS = (80, 443)
TIMEOUT = 60


def _normalized_host(host):
    """glance's rule: standard IP forms only, no numeric shorthands, and a
    name must resolve (trailing dot: no numeric parsing by the resolver)."""
    if not host:
        return None
    for cls in (ipaddress.IPv4Address, ipaddress.IPv6Address):
        try:
            return str(cls(host))
        except ValueError:
            pass
    if all(c.isdigit() or c == '.' for c in host):
        return None
    try:
        socket.getaddrinfo(host if host.endswith('.') else host + '.', 80)
    except (socket.gaierror, UnicodeError):
        return None
    return host


def allowed(uri):
    if not uri or not isinstance(uri, str):
        return False
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme not in ALLOWED_SCHEMES:
        return False
    try:
        port = parsed.port
    except ValueError:
        return False
    if not _normalized_host(parsed.hostname):
        return False
    return port is None or port in ALLOWED_PORTS


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not allowed(newurl):
            raise exception.Invalid('Redirect to disallowed URL: %s'
                                    % newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(uri, chunk_size):
    """(chunks, declared size or 0) of the document at `uri`."""
    opener = urllib.request.build_opener(_SafeRedirects)
    response = opener.open(uri, timeout=TIMEOUT)
    try:
        size = int(response.headers['content-length'])
    except (KeyError, TypeError, ValueError):
        size = 0

    def chunks():
        with response:
            while True:
                data = response.read(chunk_size)
                if not data:
                    return
                yield data
    return chunks(), size
