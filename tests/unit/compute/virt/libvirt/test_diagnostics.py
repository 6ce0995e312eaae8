"""Diagnostics of a libvirt guest from the domain's own statistics (the
test driver's figures): the driver's flat dict and the standardized view
with the keys of the 2.48 schema."""
from support import schemas

from stratus.compute import diagnostics


def test_legacy_figures(drv, spawned):
    figures = drv.get_diagnostics(spawned)
    assert figures['memory'] == 96 * 1024
    assert 'cpu0_time' in figures
    assert 'vda_read' in figures and 'vda_errors' in figures


def test_standard_view(drv, spawned):
    figures = diagnostics.standard(drv, spawned)
    assert set(figures) == set(diagnostics.FIELDS)
    assert (figures['driver'], figures['hypervisor'], figures['state'],
            figures['num_cpus'], figures['num_disks']) == (
        'libvirt', 'qemu', 'running', 1, len(figures['disk_details']))
    assert figures['memory_details']['maximum'] == 96
    schema = schemas.compute('servers', '2.48').show_server_diagnostics
    import jsonschema
    jsonschema.validate(figures, schema['response_body'],
                        cls=schemas.VALIDATOR,
                        format_checker=schemas.FORMAT_CHECKER)
