"""Volume attachment bodies (os-volume_attachments) per microversion:
2.70 tag, 2.79 delete_on_termination, 2.89 attachment_id and bdm_uuid
instead of id (show and list; the attach answer keeps id, as nova's)."""


def detail(bdm, version):
    """One attachment as show and list give it."""
    body = {}
    if version < (2, 89):
        body['id'] = bdm['volume_id']
    body['volumeId'] = bdm['volume_id']
    body['serverId'] = bdm['instance_uuid']
    if bdm['device_name']:
        body['device'] = bdm['device_name']
    if version >= (2, 70):
        body['tag'] = bdm['tag']
    if version >= (2, 79):
        body['delete_on_termination'] = bool(bdm['delete_on_termination'])
    if version >= (2, 89):
        body['attachment_id'] = bdm['attachment_id']
        body['bdm_uuid'] = bdm['uuid']
    return body


def created(bdm, version):
    """The answer to an attach (200 up to 2.100)."""
    body = {'id': bdm['volume_id'], 'serverId': bdm['instance_uuid'],
            'volumeId': bdm['volume_id'], 'device': bdm['device_name']}
    if version >= (2, 70):
        body['tag'] = bdm['tag']
    if version >= (2, 79):
        body['delete_on_termination'] = bool(bdm['delete_on_termination'])
    return body


def volumes_attached(bdms, version):
    """os-extended-volumes:volumes_attached of a server (2.3:
    delete_on_termination)."""
    attached = []
    for bdm in bdms:
        item = {'id': bdm['volume_id']}
        if version >= (2, 3):
            item['delete_on_termination'] = bool(
                bdm['delete_on_termination'])
        attached.append(item)
    return attached
