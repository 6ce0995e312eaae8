"""Bodies of POST /servers, PUT /servers/{id} and the metadata calls, per
microversion (2.1 .. 2.100)."""
import copy

# nova's parameter_types.name: printable, no leading or trailing space
# (api/validation's 'name' format words the refusal as nova does).
_name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'format': 'name'}
_description = {'type': ['string', 'null'], 'maxLength': 255,
                'pattern': r'^[^\x00-\x1f]*$'}
_metadata = {'type': 'object',
             'patternProperties': {'^[a-zA-Z0-9-_:. ]{1,255}$': {
                 'type': 'string', 'maxLength': 255}},
             'additionalProperties': False}
_count = {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
          'minimum': 1, 'minLength': 1}
_tag = {'type': 'string', 'minLength': 1, 'maxLength': 60,
        'pattern': r'^[^,/]*$'}
_tags = {'type': 'array', 'items': _tag, 'maxItems': 50}
_hostname = {'type': 'string', 'minLength': 1, 'maxLength': 63,
             'pattern': r'^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$'}
_fqdn = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': r'^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$'}
_certs = {'type': ['array', 'null'], 'minItems': 1, 'maxItems': 50,
          'uniqueItems': True,
          'items': {'type': 'string', 'minLength': 1}}

_uuid = {'type': 'string', 'format': 'uuid'}
_boolean = {'type': ['boolean', 'string'],
            'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on',
                     'YES', 'Yes', 'yes', False, 'False', 'FALSE', 'false',
                     '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no']}
# nova's legacy mapping, and v2's: the legacy keys and the v2 ones.
_bdm_legacy = {
    'type': 'object',
    'properties': {
        'virtual_name': {'type': 'string', 'maxLength': 255},
        'volume_id': _uuid,
        'snapshot_id': _uuid,
        'volume_size': {'type': ['integer', 'string'], 'pattern': '^[0-9]+$',
                        'minimum': 1, 'maximum': 0x7FFFFFFF},
        # nova's pattern: names without /dev/ ('vdb') are fine.
        'device_name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                        'pattern': '^[a-zA-Z0-9._/-]*$'},
        'delete_on_termination': _boolean,
        'no_device': {},
        'connection_info': {'type': 'string', 'maxLength': 16777215},
    },
    'additionalProperties': False,
}
_bdm_v2 = copy.deepcopy(_bdm_legacy)
_bdm_v2['properties'].update({
    'source_type': {'type': 'string',
                    'enum': ['volume', 'image', 'snapshot', 'blank']},
    'uuid': {'type': 'string', 'minLength': 1, 'maxLength': 255,
             'pattern': '^[a-zA-Z0-9._-]*$'},
    'image_id': _uuid,
    'destination_type': {'type': 'string', 'enum': ['local', 'volume']},
    'guest_format': {'type': 'string', 'maxLength': 255},
    'device_type': {'type': 'string', 'maxLength': 255},
    'disk_bus': {'type': 'string', 'maxLength': 255},
    # null stays accepted, as nova keeps it for the legacy v2 API.
    'boot_index': {'type': ['integer', 'string', 'null'],
                   'pattern': '^-?[0-9]+$'},
})

_ip = {'type': 'string', 'oneOf': [{'format': 'ipv4'}, {'format': 'ipv6'}]}
_access_ipv4 = {'type': 'string', 'format': 'ipv4'}
_access_ipv6 = {'type': 'string', 'format': 'ipv6'}
_network = {
    'type': 'object',
    'properties': {
        'uuid': {'type': 'string'},
        'port': {'type': ['string', 'null'], 'format': 'uuid'},
        'fixed_ip': _ip,
    },
    'additionalProperties': False,
}

_create_21 = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': _name,
                # nova: a uuid, or '' (booting from a volume).
                'imageRef': {'oneOf': [_uuid, {'type': 'string',
                                               'maxLength': 0}]},
                'flavorRef': {'type': ['string', 'integer'], 'minLength': 1},
                'adminPass': {'type': 'string'},
                'metadata': _metadata,
                'networks': {'type': 'array', 'items': _network},
                'OS-DCF:diskConfig': {'type': 'string',
                                      'enum': ['AUTO', 'MANUAL']},
                'accessIPv4': _access_ipv4,
                'accessIPv6': _access_ipv6,
                'personality': {'type': 'array'},
                'availability_zone': {'type': 'string', 'minLength': 1,
                                      'maxLength': 255},
                'block_device_mapping': {'type': 'array',
                                         'items': _bdm_legacy},
                'block_device_mapping_v2': {'type': 'array',
                                            'items': _bdm_v2},
                'config_drive': {'type': ['boolean', 'string']},
                'key_name': {'type': 'string', 'minLength': 1,
                             'maxLength': 255},
                'min_count': _count,
                'max_count': _count,
                'return_reservation_id': _boolean,
                'security_groups': {'type': 'array', 'items': {
                    'type': 'object',
                    'properties': {'name': {'type': 'string'}},
                    'additionalProperties': False}},
                'user_data': {'type': 'string', 'maxLength': 65535},
            },
            'required': ['name', 'flavorRef'],
            'additionalProperties': False,
        },
        'os:scheduler_hints': {'type': 'object'},
        'OS-SCH-HNT:scheduler_hints': {'type': 'object'},
    },
    'required': ['server'],
    'additionalProperties': False,
}


def create(version):
    """The create body schema at `version`."""
    schema = copy.deepcopy(_create_21)
    server = schema['properties']['server']
    props = server['properties']
    if version >= (2, 19):
        props['description'] = _description
    # Device tags: nova took them at 2.32, lost the bdm's at 2.33 and the
    # network's at 2.37 by mistake, and restored both at 2.42.
    if (2, 32) <= version < (2, 37) or version >= (2, 42):
        props['networks']['items']['properties']['tag'] = _tag
    if version == (2, 32) or version >= (2, 42):
        props['block_device_mapping_v2']['items']['properties']['tag'] = \
            _tag
    if version >= (2, 37):
        # From 2.37 a network's uuid must be a UUID, or the value 'auto' or
        # 'none' instead of a list.
        props['networks']['items']['properties']['uuid'] = {
            'type': 'string', 'format': 'uuid'}
        props['networks'] = {'oneOf': [
            props['networks'], {'type': 'string', 'enum': ['auto', 'none']}]}
        server['required'].append('networks')
    if version >= (2, 52):
        props['tags'] = _tags
    if version >= (2, 57):
        del props['personality']
    if version >= (2, 63):
        props['trusted_image_certificates'] = _certs
    if version >= (2, 67):
        bdm = props['block_device_mapping_v2']['items']['properties']
        bdm['volume_type'] = {'type': ['string', 'null'], 'maxLength': 255}
    if version >= (2, 74):
        props['host'] = {'type': 'string', 'minLength': 1, 'maxLength': 255}
        props['hypervisor_hostname'] = {'type': 'string', 'minLength': 1,
                                        'maxLength': 255}
    if version >= (2, 90):
        props['hostname'] = _fqdn if version >= (2, 94) else _hostname
    return schema


def update(version):
    props = {'name': _name, 'accessIPv4': _access_ipv4,
             'accessIPv6': _access_ipv6,
             'OS-DCF:diskConfig': {'type': 'string',
                                   'enum': ['AUTO', 'MANUAL']}}
    if version >= (2, 19):
        props['description'] = _description
    if version >= (2, 90):
        props['hostname'] = _fqdn if version >= (2, 94) else _hostname
    if version >= (2, 104):
        props['pinned_availability_zone'] = {
            'oneOf': [_name, {'type': 'null'}]}
    return {'type': 'object',
            'properties': {'server': {'type': 'object', 'properties': props,
                                      'additionalProperties': False}},
            'required': ['server'], 'additionalProperties': False}


def rebuild(version):
    props = {
        'imageRef': {'type': 'string', 'format': 'uuid'},
        'name': _name, 'adminPass': {'type': 'string'},
        'metadata': _metadata, 'preserve_ephemeral': _boolean,
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
        'accessIPv4': _access_ipv4, 'accessIPv6': _access_ipv6,
        'personality': {'type': 'array'},
    }
    if version >= (2, 19):
        props['description'] = _description
    if version >= (2, 54):
        props['key_name'] = {'type': ['string', 'null'], 'minLength': 1,
                             'maxLength': 255}
    if version >= (2, 57):
        del props['personality']
        props['user_data'] = {'type': ['string', 'null'], 'maxLength': 65535}
    if version >= (2, 63):
        props['trusted_image_certificates'] = _certs
    if version >= (2, 90):
        props['hostname'] = _fqdn if version >= (2, 94) else _hostname
    return {'type': 'object', 'properties': props,
            'required': ['imageRef'], 'additionalProperties': False}


metadata_all = {
    'type': 'object',
    'properties': {'metadata': _metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}

metadata_item = {
    'type': 'object',
    'properties': {'meta': dict(_metadata, minProperties=1,
                                maxProperties=1)},
    'required': ['meta'],
    'additionalProperties': False,
}

tags_replace = {
    'type': 'object',
    'properties': {'tags': _tags},
    'required': ['tags'],
    'additionalProperties': False,
}

# Query parameters GET /servers(/detail) accepts from 2.75 (unknown ones
# are a 400 from then on).
LIST_PARAMS = {
    'name', 'status', 'image', 'flavor', 'host', 'node', 'all_tenants',
    'project_id', 'tenant_id', 'user_id', 'changes-since', 'changes-before',
    'limit', 'marker', 'sort_key', 'sort_dir', 'deleted', 'ip', 'ip6',
    'reservation_id', 'tags', 'tags-any', 'not-tags', 'not-tags-any',
    'locked', 'availability_zone', 'config_drive', 'key_name', 'created_at',
    'launched_at', 'terminated_at', 'power_state', 'task_state', 'vm_state',
    'progress', 'hostname', 'uuid', 'access_ip_v4', 'access_ip_v6',
    'launch_index', 'description', 'display_name', 'display_description',
    'kernel_id', 'ramdisk_id', 'root_device_name', 'instance_type_id',
    'soft_deleted', 'pinned_availability_zone',
}
