"""Tags of projects: read in bulk for project bodies, replaced whole or
one at a time, and matched by the project list's tag filters."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import identity

_TAG = models.ProjectTag


def tags_by_project(project_ids):
    """{project id: [tag, ...]} (in stored order) for the given ids."""
    result = {pid: [] for pid in project_ids}
    if not project_ids:
        return result
    with session.reader() as s:
        for pid, name in s.execute(sa.select(_TAG.project_id, _TAG.name).where(
                _TAG.project_id.in_(list(project_ids))).order_by(_TAG.name)):
            result[pid].append(name)
    return result


def tag_list(project_id):
    identity.project_get(project_id)
    return tags_by_project([project_id])[project_id]


def replace(project_id, tags):
    """The project's tags become `tags` (keystone strips each one)."""
    tags = list(dict.fromkeys(t.strip() for t in tags))
    with session.writer() as s:
        if s.get(models.Project, project_id) is None:
            raise exception.ProjectNotFound(project_id)
        s.execute(sa.delete(_TAG).where(_TAG.project_id == project_id))
        for name in tags:
            s.add(_TAG(project_id=project_id, name=name))
    return tags


def check(project_id, tag):
    if tag not in tag_list(project_id):
        raise exception.ProjectTagNotFound(project_tag=tag)


def delete(project_id, tag):
    with session.writer() as s:
        if s.get(models.Project, project_id) is None:
            raise exception.ProjectNotFound(project_id)
        row = s.get(_TAG, (project_id, tag))
        if row is None:
            raise exception.ProjectTagNotFound(project_tag=tag)
        s.delete(row)


def matching_ids(all_of=None, any_of=None, none_of_all=None,
                 none_of_any=None):
    """Ids of the projects passing every given tag filter (each a list):
    having all of `all_of`, any of `any_of`, not all of `none_of_all`,
    none of `none_of_any`."""
    with session.reader() as s:
        tagged = {}
        for pid, name in s.execute(sa.select(_TAG.project_id, _TAG.name)):
            tagged.setdefault(pid, set()).add(name)
        ids = set(s.scalars(sa.select(models.Project.id)))
    result = set()
    for pid in ids:
        tags = tagged.get(pid, set())
        if all_of is not None and not set(all_of) <= tags:
            continue
        if any_of is not None and not set(any_of) & tags:
            continue
        if none_of_all is not None and set(none_of_all) <= tags:
            continue
        if none_of_any is not None and set(none_of_any) & tags:
            continue
        result.add(pid)
    return result
