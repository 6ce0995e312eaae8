"""Compute API microversions stratus serves, one comment per version.

The advertised maximum is a promise: every resource answers exactly that
version's request validation and response shapes. Raise MAX only when the
version's changes are complete for every resource.
"""
MIN = (2, 1)
VERSIONS = [
    ((2, 1), 'the v2.1 base API'),
]
MAX = VERSIONS[-1][0]
UPDATED = '2013-07-23T11:33:21Z'
