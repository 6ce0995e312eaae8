"""os-simple-tenant-usage query strings: paging from 2.40, strict from
2.75 (nova's index_query/show_query and their v240/v275 forms)."""
from stratus.api.compute import query


def usage_query(version, detailed):
    properties = {'start': query.multi({'type': 'string'}),
                  'end': query.multi({'type': 'string'})}
    if detailed:
        properties['detailed'] = query.multi({'type': 'string'})
    if version >= (2, 40):
        properties['limit'] = query.multi(query.NON_NEGATIVE_INT)
        properties['marker'] = query.multi({'type': 'string'})
    return query.schema(properties, strict=version >= (2, 75))
