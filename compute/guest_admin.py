"""changePassword on the compute (an RPC call: the answer goes back to
the API, as nova's set_admin_password): the guest must run; the driver's
refusal comes back as nova's exception. Either way the task_state goes
back to None, and the outcome is the action's event (a fault on
failure)."""
import traceback

from stratus.common import exception
from stratus.common import log
from stratus.common import timeutils
from stratus.compute import states

LOG = log.getLogger(__name__)
UPDATING_PASSWORD = 'updating_password'
EVENT = 'compute_set_admin_password'


def _set(driver, instance, new_pass):
    if driver.get_power_state(instance) != states.RUNNING:
        raise exception.InstancePasswordSetFailed(
            instance=instance['uuid'],
            reason='instance %s is not running' % instance['uuid'])
    try:
        driver.set_admin_password(instance, new_pass)
    except (exception.InstanceAgentNotEnabled,
            exception.SetAdminPasswdNotSupported):
        LOG.info('Setting the admin password is not supported by this '
                 'driver or guest', instance=instance)
        raise
    except NotImplementedError:
        raise NotImplementedError('set_admin_password is not implemented '
                                  'by this driver or guest instance.')
    except exception.InstanceNotFound:
        raise
    except Exception:
        # The driver's own error may show the password: not passed on.
        LOG.exception('set_admin_password failed', instance=instance)
        raise exception.InstancePasswordSetFailed(
            instance=instance['uuid'], reason='error setting admin password')
    LOG.info('Admin password set', instance=instance)


def set_admin_password(driver, conductor, host, ctxt, instance, new_pass):
    started = timeutils.utcnow()
    failure = None
    try:
        _set(driver, instance, new_pass)
    except Exception as exc:
        failure = exc
        raise
    finally:
        event = {'event': EVENT, 'start_time': timeutils.to_iso(started),
                 'finish_time': timeutils.to_iso(timeutils.utcnow()),
                 'result': 'Error' if failure else 'Success',
                 'traceback': ''.join(traceback.format_exception(failure))
                 if failure else None, 'host': host}
        fault = None
        if failure is not None:
            code = getattr(failure, 'code', 500)
            fault = {'code': code if code >= 400 else 500,
                     'message': str(failure), 'host': host,
                     'details': event['traceback']}
        conductor.instance_update(ctxt, instance['uuid'],
                                  {'task_state': None},
                                  expected_task_state=[UPDATING_PASSWORD],
                                  fault=fault, events=[event])
