"""The create pipeline end to end, in one process."""


def test_create_volume_becomes_available(vcloud):
    volume = vcloud.create_volume(name='v1')
    assert volume['status'] == 'available'
    assert volume['os-vol-host-attr:host'].startswith('host1@lvmdriver-')
