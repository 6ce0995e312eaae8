"""Block-storage API microversions stratus serves, one comment per version.

Raise MAX only when every resource serves that version's shapes.
"""
MIN = (3, 0)
VERSIONS = [
    ((3, 0), 'the v3 base API'),
]
MAX = VERSIONS[-1][0]
UPDATED = '2023-08-31T00:00:00Z'
