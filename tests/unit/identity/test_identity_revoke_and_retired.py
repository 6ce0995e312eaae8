"""OS-REVOKE events, and the routes keystone 30 keeps for removed PKI
features (OS-SIMPLE-CERT: 410; OS-PKI revoked list: 403)."""
from support.identity import DEMO_PASSWORD, V3, as_token, token_for

EVENT_TIMES = {'issued_before', 'revoked_at'}


def _error(resp, code, message):
    assert resp.status_int == code, resp.text
    assert resp.json == {'error': {
        'code': code, 'title': resp.json['error']['title'],
        'message': message}}


def test_simple_cert_is_gone_without_a_token(client, boot):
    for path in ('/OS-SIMPLE-CERT/ca', '/OS-SIMPLE-CERT/certificates'):
        resp = client.get(V3 + path)
        _error(resp, 410, 'This API is no longer available due to the '
               'removal of support for PKI tokens.')
        assert resp.json['error']['title'] == 'Gone'
        assert client.request('HEAD', V3 + path).status_int == 410


def test_pki_revoked_list_is_forbidden(client, boot):
    resp = client.get(V3 + '/auth/tokens/OS-PKI/revoked')
    _error(resp, 403, 'You are not authorized to perform the requested '
           'action.')
    assert resp.json['error']['title'] == 'Forbidden'


def test_revoke_events_record_revocations(admin, demo):
    listing = admin.get(V3 + '/OS-REVOKE/events')
    assert listing.status_int == 200
    assert set(listing.json) == {'events', 'links'}
    assert listing.json['links']['self'].endswith('/v3/OS-REVOKE/events')
    assert listing.json['links']['next'] is None
    before = len(listing.json['events'])
    # A token revoked: an event by its audit id.
    token = token_for(admin, 'demo', DEMO_PASSWORD, 'demo')
    audit_id = admin.get(V3 + '/auth/tokens', headers={
        'X-Subject-Token': token}).json['token']['audit_ids'][0]
    assert admin.delete(V3 + '/auth/tokens', headers={
        'X-Subject-Token': token}).status_int == 204
    # A user disabled (once: disabling again records nothing), a project
    # disabled (keystone records nothing) then deleted.
    for _ in range(2):
        admin.request('PATCH', V3 + '/users/' + demo['user_id'],
                      {'user': {'enabled': False}})
    admin.request('PATCH', V3 + '/projects/' + demo['project_id'],
                  {'project': {'enabled': False}})
    admin.delete(V3 + '/projects/' + demo['project_id'])
    events = admin.get(V3 + '/OS-REVOKE/events').json['events'][before:]
    assert events[0].keys() == {'audit_id'} | EVENT_TIMES
    assert events[0]['audit_id'] == audit_id
    assert events[0]['revoked_at'].endswith('.000000Z')
    assert events[1].keys() == {'user_id'} | EVENT_TIMES
    assert events[1]['user_id'] == demo['user_id']
    assert events[2].keys() == {'project_id'} | EVENT_TIMES
    assert events[2]['project_id'] == demo['project_id']
    assert len(events) == 3
    since = admin.get(V3 + '/OS-REVOKE/events?since=2999-01-01T00:00:00Z')
    assert since.json['events'] == []
    old = admin.get(V3 + '/OS-REVOKE/events?since=2000-01-01T00:00:00')
    assert len(old.json['events']) == before + 3


def test_group_changes_are_user_events(admin, demo):
    group = admin.post(V3 + '/groups', {'group': {
        'name': 'g1'}}).json['group']
    url = V3 + '/groups/%s/users/%s' % (group['id'], demo['user_id'])
    admin.put(url)
    before = len(admin.get(V3 + '/OS-REVOKE/events').json['events'])
    admin.delete(url)
    events = admin.get(V3 + '/OS-REVOKE/events').json['events'][before:]
    assert [e.get('user_id') for e in events] == [demo['user_id']]
    # A deleted group with roles: one event per member.
    admin.put(url)
    admin.put(V3 + '/projects/%s/groups/%s/roles/%s' % (
        demo['project_id'], group['id'], demo['member_role_id']))
    before += 1
    admin.delete(V3 + '/groups/' + group['id'])
    events = admin.get(V3 + '/OS-REVOKE/events').json['events'][before:]
    assert [e.get('user_id') for e in events] == [demo['user_id']]


def test_revoke_events_refusals(admin, demo):
    resp = admin.get(V3 + '/OS-REVOKE/events?since=yesterday')
    _error(resp, 400, 'invalidate date format yesterday')
    resp = admin.get(V3 + '/OS-REVOKE/events',
                     headers=as_token(demo['token']))
    _error(resp, 403, 'You are not authorized to perform the requested '
           'action: identity:list_revoke_events.')
    resp = admin.get(V3 + '/OS-REVOKE/events', headers={'X-Auth-Token': ''})
    assert resp.status_int == 401


def test_deleted_trust_is_an_event(admin):
    trustee = admin.post(V3 + '/users', {'user': {
        'name': 'trustee', 'password': 'x-secret'}}).json['user']
    me = admin.get(V3 + '/users?name=admin').json['users'][0]['id']
    project = admin.get(V3 + '/projects?name=admin').json['projects'][0]
    trust = admin.post(V3 + '/OS-TRUST/trusts', {'trust': {
        'trustor_user_id': me, 'trustee_user_id': trustee['id'],
        'project_id': project['id'], 'impersonation': False,
        'roles': [{'name': 'member'}]}}).json['trust']
    admin.delete(V3 + '/OS-TRUST/trusts/' + trust['id'])
    last = admin.get(V3 + '/OS-REVOKE/events').json['events'][-1]
    assert last.keys() == {'OS-TRUST:trust_id'} | EVENT_TIMES
    assert last['OS-TRUST:trust_id'] == trust['id']
