"""os-server-groups response bodies: project_id and user_id from 2.13;
from 2.64 policy and rules in place of policies and metadata."""
import json


def rules_of(row):
    return json.loads(row['rules']) if row.get('rules') else {}


def server_group(row, version):
    body = {'id': row['uuid'], 'name': row['name'],
            'members': row['members']}
    if version >= (2, 64):
        body['policy'] = row['policy']
        body['rules'] = rules_of(row)
    else:
        body['policies'] = [row['policy']]
        body['metadata'] = {}
    if version >= (2, 13):
        body['project_id'] = row['project_id']
        body['user_id'] = row['user_id']
    return body
