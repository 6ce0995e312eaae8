"""The hostile corpus in-process: every documented route of every surface
with bad ids, wrong methods, missing path parts, malformed bodies, bad
headers and odd query strings. No answer is a 5xx, none carries traceback
text, every refusal is in the surface's fault dialect, none is slow.

STRATUS_HOSTILE_SEED and STRATUS_HOSTILE_SCALE (0..1, default 1) replay or
thin the corpus."""
import os

import pytest

from . import corpus

SEED = int(os.environ.get('STRATUS_HOSTILE_SEED', '15'))
SCALE = float(os.environ.get('STRATUS_HOSTILE_SCALE', '1'))
FAMILIES = ('documented', 'method', 'id', 'missing', 'trailing', 'double',
            'body', 'header', 'query')


@pytest.fixture(scope='module')
def cases(inprocess):
    return list(corpus.generate(inprocess.ids, inprocess.token, SEED,
                                SCALE))


# Routes whose answer comes from a daemon over RPC: none runs in this
# process (the HTTP test covers them against a real cloud).
NEEDS_A_DAEMON = ('/scheduler-stats/get_pools',)


def _run(client, cases):
    found = []
    for case in cases:
        if any(part in case.path for part in NEEDS_A_DAEMON):
            continue
        status, content_type, body, elapsed = client.raw(case)
        for problem in corpus.violations(case, status, content_type, body,
                                         elapsed):
            found.append('%s -> %d: %s' % (case.describe(), status, problem))
    return found


def test_the_corpus_covers_every_surface_and_family(cases):
    surfaces = {case.surface for case in cases}
    families = {case.family.split('-')[0] for case in cases}
    assert surfaces == set(corpus.SURFACES)
    assert families == set(FAMILIES)
    assert len(corpus.routes()) > 300
    assert len(cases) > 1000 * SCALE


@pytest.mark.parametrize('family', FAMILIES)
@pytest.mark.parametrize('surface', sorted(corpus.SURFACES))
def test_no_5xx_no_traceback_fault_dialect(inprocess, cases, surface,
                                           family):
    mine = [case for case in cases if case.surface == surface and
            case.family.split('-')[0] == family and case.lane is None]
    found = _run(inprocess, mine)
    assert not found, '%d of %d cases:\n%s' % (
        len(found), len(mine), '\n'.join(found[:40]))


def test_undecodable_and_overflowing_input(inprocess, cases):
    """Undecodable paths and bodies, lone surrogates, integer overflow,
    bidi characters: answered by api/middleware/request_guard.py and the
    database's lookups, 4xx like every other case."""
    mine = [case for case in cases if case.lane is not None]
    assert mine
    found = _run(inprocess, mine)
    assert not found, '%d of %d cases:\n%s' % (
        len(found), len(mine), '\n'.join(found[:40]))
