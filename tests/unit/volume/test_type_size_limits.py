"""A volume type's provisioning:min_vol_size / max_vol_size hold for a new
volume and a retype as cinder's provision filter on size holds them: 400
with cinder's message, nothing created or changed."""
from support import schemas


VOLUMES = schemas.volume('volumes', '3.71')


def _capped(vcloud):
    vcloud.create_type('capped', **{'provisioning:min_vol_size': '2',
                                    'provisioning:max_vol_size': '5'})


def test_create_below_the_minimum(vcloud):
    _capped(vcloud)
    resp = vcloud.post('/volumes', {'volume': {'size': 1,
                                               'volume_type': 'capped'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid input received: Specified volume size of '1' is less than "
        "the minimum required size of '2' for volume type 'capped'.")


def test_create_above_the_maximum(vcloud):
    _capped(vcloud)
    resp = vcloud.post('/volumes', {'volume': {'size': 6,
                                               'volume_type': 'capped'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid input received: Specified volume size of '6' is greater "
        "than the maximum allowable size of '5' for volume type 'capped'.")


def test_create_within_the_limits(vcloud):
    _capped(vcloud)
    resp = vcloud.post('/volumes', {'volume': {'size': 5,
                                               'volume_type': 'capped'}})
    schemas.check(VOLUMES.create_volume, resp)


def test_retype_to_a_type_the_size_does_not_fit(vcloud):
    _capped(vcloud)
    volume = vcloud.create_volume(size=7)
    resp = vcloud.action(volume['id'], {'os-retype': {
        'new_type': 'capped', 'migration_policy': 'never'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid input received: Specified volume size of '7' is greater "
        "than the maximum allowable size of '5' for volume type 'capped'.")
    assert vcloud.show(volume['id'])['status'] == 'available'
