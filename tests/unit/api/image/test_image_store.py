"""The file store: streamed writes with hashes, atomic rename, chunked
reads, size cap, safe names."""
import hashlib

import pytest

from stratus.api.image import store
from stratus.common import exception

ID = '3c2d6a55-8a5e-4a34-9a4a-2b7f0e1c9d10'


def test_write_streams_and_hashes(image_store):
    chunks = [b'a' * 1000, b'b' * 70000, b'c']
    size, md5, sha512 = store.write(ID, iter(chunks), size_cap=10 ** 6)
    data = b''.join(chunks)
    assert size == len(data)
    assert md5 == hashlib.md5(data).hexdigest()
    assert sha512 == hashlib.sha512(data).hexdigest()
    assert (image_store / ID).read_bytes() == data
    assert [p.name for p in image_store.iterdir()] == [ID]


def test_read_in_chunks_and_ranges(image_store):
    store.write(ID, [bytes(range(256)) * 1000], size_cap=10 ** 6)
    chunks = list(store.read(ID, chunk_size=100000))
    assert [len(c) for c in chunks] == [100000, 100000, 56000]
    assert b''.join(store.read(ID, offset=10, length=5)) == bytes(
        range(10, 15))


def test_read_closes_the_file_even_unread(image_store):
    store.write(ID, [b'x'], size_cap=10)
    chunks = store.read(ID)
    chunks.close()
    assert chunks.f.closed


def test_failed_write_leaves_nothing(image_store):
    def broken():
        yield b'data'
        raise IOError('disk on fire')
    with pytest.raises(IOError):
        store.write(ID, broken(), size_cap=10 ** 6)
    assert list(image_store.iterdir()) == []


def test_size_cap(image_store):
    with pytest.raises(exception.ImageTooLarge):
        store.write(ID, [b'x' * 6, b'y' * 6], size_cap=10)
    assert list(image_store.iterdir()) == []


def test_replace_is_atomic_and_delete_is_idempotent(image_store):
    store.write(ID, [b'old'], size_cap=10)
    store.write(ID, [b'new'], size_cap=10)
    assert b''.join(store.read(ID)) == b'new'
    store.delete(ID)
    store.delete(ID)
    assert not store.exists(ID)


@pytest.mark.parametrize('bad', ['', '../etc', 'a/b', '.hidden'])
def test_names_cannot_leave_the_directory(image_store, bad):
    with pytest.raises(exception.ImageNotFound):
        store.path(bad)


def test_default_directory_is_under_state_path():
    from stratus.common.conf import CONF
    CONF.clear_override('filesystem_store_datadir', 'image')
    CONF.set_override('state_path', '/srv/stratus')
    try:
        assert store.datadir() == '/srv/stratus/images'
    finally:
        CONF.clear_override('state_path')
