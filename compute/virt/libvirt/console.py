"""The serial console log of a guest: virtlogd writes ttyS0's output to
<instances_path>/<uuid>/console.log; `openstack console log show` reads
its end."""
import os


def tail(path, max_bytes):
    """The last `max_bytes` of the log as text ('' when there is none),
    starting at a line boundary when it was cut."""
    try:
        with open(path, 'rb') as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - max_bytes))
            data = f.read()
    except FileNotFoundError:
        return ''
    if size > max_bytes and b'\n' in data:
        data = data[data.index(b'\n') + 1:]
    # Kernels and boot loaders print control bytes; keep text readable.
    text = data.decode('utf-8', errors='replace').replace('\r\n', '\n')
    return ''.join(c for c in text if c in '\n\t' or c >= ' ')
