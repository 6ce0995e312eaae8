"""Aggregates in scheduling: a host's zone and metadata come from its
aggregates (host_manager), AvailabilityZoneFilter keeps the hosts of the
requested zone, AggregateInstanceExtraSpecsFilter matches flavor extra
specs against aggregate metadata as nova's does."""
from stratus.db import session
from stratus.db.api import aggregates
from stratus.scheduler import filters
from stratus.scheduler import host_manager


def _load():
    with session.reader() as s:
        return {h.host: h for h in host_manager.load(s)}


def test_zone_and_metadata_from_aggregates(rows, make_spec):
    rows.add_compute('compute1', az='nova')
    rows.add_compute('compute2', az='nova')
    agg = aggregates.create('a1', 'london')
    aggregates.add_host(agg['id'], 'compute1')
    aggregates.update(agg['id'], metadata={'ssd': 'true'})
    hosts = _load()
    assert hosts['compute1'].availability_zone == 'london'
    assert hosts['compute1'].aggregate_metadata == {
        'availability_zone': {'london'}, 'ssd': {'true'}}
    assert hosts['compute2'].availability_zone == 'nova'
    zone_filter = filters.load(['AvailabilityZoneFilter'])[0]
    spec = make_spec(availability_zone='london')
    assert zone_filter.check(hosts['compute1'], spec)[0]
    passed, reason = zone_filter.check(hosts['compute2'], spec)
    assert not passed and reason == 'in availability zone nova, london ' \
        'requested'
    assert zone_filter.check(hosts['compute2'], make_spec())[0]


def _passes(make_host, make_spec, metadata, specs):
    host = make_host()
    host.aggregate_metadata = metadata
    spec = make_spec(flavor={'extra_specs': specs})
    return filters.load(['AggregateInstanceExtraSpecsFilter'])[0].check(
        host, spec)[0]


def test_extra_specs_against_aggregate_metadata(make_host, make_spec):
    meta = {'ssd': {'true'}, 'cpus': {'8'}}
    assert _passes(make_host, make_spec, meta, {})
    assert _passes(make_host, make_spec, meta, {'ssd': 'true'})
    assert _passes(make_host, make_spec, meta, {
        'aggregate_instance_extra_specs:ssd': 'true'})
    assert not _passes(make_host, make_spec, meta, {'ssd': 'false'})
    assert not _passes(make_host, make_spec, {}, {'ssd': 'true'})
    assert _passes(make_host, make_spec, {}, {'hw:cpu_policy': 'dedicated'})
    assert _passes(make_host, make_spec, meta, {
        'aggregate_instance_extra_specs:cpus': '>= 4'})
    assert not _passes(make_host, make_spec, meta, {
        'aggregate_instance_extra_specs:cpus': '>= 16'})
    assert _passes(make_host, make_spec, meta, {'ssd': '<in> tru'})
