"""Loading a library without optional modules stratus never uses."""
import contextlib
import sys


@contextlib.contextmanager
def without(*names):
    """While the block runs, importing any of `names` not imported yet
    raises ImportError, so a library that tries them at load time for an
    optional feature goes without it. Afterwards they import as usual.

    Each costs a process memory for the rest of its life (see the callers);
    use it only for features stratus does not use.
    """
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None
    try:
        yield
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
