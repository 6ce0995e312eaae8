"""What the drivers share for managing existing backend objects (cinder's
manage_existing family): the listing entries of objects a backend holds,
their pagination, and the checks of a {'source-name': ...} reference."""
import functools
import json
import re

from stratus.common import exception

_UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
_VOLUME_NAME = re.compile('^volume-(%s)$' % _UUID)
_SNAPSHOT_NAME = re.compile('^_?snapshot-(%s)$' % _UUID)


def volume_id_of(name):
    """The volume id in a backend name volume-<id>, or None."""
    match = _VOLUME_NAME.match(name or '')
    return match.group(1) if match else None


def snapshot_id_of(name):
    match = _SNAPSHOT_NAME.match(name or '')
    return match.group(1) if match else None


def source_name(ref):
    """The object a reference names; cinder's wording when it names none."""
    if not isinstance(ref, dict) or 'source-name' not in ref:
        raise exception.ManageExistingInvalidReference(
            existing_ref=ref,
            reason='Reference must contain source-name element.')
    return ref['source-name']


def missing(name):
    return exception.ManageExistingInvalidReference(
        existing_ref=name, reason='Specified logical volume does not exist.')


def entry(kind, name, size_gb, known_ids, in_use=False, origin=None):
    """One manageable-volumes/-snapshots entry, as cinder's LVM driver
    describes an LV."""
    found = (volume_id_of if kind == 'volume' else snapshot_id_of)(name)
    item = {'reference': {'source-name': name}, 'size': size_gb,
            'cinder_id': None, 'extra_info': None,
            'safe_to_manage': True, 'reason_not_safe': None}
    if found is not None and found in known_ids:
        item.update(safe_to_manage=False, reason_not_safe='already managed',
                    cinder_id=found)
    elif in_use:
        item.update(safe_to_manage=False,
                    reason_not_safe='%s in use' % kind)
    if kind == 'snapshot':
        item['source_reference'] = {'source-name': origin}
    return item


def paginate(entries, marker, limit, offset, sort_keys, sort_dirs):
    """cinder's paginate_entries_list: sorted by the keys (a dict compares
    by its first value), after the marker reference, offset, limit."""
    def value(item, key):
        found = item[key]
        return sorted(found.values())[0] if isinstance(found, dict) \
            else found

    def compare(left, right):
        for key, direction in zip(sort_keys, sort_dirs):
            a, b = value(left, key), value(right, key)
            if a == b:
                continue
            less = a < b if direction == 'asc' else a > b
            return -1 if less else 1
        return 0
    ordered = sorted(entries, key=functools.cmp_to_key(compare))
    start = 0
    if marker:
        if not isinstance(marker, dict):
            try:
                marker = json.loads(marker)
            except ValueError:
                raise exception.Invalid(
                    reason='marker %s can not be analysed, please use json '
                           'like format' % marker)
        positions = [i for i, item in enumerate(ordered)
                     if item['reference'] == marker]
        if not positions:
            raise exception.Invalid(reason='marker not found: %s' % marker)
        start = positions[0] + 1
    offset = offset or 0
    return ordered[start + offset:start + limit + offset]
