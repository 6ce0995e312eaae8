"""Keystone's project tag rules: at most 255 characters, no '/' or ','
(the API-WG tag guideline), at most 80 distinct tags a project."""

tag = {'type': 'string', 'minLength': 1, 'maxLength': 255,
       'pattern': '^[^,/]*$'}
tag_list = {'type': 'array', 'items': tag, 'maxItems': 80,
            'uniqueItems': True}
tags_replace = {'type': 'object', 'properties': {'tags': tag_list},
                'required': ['tags'], 'additionalProperties': False}
