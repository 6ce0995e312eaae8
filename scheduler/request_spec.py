"""The request spec: what one scheduling request asks for, as a plain,
JSON-able dict (it crosses RPC).

Keys:

- ``instance_uuid``, ``project_id``, ``user_id``: the first instance of the
  request and its owner.
- ``num_instances``: how many hosts to pick (one per consumer uuid).
- ``flavor``: ``{'flavorid', 'name', 'vcpus', 'memory_mb', 'root_gb',
  'ephemeral_gb', 'swap' (MB), 'extra_specs'}``.
- ``image``: ``{'id', 'properties': {...}, 'min_ram', 'min_disk'}`` or
  None (boot from volume). ImagePropertiesFilter reads ``properties``.
- ``availability_zone``: the requested zone or None (any).
- ``scheduler_hints``: ``{'same_host': [uuid...], 'different_host':
  [uuid...], ...}``; single values are turned into lists.
- ``instance_group``: ``{'uuid', 'policy', 'hosts': [...]}`` or None;
  policy is affinity, anti-affinity, soft-affinity or soft-anti-affinity.
  The scheduler adds the hosts the group's other members hold from the
  database, so ``hosts`` may start empty.
- ``ignore_hosts``: hosts not to pick (a migration's source, hosts a
  build already failed on).
- ``requested_destination``: ``{'host': H}`` (optionally ``'node': N``)
  restricts the choice to that host, or None.
"""
import copy

from stratus.common import exception

FLAVOR_KEYS = ('flavorid', 'name', 'vcpus', 'memory_mb', 'root_gb',
               'ephemeral_gb', 'swap', 'extra_specs')
FLAVOR_INTS = ('vcpus', 'memory_mb', 'root_gb', 'ephemeral_gb', 'swap')
GROUP_POLICIES = ('affinity', 'anti-affinity', 'soft-affinity',
                  'soft-anti-affinity')
LIST_HINTS = ('same_host', 'different_host')
# Glance v2 image attributes that are not image properties (a glance image
# dict without a 'properties' key carries its properties at the top level).
_IMAGE_CORE = frozenset((
    'id', 'name', 'status', 'visibility', 'protected', 'checksum',
    'os_hash_algo', 'os_hash_value', 'owner', 'size', 'virtual_size',
    'min_ram', 'min_disk', 'disk_format', 'container_format', 'created_at',
    'updated_at', 'tags', 'file', 'schema', 'self', 'direct_url',
    'locations', 'os_hidden', 'stores', 'properties'))


def _invalid(reason, *args):
    return exception.Invalid(reason='request spec: ' + reason % args)


def _flavor(flavor):
    try:
        values = {key: flavor[key] for key in FLAVOR_KEYS
                  if key != 'extra_specs'}
    except KeyError as e:
        raise _invalid('flavor has no %s', e.args[0])
    for key in FLAVOR_INTS:
        try:
            values[key] = int(values[key] or 0)
        except (TypeError, ValueError):
            raise _invalid('flavor %s is not a number: %r', key, values[key])
    values['flavorid'] = str(values['flavorid'])
    values['extra_specs'] = dict(flavor.get('extra_specs') or {})
    return values


def _image(image):
    if image is None:
        return None
    properties = image.get('properties')
    if properties is None:
        properties = {k: v for k, v in image.items() if k not in _IMAGE_CORE}
    return {'id': image.get('id'), 'properties': dict(properties),
            'min_ram': int(image.get('min_ram') or 0),
            'min_disk': int(image.get('min_disk') or 0)}


def _hints(hints):
    values = dict(hints or {})
    for key in LIST_HINTS:
        if key in values:
            value = values[key]
            values[key] = [value] if isinstance(value, str) else list(value)
    return values


def _group(group):
    if group is None:
        return None
    # Before microversion 2.64 a group had a list of policies.
    policy = group.get('policy') or (group.get('policies') or [None])[0]
    if policy not in GROUP_POLICIES:
        raise _invalid('unknown server group policy %r', policy)
    return {'uuid': group.get('uuid'), 'policy': policy,
            'hosts': list(group.get('hosts') or ())}


def _destination(destination):
    if destination is None:
        return None
    if not destination.get('host'):
        raise _invalid('requested_destination needs a host')
    values = {'host': destination['host']}
    if destination.get('node'):
        values['node'] = destination['node']
    return values


def build(instance, flavor, image, *, num_instances=1,
          availability_zone=None, hints=None, group=None, ignore_hosts=(),
          requested_destination=None):
    """A validated spec. `instance` needs uuid, project_id, user_id;
    `flavor` a flavor dict (extra keys are dropped); `image` a glance image
    dict or None; `group` a server group dict (uuid, policy, hosts)."""
    try:
        owner = {'instance_uuid': instance['uuid'],
                 'project_id': instance['project_id'],
                 'user_id': instance['user_id']}
    except KeyError as e:
        raise _invalid('instance has no %s', e.args[0])
    spec = dict(owner, num_instances=int(num_instances),
                flavor=_flavor(flavor), image=_image(image),
                availability_zone=availability_zone or None,
                scheduler_hints=_hints(hints), instance_group=_group(group),
                ignore_hosts=list(ignore_hosts or ()),
                requested_destination=_destination(requested_destination))
    return validate(spec)


def validate(spec):
    """Check a spec that came over the wire; returns a normalised copy."""
    if not isinstance(spec, dict):
        raise _invalid('not a dict')
    spec = copy.deepcopy(spec)
    for key in ('instance_uuid', 'flavor'):
        if not spec.get(key):
            raise _invalid('%s is missing', key)
    count = spec.get('num_instances')
    spec['num_instances'] = 1 if count is None else int(count)
    if spec['num_instances'] < 1:
        raise _invalid('num_instances must be at least 1')
    spec['flavor'] = _flavor(spec['flavor'])
    spec['image'] = _image(spec.get('image'))
    spec['availability_zone'] = spec.get('availability_zone') or None
    spec['scheduler_hints'] = _hints(spec.get('scheduler_hints'))
    spec['instance_group'] = _group(spec.get('instance_group'))
    spec['ignore_hosts'] = list(spec.get('ignore_hosts') or ())
    spec['requested_destination'] = _destination(
        spec.get('requested_destination'))
    spec.setdefault('project_id', None)
    spec.setdefault('user_id', None)
    return spec


def resources(spec):
    """What one instance of the spec claims on a node. Swap is in MB and
    counts as whole GB of disk, rounded up."""
    flavor = spec['flavor']
    swap_gb = -(-flavor['swap'] // 1024)
    return {'vcpus': flavor['vcpus'], 'memory_mb': flavor['memory_mb'],
            'disk_gb': flavor['root_gb'] + flavor['ephemeral_gb'] + swap_gb}
