"""The libvirt live migration path at its seams. Both computes of a test
share one libvirtd (here libvirt's test driver, which has no migration),
so virDomainMigrateToURI3 itself cannot run: the domain's migrateToURI3
and abortJob are replaced by stand-ins that record what the driver asks
and do what libvirt would (the domain defined again from the XML sent,
owned by the destination). Everything else is the real driver."""
import os
import threading
import time
from xml.etree import ElementTree as ET

import libvirt
import pytest

from stratus.common import exception
from stratus.compute import states
from stratus.compute.virt.libvirt import live_migration
from stratus.compute.virt.libvirt import xml

CTXT = {'auth_token': 'token', 'request_id': 'req-test'}


class FakeMigration:
    """migrateToURI3/abortJob of every domain, recorded."""

    def __init__(self, monkeypatch, hold=False):
        self.calls = []
        self.hold = threading.Event() if hold else None
        self.aborted = False
        fake = self
        monkeypatch.setattr(libvirt.virDomain, 'migrateToURI3',
                            lambda dom, uri, params, flags:
                            fake.migrate(dom, uri, params, flags),
                            raising=False)
        monkeypatch.setattr(libvirt.virDomain, 'abortJob',
                            lambda dom, flags=0: fake.abort(), raising=False)
        monkeypatch.setattr(libvirt.virDomain, 'jobStats',
                            lambda dom, flags=0: dict(self.stats),
                            raising=False)
        monkeypatch.setattr(live_migration, 'MONITOR_INTERVAL', 0.01)
        self.stats = {'type': 2, 'memory_total': 100 * 2 ** 20,
                      'memory_processed': 60 * 2 ** 20,
                      'memory_remaining': 40 * 2 ** 20, 'disk_total': 0}

    def migrate(self, dom, uri, params, flags):
        self.calls.append((uri, params, flags))
        if self.hold is not None:
            self.hold.wait(10)
        if self.aborted:
            error = libvirt.libvirtError('operation aborted: migration job')
            error.err = (libvirt.VIR_ERR_OPERATION_ABORTED, 0, '', 0, '',
                         None, None, 0, 0)
            raise error
        # What the destination's libvirtd does: the domain runs there as
        # sent (here: the one test libvirt's config and live metadata).
        sent = params[libvirt.VIR_MIGRATE_PARAM_DEST_XML]
        dom.connect().defineXML(sent)
        dom.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT,
                        _plain(_metadata(sent)), xml.METADATA_PREFIX,
                        xml.METADATA_NS, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        return 0

    def abort(self):
        self.aborted = True
        self.hold.set()
        return 0


def _plain(text):
    """The metadata element without its namespace (setMetadata adds
    it)."""
    root = ET.fromstring(text)
    for element in root.iter():
        element.tag = element.tag.split('}')[-1]
    return ET.tostring(root, encoding='unicode')


def _owner(drv, uuid):
    return drv.libvirt.find(uuid, any_owner=True).owner().host


def test_flags_are_novas():
    base = (libvirt.VIR_MIGRATE_LIVE | libvirt.VIR_MIGRATE_PEER2PEER |
            libvirt.VIR_MIGRATE_PERSIST_DEST |
            libvirt.VIR_MIGRATE_UNDEFINE_SOURCE)
    assert live_migration.flags(False) == base
    assert live_migration.flags(True) == base | \
        libvirt.VIR_MIGRATE_NON_SHARED_INC


def test_destination_xml_names_the_new_owner_and_volumes(drv, spawned):
    guest = drv.libvirt.get(spawned['uuid'])
    sent = live_migration.destination_xml(guest.xml_desc(), 'host-b', [{
        'device_name': '/dev/vda', 'connection_info': {
            'driver_volume_type': 'local',
            'data': {'device_path': '/dev/new-vda', 'volume_id': 'v1'}}}])
    assert xml.Owner.parse(_metadata(sent)).host == 'host-b'
    assert xml.disk_sources(sent) == [('vda', '/dev/new-vda')]


def _metadata(domain_xml):
    element = ET.fromstring(domain_xml).find('metadata')[0]
    return ET.tostring(element, encoding='unicode')


def test_the_guest_moves_to_the_destinations_libvirt(make_driver,
                                                     new_instance,
                                                     monkeypatch):
    source, dest = make_driver('host-a'), make_driver('host-b')
    instance = new_instance()
    source.spawn(CTXT, instance, {'id': 'img', 'properties': {}})
    fake = FakeMigration(monkeypatch)
    data = dest.check_can_live_migrate_destination(instance, True)
    assert data['libvirt_uri'].startswith('qemu+tcp://')
    migrate_data = dict(data, volumes=[], block_migration=True)
    dest.pre_live_migration(CTXT, instance, [], migrate_data)
    result = source.live_migration(instance, 'host-b', migrate_data)
    [(uri, params, flags)] = fake.calls
    assert uri == data['libvirt_uri']
    assert flags == live_migration.flags(True)
    # Block migration: an overlay of the cached image waits for the copy.
    assert os.path.exists(dest.disk_path(instance['uuid']))
    source.post_live_migration(instance, migrate_data)
    assert not os.path.exists(source.instance_dir(instance['uuid']))
    dest.post_live_migration_at_destination(
        instance, [], dict(migrate_data, guest=result))
    assert _owner(dest, instance['uuid']) == 'host-b'
    assert source.list_instance_uuids() == []
    assert dest.list_instance_uuids() == [instance['uuid']]
    assert dest.get_power_state(instance) == states.RUNNING


def test_force_complete_pauses_then_resumes_where_it_lands(
        make_driver, new_instance, monkeypatch):
    source, dest = make_driver('host-a'), make_driver('host-b')
    instance = new_instance()
    source.spawn(CTXT, instance, {'id': 'img', 'properties': {}})
    fake = FakeMigration(monkeypatch, hold=True)
    migrate_data = dict(dest.check_can_live_migrate_destination(
        instance, False), volumes=[], block_migration=False)
    outcome, reported = {}, []
    mover = threading.Thread(target=lambda: outcome.update(
        result=source.live_migration(instance, 'host-b', migrate_data,
                                     progress=reported.append)))
    mover.start()
    while not fake.calls or not reported:
        time.sleep(0.01)
    # The job's figures as nova copies them (no disk copy: null).
    assert reported[0] == {'memory_total': 100 * 2 ** 20,
                           'memory_processed': 60 * 2 ** 20,
                           'memory_remaining': 40 * 2 ** 20,
                           'disk_total': None, 'disk_processed': None,
                           'disk_remaining': None}
    source.live_migration_force_complete(instance)
    assert source.get_power_state(instance) == states.PAUSED_POWER
    fake.hold.set()
    mover.join(10)
    assert outcome['result'] == {'resume': True}
    dest.post_live_migration_at_destination(
        instance, [], dict(migrate_data, guest=outcome['result']))
    assert dest.get_power_state(instance) == states.RUNNING


def test_abort_cancels_and_the_guest_stays(make_driver, new_instance,
                                           monkeypatch):
    source, dest = make_driver('host-a'), make_driver('host-b')
    instance = new_instance()
    source.spawn(CTXT, instance, {'id': 'img', 'properties': {}})
    fake = FakeMigration(monkeypatch, hold=True)
    migrate_data = dict(dest.check_can_live_migrate_destination(
        instance, False), volumes=[], block_migration=False)
    dest.pre_live_migration(CTXT, instance, [], migrate_data)
    outcome = {}

    def move():
        try:
            source.live_migration(instance, 'host-b', migrate_data)
        except Exception as exc:
            outcome['error'] = exc
    mover = threading.Thread(target=move)
    mover.start()
    while not fake.calls:
        pass
    source.live_migration_abort(instance)
    mover.join(10)
    assert isinstance(outcome['error'], exception.LiveMigrationCancelled)
    dest.rollback_live_migration_at_destination(instance, migrate_data)
    assert _owner(source, instance['uuid']) == 'host-a'
    assert source.get_power_state(instance) == states.RUNNING
    assert not os.path.exists(dest.instance_dir(instance['uuid']))


def test_auto_is_a_block_migration_without_shared_storage(make_driver,
                                                          new_instance):
    source, dest = make_driver('host-a'), make_driver('host-b')
    instance = new_instance()
    source.spawn(CTXT, instance, {'id': 'img', 'properties': {}})
    migrate_data = dict(dest.check_can_live_migrate_destination(
        instance, None), volumes=[], block_migration=None)
    dest.pre_live_migration(CTXT, instance, [], migrate_data)
    assert migrate_data['block_migration'] is True
    assert os.path.exists(dest.disk_path(instance['uuid']))
