"""Soft reboot on libvirt: the power button, then up to [libvirt]
wait_soft_reboot_seconds (nova's option, default 120) for the guest to go
off, pressing again meanwhile (a guest still booting misses the first
press), and a reset when it never does."""
import logging
import time

import pytest

from stratus.common.conf import CONF
from stratus.compute import states
from stratus.compute.virt.libvirt import guest as guest_mod


@pytest.fixture
def presses(monkeypatch):
    """Power button presses; the guest answers from press number
    `answer_from` on (None: never)."""
    record = {'count': 0, 'answer_from': None, 'destroyed': 0}
    shutdown = guest_mod.Guest.shutdown
    destroy = guest_mod.Guest.destroy

    def press(self):
        record['count'] += 1
        if record['answer_from'] and record['count'] >= record['answer_from']:
            shutdown(self)

    def counted_destroy(self):
        record['destroyed'] += 1
        destroy(self)
    monkeypatch.setattr(guest_mod.Guest, 'shutdown', press)
    monkeypatch.setattr(guest_mod.Guest, 'destroy', counted_destroy)
    monkeypatch.setattr(guest_mod, 'SHUTDOWN_RETRY_INTERVAL', 0.2)
    yield record
    CONF.clear_override('wait_soft_reboot_seconds', 'libvirt')


def test_the_default_wait_is_novas():
    assert CONF.libvirt.wait_soft_reboot_seconds == 120


def test_a_guest_that_ignores_it_is_reset_after_the_configured_wait(
        drv, spawned, presses, caplog):
    CONF.set_override('wait_soft_reboot_seconds', 1, 'libvirt')
    started = time.monotonic()
    drv.reboot(spawned, 'SOFT')
    took = time.monotonic() - started
    assert 1 <= took < 3
    assert presses['count'] >= 3            # pressed again while waiting
    assert presses['destroyed'] == 1        # then reset
    assert drv.get_power_state(spawned) == states.RUNNING
    assert any(r.levelno == logging.WARNING and 'soft reboot' in
               r.getMessage() for r in caplog.records)


def test_a_guest_that_misses_the_first_press_reboots_cleanly(
        drv, spawned, presses):
    CONF.set_override('wait_soft_reboot_seconds', 5, 'libvirt')
    presses['answer_from'] = 2
    started = time.monotonic()
    drv.reboot(spawned, 'SOFT')
    assert time.monotonic() - started < 2
    assert presses['count'] == 2
    assert presses['destroyed'] == 0        # no reset
    assert drv.get_power_state(spawned) == states.RUNNING


def test_a_stop_presses_again_too(drv, spawned, presses):
    presses['answer_from'] = 2
    drv.power_off(spawned, timeout=5)
    assert presses['count'] == 2 and presses['destroyed'] == 0
    assert drv.get_power_state(spawned) == states.SHUTDOWN
