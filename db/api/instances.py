"""Instances: create (with the quota check in the same transaction),
read, list with filters, compare-and-swap updates, soft delete, metadata
and faults."""
import json
import uuid as uuidlib

import sqlalchemy as sa

from stratus.common import exception
from stratus.common import log
from stratus.db import models
from stratus.db import session
from stratus.db.api import action_events
from stratus.db.api import keyvalue
from stratus.db.api import paging
from stratus.db.api import security_groups

LOG = log.getLogger(__name__)

_JSON = ('flavor', 'old_flavor', 'new_flavor', 'networks',
         'scheduler_hints', 'system_metadata')
_UNSET = object()


def _in(column):
    return column.in_(sa.bindparam('uuids', expanding=True))


# Built once: composing these per call cost more CPU than running them (a
# server's GET is polled many times a second by waiting clients). The four
# kinds of extras come back in one query: (kind, instance, text, text,
# number, flag), ordered so that tags come sorted and volumes in the order
# they were attached.
_FAULTS = sa.select(*models.InstanceFault.__table__.c).where(
    _in(models.InstanceFault.instance_uuid)).order_by(models.InstanceFault.id)


def _extras_query():
    meta, tag = models.InstanceMetadata, models.InstanceTag
    member, group = models.ServerGroupMember, models.ServerGroup
    bdm = models.BlockDeviceMapping
    sgi, sg = models.SecurityGroupInstance, models.SecurityGroup
    none = sa.null().cast(sa.String)
    zero = sa.literal(0, sa.Integer)
    union = sa.union_all(
        sa.select(sa.literal('m').label('kind'), meta.instance_uuid,
                  meta.key.label('a'), meta.value.label('b'),
                  zero.label('n'), zero.label('flag')).where(
            _in(meta.instance_uuid)),
        sa.select(sa.literal('t'), tag.instance_uuid, tag.tag, none, zero,
                  zero).where(_in(tag.instance_uuid)),
        sa.select(sa.literal('g'), member.instance_uuid, group.uuid, none,
                  zero, zero).join(group, member.group_id == group.id).where(
            _in(member.instance_uuid)),
        sa.select(sa.literal('v'), bdm.instance_uuid, bdm.volume_id, none,
                  bdm.id, sa.cast(bdm.delete_on_termination, sa.Integer)
                  ).where(_in(bdm.instance_uuid), bdm.volume_id.is_not(None)),
        # Security groups in the order given (name, or id when unnamed).
        sa.select(sa.literal('s'), sgi.instance_uuid, sg.name, sg.id,
                  sgi.position, zero).join(
            sg, sgi.security_group_id == sg.id).where(
            _in(sgi.instance_uuid)),
    ).subquery()
    return sa.select(union).order_by(union.c.kind, union.c.n, union.c.a)


_EXTRAS = _extras_query()
_TABLE = models.Instance.__table__
_GET = sa.select(models.Instance).where(
    models.Instance.uuid == sa.bindparam('uuid'))
_GET_LIVE = _GET.where(models.Instance.deleted == sa.false())


def _extras(s, rows):
    """metadata, latest fault, tags, server groups and attached volumes of
    many instances in two queries (a list of servers must not cost
    queries per server); faults are only read for instances that can show
    one."""
    uuids = [row.uuid for row in rows]
    extras = {u: {'metadata': {}, 'fault': None, 'tags': [],
                  'server_groups': [], 'volumes_attached': [],
                  'security_groups': []}
              for u in uuids}
    if not uuids:
        return extras
    faulty = [row.uuid for row in rows
              if row.vm_state in ('error', 'deleted')]
    if faulty:
        for fault in s.execute(_FAULTS, {'uuids': faulty}):
            extras[fault.instance_uuid]['fault'] = fault._asdict()
    for kind, uuid, a, b, _n, flag in s.execute(_EXTRAS, {'uuids': uuids}):
        extra = extras[uuid]
        if kind == 'm':
            extra['metadata'][a] = b
        elif kind == 't':
            extra['tags'].append(a)
        elif kind == 'g':
            extra['server_groups'].append(a)
        elif kind == 's':
            extra['security_groups'].append(a or b)
        else:
            extra['volumes_attached'].append(
                {'volume_id': a, 'delete_on_termination': bool(flag)})
    return extras


def _plain(row):
    values = row._asdict() if isinstance(row, sa.Row) else row.to_dict()
    for key in _JSON:
        if values[key] is not None:
            values[key] = json.loads(values[key])
    if values['system_metadata'] is None:
        values['system_metadata'] = {}
    return values


def _views(s, rows):
    extras = _extras(s, rows)
    return [dict(_plain(row), **extras[row.uuid]) for row in rows]


def _view(s, row):
    return _views(s, [row])[0]


def _encode(values):
    out = dict(values)
    for key in _JSON:
        if out.get(key) is not None:
            out[key] = json.dumps(out[key])
    return out


def create(instances, metadata=None, quota_deltas=None, group_id=None,
           tags=(), security_group_ids=()):
    """Insert `instances` (a list of column dicts) at once; the project's
    quota is checked in the same write transaction, so concurrent creates
    cannot exceed it."""
    from stratus.db.api import quotas
    with session.writer() as s:
        if quota_deltas:
            deltas = dict(quota_deltas)
            if group_id is not None:
                deltas['server_group_members'] = len(instances)
            quotas.check(s, instances[0]['project_id'], deltas,
                         group_id=group_id)
        rows = []
        for values in instances:
            values = _encode(values)
            values.setdefault('uuid', str(uuidlib.uuid4()))
            # changes-since filters on updated_at: a new row counts as one.
            values.setdefault('updated_at', models.utcnow())
            row = models.Instance(**values)
            s.add(row)
            rows.append(row)
        s.flush()
        for row in rows:
            for key, value in (metadata or {}).items():
                s.add(models.InstanceMetadata(instance_uuid=row.uuid,
                                              key=key, value=value))
            if group_id is not None:
                s.add(models.ServerGroupMember(group_id=group_id,
                                               instance_uuid=row.uuid))
            for tag in sorted(set(tags)):
                s.add(models.InstanceTag(instance_uuid=row.uuid, tag=tag))
            group_ids = dict.fromkeys(
                security_groups.default_id_in(s, row.project_id)
                if sg_id == security_groups.DEFAULT else sg_id
                for sg_id in security_group_ids)
            for position, sg_id in enumerate(group_ids):
                s.add(models.SecurityGroupInstance(
                    instance_uuid=row.uuid, security_group_id=sg_id,
                    position=position))
        s.flush()
        return _views(s, rows)


def _get(s, uuid, read_deleted=False):
    row = s.scalars(_GET if read_deleted else _GET_LIVE,
                    {'uuid': uuid}).first()
    if row is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    return row


_READ = sa.select(*_TABLE.c).where(_TABLE.c.uuid == sa.bindparam('uuid'))
_READ_LIVE = _READ.where(_TABLE.c.deleted == sa.false())


def get(uuid, read_deleted=False, extras=True):
    """The instance; `extras=False`: its columns only (state checks need
    no metadata, tags, fault or groups: one query instead of five). A plain
    row, not an ORM object: half the cost, and polling clients read
    servers many times a second."""
    with session.connection() as s:
        row = s.execute(_READ if read_deleted else _READ_LIVE,
                        {'uuid': uuid}).first()
        if row is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        return _view(s, row) if extras else _plain(row)


_INSERT_ACTION = sa.insert(models.InstanceAction.__table__)
_CAS = {}


def _matches(column, allowed):
    known = [value for value in allowed if value is not None]
    clauses = [column.in_(known)] if known else []
    if len(known) < len(allowed):
        clauses.append(column.is_(None))
    return sa.or_(*clauses) if clauses else sa.false()


def _cas_statement(expectations, keys, returning):
    """UPDATE ... SET <keys> WHERE uuid AND not deleted AND the expected
    states, built once per kind of change, values bound at execution:
    composing a statement per call (and SQLAlchemy keying its cache on
    it) cost more than running it, inside the database's write lock."""
    cache_key = (expectations, keys, returning)
    stmt = _CAS.get(cache_key)
    if stmt is None:
        where = [_TABLE.c.uuid == sa.bindparam('cas_uuid'),
                 _TABLE.c.deleted == sa.false()]
        where += [_matches(_TABLE.c[attr], allowed)
                  for attr, allowed in expectations]
        stmt = sa.update(_TABLE).where(*where).values(
            {key: sa.bindparam('v_' + key) for key in keys})
        if returning:
            stmt = stmt.returning(*_TABLE.c)
        _CAS[cache_key] = stmt
    return stmt


def _refuse(s, uuid, expectations):
    """Why a compare-and-swap matched no row: gone, or another state."""
    row = _get(s, uuid)
    for attr, allowed in expectations:
        if getattr(row, attr) not in allowed:
            cls = (exception.UnexpectedTaskStateError
                   if attr == 'task_state'
                   else exception.UnexpectedVMStateError)
            raise cls(instance_uuid=uuid, expected=list(allowed),
                      actual=getattr(row, attr))
    raise exception.InstanceNotFound(instance_id=uuid)


def update(uuid, values, expected_task_state=_UNSET,
           expected_vm_state=_UNSET, full=False, action=None, events=None,
           migration=None, fault=None):
    """Compare-and-swap: the update only applies when the instance is in
    the expected state(s); otherwise UnexpectedTaskStateError (409).
    Returns the row's columns, with metadata, tags, fault and groups too
    when `full` (a response view needs them; state changes do not).
    `action` (action, request_id, user_id, project_id) records the user's
    instance action in the same write; `events` (request_id, [event])
    adds a flow's steps to its action, also in the same write but in a
    savepoint of their own: failing to record them (logged) does not undo
    the change. `migration` ({uuid, values}) changes the instance's
    migration record in the same transaction, so no reader sees one
    written without the other (a resize finished: VERIFY_RESIZE and the
    migration finished, or neither). `fault` ({code, message, details,
    host}) is written in the same transaction too: no reader sees ERROR
    without the reason. One UPDATE statement checks and
    changes (everything is
    prepared before the write lock is taken: every daemon's writers queue
    on it)."""
    expectations = tuple(
        (attr, tuple(expected) if isinstance(expected, (list, tuple))
         else (expected,))
        for attr, expected in (('task_state', expected_task_state),
                               ('vm_state', expected_vm_state))
        if expected is not _UNSET)
    encoded = _encode(values)
    # The changed row comes back from the UPDATE itself where the database
    # can (SQLite, PostgreSQL): a statement fewer inside the write lock.
    returning = session.get_engine().dialect.update_returning
    stmt = _cas_statement(expectations, tuple(sorted(encoded)), returning)
    params = {'v_' + key: value for key, value in encoded.items()}
    params['cas_uuid'] = uuid
    if action is not None:
        action = dict(action, instance_uuid=uuid)
    with session.writer() as s:
        result = s.execute(stmt, params)
        row = result.first() if returning else None
        if (row is None) if returning else (result.rowcount != 1):
            _refuse(s, uuid, expectations)
        if action is not None:
            s.execute(_INSERT_ACTION, action)
        if migration is not None:
            from stratus.db.api import migration_records
            migration_records.update_in(s, migration['uuid'],
                                        migration['values'])
        if fault is not None:
            s.add(_fault_row(uuid, **fault))
        if events:
            _record_events(s, uuid, *events)
        if not returning:
            row = s.execute(_READ_LIVE, {'uuid': uuid}).first()
        return _view(s, row) if full else _plain(row)


def _record_events(s, uuid, request_id, events):
    try:
        with s.begin_nested():
            action_events.record_in(s, uuid, request_id, events)
    except Exception:
        LOG.exception('Could not record %d action events of %s',
                      len(events), uuid)


def soft_delete(uuid):
    with session.writer() as s:
        row = _get(s, uuid)
        now = models.utcnow()
        row.deleted = True
        row.deleted_at = now
        row.terminated_at = row.terminated_at or now
        row.vm_state = 'deleted'
        row.task_state = None
        row.power_state = 0
        s.execute(sa.delete(models.ServerGroupMember).filter_by(
            instance_uuid=uuid))
        s.flush()
        return _view(s, row)


def list_instances(*, project_id=None, filters=None, limit=None,
                   marker=None, sort_key='created_at', sort_dir='desc',
                   read_deleted=False, changes_since=None,
                   changes_before=None):
    """Instances, newest first by default. `filters` keys: name (a regex,
    as nova treats it), vm_states, host, node, image_ref, flavor (flavorid),
    uuids, availability_zone, locked, reservation_id, access_ip_v4,
    access_ip_v6 (regexes)."""
    filters = filters or {}
    with session.reader() as s:
        query = sa.select(models.Instance)
        if project_id is not None:
            query = query.filter_by(project_id=project_id)
        if changes_since is not None:
            query = query.where(models.Instance.updated_at >= changes_since)
        if changes_before is not None:
            query = query.where(models.Instance.updated_at <= changes_before)
        if changes_since is None and changes_before is None and \
                not read_deleted:
            query = query.filter_by(deleted=False)
        for key in ('host', 'node', 'image_ref', 'availability_zone',
                    'locked'):
            if filters.get(key) is not None:
                query = query.filter_by(**{key: filters[key]})
        if filters.get('vm_states'):
            query = query.where(models.Instance.vm_state.in_(
                filters['vm_states']))
        if filters.get('uuids') is not None:
            query = query.where(models.Instance.uuid.in_(filters['uuids']))
        column = getattr(models.Instance, sort_key)
        query = query.order_by(column.desc() if sort_dir == 'desc'
                               else column.asc(), models.Instance.id.desc())
        query = _tag_filters(query, filters)
        rows = list(s.scalars(query))
        if filters.get('name'):
            rows = _name_matches(rows, filters['name'])
        # nova matches these as regular expressions too.
        for key in ('reservation_id', 'access_ip_v4', 'access_ip_v6'):
            if filters.get(key):
                rows = _column_matches(rows, key, filters[key])
        if filters.get('flavor'):
            rows = [r for r in rows if json.loads(r.flavor).get(
                'flavorid') == filters['flavor']]
        rows = paging.page(rows, marker, limit, key='uuid')
        return _views(s, rows)


def _tag_filters(query, filters):
    """tags (all of), tags-any, not-tags (not all of), not-tags-any."""
    tag = models.InstanceTag
    uuid_col = models.Instance.uuid

    def having(tags, count):
        return sa.select(tag.instance_uuid).where(tag.tag.in_(tags)).group_by(
            tag.instance_uuid).having(sa.func.count() >= count)
    if filters.get('tags'):
        query = query.where(uuid_col.in_(having(filters['tags'],
                                                len(filters['tags']))))
    if filters.get('tags-any'):
        query = query.where(uuid_col.in_(having(filters['tags-any'], 1)))
    if filters.get('not-tags'):
        query = query.where(uuid_col.not_in(having(
            filters['not-tags'], len(filters['not-tags']))))
    if filters.get('not-tags-any'):
        query = query.where(uuid_col.not_in(having(filters['not-tags-any'],
                                                   1)))
    return query


def tags_set(uuid, tags):
    """Replace the instance's tags."""
    with session.writer() as s:
        _get(s, uuid)
        s.execute(sa.delete(models.InstanceTag).filter_by(
            instance_uuid=uuid))
        for tag in sorted(set(tags)):
            s.add(models.InstanceTag(instance_uuid=uuid, tag=tag))
        return sorted(set(tags))


def tag_add(uuid, tag, max_tags=50):
    with session.writer() as s:
        _get(s, uuid)
        if s.get(models.InstanceTag, (uuid, tag)) is None:
            count = s.scalar(sa.select(sa.func.count()).select_from(
                models.InstanceTag).filter_by(instance_uuid=uuid))
            if count >= max_tags:
                raise exception.TooManyTags(max=max_tags)
            s.add(models.InstanceTag(instance_uuid=uuid, tag=tag))
            return True
        return False


def tag_delete(uuid, tag):
    with session.writer() as s:
        _get(s, uuid)
        row = s.get(models.InstanceTag, (uuid, tag))
        if row is None:
            raise exception.TagNotFound(tag=tag, instance_id=uuid)
        s.delete(row)


def _column_matches(rows, column, pattern):
    import re
    try:
        regex = re.compile(pattern)
    except re.error:
        return [r for r in rows if getattr(r, column) == pattern]
    return [r for r in rows if regex.search(getattr(r, column) or '')]


def _name_matches(rows, pattern):
    import re
    try:
        regex = re.compile(pattern)
    except re.error:
        return [r for r in rows if r.display_name == pattern]
    return [r for r in rows if regex.search(r.display_name or '')]


def metadata_update(uuid, values, replace=False):
    with session.writer() as s:
        _get(s, uuid)
        return keyvalue.merge(s, models.InstanceMetadata, 'instance_uuid',
                              uuid, values, replace=replace)


def metadata_delete(uuid, key):
    with session.writer() as s:
        row = s.get(models.InstanceMetadata, (uuid, key))
        if row is None:
            raise exception.MetadataItemNotFound(key=key)
        s.delete(row)


def _fault_row(uuid, code, message, details=None, host=None):
    return models.InstanceFault(instance_uuid=uuid, code=code,
                                message=message[:255], details=details,
                                host=host)


def fault_create(uuid, code, message, details=None, host=None):
    with session.writer() as s:
        s.add(_fault_row(uuid, code, message, details, host))


def fault_get_latest(uuid):
    with session.reader() as s:
        fault = s.scalars(sa.select(models.InstanceFault).filter_by(
            instance_uuid=uuid).order_by(
            models.InstanceFault.id.desc())).first()
        return fault.to_dict() if fault else None
