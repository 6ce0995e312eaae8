"""Bodies of the security group proxy, the security group actions and
interface attach, as nova's schemas take them (nova leaves the proxy
bodies open to unknown keys and never checks the rule ports' types)."""
import copy

_text = {'type': 'string', 'minLength': 0, 'maxLength': 255}

group = {
    'type': 'object',
    'properties': {
        'security_group': {
            'type': 'object',
            'properties': {'name': _text, 'description': _text},
            'required': ['name', 'description'],
            'additionalProperties': True,
        },
    },
    'required': ['security_group'],
    'additionalProperties': True,
}

rule = {
    'type': 'object',
    'properties': {
        'security_group_rule': {
            'type': 'object',
            'properties': {
                'group_id': {'type': ['string', 'null'], 'format': 'uuid'},
                'parent_group_id': {'type': 'string', 'format': 'uuid'},
                'to_port': {}, 'from_port': {}, 'ip_protocol': {},
                'cidr': {},
            },
            'required': ['parent_group_id'],
            'additionalProperties': True,
        },
    },
    'required': ['security_group_rule'],
    'additionalProperties': True,
}


def action(name):
    """addSecurityGroup / removeSecurityGroup."""
    return {
        'type': 'object',
        'properties': {name: {
            'type': 'object',
            'properties': {'name': {'type': 'string', 'minLength': 1}},
            'required': ['name'],
            'additionalProperties': False,
        }},
        'required': [name],
        'additionalProperties': True,
    }


_attach = {
    'type': 'object',
    'properties': {
        'interfaceAttachment': {
            'type': 'object',
            'properties': {
                'net_id': {'type': 'string', 'format': 'uuid'},
                'port_id': {'type': 'string', 'format': 'uuid'},
                'fixed_ips': {
                    'type': 'array', 'minItems': 1, 'maxItems': 1,
                    'items': {
                        'type': 'object',
                        'properties': {'ip_address': {
                            'type': 'string',
                            'oneOf': [{'format': 'ipv4'},
                                      {'format': 'ipv6'}]}},
                        'required': ['ip_address'],
                        'additionalProperties': False,
                    },
                },
            },
            'additionalProperties': False,
        },
    },
    'additionalProperties': False,
}
_attach_249 = copy.deepcopy(_attach)
_attach_249['properties']['interfaceAttachment']['properties']['tag'] = {
    'type': 'string', 'pattern': '^[^,/]*$', 'minLength': 1,
    'maxLength': 60}


def attach(version):
    return _attach_249 if version >= (2, 49) else _attach
