"""QoS specs (cinder quality_of_service_specs)."""
__all__ = []
