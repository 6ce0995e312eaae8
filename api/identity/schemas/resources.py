"""Bodies of the domain, project, user and role APIs.

Keystone accepts (and stores) extra attributes: projects and groups
keep theirs (see EXTRA_EXCLUDED); elsewhere stratus accepts and ignores
them, so clients that send e.g. `options` keep working (project tags
are stored: see project_tags).
Known attributes are type-checked; updates need at least one attribute.
"""
from stratus.api.identity.schemas import keystone_bodies as kb
from stratus.api.identity.schemas import project_tags

name_64 = {'type': 'string', 'minLength': 1, 'maxLength': 64,
           'pattern': r'[\S]+'}
name_255 = {'type': 'string', 'minLength': 1, 'maxLength': 255,
            'pattern': r'[\S]+'}
_description = {'type': ['string', 'null']}
_enabled = {'type': 'boolean'}
_id = {'type': 'string', 'minLength': 1, 'maxLength': 64}
_nullable_id = {'type': ['string', 'null'], 'maxLength': 64}
_password = {'type': ['string', 'null'], 'maxLength': 4096}


def _wrap(key, properties, required=(), update=False):
    inner = {'type': 'object', 'properties': properties}
    if required:
        inner['required'] = list(required)
    if update:
        inner['minProperties'] = 1
    return {'type': 'object', 'properties': {key: inner},
            'required': [key]}


_domain = {'name': name_64, 'description': _description,
           'enabled': _enabled}
domain_create = _wrap('domain', _domain, required=['name'])
domain_update = _wrap('domain', _domain, update=True)

_project = {'name': name_64, 'description': _description,
            'enabled': _enabled, 'domain_id': _id,
            'parent_id': _nullable_id, 'is_domain': {'type': 'boolean'},
            'tags': project_tags.tag_list}
project_create = _wrap('project', _project, required=['name'])
project_update = _wrap('project', _project, update=True)

_user = {'name': name_255, 'description': _description,
         'enabled': _enabled, 'domain_id': _id,
         'default_project_id': _nullable_id,
         'email': {'type': ['string', 'null'], 'maxLength': 255},
         'password': _password}
user_create = _wrap('user', _user, required=['name'])
user_update = _wrap('user', _user, update=True)

# The `user` member of POST /v3/users/{id}/password, checked by keystone's
# older validator (whose message quotes this schema, in this order).
password_change = {
    'type': 'object',
    'properties': {'original_password': {'type': 'string'},
                   'password': {'type': 'string'}},
    'required': ['original_password', 'password'],
    'additionalProperties': False,
}

_role = {'name': name_255, 'description': _description,
         'domain_id': _nullable_id}
role_create = _wrap('role', _role, required=['name'])
role_update = _wrap('role', _role, update=True)

_group = {'name': name_64, 'description': _description, 'domain_id': _id}
group_create = _wrap('group', _group, required=['name'])
group_update = _wrap('group', _group, update=True)

# Body keys never stored as extra attributes: the known ones, and those
# stratus stores apart (tags) or accepts without storing (options).
EXTRA_EXCLUDED = ('id', 'name', 'description', 'enabled', 'domain_id',
                  'parent_id', 'is_domain', 'tags', 'options', 'links')


def extra(body):
    """The attributes of a project or group body keystone keeps as
    extra: every key it does not know."""
    return {k: v for k, v in body.items() if k not in EXTRA_EXCLUDED}

# What keystone refuses is refused first, in its words (keystone_bodies).
domain_create = kb.first(kb.domain_create, domain_create)
domain_update = kb.first(kb.domain_update, domain_update)
project_create = kb.first(kb.project_create, project_create)
project_update = kb.first(kb.project_update, project_update)
user_create = kb.first(kb.user_create, user_create)
user_update = kb.first(kb.user_update, user_update)
group_create = kb.first(kb.group_create, group_create)
group_update = kb.first(kb.group_update, group_update)
role_create = kb.first(kb.role_create, role_create)
role_update = kb.first(kb.role_update, role_update)
