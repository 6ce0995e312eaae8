"""tempest's own service clients against a stratus cloud: strict clients.

Every call they make checks the status code and validates the body
against upstream's published schema for the microversion in use (tempest's
RestClient.validate_response), so a key upstream does not send, or a
missing one, fails the call as it would fail real automation.

    clients = strict_clients.Volume(cloud, user='admin')
    with strict_clients.volume_microversion('3.55'):
        clients.transfers.create_volume_transfer(volume_id=...)
"""
import contextlib

from tempest.lib import auth
from tempest.lib.services import compute as compute_services
from tempest.lib.services.compute import base_compute_client
from tempest.lib.services import volume as volume_services
from tempest.lib.services.volume import base_client
from tempest.lib.services.volume import v3

from support import cloud as cloud_support


def _provider(cloud, user):
    password = cloud_support.ADMIN_PASSWORD if user == 'admin' \
        else cloud_support.DEMO_PASSWORD
    creds = auth.KeystoneV3Credentials(
        username=user, password=password, project_name=user,
        user_domain_name='Default', project_domain_name='Default')
    provider = auth.KeystoneV3AuthProvider(creds,
                                           cloud.url + '/identity/v3')
    provider.fill_credentials()
    return provider


class Volume:
    """The block-storage v3 clients tempest ships, by short name."""

    CLIENTS = {
        'volumes': v3.VolumesClient, 'snapshots': v3.SnapshotsClient,
        'types': v3.TypesClient, 'qos': v3.QosSpecsClient,
        'transfers': v3.TransfersClient,
        'transfers_v355': v3.TransfersV355Client,
        'limits': v3.LimitsClient, 'quotas': v3.QuotasClient,
        'quota_classes': v3.QuotaClassesClient,
        'services': v3.ServicesClient, 'zones': v3.AvailabilityZoneClient,
        'pools': v3.SchedulerStatsClient, 'messages': v3.MessagesClient,
        'extensions': v3.ExtensionsClient, 'hosts': v3.HostsClient,
        'capabilities': v3.CapabilitiesClient,
        'encryption_types': v3.EncryptionTypesClient,
        'group_types': v3.GroupTypesClient, 'groups': v3.GroupsClient,
        'group_snapshots': v3.GroupSnapshotsClient,
        'attachments': v3.AttachmentsClient, 'backups': v3.BackupsClient,
        'versions': v3.VersionsClient,
    }

    def __init__(self, cloud, user='admin'):
        self.provider = _provider(cloud, user)
        for name, cls in self.CLIENTS.items():
            setattr(self, name, cls(self.provider, 'volumev3', 'RegionOne'))


class Compute:
    """The compute v2.1 clients tempest ships, by short name."""

    CLIENTS = {
        'servers': compute_services.ServersClient,
        'flavors': compute_services.FlavorsClient,
        'keypairs': compute_services.KeyPairsClient,
        'images': compute_services.ImagesClient,
        'volumes': compute_services.VolumesClient,
        'snapshots': compute_services.SnapshotsClient,
        'aggregates': compute_services.AggregatesClient,
        'zones': compute_services.AvailabilityZoneClient,
        'hosts': compute_services.HostsClient,
        'hypervisors': compute_services.HypervisorClient,
        'limits': compute_services.LimitsClient,
        'migrations': compute_services.MigrationsClient,
        'quotas': compute_services.QuotasClient,
        'quota_classes': compute_services.QuotaClassesClient,
        'server_groups': compute_services.ServerGroupsClient,
        'services': compute_services.ServicesClient,
        'extensions': compute_services.ExtensionsClient,
        'versions': compute_services.VersionsClient,
        'events': compute_services.ServerExternalEventsClient,
        'usages': compute_services.TenantUsagesClient,
    }

    def __init__(self, cloud, user='admin'):
        self.provider = _provider(cloud, user)
        for name, cls in self.CLIENTS.items():
            setattr(self, name, cls(self.provider, 'compute', 'RegionOne'))


@contextlib.contextmanager
def compute_microversion(version):
    """Requests inside carry `X-OpenStack-Nova-API-Version: <version>`
    and tempest picks the schema for it."""
    saved = base_compute_client.COMPUTE_MICROVERSION
    base_compute_client.COMPUTE_MICROVERSION = version
    try:
        yield
    finally:
        base_compute_client.COMPUTE_MICROVERSION = saved


@contextlib.contextmanager
def volume_microversion(version):
    """Requests inside carry `OpenStack-API-Version: volume <version>`
    and tempest picks the schema for it (its global, as in tempest)."""
    saved = base_client.VOLUME_MICROVERSION
    base_client.VOLUME_MICROVERSION = version
    try:
        yield
    finally:
        base_client.VOLUME_MICROVERSION = saved


__all__ = ['Compute', 'Volume', 'compute_microversion',
           'volume_microversion', 'volume_services']
