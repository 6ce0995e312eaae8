"""Transfer response bodies: the summary (list, accept), the detail
(show, detail list; 3.55 no_snapshots, 3.57 the history fields) and the
create answer, the only one carrying auth_key. Links always name
os-volume-transfer, whichever route answered, as cinder's do."""
from stratus.api import timefmt
from stratus.api.volume import common

COLLECTION = 'os-volume-transfer'


def summary(transfer):
    return {'id': transfer['id'], 'volume_id': transfer['volume_id'],
            'name': transfer['display_name'],
            'links': common.links(COLLECTION, transfer['id'])}


def detail(transfer, version):
    body = {'id': transfer['id'],
            'created_at': timefmt.iso_us(transfer['created_at']),
            'name': transfer['display_name'],
            'volume_id': transfer['volume_id'],
            'links': common.links(COLLECTION, transfer['id'])}
    if version >= (3, 55):
        body['no_snapshots'] = bool(transfer['no_snapshots'])
    if version >= (3, 57):
        body.update({
            'destination_project_id': transfer['destination_project_id'],
            'source_project_id': transfer['source_project_id'],
            'accepted': bool(transfer['accepted'])})
    return body


def created(transfer, version):
    return dict(detail(transfer, version), auth_key=transfer['auth_key'])
