"""Plain data for RPC payloads and flow stores: datetimes become ISO
strings so what crosses the bus is exactly what arrives."""
import datetime


def to_primitive(value):
    if isinstance(value, dict):
        return {k: to_primitive(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_primitive(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value
