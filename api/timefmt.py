"""Time formats the upstream APIs use in response bodies."""


def iso_us(value):
    """2012-10-29T13:42:02.000000 (nova/cinder service and volume times)."""
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def iso_z(value):
    """2012-10-29T13:42:02Z (server and image times)."""
    return value.strftime('%Y-%m-%dT%H:%M:%SZ') if value else None


def iso_us_z(value):
    """2015-08-27T09:49:58.000000Z (keystone token times)."""
    return value.strftime('%Y-%m-%dT%H:%M:%S.%fZ') if value else None
