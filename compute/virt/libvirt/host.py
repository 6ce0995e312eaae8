"""The libvirt connection of one stratus compute host: opened lazily,
reopened when libvirtd restarts, lifecycle events logged from a thread of
their own, lookups that return Guests of this host only (the owner in each
domain's <metadata>), and the host facts the node report needs."""
import json
import os
import threading
from xml.etree import ElementTree as ET

import libvirt

from stratus.common import exception
from stratus.common import log
from stratus.compute.virt import driver
from stratus.compute.virt.libvirt import guest as guest_mod

LOG = log.getLogger(__name__)

_EVENT_NAMES = {libvirt.VIR_DOMAIN_EVENT_DEFINED: 'defined',
                libvirt.VIR_DOMAIN_EVENT_UNDEFINED: 'undefined',
                libvirt.VIR_DOMAIN_EVENT_STARTED: 'started',
                libvirt.VIR_DOMAIN_EVENT_SUSPENDED: 'paused',
                libvirt.VIR_DOMAIN_EVENT_RESUMED: 'resumed',
                libvirt.VIR_DOMAIN_EVENT_STOPPED: 'stopped',
                libvirt.VIR_DOMAIN_EVENT_SHUTDOWN: 'shutting down',
                libvirt.VIR_DOMAIN_EVENT_PMSUSPENDED: 'pm-suspended',
                libvirt.VIR_DOMAIN_EVENT_CRASHED: 'crashed'}
_event_loop_lock = threading.Lock()
_event_loop_started = False


def _quiet(ctx, err):
    """libvirt prints every error to stderr by default; ours are raised."""


def _start_event_loop():
    """libvirt's default event loop in a daemon thread (once per process;
    it must be registered before the connections that use it open)."""
    global _event_loop_started
    with _event_loop_lock:
        if _event_loop_started:
            return
        libvirt.virEventRegisterDefaultImpl()

        def run():
            while True:
                libvirt.virEventRunDefaultImpl()
        threading.Thread(target=run, name='libvirt-events',
                         daemon=True).start()
        _event_loop_started = True


class Host:
    def __init__(self, uri, host, events=True):
        self.uri = uri
        self.host = host
        self.events = events
        self._conn = None
        self._lock = threading.Lock()
        libvirt.registerErrorHandler(_quiet, None)

    # --- the connection ------------------------------------------------------
    def connection(self):
        with self._lock:
            if self._conn is not None:
                try:
                    if self._conn.isAlive():
                        return self._conn
                except libvirt.libvirtError:
                    pass
                LOG.warning('Connection to %s lost; reconnecting', self.uri)
            with guest_mod.translated(what='connecting to %s' % self.uri):
                if self.events:
                    _start_event_loop()
                self._conn = libvirt.open(self.uri)
            if self.events:
                self._register_events(self._conn)
            return self._conn

    def _register_events(self, conn):
        try:
            conn.domainEventRegisterAny(
                None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                self._lifecycle, None)
        except libvirt.libvirtError as exc:
            LOG.warning('No lifecycle events from %s: %s', self.uri, exc)

    def _lifecycle(self, conn, domain, event, detail, opaque):
        try:
            guest = guest_mod.Guest(domain)
            owner = guest.owner()
        except Exception:
            return
        if owner is None or owner.host != self.host:
            return
        LOG.info('Guest %s (%s) %s (detail %s)', guest.name, guest.uuid,
                 _EVENT_NAMES.get(event, event), detail)

    # --- guests --------------------------------------------------------------
    def _lookup(self, uuid):
        try:
            return self.connection().lookupByUUIDString(uuid)
        except libvirt.libvirtError as exc:
            if exc.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN:
                return None
            raise driver.DriverError(reason=str(exc))

    def find(self, uuid, any_owner=False):
        """The Guest of `uuid` if this host owns it (or any_owner), else
        None."""
        domain = self._lookup(uuid)
        if domain is None:
            return None
        try:
            found = guest_mod.Guest(domain)
        except driver.DriverError:
            return None            # undefined while we looked
        if any_owner:
            return found
        owner = found.owner()
        return found if owner and owner.host == self.host else None

    def get(self, uuid):
        found = self.find(uuid)
        if found is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        return found

    def guests(self):
        """Every guest this host owns."""
        with guest_mod.translated(what='listing domains'):
            domains = self.connection().listAllDomains(0)
        mine = []
        for domain in domains:
            try:
                found = guest_mod.Guest(domain)
                owner = found.owner()
            except driver.DriverError:
                continue           # undefined while we looked
            if owner and owner.host == self.host:
                mine.append(found)
        return mine

    def define(self, domain_xml, uuid=None):
        with guest_mod.translated(uuid, 'defining a domain'):
            return guest_mod.Guest(self.connection().defineXML(domain_xml))

    def owner_of(self, uuid):
        """The host owning `uuid`'s domain, or None."""
        found = self.find(uuid, any_owner=True)
        owner = found.owner() if found else None
        return owner.host if owner else None

    # --- facts ---------------------------------------------------------------
    def version(self):
        """The hypervisor version as one int (7.2.22 -> 7002022)."""
        with guest_mod.translated(what='getVersion'):
            return self.connection().getVersion()

    def node_info(self):
        """(cpus, memory MiB) of the machine."""
        with guest_mod.translated(what='getInfo'):
            info = self.connection().getInfo()
        return info[2], info[1]

    def cpu_info(self):
        """JSON of the host CPU: arch, model, vendor, topology, features."""
        with guest_mod.translated(what='getCapabilities'):
            caps = ET.fromstring(self.connection().getCapabilities())
        cpu = caps.find('host/cpu')
        info = {'arch': os.uname().machine, 'model': None, 'vendor': None,
                'topology': {}, 'features': []}
        if cpu is not None:
            info['arch'] = cpu.findtext('arch') or info['arch']
            info['model'] = cpu.findtext('model')
            info['vendor'] = cpu.findtext('vendor')
            topology = cpu.find('topology')
            if topology is not None:
                info['topology'] = {k: int(topology.get(k)) for k in
                                    ('sockets', 'cores', 'threads')
                                    if topology.get(k)}
            info['features'] = sorted(f.get('name') for f in
                                      cpu.findall('feature'))
        return json.dumps(info, sort_keys=True)

