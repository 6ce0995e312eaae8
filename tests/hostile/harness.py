"""Objects the corpus fills paths with, made through the API itself
(in-process or over HTTP: `send(method, path, body)` -> (status, json))."""


def make_objects(send, project_id):
    """{placeholder or collection name: a real id}."""
    ids = {'project': project_id}

    def made(path, body, key, field='id', *names):
        status, doc = send('POST', path, body)
        if status >= 300 or not isinstance(doc, dict) or key not in doc:
            return None
        value = str(doc[key][field])
        for name in names:
            ids[name] = value
        return value

    v3 = '/identity/v3'
    made(v3 + '/domains', {'domain': {'name': 'hostile-d'}}, 'domain', 'id',
         'domain_id', 'domains')
    made(v3 + '/projects', {'project': {'name': 'hostile-p'}}, 'project',
         'id', 'project_id', 'projects')
    made(v3 + '/users', {'user': {'name': 'hostile-u', 'password': 'pw'}},
         'user', 'id', 'user_id', 'users')
    made(v3 + '/groups', {'group': {'name': 'hostile-g'}}, 'group', 'id',
         'group_id', 'groups')
    made(v3 + '/roles', {'role': {'name': 'hostile-r'}}, 'role', 'id',
         'role_id', 'prior_role_id', 'roles')
    made(v3 + '/roles', {'role': {'name': 'hostile-r2'}}, 'role', 'id',
         'implies_role_id')
    made(v3 + '/regions', {'region': {'id': 'hostile-region'}}, 'region',
         'id', 'region_id', 'regions')
    made(v3 + '/services', {'service': {'type': 'hostile', 'name': 'h'}},
         'service', 'id', 'service_id', 'services')
    if 'service_id' in ids:
        made(v3 + '/endpoints', {'endpoint': {
            'service_id': ids['service_id'], 'interface': 'public',
            'url': 'http://hostile.example/'}}, 'endpoint', 'id',
            'endpoint_id', 'endpoints')
    made(v3 + '/policies', {'policy': {'blob': '{}', 'type': 'x'}}, 'policy',
         'id', 'policy_id', 'policies')
    compute = '/compute/v2.1'
    made(compute + '/flavors', {'flavor': {
        'name': 'hostile-f', 'ram': 64, 'vcpus': 1, 'disk': 1}}, 'flavor',
        'id', 'flavors', 'flavor_id')
    made(compute + '/os-keypairs', {'keypair': {'name': 'hostile-k'}},
         'keypair', 'name', 'os-keypairs', 'keypair_name')
    made(compute + '/os-server-groups', {'server_group': {
        'name': 'hostile-sg', 'policies': ['affinity']}}, 'server_group',
        'id', 'os-server-groups')
    made(compute + '/os-aggregates', {'aggregate': {'name': 'hostile-a'}},
         'aggregate', 'id', 'os-aggregates')
    volume = '/volume/v3/%s' % project_id
    made(volume + '/types', {'volume_type': {'name': 'hostile-t'}},
         'volume_type', 'id', 'volume_type_id', 'types', 'volume_type')
    made(volume + '/qos-specs', {'qos_specs': {'name': 'hostile-q'}},
         'qos_specs', 'id', 'qos_id', 'qos-specs')
    made(volume + '/group_types', {'group_type': {'name': 'hostile-gt'}},
         'group_type', 'id', 'group_type_id', 'group_types')
    status, image = send('POST', '/image/v2/images', {
        'name': 'hostile-i', 'disk_format': 'raw',
        'container_format': 'bare', 'visibility': 'shared'})
    if status == 201:
        ids['image_id'] = ids['images'] = image['id']
        send('POST', '/image/v2/images/%s/members' % image['id'],
             {'member': ids.get('project_id', project_id)})
        ids['member_id'] = ids.get('project_id', project_id)
    ids.update({'tag': 'hostile-tag', 'key': 'hostile-key',
                'host': 'hostile-host', 'name': 'hostile-name'})
    return ids
