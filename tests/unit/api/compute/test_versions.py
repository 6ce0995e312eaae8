"""The compute microversion list: one entry per version from 2.1 to 2.104,
each with its comment; the advertised maximum is one of them."""
from stratus.api.compute import versions


def test_every_version_is_listed_once_with_a_comment():
    listed = [version for version, _comment in versions.VERSIONS]
    assert listed == [(2, minor) for minor in range(1, 105)]
    assert all(comment.strip() for _version, comment in versions.VERSIONS)
    assert versions.MIN == listed[0] and versions.MAX == listed[-1] == (2, 104)


def test_the_version_document_advertises_max(compute_v):
    doc = compute_v.get('/compute/v2.1/').json['version']
    assert (doc['version'], doc['min_version']) == ('2.104', '2.1')
    resp = compute_v.get('/compute/v2.1/flavors', version='2.104')
    assert resp.headers['OpenStack-API-Version'] == 'compute 2.104'
    assert compute_v.get('/compute/v2.1/flavors',
                         version='2.105').status_int == 406
