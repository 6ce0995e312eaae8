"""Bodies of POST /servers and PUT /servers/{id} (2.1)."""

_name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': r'^(?! )[^\x00-\x1f]*(?<! )$'}
_metadata = {'type': 'object',
             'patternProperties': {'^[a-zA-Z0-9-_:. ]{1,255}$': {
                 'type': 'string', 'maxLength': 255}},
             'additionalProperties': False}
_count = {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
          'minimum': 1, 'minLength': 1}

_bdm_v2 = {
    'type': 'object',
    'properties': {
        'uuid': {'type': 'string', 'maxLength': 255},
        'source_type': {'type': 'string',
                        'enum': ['volume', 'image', 'snapshot', 'blank']},
        'destination_type': {'type': 'string', 'enum': ['local', 'volume']},
        'boot_index': {'type': ['integer', 'string', 'null']},
        'delete_on_termination': {'type': ['boolean', 'string']},
        'volume_size': {'type': ['integer', 'string', 'null']},
        'device_name': {'type': ['string', 'null']},
        'disk_bus': {'type': ['string', 'null']},
        'device_type': {'type': ['string', 'null']},
        'guest_format': {'type': ['string', 'null']},
        'no_device': {},
        'connection_info': {},
        'volume_type': {'type': ['string', 'null']},
        'tag': {'type': ['string', 'null']},
    },
    'additionalProperties': False,
}

_network = {
    'type': 'object',
    'properties': {
        'uuid': {'type': 'string'},
        'port': {'type': ['string', 'null']},
        'fixed_ip': {'type': 'string'},
    },
    'additionalProperties': False,
}

create = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': _name,
                'imageRef': {'type': 'string', 'maxLength': 255},
                'flavorRef': {'type': ['string', 'integer'], 'minLength': 1},
                'adminPass': {'type': 'string'},
                'metadata': _metadata,
                'networks': {'type': 'array', 'items': _network},
                'OS-DCF:diskConfig': {'type': 'string',
                                      'enum': ['AUTO', 'MANUAL']},
                'accessIPv4': {'type': 'string'},
                'accessIPv6': {'type': 'string'},
                'personality': {'type': 'array'},
                'availability_zone': {'type': 'string', 'minLength': 1,
                                      'maxLength': 255},
                'block_device_mapping': {'type': 'array'},
                'block_device_mapping_v2': {'type': 'array',
                                            'items': _bdm_v2},
                'config_drive': {'type': ['boolean', 'string']},
                'key_name': {'type': 'string', 'minLength': 1,
                             'maxLength': 255},
                'min_count': _count,
                'max_count': _count,
                'return_reservation_id': {'type': ['boolean', 'string']},
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

update = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': _name,
                'accessIPv4': {'type': 'string'},
                'accessIPv6': {'type': 'string'},
                'OS-DCF:diskConfig': {'type': 'string',
                                      'enum': ['AUTO', 'MANUAL']},
            },
            'additionalProperties': False,
        },
    },
    'required': ['server'],
    'additionalProperties': False,
}

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
