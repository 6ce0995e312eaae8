"""VolumeGroup: JSON report parsing and the exact lvm command lines."""
import json

import pytest

from stratus.volume.drivers.lvm import vg as lvm_vg

CFG = ['--config', lvm_vg.ACTIVATION_OFF]
REPORT = ['--reportformat', 'json', '--units', 'b', '--nosuffix']

# What `vgs/lvs/pvs --reportformat json --units b --nosuffix` print (LVM
# 2.03.16): every value a string, a list per report kind.
VGS = '''  {
      "report": [
          {
              "vg": [
                  {"vg_name":"vg1", "vg_size":"10733223936", "vg_free":"9659482112", "vg_extent_size":"4194304", "vg_extent_count":"2559", "vg_free_count":"2303", "lv_count":"1"}
              ]
          }
      ]
  }
'''
LVS = '''  {
      "report": [
          {
              "lv": [
                  {"lv_name":"vg1-pool", "lv_size":"5368709120", "lv_attr":"twi-aotz--", "origin":"", "pool_lv":"", "data_percent":"12.50", "seg_count":"1"},
                  {"lv_name":"volume-a", "lv_size":"1073741824", "lv_attr":"Vwi-a-tz--", "origin":"", "pool_lv":"vg1-pool", "data_percent":"3.00", "seg_count":"1"},
                  {"lv_name":"volume-b", "lv_size":"1073741824", "lv_attr":"-wc-XX----", "origin":"", "pool_lv":"", "data_percent":"", "seg_count":"1"}
              ]
          }
      ]
  }
'''
PVSEG = json.dumps({'report': [{'pvseg': [
    {'pv_name': '/dev/loop0', 'pe_start': '1048576', 'pvseg_start': '25',
     'pvseg_size': '13', 'lv_name': 'lv2', 'vg_extent_size': '4194304'}]}]})


class Recorder:
    def __init__(self, out=''):
        self.calls = []
        self.out = out

    def __call__(self, cmd):
        self.calls.append(cmd)
        return self.out, ''


def test_parse_report_types_numbers():
    vg = lvm_vg.parse_report(VGS, 'vg')[0]
    assert vg['vg_size'] == 10733223936 and vg['vg_free_count'] == 2303
    lvs = lvm_vg.parse_report(LVS, 'lv')
    assert [lv['lv_name'] for lv in lvs] == ['vg1-pool', 'volume-a',
                                            'volume-b']
    assert lvs[0]['data_percent'] == 12.5 and lvs[2]['data_percent'] == 0.0
    assert lvs[1]['pool_lv'] == 'vg1-pool' and lvs[1]['lv_size'] == 1 << 30
    assert lvm_vg.parse_report('', 'lv') == []


@pytest.mark.parametrize('activation,prefix', [(True, []), (False, CFG)])
def test_reports_are_json_in_bytes(activation, prefix):
    rec = Recorder(LVS)
    vg = lvm_vg.VolumeGroup('vg1', rec, activation=activation)
    assert vg.get_volume('volume-a')['lv_name'] == 'vg1-pool'  # first row
    vg.info()
    assert rec.calls == [
        ['lvs', *prefix, *REPORT, '-o', lvm_vg.LV_FIELDS,
         '--select', 'lv_name=volume-a', 'vg1'],
        ['vgs', *prefix, *REPORT, '-o', lvm_vg.VG_FIELDS, 'vg1'],
    ]


def test_extent_range_is_pe_start_plus_first_extent():
    rec = Recorder(PVSEG)
    vg = lvm_vg.VolumeGroup('vg1', rec, activation=False)
    assert vg.extent_range('lv2') == ('/dev/loop0', 1048576 + 25 * 4194304,
                                      13 * 4194304)
    assert rec.calls == [['pvs', *CFG, *REPORT, '-o', lvm_vg.SEG_FIELDS,
                          '--segments', '--select',
                          'vg_name=vg1 && lv_name=lv2']]


def test_extent_range_refuses_several_segments():
    two = json.loads(PVSEG)
    two['report'][0]['pvseg'] *= 2
    vg = lvm_vg.VolumeGroup('vg1', Recorder(json.dumps(two)),
                            activation=False)
    with pytest.raises(lvm_vg.NotContiguous):
        vg.extent_range('lv2')


def test_create_commands_by_path():
    rec = Recorder()
    lvm_vg.VolumeGroup('vg1', rec).create_volume('v', 1 << 30)
    lvm_vg.VolumeGroup('vg1', rec, activation=False).create_volume(
        'v', 1 << 30)
    lvm_vg.VolumeGroup('vg1', rec, thin_pool='vg1-pool').create_volume(
        'v', 1 << 30, thin=True)
    lvm_vg.VolumeGroup('vg1', rec).create_volume('v', 1 << 30, mirrors=1)
    assert rec.calls == [
        ['lvcreate', '--yes', '-n', 'v', '-L', '1073741824b', 'vg1'],
        ['lvcreate', *CFG, '-an', '-Zn', '--alloc', 'contiguous',
         '-n', 'v', '-L', '1073741824b', 'vg1'],
        ['lvcreate', '-T', '-V', '1073741824b', '-n', 'v', 'vg1/vg1-pool'],
        ['lvcreate', '--yes', '-m', '1', '--nosync', '-n', 'v',
         '-L', '1073741824b', 'vg1'],
    ]


def test_snapshot_extend_rename_remove_commands():
    rec = Recorder()
    vg = lvm_vg.VolumeGroup('vg1', rec, thin_pool='vg1-pool')
    vg.create_snapshot('_snapshot-s', 'volume-a', 1 << 30)
    vg.create_snapshot('_snapshot-t', 'volume-a')
    vg.create_thin_pool()
    vg.extend_volume('volume-a', 2 << 30)
    lvm_vg.VolumeGroup('vg1', rec, activation=False).extend_volume(
        'volume-a', 2 << 30)
    vg.rename_volume('a.new', 'a')
    vg.delete('a')
    assert rec.calls == [
        ['lvcreate', '-s', '-L', '1073741824b', '-n', '_snapshot-s',
         'vg1/volume-a'],
        ['lvcreate', '-s', '-kn', '-n', '_snapshot-t', 'vg1/volume-a'],
        ['lvcreate', '--type', 'thin-pool', '-l', '95%FREE',
         '-n', 'vg1-pool', 'vg1'],
        ['lvextend', '-L', '2147483648b', 'vg1/volume-a'],
        ['lvextend', *CFG, '--alloc', 'contiguous', '-L', '2147483648b',
         'vg1/volume-a'],
        ['lvrename', 'vg1', 'a.new', 'a'],
        ['lvremove', '-f', 'vg1/a'],
    ]
