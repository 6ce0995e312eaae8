"""The domain configuration keystone 30 accepts: the groups and options it
allows per domain (with the defaults its own configuration ships, shown by
the `default` routes) and the sensitive ones (stored, never shown)."""

# {group: {option: keystone's default}}, in keystone's order.
ALLOWED = {
    'identity': {'driver': 'sql', 'list_limit': None},
    'ldap': {
        'url': 'ldap://localhost',
        'user': None,
        'suffix': 'cn=example,cn=com',
        'query_scope': 'one',
        'page_size': 0,
        'alias_dereferencing': 'default',
        'debug_level': None,
        'chase_referrals': None,
        'user_tree_dn': None,
        'user_filter': None,
        'user_objectclass': 'inetOrgPerson',
        'user_id_attribute': 'cn',
        'user_name_attribute': 'sn',
        'user_mail_attribute': 'mail',
        'user_description_attribute': 'description',
        'user_pass_attribute': 'userPassword',
        'user_enabled_attribute': 'enabled',
        'user_enabled_invert': False,
        'user_enabled_mask': 0,
        'user_enabled_default': 'True',
        'user_attribute_ignore': ['default_project_id'],
        'user_default_project_id_attribute': None,
        'user_enabled_emulation': False,
        'user_enabled_emulation_dn': None,
        'user_enabled_emulation_use_group_config': False,
        'user_additional_attribute_mapping': [],
        'group_tree_dn': None,
        'group_filter': None,
        'group_objectclass': 'groupOfNames',
        'group_id_attribute': 'cn',
        'group_name_attribute': 'ou',
        'group_members_are_ids': False,
        'group_member_attribute': 'member',
        'group_desc_attribute': 'description',
        'group_attribute_ignore': [],
        'group_additional_attribute_mapping': [],
        'tls_cacertfile': None,
        'tls_cacertdir': None,
        'use_tls': False,
        'tls_req_cert': 'demand',
        'use_pool': True,
        'pool_size': 10,
        'pool_retry_max': 3,
        'pool_retry_delay': 0.1,
        'pool_connection_timeout': -1,
        'pool_connection_lifetime': 600,
        'use_auth_pool': True,
        'auth_pool_size': 100,
        'auth_pool_connection_lifetime': 60,
    },
}
SENSITIVE = {'identity': (), 'ldap': ('password',)}
# Readable by any user on the default domain (keystone's
# security_compliance group); stratus sets no password rule.
SECURITY_COMPLIANCE = {'password_regex': None,
                       'password_regex_description': None}


def is_sensitive(group, option):
    return option in SENSITIVE.get(group, ())


def group_known(group):
    return group in ALLOWED or group in SENSITIVE


def option_known(group, option):
    return option in ALLOWED.get(group, {}) or is_sensitive(group, option)
