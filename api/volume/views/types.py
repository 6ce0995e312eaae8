"""Volume type bodies: extra specs for admins (users see only the keys
meant for them), qos_specs_id for admins, the type-access extension's
os-volume-type-access:is_public (not on update answers)."""

# Extra specs a user may read (cinder shows these to non-admins).
USER_VISIBLE_SPECS = ('multiattach', 'RESKEY:availability_zones',
                      'replication_enabled')


def volume_type(vtype, is_admin, access=True, qos=True):
    """`qos`: the show/list view's qos_specs_id for admins; create and
    update answer with cinder's older type view, which has none."""
    body = {'id': vtype['id'], 'name': vtype['name'],
            'is_public': bool(vtype['is_public']),
            'description': vtype['description']}
    specs = vtype.get('extra_specs') or {}
    body['extra_specs'] = dict(specs) if is_admin else {
        k: v for k, v in specs.items() if k in USER_VISIBLE_SPECS}
    if is_admin and qos:
        body['qos_specs_id'] = vtype.get('qos_specs_id')
    if access:
        body['os-volume-type-access:is_public'] = bool(vtype['is_public'])
    return body
