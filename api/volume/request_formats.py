"""cinder's named formats in its request schemas, as its validator applies
them. A checker either answers False (cinder then says "'x' is not a
'fmt'"), raises InvalidName (cinder words the fault with that reason), or
raises another fault that reaches the client unchanged (cinder's checkers
registered without an exception type to catch)."""
from oslo_utils import strutils

from stratus.common import exception

# cinder's status enums, in its order (the faults print them).
VOLUME_STATUSES = (
    'creating', 'available', 'deleting', 'error', 'error_deleting',
    'error_managing', 'managing', 'attaching', 'in-use', 'detaching',
    'maintenance', 'restoring-backup', 'error_restoring', 'reserved',
    'awaiting-transfer', 'backing-up', 'error_backing-up', 'error_extending',
    'downloading', 'uploading', 'retyping', 'extending')
VOLUME_ATTACH_STATUSES = ['attached', 'detached']
VOLUME_MIGRATION_STATUSES = ('migrating', 'error', 'success', 'completing',
                             'none', 'starting')


def name(value):
    """The 'name' format (volume types): present and not blank."""
    if not value:
        raise exception.InvalidName(reason="The 'name' can not be None.")
    if len(value.strip()) == 0:
        raise exception.InvalidName(reason="The 'name' can not be empty.")
    return True


def _status(label, allowed, value, required=False):
    if (required and not value) or (
            value and value.lower() not in allowed):
        raise exception.InvalidParameterValue(
            err='%s: %s is invalid, valid statuses are: %s.' % (
                label, value, allowed))
    return True


def volume_status(value):
    return _status('Volume status', VOLUME_STATUSES, value)


def volume_attach_status(value):
    return _status('Volume attach status', VOLUME_ATTACH_STATUSES, value)


def volume_migration_status(value):
    return _status('Volume migration status', VOLUME_MIGRATION_STATUSES,
                   value)


SNAPSHOT_STATUSES = ('error', 'available', 'creating', 'deleting',
                     'deleted', 'updating', 'error_deleting', 'unmanaging',
                     'backing-up', 'restoring')
BACKUP_RESET_STATUSES = ['available', 'error']
GROUP_SNAPSHOT_STATUSES = ('error', 'available', 'creating', 'deleting',
                           'deleted', 'updating', 'error_deleting')


def snapshot_status(value):
    return _status('Snapshot status', SNAPSHOT_STATUSES, value,
                   required=True)


def backup_status(value):
    return _status('Backup status', BACKUP_RESET_STATUSES, value,
                   required=True)


def group_snapshot_status(value):
    if len(value.strip()) == 0:
        reason = "The 'status' can not be empty."
    elif value.lower() not in GROUP_SNAPSHOT_STATUSES:
        reason = ('Group snapshot status: %s is invalid, valid statuses '
                  'are: %s.' % (value, GROUP_SNAPSHOT_STATUSES))
    else:
        return True
    raise exception.Invalid('Invalid GroupSnapshot Status: %s' % reason)


GROUP_STATUSES = ('error', 'available', 'creating', 'deleting', 'deleted',
                  'updating', 'in-use', 'error_deleting')


def group_status(value):
    """cinder accepts a group snapshot's statuses but lists a group's."""
    if len(value.strip()) == 0:
        reason = "The 'status' can not be empty."
    elif value.lower() not in GROUP_SNAPSHOT_STATUSES:
        reason = ('Group status: %s is invalid, valid status are: %s.'
                  % (value, GROUP_STATUSES))
    else:
        return True
    raise exception.Invalid('Invalid Group Status: %s' % reason)


def progress(value):
    """An integer percentage such as '50%'."""
    if value:
        try:
            number = int(value[:-1])
        except ValueError:
            raise exception.InvalidInput(
                reason='progress must be an integer percentage')
        if number < 0 or number > 100 or value[-1] != '%':
            raise exception.InvalidInput(
                reason='progress must be an integer percentage between 0 '
                       'and 100')
    return True


def volume_reset_body(value):
    if not any(value.get(key) for key in ('status', 'attach_status',
                                          'migration_status')):
        raise exception.InvalidParameterValue(
            err="Must specify 'status', 'attach_status' or "
                "'migration_status' for update.")
    return True


def key_size(value):
    if value is not None and not strutils.is_int_like(value):
        raise exception.InvalidInput(reason='key_size must be an integer.')
    return True


def mysql_text(value):
    return len(value.encode('utf8')) <= 65535


def register(checker):
    checker.checks('name', raises=exception.InvalidName)(name)
    for fmt, check in (('volume_status', volume_status),
                       ('volume_attach_status', volume_attach_status),
                       ('volume_migration_status', volume_migration_status),
                       ('validate_volume_reset_body', volume_reset_body),
                       ('key_size', key_size),
                       ('snapshot_status', snapshot_status),
                       ('backup_status', backup_status),
                       ('group_snapshot_status', group_snapshot_status),
                       ('group_status', group_status),
                       ('progress', progress),
                       ('mysql_text', mysql_text)):
        checker.checks(fmt)(check)
