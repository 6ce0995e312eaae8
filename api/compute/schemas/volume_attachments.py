"""Bodies of POST and PUT /servers/{id}/os-volume_attachments per
microversion: 2.49 tag, 2.79 delete_on_termination, 2.85 PUT updates the
attachment (before: swap volume)."""
import copy

_uuid = {'type': 'string', 'pattern': '^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?'
                                      '[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?'
                                      '[0-9a-fA-F]{12}$'}
# nova's match_device(): /dev/vdb, /dev/xvdc, /dev/sda1, ...
_device = {'type': ['string', 'null'],
           'pattern': '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$'}
_tag = {'type': 'string', 'minLength': 1, 'maxLength': 60,
        'pattern': r'^[^,/]*$'}
TRUE = (True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes',
        'yes', 'y', 't')
FALSE = (False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO',
         'No', 'no', 'n', 'f')
_boolean = {'type': ['boolean', 'string'], 'enum': list(TRUE + FALSE)}


def _body(properties):
    return {'type': 'object',
            'properties': {'volumeAttachment': {
                'type': 'object', 'properties': properties,
                'required': ['volumeId'], 'additionalProperties': False}},
            'required': ['volumeAttachment'], 'additionalProperties': False}


def create(version):
    properties = {'volumeId': _uuid, 'device': _device}
    if version >= (2, 49):
        properties['tag'] = _tag
    if version >= (2, 79):
        properties['delete_on_termination'] = _boolean
    return _body(properties)


def update(version):
    """Before 2.85 only the new volume (a swap); from 2.85 the fields of
    the attachment may be repeated, delete_on_termination changed."""
    if version < (2, 85):
        return _body({'volumeId': _uuid})
    return _body({'volumeId': _uuid, 'device': copy.deepcopy(_device),
                  'tag': _tag, 'delete_on_termination': _boolean,
                  'serverId': _uuid, 'id': _uuid})


def boolean(value):
    return value in TRUE
