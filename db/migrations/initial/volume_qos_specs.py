"""Revision 0001, block storage: QoS specs (cinder quality_of_service_specs)."""


def create():
    pass
