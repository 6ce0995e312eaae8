"""/servers/{id}/os-instance-actions (stub: being written)."""
from pecan import rest


class InstanceActionsController(rest.RestController):
    pass
