"""Volume, snapshot and attachment statuses (cinder's values) and, per
operation, the statuses it may start from."""

# --- volume status ------------------------------------------------------
CREATING = 'creating'
AVAILABLE = 'available'
RESERVED = 'reserved'
ATTACHING = 'attaching'
IN_USE = 'in-use'
DETACHING = 'detaching'
DELETING = 'deleting'
EXTENDING = 'extending'
ERROR = 'error'
ERROR_DELETING = 'error_deleting'
ERROR_EXTENDING = 'error_extending'
ERROR_RESTORING = 'error_restoring'
ERROR_MANAGING = 'error_managing'
MAINTENANCE = 'maintenance'
DOWNLOADING = 'downloading'
REVERTING = 'reverting'

VOLUME_STATUSES = (
    CREATING, AVAILABLE, RESERVED, ATTACHING, IN_USE, DETACHING, DELETING,
    ERROR, ERROR_DELETING, EXTENDING, ERROR_EXTENDING, MAINTENANCE,
    'retyping', DOWNLOADING, 'uploading', 'backing-up', 'restoring-backup',
    ERROR_RESTORING, 'awaiting-transfer', 'managing', ERROR_MANAGING,
    REVERTING)

# --- attach status (of a volume and of one attachment) ----------------------
ATTACHED = 'attached'
DETACHED = 'detached'
ATTACH_RESERVED = 'reserved'
ATTACH_ATTACHING = 'attaching'
ATTACH_DETACHING = 'detaching'
ERROR_ATTACHING = 'error_attaching'
ERROR_DETACHING = 'error_detaching'
ATTACH_STATUSES = (ATTACHED, ATTACH_ATTACHING, DETACHED, ATTACH_RESERVED,
                   ATTACH_DETACHING, ERROR_ATTACHING, ERROR_DETACHING,
                   'deleted')

# --- snapshot status ------------------------------------------------------
SNAP_CREATING = 'creating'
SNAP_AVAILABLE = 'available'
SNAP_DELETING = 'deleting'
SNAP_ERROR = 'error'
SNAP_ERROR_DELETING = 'error_deleting'
SNAP_RESTORING = 'restoring'
SNAPSHOT_STATUSES = (SNAP_CREATING, SNAP_AVAILABLE, SNAP_DELETING, SNAP_ERROR,
                     SNAP_ERROR_DELETING, 'unmanaging', 'backing-up',
                     'restoring')

# --- allowed-from tables --------------------------------------------------
DELETE_FROM = (AVAILABLE, ERROR, ERROR_RESTORING, ERROR_EXTENDING,
               ERROR_MANAGING)
EXTEND_FROM = (AVAILABLE,)
EXTEND_ATTACHED_FROM = (IN_USE,)          # from 3.42
SNAPSHOT_FROM = (AVAILABLE,)
SNAPSHOT_FORCE_FROM = (AVAILABLE, IN_USE)  # force, or from 3.66
SNAPSHOT_DELETE_FROM = (SNAP_AVAILABLE, SNAP_ERROR)
# Cascade deletes the snapshots too; these may go with it.
CASCADE_SNAPSHOT_FROM = (SNAP_AVAILABLE, SNAP_ERROR, SNAP_DELETING)
RESERVE_FROM = (AVAILABLE,)
RESERVE_MULTIATTACH_FROM = (AVAILABLE, IN_USE)
ATTACHMENT_RESERVE_FROM = (AVAILABLE, DOWNLOADING)
ATTACHMENT_RESERVE_MULTIATTACH_FROM = (AVAILABLE, IN_USE, DOWNLOADING)
SOURCE_FROM = (AVAILABLE, IN_USE)         # clone source / snapshot source


def or_list(values):
    """'a or b or c', as cinder's build_or_str words a status list."""
    return ' or '.join(values)
