"""Volume transfers."""
__all__ = []
