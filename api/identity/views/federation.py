"""OS-FEDERATION bodies (keystone 30's public attributes and links)."""
from stratus.api.identity import common

PREFIX = 'OS-FEDERATION'


def idp_path(idp_id):
    return '%s/identity_providers/%s' % (PREFIX, idp_id)


def idp(row):
    path = idp_path(row['id'])
    return {'id': row['id'], 'domain_id': row['domain_id'],
            'enabled': row['enabled'], 'description': row['description'],
            'remote_ids': row['remote_ids'],
            'authorization_ttl': row['authorization_ttl'],
            'links': {'self': '%s/%s' % (common.base_url(), path),
                      'protocols': '%s/%s/protocols' % (common.base_url(),
                                                        path)}}


def _protocol_links(row):
    path = idp_path(row['idp_id'])
    return {'self': '%s/%s/protocols/%s' % (common.base_url(), path,
                                           row['id']),
            'identity_provider': '%s/%s' % (common.base_url(), path)}


def protocol(row):
    """One protocol (create, show, update): keystone filters it down to
    id and mapping_id."""
    return {'id': row['id'], 'mapping_id': row['mapping_id'],
            'links': _protocol_links(row)}


def protocol_listed(row):
    """A protocol in a list: keystone leaves it unfiltered."""
    return {'id': row['id'], 'idp_id': row['idp_id'],
            'mapping_id': row['mapping_id'],
            'remote_id_attribute': row['remote_id_attribute'],
            'links': _protocol_links(row)}


def mapping(row):
    return {'id': row['id'], 'rules': row['rules'],
            'schema_version': row['schema_version'],
            'links': common.self_link('%s/mappings/%s' % (PREFIX,
                                                          row['id']))}


def sp(row):
    return {'id': row['id'], 'enabled': row['enabled'],
            'description': row['description'], 'auth_url': row['auth_url'],
            'sp_url': row['sp_url'],
            'relay_state_prefix': row['relay_state_prefix'],
            'links': common.self_link('%s/service_providers/%s'
                                      % (PREFIX, row['id']))}
