"""Bodies of os-migrateLive per microversion (nova's migrate_server
schemas) and of a server migration's force_complete action."""
import copy

from stratus.api.compute.schemas import flavors

_HOST = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255,
         'pattern': '^[a-zA-Z0-9-._]*$'}

# 2.0-2.24: block_migration and disk_over_commit, both required booleans.
_LIVE = {
    'type': 'object',
    'properties': {'block_migration': flavors.BOOLEAN,
                   'disk_over_commit': flavors.BOOLEAN,
                   'host': _HOST},
    'required': ['block_migration', 'disk_over_commit', 'host'],
    'additionalProperties': False,
}
# 2.25: disk_over_commit gone, block_migration may be 'auto'.
_LIVE_225 = copy.deepcopy(_LIVE)
del _LIVE_225['properties']['disk_over_commit']
_LIVE_225['properties']['block_migration'] = dict(
    flavors.BOOLEAN, enum=list(flavors.BOOLEAN['enum']) + ['auto'])
_LIVE_225['required'] = ['block_migration', 'host']
# 2.30-2.67: force; 2.68 drops it again.
_LIVE_230 = copy.deepcopy(_LIVE_225)
_LIVE_230['properties']['force'] = flavors.BOOLEAN

LIVE_MIGRATE = [((2, 0), (2, 24), _LIVE), ((2, 25), (2, 29), _LIVE_225),
                ((2, 30), (2, 67), _LIVE_230), ((2, 68), None, _LIVE_225)]

FORCE_COMPLETE = {
    'type': 'object',
    'properties': {'force_complete': {'type': 'null'}},
    'required': ['force_complete'],
    'additionalProperties': False,
}
