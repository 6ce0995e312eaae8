"""The error modules that stratus.common.exception re-exports must not
define the same name twice: the one imported last would silently replace
the other (a block-storage group's 404 once became keystone's)."""
import ast
import os

import stratus

MODULES = ('exception', 'volume_exceptions', 'image_exceptions',
           'identity_exceptions', 'compute_exceptions')


def _classes(name):
    path = os.path.join(os.path.dirname(stratus.__file__), 'common',
                        name + '.py')
    with open(path) as f:
        tree = ast.parse(f.read())
    return {node.name for node in tree.body
            if isinstance(node, ast.ClassDef)}


def test_no_error_class_is_defined_twice():
    seen = {}
    clashes = []
    for module in MODULES:
        for name in _classes(module):
            if name in seen:
                clashes.append((name, seen[name], module))
            seen[name] = module
    assert clashes == []
