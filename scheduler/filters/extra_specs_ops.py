"""Matching a volume type's extra spec value against a reported
capability, with cinder's operators: ``<is> True``, ``<in> x``,
``<or> a <or> b``, ``<all-in> a b``, numeric ``=`` (at least), ``==``,
``!=``, ``>=``, ``<=``, and string ``s==``, ``s!=``, ``s<``, ``s<=``,
``s>``, ``s>=``. A value without an operator must equal the capability
as a string."""
import operator

from oslo_utils import strutils

_NUMERIC = {'=': operator.ge, '==': operator.eq, '!=': operator.ne,
            '>=': operator.ge, '<=': operator.le}
_STRING = {'s==': operator.eq, 's!=': operator.ne, 's<': operator.lt,
           's<=': operator.le, 's>': operator.gt, 's>=': operator.ge}


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def match(value, req):
    """Whether capability `value` satisfies extra spec `req`."""
    if req is None:
        return False
    words = str(req).split()
    if not words:
        return str(value) == str(req)
    op, args = words[0], words[1:]
    if op == '<is>':
        return bool(args) and (strutils.bool_from_string(value) ==
                               strutils.bool_from_string(args[0]))
    if op == '<in>':
        return bool(args) and args[0] in str(value)
    if op == '<all-in>':
        if not isinstance(value, (list, tuple, set)):
            value = str(value).split()
        return all(arg in value for arg in args)
    if op == '<or>':
        choices = [w for w in words if w != '<or>']
        return str(value) in choices
    if op in _NUMERIC:
        left, right = _number(value), _number(args[0]) if args else None
        return left is not None and right is not None and \
            _NUMERIC[op](left, right)
    if op in _STRING:
        return bool(args) and _STRING[op](str(value), args[0])
    return str(value) == str(req)
