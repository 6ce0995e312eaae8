"""glance's user_storage_quota on an upload or an import: the declared size is
before any byte is read, the data is cut off where the project's room
ends, and the stored size is checked again after (two uploads at once may
each have fitted alone). 413 in glance's words throughout."""
import contextlib
import re

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import images as db_images

_PATTERN = re.compile(r'^(\d+)((K|M|G|T)?B)?$')
_FACTORS = {'B': 1, 'KB': 1024, 'MB': 1024 ** 2, 'GB': 1024 ** 3,
            'TB': 1024 ** 4}


def limit():
    """The option in bytes; 0 means none (the option's regex has already
    refused any other form)."""
    match = _PATTERN.match(CONF.image.user_storage_quota)
    return int(match.group(1)) * _FACTORS[match.group(2) or 'B']


def remaining(project_id, image_id):
    """Bytes `project_id` may still store, None when unlimited. The
    uploader's project pays, as glance charges the context's owner."""
    quota = limit()
    if quota <= 0:
        return None
    return quota - db_images.storage_usage(project_id, image_id)


def check(project_id, image_id, size):
    """glance's check_quota: `size` None (unknown) fails only when no room
    is left. Returns the room left (None: unlimited)."""
    room = remaining(project_id, image_id)
    if room is None:
        return None
    if (size is None and room <= 0) or (size is not None and size > room):
        raise exception.StorageQuotaFull(image_size=size, remaining=room)
    return room


def limited(chunks, room):
    """The chunks, failing once more than `room` bytes went through."""
    if room is None:
        yield from chunks
        return
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > room:
            raise exception.StorageQuotaFull()
        yield chunk


@contextlib.contextmanager
def full_as_glance():
    try:
        yield
    except exception.StorageQuotaFull as exc:
        raise exception.StorageQuotaFull('Image exceeds the storage quota: '
                                         '%s' % exc) from None
