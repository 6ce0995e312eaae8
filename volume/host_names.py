"""Volume host strings: host@backend#pool, and the parts of them."""


def extract(host, level='backend', default_pool=None):
    """'node@lvm#pool' -> 'node' (host), 'node@lvm' (backend) or 'pool'
    (pool; `default_pool` when the string names none)."""
    if host is None:
        return None
    backend, _, pool = host.partition('#')
    if level == 'host':
        return backend.partition('@')[0]
    if level == 'backend':
        return backend
    return pool or default_pool


def pool_host(backend, pool):
    return '%s#%s' % (backend, pool)
