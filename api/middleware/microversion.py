"""OpenStack-API-Version negotiation for one surface (compute or volume).

The requested version is checked against [min, max] (406 outside, 400 when
unreadable), stored in the environ as a tuple and echoed in the response
headers, with ``Vary`` so caches keep versions apart.
"""
import re

from stratus.api.middleware import faults
from stratus.api.middleware import layer
from stratus.api.middleware import request_id

_VERSION = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


def parse(text):
    match = _VERSION.match(text.strip())
    if not match:
        raise ValueError(text)
    return int(match.group(1)), int(match.group(2))


def to_str(version):
    return '%d.%d' % version


class MicroversionMiddleware(layer.Layer):
    def __init__(self, application, service_type, min_version, max_version,
                 legacy_header=None):
        self.application = application
        self.service_type = service_type
        self.min_version = min_version
        self.max_version = max_version
        self.legacy_header = legacy_header

    def _requested(self, req):
        # Repeated headers arrive joined by commas.
        for item in req.headers.get('OpenStack-API-Version', '').split(','):
            parts = item.strip().split(None, 1)
            if len(parts) == 2 and parts[0].lower() == self.service_type:
                return parts[1].strip()
        if self.legacy_header:
            return req.headers.get(self.legacy_header)
        return None

    def process(self, req):
        requested = self._requested(req)
        if requested is None:
            version = self.min_version
        elif requested.strip().lower() == 'latest':
            version = self.max_version
        else:
            try:
                version = parse(requested)
            except ValueError:
                return faults.fault_response(
                    'nova', 400, 'API Version String %s is of invalid format. '
                    'Must be of format MajorNum.MinorNum.' % requested)
            if not self.min_version <= version <= self.max_version:
                resp = faults.fault_response(
                    'nova', 406, 'Version %s is not supported by the API. '
                    'Minimum is %s and maximum is %s.' % (
                        requested, to_str(self.min_version),
                        to_str(self.max_version)))
                self._echo(resp, self.min_version)
                return resp
        req.environ[request_id.ENV_MICROVERSION] = to_str(version)
        req.environ['stratus.api_version'] = version
        resp = layer.forward(req, self.application)
        self._echo(resp, version)
        return resp

    def _echo(self, resp, version):
        resp.headers['OpenStack-API-Version'] = '%s %s' % (
            self.service_type, to_str(version))
        vary = ['OpenStack-API-Version']
        if self.legacy_header:
            resp.headers[self.legacy_header] = to_str(version)
            vary.append(self.legacy_header)
        resp.headers['Vary'] = ', '.join(vary)
