"""Every daemon registers, beats and shows up (or down) in the service
lists of the compute and block-storage APIs."""
import re
import signal
import time


def test_compute_service_list_shows_every_compute_side_daemon(cloud):
    services = cloud.cli_json('compute', 'service', 'list')
    seen = {(s['Binary'], s['Host']) for s in services}
    assert {('nova-conductor', None), ('nova-scheduler', None)} <= {
        (b, None) for b, h in seen}
    hosts = {h for b, h in seen if b == 'nova-compute'}
    assert hosts == {'compute1', 'compute2'}
    assert {s['State'] for s in services} == {'up'}
    assert {s['Status'] for s in services} == {'enabled'}


def test_volume_service_list_shows_scheduler_and_backends(cloud):
    services = cloud.cli_json('volume', 'service', 'list')
    binaries = {s['Binary']: s for s in services}
    assert set(binaries) == {'cinder-scheduler', 'cinder-volume'}
    backends = sorted(s['Host'].split('@')[1] for s in services
                      if s['Binary'] == 'cinder-volume')
    assert backends == ['lvmdriver-1', 'lvmdriver-2']
    assert {s['State'] for s in services} == {'up'}


def test_compute_service_disable_and_enable(cloud):
    cloud.cli('compute', 'service', 'set', '--disable', '--disable-reason',
              'maintenance', 'compute2', 'nova-compute')
    services = cloud.cli_json('compute', 'service', 'list', '--long')
    row = [s for s in services if s['Host'] == 'compute2'][0]
    assert row['Status'] == 'disabled'
    assert row['Disabled Reason'] == 'maintenance'
    cloud.cli('compute', 'service', 'set', '--enable', 'compute2',
              'nova-compute')


def test_service_lists_are_admin_only(cloud):
    result = cloud.cli('compute', 'service', 'list', user='demo',
                       check=False)
    assert result.returncode != 0 and '403' in result.stderr


def test_registration_path_is_greppable_by_request_id(cloud):
    """compute registers through the conductor: one request id, two logs."""
    compute_log = cloud.log('stratus-compute-compute1.log')
    match = re.search(r'\[None (req-[0-9a-f-]+) [^\]]*\] Registering '
                      r'stratus-compute', compute_log)
    assert match, compute_log[-2000:]
    assert match.group(1) in cloud.log('stratus-conductor.log')


def test_api_request_id_is_on_the_api_log_line(cloud):
    import requests
    resp = requests.get(cloud.url + '/compute/v2.1/flavors',
                        headers={'X-Auth-Token': cloud.token()})
    request_id = resp.headers['x-openstack-request-id']
    line = [l for l in cloud.log('stratus-api.log').splitlines()
            if request_id in l and 'status: 200' in l]
    assert line and 'admin admin' in line[0]


def test_a_stopped_compute_turns_down_and_comes_back(cloud):
    assert cloud.stop_daemon('compute2', signal.SIGTERM) == 0
    deadline = time.monotonic() + 20
    state = None
    while time.monotonic() < deadline:
        rows = cloud.cli_json('compute', 'service', 'list', '--service',
                              'nova-compute', '--host', 'compute2')
        state = rows[0]['State']
        if state == 'down':
            break
        time.sleep(1)
    assert state == 'down'
    cloud._start_compute('compute2')
    cloud.wait_for(lambda: cloud.cli_json(
        'compute', 'service', 'list', '--host', 'compute2')[0]['State'] ==
        'up', 'compute2 back up', timeout=30, interval=1)
