"""Key/value metadata tables (server, volume, snapshot metadata): one
merge-or-replace used by all of them."""
import sqlalchemy as sa


def merge(s, model, owner, owner_id, metadata, replace=False):
    """Set `metadata` on the rows of `model` where `owner` == owner_id;
    with `replace`, keys not in `metadata` go. Returns the result."""
    current = {m.key: m for m in s.scalars(sa.select(model).where(
        getattr(model, owner) == owner_id))}
    if replace:
        for key, item in current.items():
            if key not in metadata:
                s.delete(item)
    for key, value in metadata.items():
        if key in current:
            current[key].value = value
        else:
            s.add(model(**{owner: owner_id, 'key': key, 'value': value}))
    s.flush()
    if replace:
        return dict(metadata)
    result = {key: item.value for key, item in current.items()}
    result.update(metadata)
    return result
