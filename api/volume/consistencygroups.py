"""/consistencygroups and /cgsnapshots: cinder 29 still routes them (at
every microversion, deprecated) as views of generic volume groups and
group snapshots. This tree has no generic groups yet, so the lists are
empty and every named group or group snapshot is not found, in cinder's
words; creating one waits for the groups family (pecan's 405 until then).
"""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.common import exception


def _group_not_found(group_id):
    return exception.NotFound('Group %s could not be found.' % group_id)


class ConsistencyGroupsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'delete': ['POST']}

    def _list(self, kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'group:get_all')
        common.paging(kwargs)
        return wsgi.response({'consistencygroups': []})

    @pecan.expose()
    def get_all(self, **kwargs):
        return self._list(kwargs)

    @pecan.expose()
    def detail(self, **kwargs):
        return self._list(kwargs)

    @pecan.expose()
    def get_one(self, group_id):
        policy.require_reader(wsgi.context(), 'group:get')
        raise _group_not_found(group_id)

    @pecan.expose()
    def delete(self, group_id):
        """POST /consistencygroups/{id}/delete."""
        policy.require_member(wsgi.context(), 'group:delete')
        raise _group_not_found(group_id)

    @pecan.expose()
    def put(self, group_id, action=None):
        """PUT /consistencygroups/{id}/update (pecan routes a PUT with the
        action after the id here)."""
        if action != 'update':
            raise exception.NotFound('The resource could not be found.')
        policy.require_member(wsgi.context(), 'group:update')
        raise _group_not_found(group_id)


class CgsnapshotsController(rest.RestController):
    _custom_actions = {'detail': ['GET']}

    def _list(self):
        policy.require_reader(wsgi.context(), 'group:get_all_group_snapshots')
        return wsgi.response({'cgsnapshots': []})

    @pecan.expose()
    def get_all(self, **kwargs):
        return self._list()

    @pecan.expose()
    def detail(self, **kwargs):
        return self._list()

    @pecan.expose()
    def get_one(self, snapshot_id):
        policy.require_reader(wsgi.context(), 'group:get_group_snapshot')
        raise exception.NotFound('GroupSnapshot %s could not be found.'
                                 % snapshot_id)

    @pecan.expose()
    def delete(self, snapshot_id):
        policy.require_member(wsgi.context(),
                              'group:delete_group_snapshot')
        raise exception.NotFound('GroupSnapshot %s could not be found.'
                                 % snapshot_id)
