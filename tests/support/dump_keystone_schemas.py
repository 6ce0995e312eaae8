"""Dump keystone's published response-body schemas as JSON.

Runs with the python of the side virtualenv that holds the keystone
release (tests/run.sh installs it; keystone's own dependencies clash with
stratus's constraints, so it cannot live in the test venv). It builds
keystone's flask app the way keystone's WSGI factory does, walks every URL
rule, and for each HTTP method whose resource method carries
`@validation.response_body_schema(...)` records the schema:

    {"GET /v3/projects/<project_id>": {...schema...}, ...}

Usage: python dump_keystone_schemas.py OUTPUT.json
Nothing here is stratus code; the schemas stay upstream data.
"""
import json
import re
import sys


def _app():
    import flask
    import keystone.conf
    from keystone.server.flask import application
    # Building the blueprints reads options (e.g. the URL prefix); parse
    # an empty command line so they have their defaults.
    keystone.conf.CONF([], project='keystone', default_config_files=[])
    app = flask.Flask('keystone-schema-dump')
    for module in application.__apis__:
        for api in module.APIs:
            api.instantiate_and_register_to_app(app)
    return app


def _template(rule):
    # '<string:project_id>' and '<project_id>' both become '<project_id>'.
    path = re.sub(r'<(?:[a-z_]+:)?([A-Za-z0-9_]+)>', r'<\1>', rule)
    if not path.startswith('/v3'):
        path = '/v3' + path
    return path


def dump(app):
    found = {}
    for rule in app.url_map.iter_rules():
        view = app.view_functions.get(rule.endpoint)
        cls = getattr(view, 'view_class', None)
        if cls is None:
            continue
        for method in sorted(rule.methods or ()):
            func = getattr(cls, method.lower(), None)
            schema = getattr(func, '_response_body_schema', None)
            if schema is None:
                continue
            found['%s %s' % (method, _template(rule.rule))] = schema
    return found


def main(argv):
    out = argv[1]
    found = dump(_app())
    with open(out + '.tmp', 'w') as f:
        json.dump(found, f, indent=1, sort_keys=True, default=str)
    import os
    os.replace(out + '.tmp', out)
    print('%d response schemas written to %s' % (len(found), out))


if __name__ == '__main__':
    main(sys.argv)
