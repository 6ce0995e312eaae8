"""The compare-and-swap update of a row, as the block-storage state
machines use it: change it only while it still shows what the caller
expects (another request may have moved it since the caller looked)."""
from stratus.db import models


def matches(row, expected):
    """Whether `row` shows, for each column of `expected`, that value or
    one of that tuple/list/set of values."""
    for column, wanted in (expected or {}).items():
        allowed = wanted if isinstance(wanted, (list, tuple, set)) \
            else (wanted,)
        if getattr(row, column) not in allowed:
            return False
    return True


def apply(s, row, values, expected=None):
    """Set `values` on `row` when it matches `expected` (updated_at
    too, flushed); False, changing nothing, when it does not."""
    if not matches(row, expected):
        return False
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = models.utcnow()
    s.flush()
    return True
