"""Bodies of transfer create (no_snapshots from 3.55) and accept."""
from stratus.api.volume.schemas import common

UUID = {'type': 'string', 'format': 'uuid'}
# cinder's name_skip_leading_trailing_spaces: 1 to 255 characters once
# the surrounding spaces are stripped (the stripped name is stored).
NAME = {'oneOf': [{'type': 'string',
                   'pattern': r'^\s*\S([\s\S]{0,253}\S)?\s*$'},
                  {'type': 'null'}]}

create = common.wrap('transfer', {'volume_id': UUID, 'name': NAME},
                     ['volume_id'])
create_v355 = common.wrap('transfer', {'volume_id': UUID, 'name': NAME,
                                       'no_snapshots': common.BOOLEAN},
                          ['volume_id'])
accept = common.wrap('accept', {'auth_key': {'type': ['string', 'integer']}},
                     ['auth_key'])
