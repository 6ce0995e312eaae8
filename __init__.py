"""stratus: an OpenStack-style control plane for compute and block storage.

The repository root is this package (pyproject maps ``stratus`` to ``.``).
"""
import sys

# Native threads only (DEVELOPERS.md). oslo.service and taskflow import
# eventlet whenever it is installed; marking it absent keeps it out of every
# stratus process, and oslo.service then takes its threading backend.
sys.modules.setdefault('eventlet', None)


def _threading_backend():
    from oslo_service import backend
    return backend.BackendType.THREADING


try:
    from oslo_service import backend as _backend
    _backend.register_backend_default_hook(_threading_backend)
except ImportError:  # pragma: no cover - only during packaging
    pass
