"""common/image_client.py against the real API served over HTTP in a
thread: create, chunked upload, verified download, update, delete and
the exceptions it raises."""
import hashlib
import io
import os
import socket
import threading

from cheroot import wsgi as cheroot_wsgi
import pytest

from stratus.common import exception
from stratus.common import image_client

DATA = os.urandom(300 * 1024 + 5)


@pytest.fixture
def server(app):
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    httpd = cheroot_wsgi.Server(('127.0.0.1', port), app, numthreads=4)
    httpd.prepare()
    thread = threading.Thread(target=httpd.serve, daemon=True)
    thread.start()
    yield 'http://127.0.0.1:%d' % port
    httpd.stop()
    thread.join(5)


@pytest.fixture
def client(server, admin):
    return image_client.ImageClient(server + '/image', admin.token)


def test_create_upload_get_download(client, tmp_path):
    image = client.create(name='snap', disk_format='qcow2',
                          container_format='bare', image_type='snapshot',
                          instance_uuid='i-1')
    assert image['status'] == 'queued'
    client.upload(image['id'], io.BytesIO(DATA))
    shown = client.get(image['id'])
    assert shown['status'] == 'active' and shown['size'] == len(DATA)
    assert shown['image_type'] == 'snapshot'
    dest = tmp_path / 'copy'
    client.download(image['id'], str(dest))
    assert dest.read_bytes() == DATA
    client.download(image['id'], str(dest),
                    expected_checksum=hashlib.md5(DATA).hexdigest())
    client.download(image['id'], str(dest),
                    expected_checksum=hashlib.sha512(DATA).hexdigest())


def test_upload_from_an_iterator(client):
    image = client.create(name='gen', disk_format='raw',
                          container_format='bare')
    client.upload(image['id'], (DATA[i:i + 1000]
                                for i in range(0, len(DATA), 1000)))
    assert client.get(image['id'])['checksum'] == hashlib.md5(
        DATA).hexdigest()


def test_checksum_mismatch_leaves_no_file(client, tmp_path):
    image = client.create(name='x', disk_format='raw',
                          container_format='bare')
    client.upload(image['id'], io.BytesIO(DATA))
    target = tmp_path / 'downloads'
    target.mkdir()
    with pytest.raises(exception.ImageChecksumMismatch):
        client.download(image['id'], str(target / 'copy'),
                        expected_checksum='0' * 32)
    assert list(target.iterdir()) == []


_KERNEL = '9e2b8a56-0b5e-4b31-a2a4-3a4f5d1c8e01'
_RAMDISK = '9e2b8a56-0b5e-4b31-a2a4-3a4f5d1c8e02'


def test_update_and_list(client):
    image = client.create(name='a', disk_format='raw',
                          container_format='bare', kernel_id=_KERNEL)
    updated = client.update(image['id'], name='b', min_ram=64,
                            ramdisk_id=_RAMDISK, remove=['kernel_id'])
    assert updated['name'] == 'b' and updated['min_ram'] == 64
    assert updated['ramdisk_id'] == _RAMDISK and 'kernel_id' not in updated
    for i in range(3):
        client.create(name='more%d' % i)
    assert len(client.list(limit=2)) == 4
    assert [i['name'] for i in client.list(name='b')] == ['b']


def test_errors_are_stratus_exceptions(client, tmp_path):
    with pytest.raises(exception.ImageNotFound):
        client.get('nope')
    with pytest.raises(exception.ImageNotFound):
        client.delete('nope')
    image = client.create(name='q', disk_format='raw',
                          container_format='bare')
    with pytest.raises(exception.ImageStatusConflict):
        client.download(image['id'], str(tmp_path / 'none'))
    client.upload(image['id'], [b'x'])
    with pytest.raises(exception.Conflict):
        client.upload(image['id'], [b'y'])
    with pytest.raises(exception.Invalid):
        client.create(disk_format='floppy')
    with pytest.raises(exception.Forbidden):
        client.create(status='active')
    client.delete(image['id'])
    with pytest.raises(exception.ImageNotFound):
        client.get(image['id'])


def test_bad_token_and_unreachable_service(server):
    with pytest.raises(exception.NotAuthenticated):
        image_client.ImageClient(server + '/image', 'bad').get('x')
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    dead = image_client.ImageClient('http://127.0.0.1:%d/image' % port, 't',
                                    timeout=2)
    with pytest.raises(exception.ServiceUnavailable):
        dead.get('x')
