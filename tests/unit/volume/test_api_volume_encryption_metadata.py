"""GET /volumes/{id}/encryption[/{key}] (os-volume-encryption-metadata):
the key id, and the type's encryption spec for an encrypted type."""
from support import schemas


def test_unencrypted_volume(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    resp = vcloud.get('/volumes/%s/encryption' % volume['id'], user=demo)
    assert resp.status_int == 200
    assert resp.json == {'encryption_key_id': None}
    resp = vcloud.get('/volumes/%s/encryption/encryption_key_id'
                      % volume['id'], user=demo)
    assert resp.status_int == 200 and resp.json is None
    schemas.check_fault(vcloud.get('/volumes/%s/encryption/provider'
                                   % volume['id'], user=demo), 404,
                        'itemNotFound')
    other = vcloud.create_volume()
    schemas.check_fault(vcloud.get('/volumes/%s/encryption' % other['id'],
                                   user=demo), 404, 'itemNotFound')


def test_spec_of_an_encrypted_type_is_shown(vcloud):
    from stratus.db.api import volume_encryption
    from stratus.db.api import volumes as db_volumes
    type_id = vcloud.create_type('secret')
    volume = vcloud.create_volume()
    volume_encryption.create(type_id, {
        'provider': 'luks', 'cipher': 'aes-xts-plain64', 'key_size': 256,
        'control_location': 'front-end'})
    db_volumes.update(volume['id'], {'volume_type_id': type_id})
    body = vcloud.get('/volumes/%s/encryption' % volume['id']).json
    assert body == {'encryption_key_id': None, 'provider': 'luks',
                    'cipher': 'aes-xts-plain64', 'key_size': 256,
                    'control_location': 'front-end'}
    assert vcloud.get('/volumes/%s/encryption/provider'
                      % volume['id']).json == 'luks'
