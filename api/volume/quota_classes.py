"""/volume/v3/os-quota-class-sets: default quotas per class."""
from pecan import rest


class QuotaClassesController(rest.RestController):
    """Not yet served: every request answers 404."""
