"""/extensions in-process: nova's list (99 entries, nova's order) and show
by alias, for any user; checked against tempest's extensions schema."""
from support import schemas

EXTENSIONS = '/compute/v2.1/extensions'


def test_list_is_novas(admin, demo):
    resp = admin.get(EXTENSIONS, headers={'X-Auth-Token': demo['token']})
    body = schemas.check(schemas.compute('extensions', '2.1')
                         .list_extensions, resp)
    aliases = [e['alias'] for e in body['extensions']]
    assert len(aliases) == 99 and aliases[:2] == ['NMN', 'OS-DCF']
    assert 'os-volumes' in aliases and 'os-hosts' in aliases
    assert {e['updated'] for e in body['extensions']} == {
        '2014-12-03T00:00:00Z'}


def test_show_by_alias(admin):
    resp = admin.get(EXTENSIONS + '/OS-DCF')
    assert resp.status_int == 200
    assert resp.json == {'extension': {
        'alias': 'OS-DCF', 'description': 'Disk Management Extension.',
        'links': [], 'name': 'DiskConfig',
        'namespace': 'http://docs.openstack.org/compute/ext/fake_xml',
        'updated': '2014-12-03T00:00:00Z'}}


def test_show_unknown_alias_is_404(admin):
    resp = admin.get(EXTENSIONS + '/nope')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'


def test_extensions_need_a_token(client, boot):
    assert client.get(EXTENSIONS).status_int == 401
