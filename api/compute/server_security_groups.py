"""A server's security groups: the groups a create names (nova checks
each against neutron before anything is built), GET
/servers/{id}/os-security-groups, and what addSecurityGroup /
removeSecurityGroup change. neutron keeps them on the server's ports;
stratus keeps them on the server (db/api/security_groups.py)."""
from stratus.api.compute import security_groups as groups
from stratus.common import exception
from stratus.db.api import security_groups as db


def _portless(instance):
    """A server made with networks 'none' has no port to carry groups."""
    return instance.get('networks') == 'none'


def requested(ctxt, security_groups, networks=None):
    """The ids of the groups a create names ('default' when it names
    none), each looked up as nova's _check_requested_secgroups does: 400
    "Unable to find security_group with name or id ..." for an unknown
    one, 409 for an ambiguous name. None are kept for a server without
    ports (networks 'none'), though nova checks them all the same."""
    names = [] if security_groups is None else [
        sg['name'] for sg in security_groups if sg.get('name')]
    # nova takes the set of names; the order it keeps is the first seen.
    names = list(dict.fromkeys(names)) or [db.DEFAULT]
    ids = []
    for name in names:
        if name == db.DEFAULT:
            # Found (or made, as neutron makes it on a project's first
            # request) in the transaction that writes the servers.
            ids.append(db.DEFAULT)
            continue
        group = groups.find(ctxt, name)
        if group is None:
            raise exception.Invalid(
                "Unable to find security_group with name or id '%s'" % name)
        ids.append(group['id'])
    if _portless({'networks': networks}):
        return []
    return list(dict.fromkeys(ids))


def of_server(instance_uuid):
    """The server's groups as nova shows them, sorted by (project, name)."""
    return groups.list_view(db.instance_groups(instance_uuid))


def _named(ctxt, name):
    group = groups.find(ctxt, name)
    if group is None:
        raise exception.NotFound(
            'Security group %s is not found for project %s'
            % (name, ctxt.project_id))
    return group


def _with_ports(instance):
    if _portless(instance):
        raise exception.NotFound(
            'instance_id %s could not be found as device id on any ports'
            % instance['uuid'])


def add(ctxt, instance, name):
    group = _named(ctxt, name)
    _with_ports(instance)
    if not db.add_to_instance(instance['uuid'], group['id']):
        # neutron refuses the port update (400), nova passes it on.
        raise exception.Invalid(
            "Invalid input for security_groups. Reason: Duplicate items in "
            "the list: '%s'." % group['id'])


def remove(ctxt, instance, name):
    group = _named(ctxt, name)
    _with_ports(instance)
    if not db.remove_from_instance(instance['uuid'], group['id']):
        raise exception.NotFound(
            'Security group %s not associated with the instance %s'
            % (name, instance['uuid']))
