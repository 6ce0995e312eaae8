"""The file store: one file per image under [image]
filesystem_store_datadir. Data streams through in chunks and is hashed on
the way; a partial upload never takes an image's name."""
import hashlib
import os
import tempfile

from stratus.common import exception
from stratus.common.conf import CONF

CHUNK_SIZE = 64 * 1024
HASH_ALGO = 'sha512'


def datadir():
    return CONF.image.filesystem_store_datadir


def staging_dir():
    """Where glance-direct data waits for its import (glance's
    node_staging_uri), beside the images so an import is a local copy."""
    return os.path.join(datadir(), '.staging')


def path(image_id, directory=None):
    # Image ids are UUID-like; refuse anything that could leave the dir.
    if not image_id or '/' in image_id or image_id.startswith('.'):
        raise exception.ImageNotFound(image_id=image_id)
    return os.path.join(directory or datadir(), image_id)


def write(image_id, chunks, size_cap, directory=None):
    """Store the iterable of byte chunks as the image's data.

    Returns (size, md5 hex, sha512 hex). The data goes to a temporary file
    in the same directory and is renamed into place only when complete, so
    readers see the whole image or none. Raises ImageTooLarge past
    `size_cap` bytes. `directory`: another place than the store (staging).
    """
    directory = directory or datadir()
    os.makedirs(directory, exist_ok=True)
    md5 = hashlib.md5(usedforsecurity=False)
    multihash = hashlib.new(HASH_ALGO)
    size = 0
    fd, tmp = tempfile.mkstemp(prefix='.%s.' % image_id, suffix='.part',
                               dir=directory)
    try:
        with os.fdopen(fd, 'wb') as f:
            for chunk in chunks:
                size += len(chunk)
                if size > size_cap:
                    raise exception.ImageTooLarge()
                md5.update(chunk)
                multihash.update(chunk)
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path(image_id, directory))
    except BaseException:
        _unlink(tmp)
        raise
    return size, md5.hexdigest(), multihash.hexdigest()


def exists(image_id):
    return os.path.exists(path(image_id))


def size_of(image_id):
    return os.path.getsize(path(image_id))


class FileChunks:
    """An iterable of a file's chunks with close(), as WSGI servers want
    from a response body: the file closes even if never iterated."""

    def __init__(self, f, length, chunk_size):
        self.f, self.remaining, self.chunk_size = f, length, chunk_size

    def __iter__(self):
        return self

    def __next__(self):
        want = self.chunk_size
        if self.remaining is not None:
            want = min(want, self.remaining)
        data = self.f.read(want) if want > 0 else b''
        if not data:
            self.close()
            raise StopIteration
        if self.remaining is not None:
            self.remaining -= len(data)
        return data

    def close(self):
        self.f.close()


def read(image_id, offset=0, length=None, chunk_size=CHUNK_SIZE):
    """The image's data from `offset`, `length` bytes (to the end when
    None), as FileChunks. Opens the file now, so a missing file fails
    before a response starts."""
    f = open(path(image_id), 'rb')
    if offset:
        f.seek(offset)
    return FileChunks(f, length, chunk_size)


def delete(image_id, directory=None):
    _unlink(path(image_id, directory))


def _unlink(name):
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass
