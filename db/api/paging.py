"""One page of an ordered list of rows: after the row whose key is
`marker`, skipping `offset`, at most `limit` (the API's paging)."""
from stratus.common import exception


def page(rows, marker=None, limit=None, offset=None, key='id',
         missing=exception.MarkerNotFound):
    rows = list(rows)
    if marker is not None:
        keys = [getattr(row, key) for row in rows]
        if marker not in keys:
            raise missing(marker=marker)
        rows = rows[keys.index(marker) + 1:]
    if offset:
        rows = rows[offset:]
    if limit is not None:
        rows = rows[:limit]
    return rows
