"""stratus-api: one WSGI listener serving identity, compute, volume and
image REST surfaces under devstack-style prefixes."""
