"""/volume/v3/qos-specs: QoS specs and their association with volume types."""
from pecan import rest


class QosSpecsController(rest.RestController):
    """Not yet served: every request answers 404."""
