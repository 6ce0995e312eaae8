"""Service binaries as clients name them. The daemons run, log and
register as stratus-*; nova's API shows nova-compute, nova-scheduler and
nova-conductor, cinder's cinder-volume, cinder-scheduler (and cinder-api,
cinder-backup for log levels). Both directions are mapped here, at the API
edge: names clients send (filters, bodies) and names they read."""

COMPUTE = {'nova-compute': 'stratus-compute',
           'nova-scheduler': 'stratus-scheduler',
           'nova-conductor': 'stratus-conductor'}
VOLUME = {'cinder-volume': 'stratus-volume',
          'cinder-scheduler': 'stratus-scheduler',
          'cinder-api': 'stratus-api',
          # No backup daemon here: the name is known, no service has it.
          'cinder-backup': 'stratus-backup'}


def to_api(names, binary):
    """The name clients see for stored binary `binary`."""
    for api_name, stored in names.items():
        if stored == binary:
            return api_name
    return binary


def from_api(names, name):
    """The stored binary a client's `name` means; a name clients do not
    use (stratus-compute included) matches no stored binary."""
    if name is None:
        return None
    return names.get(name, '?' + name)
