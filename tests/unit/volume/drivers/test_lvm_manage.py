"""The lvm driver manages existing LVs as cinder's does: listed with their
size in GiB rounded up, taken over by renaming, left in place by
unmanage."""
import pytest

from stratus.common import exception

GiB = 1 << 30


@pytest.fixture
def drv(make_driver):
    return make_driver(True)


def test_list_manage_and_unmanage(drv):
    driver, _host = drv
    driver.vg.create_volume('legacy', 2 * GiB)
    driver.create_volume({'id': 'a', 'name': 'volume-a', 'size': 1})
    driver.create_snapshot({'id': 's', 'name': 'snapshot-s',
                            'volume_size': 1},
                           {'id': 'a', 'name': 'volume-a', 'size': 1})
    listed = driver.get_manageable_volumes(
        [{'id': 'a'}], None, 1000, 0, ['reference'], ['asc'])
    assert [(v['reference']['source-name'], v['size'], v['safe_to_manage'])
            for v in listed] == [('legacy', 2, True),
                                 ('volume-a', 1, True)]
    snaps = driver.get_manageable_snapshots([], None, 1000, 0, ['size'],
                                            ['desc'])
    assert [(s['reference'], s['source_reference']) for s in snaps] == [
        ({'source-name': '_snapshot-s'}, {'source-name': 'volume-a'})]
    ref = {'source-name': 'legacy'}
    target = {'id': 'm', 'name': 'volume-m', 'size': 0}
    assert driver.manage_existing_get_size(target, ref) == 2
    assert driver.manage_existing(target, ref) is None
    assert driver.vg.get_volume('volume-m') is not None
    assert driver.vg.get_volume('legacy') is None
    driver.unmanage(target)
    assert driver.vg.get_volume('volume-m') is not None


def test_bad_references(drv):
    driver, _host = drv
    target = {'id': 'm', 'name': 'volume-m', 'size': 0}
    with pytest.raises(exception.ManageExistingInvalidReference) as caught:
        driver.manage_existing_get_size(target, {'name': 'x'})
    assert 'Reference must contain source-name element.' in str(caught.value)
    with pytest.raises(exception.ManageExistingInvalidReference) as caught:
        driver.manage_existing_get_size(target, {'source-name': 'nope'})
    assert str(caught.value) == (
        'Manage existing volume failed due to invalid backend reference '
        'nope: Specified logical volume does not exist.')
