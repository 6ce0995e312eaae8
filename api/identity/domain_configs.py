"""Domain configuration (/v3/domains/{id}/config[/{group}[/{option}]] and
/v3/domains/config[/{group}[/{option}]]/default), keystone 30's rules and
answers: only the groups and options keystone allows (403 otherwise),
sensitive options stored but never shown, a missing group or option a
404. Admin only, except the security_compliance group of the default
domain, which any user may read. The options are stored only: stratus
has no LDAP identity driver to apply them to."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import domain_config_options as allowed
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import domain_configs
from stratus.db.api import identity

_body_schema = {'type': 'object',
                'properties': {'config': {'type': 'object'}}}


class InvalidDomainConfig(exception.Forbidden):
    msg_fmt = 'Invalid domain specific configuration: %(reason)s.'


class DomainConfigNotFound(exception.NotFound):
    msg_fmt = ('Could not find %(what)s in domain configuration for domain '
               '%(domain_id)s.')


def _invalid(reason):
    return InvalidDomainConfig(reason=reason)


def _not_found(domain_id, group=None, option=None):
    if option:
        what = 'option %s in group %s' % (option, group)
    elif group:
        what = 'group %s' % group
    else:
        what = 'any options'
    return DomainConfigNotFound(what=what, domain_id=domain_id)


def check_group_and_option(group, option):
    if group and not allowed.group_known(group):
        raise _invalid('Group %s is not supported for domain specific '
                       'configurations' % group)
    if option and not allowed.option_known(group, option):
        raise _invalid('Option %s in group %s is not supported for domain '
                       'specific configurations' % (option, group))


def check_config(config):
    if not config:
        raise _invalid('No options specified')
    for group, options in config.items():
        if not options or not isinstance(options, dict):
            raise _invalid('The value of group %s specified in the config '
                           'should be a dictionary of options' % group)
        for option in options:
            check_group_and_option(group, option)


def _as_list(config):
    return [{'group': g, 'option': o, 'value': v,
             'sensitive': allowed.is_sensitive(g, o)}
            for g, options in config.items() for o, v in options.items()]


def _as_config(rows, option=None):
    if option:
        return {rows[0]['option']: rows[0]['value']} if rows else {}
    config = {}
    for row in rows:
        config.setdefault(row['group'], {})[row['option']] = row['value']
    return config


def shown(domain_id, group=None, option=None):
    """The options a caller may see, or keystone's 404."""
    check_group_and_option(group, option)
    rows = domain_configs.options(domain_id, group, option, sensitive=False)
    if not rows:
        raise _not_found(domain_id, group, option)
    return _as_config(rows, option)


def _stored(domain_id, group=None, option=None):
    """Every stored option, the sensitive ones included."""
    return _as_config(domain_configs.options(domain_id, group, option))


def _check_update(domain_id, config, group, option):
    check_config(config)
    check_group_and_option(group, option)
    if not group:
        return
    if len(config) != 1 or (option and len(config.get(group, {})) != 1):
        if option:
            raise _invalid('Trying to update option %s in group %s, so that, '
                           'and only that, option must be specified  in the '
                           'config' % (option, group))
        raise _invalid('Trying to update group %s, so that, and only that, '
                       'group must be specified in the config' % group)
    if group not in config:
        raise _invalid('request to update group %s, but config provided '
                       'contains group %s instead' % (group, list(config)[0]))
    if option and option not in config[group]:
        raise _invalid('Trying to update option %s in group %s, but config '
                       'provided contains option %s instead'
                       % (option, group, list(config[group])[0]))
    if not _stored(domain_id, group, option):
        raise _not_found(domain_id, group, option)


def security_compliance(domain_id, option):
    authz.authenticated()
    if domain_id != CONF.identity.default_domain_id:
        raise _invalid('Reading security compliance information for any '
                       'domain other than the default domain is not allowed '
                       'or supported.')
    if option and option not in allowed.SECURITY_COMPLIANCE:
        raise _invalid('Reading security compliance values other than '
                       'password_regex and password_regex_description is '
                       'not allowed.')
    if option:
        return {option: allowed.SECURITY_COMPLIANCE[option]}
    return {'security_compliance': dict(allowed.SECURITY_COMPLIANCE)}


def default(group=None, option=None):
    authz.admin('get_domain_config_default')
    check_group_and_option(group, option)
    if option:
        if option not in allowed.ALLOWED[group]:
            raise _invalid('Reading the default for option %s in group %s '
                           'is not supported' % (option, group))
        return {option: allowed.ALLOWED[group][option]}
    if group:
        return {group: dict(allowed.ALLOWED[group])}
    return {g: dict(options) for g, options in allowed.ALLOWED.items()}


def _get(domain_id, group, option):
    if group == 'security_compliance':
        config = security_compliance(domain_id, option)
    else:
        authz.admin('get_domain_config')
        config = shown(domain_id, group, option)
    # Keystone checks the domain last, not to tell who may not read it
    # whether it exists.
    identity.domain_get(domain_id)
    return wsgi.response({'config': config})


def _put(domain_id):
    authz.admin('create_domain_config')
    identity.domain_get(domain_id)
    config = common.body(_body_schema).get('config', {})
    existed = bool(_stored(domain_id))
    check_config(config)
    domain_configs.replace(domain_id, _as_list(config))
    body = {'config': _as_config(domain_configs.options(
        domain_id, sensitive=False))}
    return wsgi.response(body, status=200 if existed else 201)


def _patch(domain_id, group, option):
    authz.admin('update_domain_config')
    identity.domain_get(domain_id)
    config = common.body(_body_schema).get('config', {})
    if group and option:
        config = {group: config}
    _check_update(domain_id, config, group, option)
    domain_configs.update(domain_id, _as_list(config))
    return wsgi.response({'config': shown(domain_id)})


def _delete(domain_id, group, option):
    authz.admin('delete_domain_config')
    identity.domain_get(domain_id)
    check_group_and_option(group, option)
    if group:
        current = _stored(domain_id).get(group)
        if not current:
            raise _not_found(domain_id, group)
        if option and not current.get(option):
            raise _not_found(domain_id, group, option)
    domain_configs.delete(domain_id, group, option)
    return common.no_content()


def _segments():
    """The path after /domains/, split."""
    parts = pecan.request.path_info.strip('/').split('/')
    return parts[parts.index('domains') + 1:]


class DomainConfigController:
    """Mounted as DomainsController.config: pecan hands it the domain id
    (or, on the default routes, nothing) and what follows /config."""

    @pecan.expose()
    def _default(self, *parts, **kwargs):
        segments = _segments()
        method = pecan.request.method
        if segments[0] == 'config' and segments[-1] == 'default' and \
                2 <= len(segments) <= 4:
            common.require_method('GET', 'HEAD')
            return wsgi.response({'config': default(*segments[1:-1])})
        if len(segments) < 2 or segments[1] != 'config' or \
                len(segments) > 4:
            pecan.abort(404)
        domain_id, group, option = (segments[0:1] + segments[2:] +
                                    [None, None])[:3]
        if method in ('GET', 'HEAD'):
            return _get(domain_id, group, option)
        if method == 'PUT' and group is None:
            return _put(domain_id)
        if method == 'PATCH':
            return _patch(domain_id, group, option)
        if method == 'DELETE':
            return _delete(domain_id, group, option)
        allowed_methods = ('GET', 'HEAD', 'PATCH', 'DELETE') + (
            ('PUT',) if group is None else ())
        common.require_method(*allowed_methods)
