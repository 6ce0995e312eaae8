"""Tasks that drive the guest through the virt driver. Each logs one line
per driver action; a revert undoes what its execute did."""
from taskflow.types import failure as tf_failure

from stratus.common import flow_engine
from stratus.common import log
from stratus.common.conf import CONF

LOG = log.getLogger(__name__)


class GuestTask(flow_engine.StratusTask):
    """driver.<method>(instance); revert: driver.<undo>(instance)."""
    method = None
    undo = None
    verb = None

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, instance):
        LOG.info('%s', self.verb, instance=instance)
        getattr(self.driver, self.method)(instance)

    def revert(self, instance, result, **kwargs):
        if isinstance(result, tf_failure.Failure) or not self.undo:
            return
        LOG.warning('Undoing %s', self.method, instance=instance)
        getattr(self.driver, self.undo)(instance)


class PauseGuestTask(GuestTask):
    method, undo, verb = 'pause', 'unpause', 'Pausing'


class UnpauseGuestTask(GuestTask):
    method, undo, verb = 'unpause', 'pause', 'Unpausing'


class SuspendGuestTask(GuestTask):
    method, undo, verb = 'suspend', 'resume', 'Suspending'


class ResumeGuestTask(GuestTask):
    method, undo, verb = 'resume', 'suspend', 'Resuming'


class PowerOnGuestTask(GuestTask):
    method, undo, verb = 'power_on', 'power_off', 'Powering on'


class PowerOffGuestTask(GuestTask):
    method, undo, verb = 'power_off', 'power_on', 'Powering off'

    def execute(self, instance):
        LOG.info('%s', self.verb, instance=instance)
        self.driver.power_off(instance, CONF.shutdown_timeout)


class DestroyGuestTask(GuestTask):
    """Remove the guest and its disks; a missing guest is fine."""
    method, verb = 'destroy', 'Destroying guest'


class RebootGuestTask(flow_engine.StratusTask):
    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, instance, reboot_type):
        LOG.info('Rebooting (%s)', reboot_type, instance=instance)
        self.driver.reboot(instance, reboot_type)


class SpawnGuestTask(flow_engine.StratusTask):
    """Create and start the guest. Revert: destroy it."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, ctxt, instance, image, block_devices=()):
        LOG.info('Spawning guest', instance=instance)
        self.driver.spawn(ctxt, instance, image,
                          block_devices=list(block_devices or ()))

    def revert(self, instance, result, **kwargs):
        LOG.warning('Destroying the guest of a failed build',
                    instance=instance)
        self.driver.destroy(instance)


class RescueGuestTask(flow_engine.StratusTask):
    """Boot the rescue image with the instance's disk attached second.
    Revert: unrescue."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, ctxt, instance, rescue_image, rescue_password):
        image_id = (rescue_image or {}).get('id')
        LOG.info('Rescuing with image %s', image_id, instance=instance)
        if image_id:
            # rescue() has no context to download with: cache it first.
            self.driver.cache_image(ctxt, image_id)
        self.driver.rescue(instance, rescue_image, rescue_password)

    def revert(self, instance, result, **kwargs):
        if not isinstance(result, tf_failure.Failure):
            self.driver.unrescue(instance)


class UnrescueGuestTask(GuestTask):
    method, undo, verb = 'unrescue', None, 'Unrescuing'


class RebuildGuestTask(flow_engine.StratusTask):
    """Replace the guest's disk with the new image, same identity; a guest
    that was stopped stays stopped. No revert: the old disk is gone, the
    lifecycle task puts the instance in ERROR as nova does."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, ctxt, instance, image, block_devices=()):
        LOG.info('Rebuilding from image %s', image['id'], instance=instance)
        power_on = instance['vm_state'] != 'stopped'
        self.driver.destroy(instance)
        # Attached volumes stay attached to the rebuilt guest.
        self.driver.spawn(ctxt, instance, image, power_on=power_on,
                          block_devices=list(block_devices or ()))


class ShelvePowerOffTask(flow_engine.StratusTask):
    """Stop the guest unless it is already off. Revert: start it again if
    it was running."""
    default_provides = 'was_running'

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, instance):
        from stratus.compute import states
        running = self.driver.get_power_state(instance) != states.SHUTDOWN
        if running:
            LOG.info('Powering off for shelve', instance=instance)
            self.driver.power_off(instance, CONF.shutdown_timeout)
        return running

    def revert(self, instance, result, **kwargs):
        if result is True:
            self.driver.power_on(instance)
