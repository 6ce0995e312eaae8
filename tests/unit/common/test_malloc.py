"""glibc malloc tuning: the calls the daemons make at start work here."""
import ctypes

from stratus.common import malloc


def test_trim_gives_freed_heap_back():
    # Blocks freed below one still in use: free() cannot shrink the heap
    # past it, so the freed pages stay until trimmed.
    blocks = [ctypes.create_string_buffer(4096) for _ in range(4096)]
    last = blocks.pop()
    del blocks
    assert malloc.trim() is True
    del last


def test_arenas_can_be_limited():
    assert malloc.limit_arenas() is True
