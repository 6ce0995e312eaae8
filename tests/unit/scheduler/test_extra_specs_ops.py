"""Extra spec operators, as cinder's extra_specs_ops reads them."""
import pytest

from stratus.scheduler.filters import extra_specs_ops


@pytest.mark.parametrize('value,req,ok', [
    ('lvm', 'lvm', True), ('lvm', 'LVM', False), (True, 'True', True),
    (True, '<is> True', True), ('true', '<is> True', True),
    (False, '<is> True', False), ('abc', '<in> b', True),
    ('abc', '<in> x', False), (['a', 'b'], '<all-in> a b', True),
    (['a'], '<all-in> a b', False), ('gold', '<or> gold <or> silver', True),
    ('bronze', '<or> gold <or> silver', False), (100, '= 50', True),
    (10, '= 50', False), (100, '== 100', True), (100, '!= 100', False),
    (100, '>= 100', True), (100, '<= 99', False), ('b', 's> a', True),
    ('b', 's< a', False), ('b', 's== b', True), ('b', 's!= b', False),
    ('b', 's>= b', True), ('a', 's<= b', True), ('x', '= 5', False),
    ('x', None, False),
])
def test_match(value, req, ok):
    assert extra_specs_ops.match(value, req) is ok
