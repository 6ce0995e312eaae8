"""db/api/allocations: get, delete, move, replace, usage_by_node."""
from stratus.db.api import allocations
from stratus.db import session


def _pairs(consumer):
    return [(a['node'], a['vcpus'], a['memory_mb'], a['disk_gb'])
            for a in allocations.get(consumer)]


def test_replace_get_and_delete(db):
    allocations.replace('i1', 'compute1', 'compute1', 2, 1024, 10)
    assert _pairs('i1') == [('compute1', 2, 1024, 10)]
    row = allocations.get('i1')[0]
    assert row['consumer_uuid'] == 'i1' and row['host'] == 'compute1'
    allocations.replace('i1', 'compute2', 'compute2', 1, 512, 1)
    assert _pairs('i1') == [('compute2', 1, 512, 1)]
    assert allocations.delete('i1') == 1
    assert allocations.get('i1') == []
    assert allocations.delete('i1') == 0


def test_move_re_owns_the_rows(db):
    allocations.replace('inst', 'compute1', 'compute1', 2, 1024, 10)
    allocations.replace('mig', 'compute9', 'compute9', 1, 1, 1)
    assert allocations.move('inst', 'mig') == 1
    assert allocations.get('inst') == []
    assert _pairs('mig') == [('compute1', 2, 1024, 10)]
    # Revert: the claim goes back to the instance.
    allocations.move('mig', 'inst')
    assert _pairs('inst') == [('compute1', 2, 1024, 10)]


def test_usage_by_node(db):
    allocations.replace('a', 'h1', 'h1', 2, 1024, 10)
    allocations.replace('b', 'h1', 'h1', 1, 512, 5)
    allocations.replace('c', 'h2', 'h2', 4, 2048, 20)
    assert allocations.usage_by_node() == {
        'h1': {'vcpus': 3, 'memory_mb': 1536, 'disk_gb': 15},
        'h2': {'vcpus': 4, 'memory_mb': 2048, 'disk_gb': 20}}
    assert allocations.usage_by_node(exclude_consumers=['c', 'b']) == {
        'h1': {'vcpus': 2, 'memory_mb': 1024, 'disk_gb': 10}}
    assert allocations.consumers_by_node() == {'h1': {'a', 'b'},
                                               'h2': {'c'}}


def test_functions_join_a_callers_transaction(db):
    try:
        with session.writer() as s:
            allocations.replace('a', 'h1', 'h1', 1, 1, 1, session=s)
            assert allocations.get('a', session=s)
            raise RuntimeError('roll back')
    except RuntimeError:
        pass
    assert allocations.get('a') == []
