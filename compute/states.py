"""Instance states as nova names them, the API status they map to, and
which states each operation may start from.

vm_states are adjectives, task_states gerunds, power states nova's ints.
"""

# --- vm_state ----------------------------------------------------------------
ACTIVE = 'active'
BUILDING = 'building'
PAUSED = 'paused'
SUSPENDED = 'suspended'
STOPPED = 'stopped'
RESCUED = 'rescued'
RESIZED = 'resized'
SOFT_DELETED = 'soft-delete'
DELETED = 'deleted'
ERROR = 'error'
SHELVED = 'shelved'
SHELVED_OFFLOADED = 'shelved_offloaded'

# --- task_state --------------------------------------------------------------
SCHEDULING = 'scheduling'
BLOCK_DEVICE_MAPPING = 'block_device_mapping'
NETWORKING = 'networking'
SPAWNING = 'spawning'
IMAGE_SNAPSHOT_PENDING = 'image_snapshot_pending'
IMAGE_SNAPSHOT = 'image_snapshot'
IMAGE_PENDING_UPLOAD = 'image_pending_upload'
IMAGE_UPLOADING = 'image_uploading'
IMAGE_BACKUP = 'image_backup'
REBOOTING = 'rebooting'
REBOOT_PENDING = 'reboot_pending'
REBOOT_STARTED = 'reboot_started'
REBOOTING_HARD = 'rebooting_hard'
REBOOT_PENDING_HARD = 'reboot_pending_hard'
REBOOT_STARTED_HARD = 'reboot_started_hard'
PAUSING = 'pausing'
UNPAUSING = 'unpausing'
SUSPENDING = 'suspending'
RESUMING = 'resuming'
POWERING_OFF = 'powering-off'
POWERING_ON = 'powering-on'
RESCUING = 'rescuing'
UNRESCUING = 'unrescuing'
REBUILDING = 'rebuilding'
REBUILD_BLOCK_DEVICE_MAPPING = 'rebuild_block_device_mapping'
REBUILD_SPAWNING = 'rebuild_spawning'
MIGRATING = 'migrating'
RESIZE_PREP = 'resize_prep'
RESIZE_MIGRATING = 'resize_migrating'
RESIZE_MIGRATED = 'resize_migrated'
RESIZE_FINISH = 'resize_finish'
RESIZE_REVERTING = 'resize_reverting'
RESIZE_CONFIRMING = 'resize_confirming'
DELETING = 'deleting'
SHELVING = 'shelving'
SHELVING_IMAGE_PENDING_UPLOAD = 'shelving_image_pending_upload'
SHELVING_IMAGE_UPLOADING = 'shelving_image_uploading'
SHELVING_OFFLOADING = 'shelving_offloading'
UNSHELVING = 'unshelving'

# Every task_state but the delete's: a revert that cannot tell whether a
# delete took the record over writes only on these (compare-and-swap).
NOT_DELETING = (
    None, SCHEDULING, BLOCK_DEVICE_MAPPING, NETWORKING, SPAWNING,
    IMAGE_SNAPSHOT_PENDING, IMAGE_SNAPSHOT, IMAGE_PENDING_UPLOAD,
    IMAGE_UPLOADING, IMAGE_BACKUP, REBOOTING, REBOOT_PENDING, REBOOT_STARTED,
    REBOOTING_HARD, REBOOT_PENDING_HARD, REBOOT_STARTED_HARD, PAUSING,
    UNPAUSING, SUSPENDING, RESUMING, POWERING_OFF, POWERING_ON, RESCUING,
    UNRESCUING, REBUILDING, REBUILD_BLOCK_DEVICE_MAPPING, REBUILD_SPAWNING,
    MIGRATING, RESIZE_PREP, RESIZE_MIGRATING, RESIZE_MIGRATED, RESIZE_FINISH,
    RESIZE_REVERTING, RESIZE_CONFIRMING, SHELVING,
    SHELVING_IMAGE_PENDING_UPLOAD, SHELVING_IMAGE_UPLOADING,
    SHELVING_OFFLOADING, UNSHELVING)

# --- power_state -------------------------------------------------------------
NOSTATE = 0
RUNNING = 1
PAUSED_POWER = 3
SHUTDOWN = 4
CRASHED = 6
SUSPENDED_POWER = 7

POWER_STATE_NAMES = {NOSTATE: 'pending', RUNNING: 'running',
                     PAUSED_POWER: 'paused', SHUTDOWN: 'shutdown',
                     CRASHED: 'crashed', SUSPENDED_POWER: 'suspended'}

# --- API status --------------------------------------------------------------
_REBOOT = {REBOOTING: 'REBOOT', REBOOT_PENDING: 'REBOOT',
           REBOOT_STARTED: 'REBOOT', REBOOTING_HARD: 'HARD_REBOOT',
           REBOOT_PENDING_HARD: 'HARD_REBOOT',
           REBOOT_STARTED_HARD: 'HARD_REBOOT'}
_REBUILD = {REBUILDING: 'REBUILD', REBUILD_BLOCK_DEVICE_MAPPING: 'REBUILD',
            REBUILD_SPAWNING: 'REBUILD'}
_RESIZE = {RESIZE_PREP: 'RESIZE', RESIZE_MIGRATING: 'RESIZE',
           RESIZE_MIGRATED: 'RESIZE', RESIZE_FINISH: 'RESIZE'}

# vm_state -> (default status, {task_state: status})
_STATUS = {
    ACTIVE: ('ACTIVE', dict(_REBOOT, **_REBUILD, **_RESIZE,
                            updating_password='PASSWORD',
                            migrating='MIGRATING')),
    BUILDING: ('BUILD', {}),
    STOPPED: ('SHUTOFF', dict(_RESIZE, **_REBUILD)),
    RESIZED: ('VERIFY_RESIZE', {RESIZE_REVERTING: 'REVERT_RESIZE'}),
    PAUSED: ('PAUSED', {MIGRATING: 'MIGRATING'}),
    SUSPENDED: ('SUSPENDED', {}),
    RESCUED: ('RESCUE', {}),
    ERROR: ('ERROR', dict(_REBUILD)),
    DELETED: ('DELETED', {}),
    SOFT_DELETED: ('SOFT_DELETED', {}),
    SHELVED: ('SHELVED', {}),
    SHELVED_OFFLOADED: ('SHELVED_OFFLOADED', {}),
}


def status(vm_state, task_state):
    """The API `status` of an instance (nova's state map)."""
    default, overrides = _STATUS.get(vm_state, ('UNKNOWN', {}))
    return overrides.get(task_state, default)


def vm_states_for_status(name):
    """vm_states whose default status is `name` (for ?status= filters)."""
    return [vm for vm, (default, _) in _STATUS.items()
            if default == name.upper()]


# --- which states an operation may start from: nova's
# @check_instance_state table (nova/compute/api.py). ALLOWED gives the
# vm_states (None: any); TASK_STATES the task_states where not just None
# (None: any); operations in ANY_LAUNCH need not have launched once. -------
ALLOW_REBOOT = (None, REBOOTING, REBOOT_PENDING, REBOOT_STARTED, RESUMING,
                REBOOTING_HARD, UNPAUSING, PAUSING, SUSPENDING)
_VOLUME_STATES = (ACTIVE, PAUSED, STOPPED, RESIZED, SOFT_DELETED, SHELVED,
                  SHELVED_OFFLOADED)
ALLOWED = {
    'stop': (ACTIVE, ERROR),
    'start': (STOPPED,),
    'reboot': (ACTIVE,),                      # a soft reboot
    'reboot_hard': (ACTIVE, STOPPED, PAUSED, SUSPENDED, ERROR),
    'pause': (ACTIVE,),
    'unpause': (PAUSED,),
    'suspend': (ACTIVE,),
    'resume': (SUSPENDED,),
    'rescue': (ACTIVE, STOPPED, ERROR),
    'unrescue': (RESCUED,),
    'shelve': (ACTIVE, STOPPED, PAUSED, SUSPENDED),
    'shelveOffload': (SHELVED,),
    'unshelve': (SHELVED, SHELVED_OFFLOADED),
    'rebuild': (ACTIVE, STOPPED, ERROR),
    'resize': (ACTIVE, STOPPED),
    'migrate': (ACTIVE, STOPPED),
    'confirmResize': (RESIZED,),
    'revertResize': (RESIZED,),
    'createImage': (ACTIVE, STOPPED, PAUSED, SUSPENDED),
    'createBackup': (ACTIVE, STOPPED, PAUSED, SUSPENDED),
    'evacuate': (ACTIVE, STOPPED, ERROR),
    'trigger_crash_dump': (ACTIVE, PAUSED, RESCUED, RESIZED, ERROR),
    'changePassword': (ACTIVE,),
    'restore': (SOFT_DELETED,),
    'forceDelete': None,
    'delete': None,
    'attach_volume': _VOLUME_STATES,
    'detach_volume': _VOLUME_STATES,
    'swap_volume': (ACTIVE, PAUSED, RESIZED),
    'update metadata': (ACTIVE, PAUSED, SUSPENDED, STOPPED),
    'delete metadata': (ACTIVE, PAUSED, SUSPENDED, STOPPED),
    'attach_interface': (ACTIVE, PAUSED, STOPPED),
    'detach_interface': (ACTIVE, PAUSED, STOPPED),
    # live migration and its per-server migrations API
    'os-migrateLive': (ACTIVE, PAUSED),
    'force_complete': (ACTIVE,),
    'abort live migration': None,
}
TASK_STATES = {
    'reboot_hard': ALLOW_REBOOT,
    'evacuate': None,
    'forceDelete': None,
    'delete': None,
    'update metadata': None,
    'delete metadata': None,
    'force_complete': (MIGRATING,),
    'abort live migration': (MIGRATING,),
}
ANY_LAUNCH = ('forceDelete', 'delete')


def task_states_for(action):
    """The task_states `action` may start from (None: any)."""
    return TASK_STATES.get(action, (None,))


def check(instance, action, name=None):
    """InstanceInvalidState (409) unless `instance` may start `action`,
    checked as nova does: vm_state, then task_state, then launched_at.
    `name` is the action the message names (default `action`)."""
    from stratus.common import exception
    name = name or action
    vm_states = ALLOWED[action]
    task_states = task_states_for(action)
    failed = None
    if vm_states is not None and instance['vm_state'] not in vm_states:
        failed = 'vm_state'
    elif task_states is not None and \
            instance['task_state'] not in task_states:
        failed = 'task_state'
    elif action not in ANY_LAUNCH and not instance['launched_at']:
        failed = 'launched_at'
    if failed:
        raise exception.InstanceInvalidState(
            action=name, instance_uuid=instance['uuid'], attr=failed,
            state=instance[failed])


# --- start-up recovery: what a compute does with an instance it finds in a
# transitional task_state after a restart (see compute/reconcile.py) --------
BUILD_STATES = (SCHEDULING, BLOCK_DEVICE_MAPPING, NETWORKING, SPAWNING)
