"""The checks cinder makes before a volume is created in a group (POST
/volumes with group_id, 3.13)."""
from stratus.common import exception
from stratus.db.api import groups as db_groups

# Statuses of a group new volumes may join.
JOIN_FROM = ('available', 'creating')


def check(ctxt, request, volume_type):
    """The group of the request, or 404/400 as cinder answers."""
    group = db_groups.get(request['group_id'])
    if not ctxt['is_admin'] and group['project_id'] != ctxt['project_id']:
        raise exception.GroupNotFound(group_id=request['group_id'])
    if not request.get('volume_type'):
        raise exception.Invalid(reason='volume_type must be provided when '
                                       'creating a volume in a group.')
    if volume_type['id'] not in group['volume_type_ids']:
        raise exception.Invalid(
            reason='Invalid volume_type provided: %s (requested type must be '
                   'supported by this group).' % volume_type['name'])
    if group['status'] not in JOIN_FROM:
        raise exception.InvalidGroup(
            reason="Originating group status must be one of '%s' values"
                   % ', '.join(JOIN_FROM))
    return group
