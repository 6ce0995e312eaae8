"""A rule of POST /os-security-group-rules: nova's checks of the body
(cidr, protocol, port range, duplicates), then what nova asks neutron
for, in neutron's shape, with neutron's own refusals."""
import ipaddress
import urllib.parse

from stratus.common import exception
from stratus.db.api import security_groups as db

_PORTED = ('TCP', 'UDP')


def _invalid_range(low, high, why):
    return exception.Invalid('Invalid port range %s:%s. %s' % (low, high,
                                                                why))


def parse_cidr(cidr):
    """nova's parse_cidr: empty is 0.0.0.0/0; an address needs its
    prefix length."""
    if not cidr:
        return '0.0.0.0/0'
    text = urllib.parse.unquote(str(cidr))
    try:
        if '/' not in text:
            raise ValueError(text)
        ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise exception.Invalid('%s is not a valid IP network.' % cidr)
    return text


def _ingress(protocol, from_port, to_port, group_id=None, cidr=None):
    """nova's ingress rule from the body: None when a cidr rule lacks its
    protocol or ports."""
    values = {}
    upper = str(protocol).upper() if protocol else ''
    if group_id:
        values['group_id'] = group_id
        # A group rule without a range opens the whole protocol.
        if from_port is None and to_port is None:
            if upper == 'ICMP':
                from_port = to_port = -1
            elif upper in _PORTED:
                from_port, to_port = 1, 65535
    elif cidr:
        values['cidr'] = cidr
    if not (protocol and from_port is not None and to_port is not None):
        return None if cidr else values
    try:
        from_port, to_port = int(from_port), int(to_port)
    except ValueError:
        raise exception.Invalid(
            'Invalid input received: ' +
            ('Type and Code must be integers for ICMP protocol type'
             if upper == 'ICMP' else 'To and From ports must be integers'))
    if upper not in _PORTED + ('ICMP',):
        raise exception.Invalid('Invalid IP protocol %s.' % protocol)
    if upper in _PORTED and from_port > to_port:
        raise _invalid_range(from_port, to_port,
                             'Former value cannot be greater than the later')
    if upper in _PORTED and (from_port < 1 or to_port > 65535):
        raise _invalid_range(from_port, to_port,
                             'Valid %s ports should be between 1-65535'
                             % upper)
    if upper == 'ICMP' and not (-1 <= from_port <= 255 and
                                -1 <= to_port <= 255):
        raise _invalid_range(from_port, to_port,
                             'For ICMP, the type:code must be valid')
    values.update(protocol=str(protocol), from_port=from_port,
                  to_port=to_port)
    return values


def _as_nova(rule):
    """The keys nova compares an existing rule on."""
    from stratus.api.compute import security_groups as views
    from_port, to_port = views.ports_of(rule)
    return {'group_id': rule['remote_group_id'],
            'cidr': rule['remote_ip_prefix'] or '0.0.0.0/0',
            'from_port': from_port, 'to_port': to_port,
            'protocol': rule['protocol']}


def _exists(group, new):
    keys = ('group_id', 'cidr', 'from_port', 'to_port', 'protocol')
    return any(all(_as_nova(rule).get(k) == new.get(k) for k in keys)
               for rule in group['rules'] if rule['direction'] == 'ingress')


def _neutron_values(new):
    """What nova sends neutron (ingress; -1 means no bound), as neutron
    keeps it (protocol lower case, the prefix as its network)."""
    from stratus.api.compute import security_groups as views
    cidr = new.get('cidr')
    version = ipaddress.ip_network(cidr, strict=False).version if cidr \
        else 4
    values = {'direction': 'ingress',
              'ethertype': 'IPv6' if version == 6 else 'IPv4',
              'protocol': (new.get('protocol') or '').lower() or None,
              'remote_ip_prefix': views.normalized_cidr(cidr) if cidr
              else None,
              'remote_group_id': new.get('group_id'),
              'port_range_min': None, 'port_range_max': None}
    if new.get('from_port', -1) != -1:
        values['port_range_min'] = new['from_port']
    if new.get('to_port', -1) != -1:
        values['port_range_max'] = new['to_port']
    if values['protocol'] == 'icmp' and values['port_range_min'] is None \
            and values['port_range_max'] is not None:
        raise exception.Invalid(
            'ICMP code (port-range-max) %s is provided but ICMP type '
            '(port-range-min) is missing.' % values['port_range_max'])
    return values


def create(parent, source, body):
    """The new rule (neutron's shape) in `parent`, from `source` (a
    group or None) or the body's cidr."""
    protocol = body.get('ip_protocol')
    if source is not None:
        new = _ingress(protocol, body.get('from_port'), body.get('to_port'),
                       group_id=source['id'])
    else:
        new = _ingress(protocol, body.get('from_port'), body.get('to_port'),
                       cidr=parse_cidr(body.get('cidr')))
    if new is None:
        raise exception.Invalid('Not enough parameters to build a valid '
                                'rule.')
    if 'cidr' in new:
        net, _, length = new['cidr'].partition('/')
        if net not in ('0.0.0.0', '::') and length == '0':
            raise exception.Invalid('Bad prefix for network in cidr %s'
                                    % new['cidr'])
    if _exists(parent, new):
        raise exception.Invalid('This rule already exists in group %s'
                                % parent['id'])
    return db.add_rule(parent['id'], _neutron_values(new))

