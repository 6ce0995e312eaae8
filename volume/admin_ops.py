"""What a volume backend does for the admin API: freeze and thaw (the
service record says frozen/disabled; the drivers have nothing to stop),
and the capabilities it reports (its stats plus cinder's well-known
capability properties)."""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import volume_services

LOG = log.getLogger(__name__)


def _service(host):
    return volume_services.service_get_by_args(
        host, volume_services.VOLUME_BINARY)


def freeze(host):
    """cinder's manager: the backend is disabled with reason 'frozen'."""
    volume_services.service_update(_service(host)['id'], {
        'disabled': True, 'disabled_reason': 'frozen'})
    LOG.info('Set backend status to frozen successfully.')
    return True


def thaw(host):
    volume_services.service_update(_service(host)['id'], {
        'disabled': False, 'disabled_reason': ''})
    LOG.info('Thawed backend successfully.')
    return True


def _property(title, description, kind='boolean'):
    return {'title': title, 'description': description, 'type': kind}


# The capability properties every cinder driver reports (keys as extra
# specs name them).
STANDARD_PROPERTIES = {
    'thin_provisioning': _property('Thin Provisioning',
                                   'Sets thin provisioning.'),
    'compression': _property('Compression', 'Enables compression.'),
    'qos': _property('QoS', 'Enables QoS.'),
    'replication_enabled': _property('Replication',
                                     'Enables replication.'),
}


def capabilities(driver):
    """The driver's stats and properties (cinder's init_capabilities)."""
    caps = dict(driver.get_volume_stats(refresh=False))
    caps['properties'] = {k: dict(v) for k, v in
                          STANDARD_PROPERTIES.items()}
    return caps


def assert_not_frozen(host):
    """cinder's refusal of volume management on a frozen backend."""
    if volume_services.is_backend_frozen(host):
        raise exception.InvalidInput(
            reason='Modification operations are not allowed on frozen '
                   'storage backends.')
