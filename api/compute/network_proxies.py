"""nova's network proxies (os-networks, os-tenant-networks,
os-floating-ip-pools, os-floating-ips, os-security-groups,
os-security-group-rules): nova forwards them to neutron from 2.1 to 2.35
and answers 404 from 2.36. stratus has no network service, so below 2.36
they answer as nova does over a neutron holding nothing: empty lists and
nova's not-found messages. Security groups are the exception: neutron
accepts them even with no network, so they are kept (security_groups.py).
The nova-network writes of os-networks and os-tenant-networks stay 410 at
every microversion, as in nova."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute import security_groups
from stratus.common import exception

MAX_PROXY_VERSION = (2, 35)


def _begin(rule, write=False):
    if wsgi.version() > MAX_PROXY_VERSION:
        raise exception.NotFound('The resource could not be found.')
    ctxt = wsgi.context()
    if write:
        policy.require_member(ctxt, rule)
    else:
        policy.require_reader(ctxt, rule)
    return ctxt


def _listing(key, rule):
    _begin(rule)
    return wsgi.response({key: []})


class NetworksController(rest.RestController):
    """os-networks; also os-tenant-networks (no add or action there)."""
    _custom_actions = {'add': ['POST'], 'action': ['POST']}

    def __init__(self, family='os-networks'):
        self._rule = 'os_compute_api:%s:%%s' % family

    @pecan.expose()
    def get_all(self, **kwargs):
        return _listing('networks', self._rule % 'list')

    @pecan.expose()
    def get_one(self, network_id, **kwargs):
        _begin(self._rule % 'show')
        raise exception.NotFound('Network not found')

    @pecan.expose()
    def post(self, *args, **kwargs):
        raise exception.Gone()

    @pecan.expose()
    def delete(self, network_id):
        raise exception.Gone()

    @pecan.expose()
    def add(self, *args, **kwargs):
        raise exception.Gone()

    @pecan.expose()
    def action(self, network_id, **kwargs):
        raise exception.Gone()


class TenantNetworksController(NetworksController):
    _custom_actions = {}

    def __init__(self):
        super().__init__('os-tenant-networks')


class FloatingIPPoolsController(rest.RestController):
    @pecan.expose()
    def get_all(self, **kwargs):
        return _listing('floating_ip_pools',
                        'os_compute_api:os-floating-ip-pools:list')


class FloatingIPsController(rest.RestController):
    _rule = 'os_compute_api:os-floating-ips:%s'

    @pecan.expose()
    def get_all(self, **kwargs):
        return _listing('floating_ips', self._rule % 'list')

    @pecan.expose()
    def get_one(self, fip_id, **kwargs):
        _begin(self._rule % 'show')
        raise exception.NotFound('Floating IP not found for ID %s' % fip_id)

    @pecan.expose()
    def post(self, **kwargs):
        # No external network exists, so no pool (named or default) does.
        _begin(self._rule % 'create', write=True)
        raise exception.NotFound('Floating IP pool not found.')

    @pecan.expose()
    def delete(self, fip_id):
        _begin(self._rule % 'delete', write=True)
        raise exception.NotFound('Floating IP not found for ID %s' % fip_id)


ROOT_FAMILIES = (
    ('os-networks', NetworksController()),
    ('os-tenant-networks', TenantNetworksController()),
    ('os-floating-ip-pools', FloatingIPPoolsController()),
    ('os-floating-ips', FloatingIPsController()),
    ('os-security-groups', security_groups.SecurityGroupsController()),
    ('os-security-group-rules',
     security_groups.SecurityGroupRulesController()),
)
