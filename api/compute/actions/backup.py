"""createBackup: a backup image of the server; the compute keeps the
newest `rotation` backups of that type. 202 with the compute proxy's image
Location (when rotation > 0) before 2.45, {"image_id"} from 2.45."""
from stratus.api import wsgi
from stratus.api.compute.actions import nova_order
from stratus.api.compute.schemas import servers as server_schemas

_create_backup = {
    'type': 'object',
    'properties': {
        'name': server_schemas._name,
        'backup_type': {'type': 'string'},
        'rotation': {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
                     'minimum': 0, 'minLength': 1},
        'metadata': server_schemas._metadata,
    },
    'required': ['name', 'backup_type', 'rotation'],
    'additionalProperties': False,
}


@nova_order.action('createBackup', _create_backup,
                   policy_name='os_compute_api:os-create-backup')
def create_backup(compute, ctxt, server_id, value):
    rotation = int(value['rotation'])
    if wsgi.version() < (2, 39):
        # Until 2.39 the metadata counts against metadata_items.
        from stratus.api.compute import image_metadata
        image_metadata.check_quota(ctxt, value.get('metadata'))
    image = compute.backup(ctxt, server_id, value['name'],
                           value['backup_type'], rotation,
                           value.get('metadata'))
    if wsgi.version() >= (2, 45):
        return wsgi.response({'image_id': image['id']}, status=202)
    headers = {}
    if rotation > 0:
        headers['Location'] = '%s/compute/v2.1/images/%s' % (
            wsgi.host_url(), image['id'])
    return wsgi.response(status=202, headers=headers)


HANDLERS = {'createBackup': create_backup}
