"""Volume type encryption."""
__all__ = []
