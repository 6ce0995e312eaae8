"""A recording executor that plays a small LVM + losetup host in memory.

Every command is recorded as run; lvs/vgs/pvs answer in LVM's JSON report
format, lvcreate/lvextend allocate extents (contiguously, as the driver
asks), losetup keeps loop devices. Enough to check exact command lines and
that the driver reads reports correctly, without root or a kernel.
"""
import json

from stratus.common import processutils

MiB = 1 << 20
EXTENT = 4 * MiB
PE_START = MiB
PV = '/dev/loop0'


def _report(kind, rows):
    return json.dumps({'report': [{kind: [
        {k: str(v) for k, v in row.items()} for row in rows]}]})


def _arg(cmd, flag):
    return cmd[cmd.index(flag) + 1] if flag in cmd else None


def _bytes(text):
    assert text.endswith('b'), text
    return int(text[:-1])


class FakeHost:
    def __init__(self, vg='vg1', extents=2560, pool=None):
        self.vg = vg
        self.extents = extents       # 10 GiB of 4 MiB extents
        self.lvs = {}                # name -> dict(start, count, origin, pool, vsize)
        self.loops = {PV: {'back': '/var/pv.img', 'offset': 0, 'size': 0,
                           'autoclear': False}}
        self.busy = set()
        self.calls = []
        self.fail = {}               # tool -> ProcessExecutionError
        self.image_size = 1 << 30
        self.pool = pool

    # --- the executor -------------------------------------------------------
    def __call__(self, cmd):
        cmd = list(cmd)
        self.calls.append(cmd)
        if cmd[0] in self.fail:
            raise self.fail.pop(cmd[0])
        args = cmd[3:] if cmd[1:2] == ['--config'] else cmd[1:]
        handler = getattr(self, '_' + cmd[0].replace('-', '_'), None)
        out = handler(cmd, args) if handler else ''
        return out or '', ''

    def commands(self, tool=None):
        return [c for c in self.calls if tool is None or c[0] == tool]

    def clear(self):
        self.calls = []

    # --- allocation ---------------------------------------------------------
    def _used(self, skip=None):
        used = set()
        for name, lv in self.lvs.items():
            if name != skip and lv.get('count'):
                used.update(range(lv['start'], lv['start'] + lv['count']))
        return used

    def _fit(self, count):
        used, run = self._used(), 0
        for pe in range(self.extents):
            run = 0 if pe in used else run + 1
            if run == count:
                return pe - count + 1
        return None

    def _insufficient(self, cmd, name, count):
        raise processutils.ProcessExecutionError(
            cmd, 5, '', '  Insufficient suitable contiguous allocatable '
            'extents for logical volume %s: %d more required\n'
            % (name, count))

    # --- lvm ----------------------------------------------------------------
    def _vgs(self, cmd, args):
        free = self.extents - len(self._used())
        return _report('vg', [{
            'vg_name': self.vg, 'vg_size': self.extents * EXTENT,
            'vg_free': free * EXTENT, 'vg_extent_size': EXTENT,
            'vg_extent_count': self.extents, 'vg_free_count': free,
            'lv_count': len(self.lvs)}])

    def _lv_row(self, name, lv):
        size = lv.get('vsize') or lv['count'] * EXTENT
        return {'lv_name': name, 'lv_size': size, 'lv_attr': '-wc-XX----',
                'origin': lv.get('origin', ''), 'pool_lv': lv.get('pool', ''),
                'data_percent': lv.get('data_percent', ''), 'seg_count': 1}

    def _lvs(self, cmd, args):
        select = _arg(cmd, '--select')
        target = cmd[-1]
        names = sorted(self.lvs)
        if select:
            names = [n for n in names if n == select.split('=', 1)[1]]
        elif '/' in target:
            names = [n for n in names if n == target.split('/', 1)[1]]
        return _report('lv', [self._lv_row(n, self.lvs[n]) for n in names])

    def _pvs(self, cmd, args):
        name = _arg(cmd, '--select').split('lv_name=')[1]
        lv = self.lvs.get(name)
        rows = [] if not lv or not lv.get('count') else [{
            'pv_name': PV, 'pe_start': PE_START, 'pvseg_start': lv['start'],
            'pvseg_size': lv['count'], 'lv_name': name,
            'vg_extent_size': EXTENT}]
        return _report('pvseg', rows)

    def _lvcreate(self, cmd, args):
        name = _arg(cmd, '-n')
        if '-V' in cmd:                                    # thin LV
            self.lvs[name] = {'vsize': _bytes(_arg(cmd, '-V')),
                              'pool': cmd[-1].split('/')[1]}
            return ''
        if '-s' in cmd:
            origin = cmd[-1].split('/')[1]
            size = _arg(cmd, '-L')
            src = self.lvs[origin]
            if size is None:                               # thin snapshot
                self.lvs[name] = {'vsize': src.get('vsize'), 'origin': origin,
                                  'pool': src.get('pool', '')}
                return ''
            count = _bytes(size) // EXTENT
        elif '--type' in cmd:                              # thin pool
            count = (self.extents - len(self._used())) * 95 // 100
        else:
            count = _bytes(_arg(cmd, '-L')) // EXTENT
        start = self._fit(count)
        if start is None:
            self._insufficient(cmd, name, count)
        self.lvs[name] = {'start': start, 'count': count,
                          'origin': origin if '-s' in cmd else ''}
        return ''

    def _lvextend(self, cmd, args):
        name = cmd[-1].split('/', 1)[1]
        lv = self.lvs[name]
        if 'vsize' in lv:
            lv['vsize'] = _bytes(_arg(cmd, '-L'))
            return ''
        count = _bytes(_arg(cmd, '-L')) // EXTENT
        used = self._used(skip=name)
        wanted = range(lv['start'], lv['start'] + count)
        if any(pe in used or pe >= self.extents for pe in wanted):
            self._insufficient(cmd, name, count - lv['count'])
        lv['count'] = count
        return ''

    def _lvrename(self, cmd, args):
        old, new = cmd[-2], cmd[-1]
        self.lvs[new] = self.lvs.pop(old)

    def _lvremove(self, cmd, args):
        del self.lvs[cmd[-1].split('/', 1)[1]]

    # --- loop devices -------------------------------------------------------
    def _losetup(self, cmd, args):
        if '--list' in cmd:
            return json.dumps({'loopdevices': [
                {'name': dev, 'back-file': l['back'], 'offset': l['offset'],
                 'sizelimit': l['size'], 'autoclear': l['autoclear']}
                for dev, l in sorted(self.loops.items())]})
        if '--detach' in cmd:
            dev = cmd[-1]
            if dev in self.busy:
                self.loops[dev]['autoclear'] = True
            else:
                del self.loops[dev]
            return ''
        number = 0
        while '/dev/loop%d' % number in self.loops:
            number += 1
        dev = '/dev/loop%d' % number
        self.loops[dev] = {'back': cmd[-1], 'offset': int(_arg(cmd, '--offset')),
                           'size': int(_arg(cmd, '--sizelimit')),
                           'autoclear': False}
        return dev + '\n'

    def loop_for(self, name):
        lv = self.lvs[name]
        offset = PE_START + lv['start'] * EXTENT
        for dev, loop in self.loops.items():
            if loop['back'] == PV and loop['offset'] == offset:
                return dev
        return None

    # --- data tools ---------------------------------------------------------
    def _qemu_img(self, cmd, args):
        if cmd[1] == 'info':
            return json.dumps({'virtual-size': self.image_size,
                               'format': _arg(cmd, '-f')})
        return ''
