"""Each RPC client and its manager agree: versions, method names, args."""
import ast
import inspect
import textwrap

import pytest

from stratus.compute import manager as compute_manager
from stratus.compute import rpcapi as compute_rpcapi
from stratus.conductor import manager as conductor_manager
from stratus.conductor import rpcapi as conductor_rpcapi
from stratus.scheduler import manager as scheduler_manager
from stratus.scheduler import rpcapi as scheduler_rpcapi
from stratus.volume import manager as volume_manager
from stratus.volume import rpcapi as volume_rpcapi

PAIRS = [
    (compute_rpcapi.ComputeRPCClient, compute_manager.ComputeManager),
    (conductor_rpcapi.ConductorRPCClient, conductor_manager.ConductorManager),
    (scheduler_rpcapi.SchedulerRPCClient, scheduler_manager.SchedulerManager),
    (volume_rpcapi.VolumeRPCClient, volume_manager.VolumeManager),
]


def _sends(client_cls):
    """(since, remote method, kwargs) of each call/cast in the client."""
    for name, fn in inspect.getmembers(client_cls, inspect.isfunction):
        if name.startswith('_'):
            continue
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
        for node in ast.walk(tree):
            # self._cast(ctxt, since, 'method', host, **kwargs)
            if (isinstance(node, ast.Call) and
                    isinstance(node.func, ast.Attribute) and
                    node.func.attr == '_cast'):
                yield (node.args[1].value, node.args[2].value,
                       [k.arg for k in node.keywords])
                continue
            if (isinstance(node, ast.Call) and
                    isinstance(node.func, ast.Attribute) and
                    node.func.attr in ('call', 'cast') and
                    len(node.args) >= 2 and
                    isinstance(node.args[1], ast.Constant)):
                prepare = node.func.value
                since = prepare.args[0].value
                yield since, node.args[1].value, [k.arg for k in
                                                  node.keywords]


def _version(text):
    return tuple(int(p) for p in text.split('.'))


@pytest.mark.parametrize('client_cls,manager_cls', PAIRS)
def test_server_target_matches_client_version(client_cls, manager_cls):
    assert manager_cls.target.version == client_cls.VERSION
    assert client_cls.HISTORY[-1].startswith(client_cls.VERSION + ' ')


@pytest.mark.parametrize('client_cls,manager_cls', PAIRS)
def test_every_sent_method_exists_with_its_arguments(client_cls,
                                                     manager_cls):
    for since, method, kwargs in _sends(client_cls):
        assert _version(since) <= _version(client_cls.VERSION), method
        target = getattr(manager_cls, method, None)
        assert target is not None, '%s.%s missing' % (manager_cls, method)
        params = inspect.signature(target).parameters
        for kwarg in kwargs:
            assert kwarg in params, '%s(%s)' % (method, kwarg)
