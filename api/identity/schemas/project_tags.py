"""Keystone's project tag rules: at most 255 characters, no '/' or ','
(the API-WG tag guideline), at most 80 distinct tags a project.

`tag` and `tag_list` are checked by keystone's older validator, whose
messages quote the schema: same keys, same order as keystone's."""

tag = {'type': 'string', 'minLength': 1, 'maxLength': 255,
       'pattern': '^[^,/]*$'}
tag_list = {'type': 'array', 'items': tag, 'required': [], 'maxItems': 80,
            'uniqueItems': True}
# PUT /v3/projects/{id}/tags: the body by the newer validator (`tags` is
# optional there), then the list by the older one.
tags_replace = {'type': 'object',
                'properties': {'tags': {'type': 'array', 'items': tag}},
                'additionalProperties': False}
