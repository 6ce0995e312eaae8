"""os-server-groups response bodies (2.1: policies list, no project_id
or user_id, which came with 2.13)."""


def server_group(row):
    return {'id': row['uuid'], 'name': row['name'],
            'policies': [row['policy']], 'members': row['members'],
            'metadata': {}}
